from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from esante.models import Region

from .models import Event, Registration


def public_events() -> QuerySet[Event]:
    return Event.objects.published().select_related("region")


def event_get(*, slug: str) -> Event:
    return get_object_or_404(
        public_events()
        .with_seats()
        .prefetch_related(
            "agenda",
            "speakers",
            "documents",
            "personas",
            Prefetch("programmes"),
        ),
        slug=slug,
    )


def region_event_counts() -> list[Region]:
    """Every region with its numbers of upcoming and past public events (the map)."""
    now = timezone.now()
    public = Q(events__status__in=["published", "cancelled"])
    return list(
        Region.objects.annotate(
            upcoming_count=Count("events", filter=public & Q(events__ends_at__gte=now)),
            past_count=Count("events", filter=public & Q(events__ends_at__lt=now)),
        ).order_by("name")
    )


def registration_of(*, event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(email__iexact=user.email)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
