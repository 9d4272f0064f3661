"""iCalendar (RFC 5545) for one event or a feed of events, with Europe/Paris time zone data."""

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from esante.links import absolute_url

PRODID = "-//DNS//Concertation e-santé//FR"


def build_calendar(events, *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    now = timezone.now()
    for event in events:
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
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
