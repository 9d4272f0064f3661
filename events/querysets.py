from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class EventQuerySet(models.QuerySet):
    def published(self):
        """Public events: published, and cancelled ones (shown as cancelled)."""
        return self.filter(status__in=["published", "cancelled"])

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def for_editor(self, user):
        """What a staff member may manage: every region for DNS, their own regions for ARS."""
        from esante.rules import is_dns_team

        if is_dns_team(user):
            return self
        return self.filter(region__in=user.editor_regions.all())

    def with_seats(self):
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status="confirmed")),
            waitlist_count=Count("registrations", filter=Q(registrations__status="waitlisted")),
        )
