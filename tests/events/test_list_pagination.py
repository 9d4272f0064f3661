"""The event list at national scale (issue 16): paginated, upcoming first, filters kept from page
to page, its map counted in one query; the calendar feed bounded and streamed when long."""

import datetime
import re

import pytest
import time_machine
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from esante.models import Region
from events import selectors, views
from events.models import Event
from tests.events.factories import EventFactory, RegistrationFactory

LIST = "/evenements/"


def titles(response, key):
    return [e.title for e in response.context[key]]


def page_links(html):
    return re.findall(r'class="fr-pagination__link[^"]*" href="\?([^"]*)"', html)


@pytest.fixture
def twenty_five(db):
    """5 upcoming events (in 1 to 5 days) and 20 past ones (1 to 20 days ago)."""
    upcoming = [EventFactory(title=f"À venir {d}", days=d) for d in (3, 1, 5, 2, 4)]
    past = [EventFactory(title=f"Passé {d}", days=-d) for d in range(20, 0, -1)]
    return upcoming, past


def test_two_thousand_events_make_a_small_page(client, db):
    """2,000 events (and their registrations) made a 2.1 MB page; a page now shows 20."""
    regions = list(Region.objects.all())
    now = timezone.now()
    Event.objects.bulk_create(
        Event(
            kind=Event.Kind.WORKSHOP,
            title=f"Atelier citoyen n° {i} : le numérique en santé dans votre territoire",
            slug=f"atelier-{i}",
            region=regions[i % len(regions)],
            city="Rouen",
            venue="Hôtel de région",
            starts_at=now + datetime.timedelta(days=i - 1500, hours=1),
            ends_at=now + datetime.timedelta(days=i - 1500, hours=4),
            summary="Une rencontre avec les acteurs de la région sur la feuille de route. " * 4,
            status=Event.Status.PUBLISHED,
        )
        for i in range(2000)
    )
    response = client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 100_000, len(response.content)
    assert html.count('class="fr-card ') == views.EVENTS_PER_PAGE
    assert "Événements — page 1 sur 100 — " in html
    count = r'<p id="nombre-evenements">2(\s|&nbsp;)?000 événements, page 1 sur 100.</p>'
    assert re.search(count, html)
    last = client.get(LIST, {"page": 100})
    assert len(last.content) < 100_000
    assert "Atelier citoyen n° 0 :" in last.content.decode()  # the oldest, at the very end


def test_upcoming_first_then_past_across_pages(client, twenty_five):
    first = client.get(LIST)
    assert titles(first, "upcoming") == [f"À venir {d}" for d in (1, 2, 3, 4, 5)]
    assert titles(first, "past") == [f"Passé {d}" for d in range(1, 16)]
    second = client.get(LIST, {"page": 2})
    assert second.context["upcoming"] == []
    assert titles(second, "past") == [f"Passé {d}" for d in range(16, 21)]
    html = second.content.decode()
    assert ">À venir</h2>" not in html and ">Passés</h2>" in html
    assert "Événements — page 2 sur 2 — " in html


@pytest.mark.parametrize(
    ("period", "expected"),
    [("a-venir", [f"À venir {d}" for d in (1, 2, 3, 4, 5)]), ("passes", ["Passé 1", "Passé 2"])],
)
def test_a_period_filter_reaches_past_events_directly(client, twenty_five, period, expected):
    response = client.get(LIST, {"periode": period})
    shown = titles(response, "upcoming") + titles(response, "past")
    assert shown[: len(expected)] == expected
    assert len(shown) == (5 if period == "a-venir" else 20)
    assert response.context["page_obj"].paginator.count == (5 if period == "a-venir" else 20)


