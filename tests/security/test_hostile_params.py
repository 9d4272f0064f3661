"""Finding 8 of issue 15: hostile query parameters answered 500. Each now gets a 4xx or the
page as if the parameter were absent."""

import pytest
from django.urls import reverse

from tests.concertation.factories import ChapterFactory
from tests.events.factories import EventFactory


@pytest.mark.parametrize(
    "url",
    [
        "/evenements/calendrier.ics?region=%00",
        "/evenements/?region=%00",
        "/recherche/?q=%00",
        "/evenements/?mois=%00",
    ],
)
def test_a_nul_byte_in_a_public_query_is_no_500(client, db, url):
    assert client.get(url).status_code < 500


def test_a_nul_byte_in_an_admin_query_is_a_400(dns_client):
    response = dns_client.get("/admin/events/event/?status=%00")
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()


def test_region_of_the_calendar_must_look_like_a_slug(client, db):
    assert client.get("/evenements/calendrier.ics?region=..%2F..%2Fetc").status_code == 404
    assert client.get("/evenements/calendrier.ics?region=normandie").status_code == 200


@pytest.mark.parametrize(
    "month", ["0000-01", "0001-01", "9999-12", "\uff12\uff10\uff12\uff16-01", "2026-13"]
)
def test_an_impossible_month_is_said_not_a_500(client, db, month):
    EventFactory()
    response = client.get(reverse("events:event_list"), {"mois": month})
    assert response.status_code == 200


@pytest.mark.parametrize("version", ["²", "¹", "٣", "1" * 40, "-1", "1e3"])
def test_a_strange_version_shows_the_current_text(client, db, version):
    chapter = ChapterFactory()
    assert client.get(chapter.get_absolute_url(), {"version": version}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "status=%00",
        "starts_at__year=99999999999999999999",
        "starts_at__year=2026&starts_at__month=99999999999999999999",
        "starts_at__year=%C2%B2",
        "region__id__exact=99999999999999999999",
    ],
)
def test_admin_event_list_with_hostile_filters(dns_client, query):
    response = dns_client.get(f"/admin/events/event/?{query}")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "url",
    [
        "/admin/concertation/contribution/?status=%00",
        "/admin/concertation/moderationlog/?created_at__year=99999999999999999999",
        "/admin/events/registration/?status=%00",
    ],
)
def test_admin_lists_with_hostile_filters(dns_client, url):
    assert dns_client.get(url).status_code < 500
