from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class ConsultationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def with_counts(self):
        published = Q(contributions__status="published")
        return self.annotate(
            contribution_count=Count("contributions", filter=published, distinct=True),
            participant_count=Count("contributions__author", filter=published, distinct=True),
            chapter_count=Count("chapters", distinct=True),
        )


class ContributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status="published")

    def visible(self):
        """What the public sees: published ones; hidden or withdrawn ones as a short notice."""
        return self.filter(status__in=["published", "hidden", "withdrawn"])

    def visible_to(self, user):
        """What this user sees: what the public sees, and their own contributions awaiting
        moderation (a priori, or held for personal data or flags), marked as such."""
        shown = Q(status__in=["published", "hidden", "withdrawn"])
        if user is not None and user.is_authenticated:
            shown |= Q(status="pending", author=user)
        return self.filter(shown)

    def top_level(self):
        return self.filter(parent__isnull=True)
