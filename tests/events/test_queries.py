"""Every public page of the events runs as many queries with 2 as with 12 of what it shows (the
list, paginated, also with 5 and 45 events: several pages)."""

import pytest

from tests.events.factories import (
    AgendaItemFactory,
    EventDocumentFactory,
    EventFactory,
    PersonaFactory,
    RegistrationFactory,
    SpeakerFactory,
)
from tests.roadmap.factories import ProgrammeFactory

REGIONS = ["normandie", "bretagne", "occitanie"]


def grow_events(n):
    """Upcoming, past and cancelled events across regions, each with a registration."""
    for i in range(n):
        event = EventFactory(
            days=[10, -10, 20][i % 3],
            region_slug=REGIONS[i % 3],
            status="cancelled" if i % 4 == 3 else "published",
            kind=["tour_stop", "workshop", "webinar"][i % 3],
        )
        RegistrationFactory(event=event)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        # The page's count, its events, the region counts of the map, the regions of the filter.
        ("/evenements/", 4),
        ("/evenements/?region=normandie&type=tour_stop", 5),
        ("/evenements/calendrier.ics", 1),
        ("/evenements/calendrier.ics?region=normandie", 2),
    ],
)
def test_event_lists_and_feeds_queries_do_not_grow(client, db, assert_flat_queries, url, most):
    assert_flat_queries(url, grow_events, most=most)


@pytest.mark.parametrize("url", ["/evenements/", "/evenements/?page=2&periode=passes"])
def test_event_list_queries_do_not_grow_with_pages(client, db, assert_flat_queries, url):
    assert_flat_queries(url, grow_events, most=4, sizes=(5, 45))


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
@pytest.mark.parametrize("page", ["", "evenement.ics"])
def test_event_page_queries_do_not_grow(client, user, assert_flat_queries, signed_in, page):
    """Its agenda, speakers, documents, profiles, programmes and registrations."""
    event = EventFactory(capacity=100)
    if signed_in:
        client.force_login(user)
        RegistrationFactory(event=event, user=user, email=user.email)

    def grow(n):
        for model in (AgendaItemFactory, SpeakerFactory, EventDocumentFactory, PersonaFactory):
            model.create_batch(n, event=event)
        event.programmes.add(*ProgrammeFactory.create_batch(n))
        RegistrationFactory.create_batch(n, event=event)

    # Signed in: the session and the user (read on every request since issue 15: staff must
    # have passed MFA), and on the page their registration.
    most = (9 if not page else 8) if signed_in else 6
    response = assert_flat_queries(event.get_absolute_url() + page, grow, most=most)
    if not page:
        assert response.content.decode().count("Intervenant ") >= 12
