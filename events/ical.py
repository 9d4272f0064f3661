"""iCalendar (RFC 5545) for one event or a feed of events, with Europe/Paris time zone data.

A feed is written event by event (`calendar_chunks`), so a long one can be streamed: the
calendar's head (properties and time zone) first, then one VEVENT per event, then its end."""

import functools
from collections.abc import Iterable, Iterator

from django.utils import timezone
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from esante.links import absolute_url

PRODID = "-//DNS//Concertation e-santé//FR"
TZID = "Europe/Paris"
END = b"END:VCALENDAR\r\n"


@functools.cache
def _timezone_component() -> bytes:
    # Every event is written in Europe/Paris local time: one VTIMEZONE, the same for every
    # calendar (its rules from 1970 to 2038, as Calendar.add_missing_timezones writes them), and
    # computing its transitions costs more than a dozen events: computed once per process.
    return Timezone.from_tzid(TZID).to_ical()


def _head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TZID)
    return calendar.to_ical().removesuffix(END) + _timezone_component()


def _vevent(event, *, now) -> bytes:
    vevent = VEvent()
    vevent.add("uid", f"evenement-{event.pk}@concertation-esante")
    vevent.add("dtstamp", now)
    vevent.add("dtstart", timezone.localtime(event.starts_at))
    vevent.add("dtend", timezone.localtime(event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("description", event.summary)
    location = ", ".join(p for p in (event.venue, event.address, event.city) if p)
    if location:
        vevent.add("location", location)
    vevent.add("url", absolute_url(event.get_absolute_url()))
    vevent.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    vevent.add("last-modified", event.updated_at)
    return vevent.to_ical()


def calendar_chunks(events: Iterable, *, name: str) -> Iterator[bytes]:
    """The calendar in pieces, for a StreamingHttpResponse: `events` is read lazily."""
    yield _head(name)
    now = timezone.now()
    for event in events:
        yield _vevent(event, now=now)
    yield END


def build_calendar(events: Iterable, *, name: str) -> bytes:
    return b"".join(calendar_chunks(events, name=name))
