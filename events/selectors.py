import datetime
from collections.abc import Iterator

from django.db.models import Case, Count, F, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from esante.models import Region

from .models import Event, Registration

# How far back the calendar feed goes: a subscriber's agenda keeps the past year; older events
# stay on the site, and the feed does not grow with the years (issue 16).
CALENDAR_PAST = datetime.timedelta(days=366)

# What a list or a feed never shows, and can be long.
LONG_TEXTS = ("body", "report", "results")


def public_events() -> QuerySet[Event]:
    return Event.objects.published().select_related("region")


def upcoming_first(events: QuerySet[Event], *, now: datetime.datetime) -> QuerySet[Event]:
    """Upcoming events first, the soonest first, then past ones, the latest first: what a
    visitor of an agenda expects, the past reachable by paging on (or with the « période »
    filter). Events that have started and not ended are upcoming, as on the event's page."""
    return events.defer(*LONG_TEXTS).order_by(
        Case(When(ends_at__lt=now, then=Value(1)), default=Value(0)),
        # NULL for every past event: among them, the next key decides.
        Case(When(ends_at__gte=now, then=F("starts_at"))).asc(nulls_last=True),
        F("starts_at").desc(),
        "pk",
    )


def calendar_events(*, region: Region | None = None, now=None) -> QuerySet[Event]:
    """The events of the calendar feed: upcoming ones and those of the past year, by date."""
    now = now or timezone.now()
    events = Event.objects.published().filter(ends_at__gte=now - CALENDAR_PAST)
    if region is not None:
        events = events.filter(region=region)
    return events.defer(*LONG_TEXTS).order_by("starts_at", "pk")


def following_events(events: QuerySet[Event], *, after: Event, size: int = 200) -> Iterator[Event]:
    """The events of `events` (ordered by date, as calendar_events) after `after`, read by
    batches of `size`, each an ordinary query resuming from the last event read (keyset).

    Not QuerySet.iterator(): on PostgreSQL it holds a server-side cursor while the response is
    streamed, and one abandoned half-read (a client that hung up) is closed by the garbage
    collector whenever it runs, possibly in the middle of another query of the same connection:
    psycopg's connection lock is not reentrant and the process hangs (seen while measuring)."""
    while True:
        batch = list(
            events.filter(
                Q(starts_at__gt=after.starts_at) | Q(starts_at=after.starts_at, pk__gt=after.pk)
            )[:size]
        )
        yield from batch
        if len(batch) < size:
            return
        after = batch[-1]


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
    """Every region with its numbers of upcoming and past public events (the map and its table):
    one aggregate query, whatever the number of events."""
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
