"""The HTTP side of /api/v1/: read-only, JSON errors in French, conditional GET, CORS, the
per-address rate limit (and what it does when the cache does not answer), and a fixed number
of queries a page whatever the data size."""

import logging

import pytest
from django.core.cache import cache
from django.utils import timezone

from concertation.models import OfficialAnswer
from tests.concertation.factories import ChapterFactory, ContributionFactory
from tests.events.factories import EventFactory
from tests.roadmap.factories import ActionFactory, MilestoneFactory

API = "/api/v1"


def test_read_only_everywhere(client, world):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(f"{API}/contributions/", content_type="application/json")
        assert response.status_code == 405, method
        assert "lecture seule" in response.json()["detail"]
    detail = f"{API}/contributions/{world.public[0].pk}/"
    assert client.delete(detail).status_code == 405
    assert client.head(detail).status_code == 200
    assert client.options(detail).status_code == 200


def test_no_session_no_cookie_no_csrf(client, world, user):
    client.force_login(user)
    response = client.get(f"{API}/contributions/")
    assert response.status_code == 200
    assert not response.cookies
    assert "private" not in response.headers["Cache-Control"]


def test_french_whatever_the_language_asked(client, world):
    response = client.get(f"{API}/consultations/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["state_label"] == "Ouverte"
    assert response.headers["Content-Language"] == "fr"


def test_json_whatever_the_accept_header(client, world):
    response = client.get(f"{API}/consultations/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"


def test_etag_and_304(client, world):
    url = f"{API}/contributions/"
    first = client.get(url)
    etag = first.headers["ETag"]
    assert "public" in first.headers["Cache-Control"]
    assert "max-age=60" in first.headers["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    # The content changes: so does the ETag, and the copy is sent again.
    ContributionFactory(chapter=world.chapter)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_last_modified_and_304_on_an_event(client, world):
    url = f"{API}/evenements/{world.events['published'].pk}/"
    last_modified = client.get(url).headers["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_cors_for_any_origin_on_the_api_only(client, world):
    origin = "https://reutilisateur.example"
    response = client.get(f"{API}/contributions/", HTTP_ORIGIN=origin)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers
    preflight = client.options(
        f"{API}/contributions/",
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert set(preflight.headers["Access-Control-Allow-Methods"].split(", ")) == {
        "GET",
        "HEAD",
        "OPTIONS",
    }
    site = client.get("/concertation/", HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in site.headers


def test_rate_limit_per_address(client, world, settings):
    settings.API_RATE_PER_IP = "3/m"
    url = f"{API}/regions/"
    for _ in range(3):
        assert client.get(url).status_code == 200
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused.headers["Content-Type"] == "application/json"
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["detail"].startswith("Trop de requêtes")
    # Another address has its own count.
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200


def test_rate_limit_fails_open_when_the_cache_does_not_answer(
    client, world, settings, monkeypatch, caplog
):
    settings.API_RATE_PER_IP = "1/m"

    def down(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "add", down)
    monkeypatch.setattr(cache, "incr", down)
    with caplog.at_level(logging.WARNING, logger="api.throttling"):
        for _ in range(3):
            assert client.get(f"{API}/regions/").status_code == 200
    assert "limit not enforced" in caplog.text


def _grow_contributions(world):
    def grow(n):
        for _ in range(n):
            reply = ContributionFactory(chapter=world.chapter, parent=world.public[0])
            world.answer.contributions.add(reply)

    return grow


def _grow_answers(world):
    def grow(n):
        for _ in range(n):
            answer = OfficialAnswer.objects.create(
                consultation=world.consultation,
                chapter=world.chapter,
                state="taken",
                body="Réponse.",
                status=OfficialAnswer.Status.PUBLISHED,
                published_at=timezone.now(),
            )
            answer.contributions.set(world.public[:2])

    return grow


def _grow_chapters(world):
    def grow(n):
        for _ in range(n):
            ChapterFactory(consultation=world.consultation)

    return grow


def _grow_events(world):
    def grow(n):
        for _ in range(n):
            EventFactory()

    return grow


def _grow_actions(world):
    def grow(n):
        for _ in range(n):
            MilestoneFactory(action=ActionFactory(axis=world.actions["published"].axis))

    return grow


@pytest.mark.parametrize(
    ("name", "grow", "most"),
    [
        ("contributions", _grow_contributions, 1),
        ("reponses", _grow_answers, 2),
        ("chapitres", _grow_chapters, 2),
        ("consultations", _grow_chapters, 1),
        ("evenements", _grow_events, 1),
        ("actions", _grow_actions, 2),
        ("regions", _grow_events, 1),
    ],
)
def test_fixed_number_of_queries_a_page(assert_flat_queries, world, name, grow, most):
    assert_flat_queries(f"{API}/{name}/?page_size=100", grow(world), most=most)