def test_pagination_keeps_the_filters_and_marks_the_current_page(client, db):
    for i in range(45):
        EventFactory(kind=Event.Kind.WORKSHOP, region_slug="bretagne", days=i + 1)
        EventFactory(kind=Event.Kind.WEBINAR, region_slug="bretagne", days=i + 1)
    EventFactory(kind=Event.Kind.WORKSHOP, region_slug="normandie", title="Ailleurs")
    query = {"region": "bretagne", "type": "workshop"}
    response = client.get(LIST, {**query, "page": 2})
    html = response.content.decode()
    shown = response.context["upcoming"]
    assert len(shown) == 20 and {(e.kind, e.region.slug) for e in shown} == {
        ("workshop", "bretagne")
    }
    assert "Événements — page 2 sur 3 — " in html
    assert '<a class="fr-pagination__link" aria-current="page" title="Page 2">2</a>' in html
    kept = "region=bretagne&amp;type=workshop&amp;page="
    links = page_links(html)
    assert links and all(link.startswith(kept) for link in links)
    assert {kept + "1", kept + "3"} <= set(links)
    assert 'aria-label="Pagination des événements"' in html
    # The filter form still shows the filters chosen.
    assert re.search(r'<option value="bretagne" selected>', html)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "\x00", "1e3", "²", "9" * 40, ""])
def test_a_hostile_page_number_shows_a_normal_page(client, db, page):
    EventFactory.create_batch(25)
    response = client.get(LIST, {"page": page})
    assert response.status_code == 200
    assert len(response.context["upcoming"]) in (20, 5)


def test_no_page_links_when_everything_fits(client, twenty_five):
    Event.objects.filter(title__startswith="Passé").delete()
    html = client.get(LIST).content.decode()
    assert "fr-pagination" not in html and "sur 1" not in html


def test_the_map_counts_lead_to_the_filtered_list(client, twenty_five):
    EventFactory(region_slug="bretagne", days=-3)
    response = client.get(LIST)
    html = response.content.decode()
    normandie = next(r for r in response.context["regions"] if r.slug == "normandie")
    assert (normandie.upcoming_count, normandie.past_count) == (5, 20)
    assert 'href="/evenements/?region=normandie&amp;periode=a-venir">5<' in html
    assert 'href="/evenements/?region=bretagne&amp;periode=passes">1<' in html
    assert "(événements passés, Bretagne)" in html
    # The regions page keeps its figures as text.
    assert "periode=passes" not in client.get("/regions/").content.decode()


def test_the_calendar_holds_upcoming_events_and_the_past_year(client, db):
    EventFactory(title="Dans un mois", days=30)
    EventFactory(title="Il y a six mois", days=-180)
    EventFactory(title="Il y a deux ans", days=-730)
    feed = Calendar.from_ical(client.get(reverse("events:calendar_feed")).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Il y a six mois", "Dans un mois"]
    # The event itself stays on the site, with its own calendar file.
    old = Event.objects.get(title="Il y a deux ans")
    assert client.get(old.get_absolute_url() + "evenement.ics").status_code == 200


def test_a_long_calendar_is_streamed_and_the_same(client, db, monkeypatch):
    for days in (1, 2, 3, 4, 5):
        RegistrationFactory(event=EventFactory(days=days))
    url = reverse("events:calendar_feed")
    with time_machine.travel(timezone.now(), tick=False):
        whole = client.get(url)
        monkeypatch.setattr(views, "FEED_IN_ONE_PIECE", 2)
        streamed = client.get(url)
        # Read while the clock is still stopped: the stream stamps its events (DTSTAMP) as it
        # is read.
        body = b"".join(streamed.streaming_content)
    assert not isinstance(whole, StreamingHttpResponse)
    assert isinstance(streamed, StreamingHttpResponse)
    assert streamed["Content-Type"] == "text/calendar; charset=utf-8"
    assert body == whole.content
    calendar = Calendar.from_ical(body)
    assert len(calendar.walk("VEVENT")) == 5 and len(calendar.walk("VTIMEZONE")) == 1


def test_a_streamed_calendar_reads_its_events_by_batches_in_date_order(
    db, django_assert_num_queries
):
    """Keyset batches (no server-side cursor left open by a client that hangs up), events at
    the same instant ordered by their key."""
    same_time = timezone.now() + datetime.timedelta(days=3)
    events = [EventFactory(days=d) for d in (9, 1, 7)]
    events += [EventFactory(starts_at=same_time) for _ in range(4)]
    feed = selectors.calendar_events()
    first, *expected = list(feed)
    assert len(expected) == 6
    with django_assert_num_queries(4):  # 6 events by 2: 3 full batches and an empty one
        assert list(selectors.following_events(feed, after=first, size=2)) == expected
