from django.db import models
from django.utils import timezone


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class NewsItemQuerySet(PublishedQuerySet):
    def published(self):
        return super().published().filter(published_on__lte=timezone.localdate())
