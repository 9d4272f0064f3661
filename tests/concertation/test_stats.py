"""The figures of the consultations (concertation.stats, issue 16): exact, counted once per
change of the public content, not at every request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from concertation import services, stats
from tests.concertation.factories import ChapterFactory, ConsultationFactory
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db


def publish(chapter, user, body="Mon avis.", parent=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.contribution_create(
            user=user, chapter=chapter, body=body, parent=parent, accept_charter=True
        )


@pytest.fixture
def consultation(db):
    """Two chapters; three published contributions (a reply among them) by two people, and one
    held for moderation, which counts nowhere."""
    consultation = ConsultationFactory()
    first, second = (
        ChapterFactory(consultation=consultation),
        ChapterFactory(consultation=consultation),
    )
    alice, bob = UserFactory(), UserFactory()
    thread = publish(first, alice)
    publish(first, bob, parent=thread)
    publish(second, alice)
    pending = ConsultationFactory(a_priori=True)
    publish(ChapterFactory(consultation=pending), bob)
    return consultation


def test_the_figures_are_exact(consultation):
    (figured,) = [c for c in stats.consultation_list() if c.pk == consultation.pk]
    assert (figured.contribution_count, figured.participant_count, figured.chapter_count) == (
        3,
        2,
        2,
    )
    detail = stats.consultation_get(slug=consultation.slug)
    assert [c.contribution_count for c in detail.chapters.all()] == [2, 1]
    others = [c for c in stats.consultation_list() if c.pk != consultation.pk]
    assert [(c.contribution_count, c.participant_count) for c in others] == [(0, 0)]


def test_the_pages_count_once_per_change_not_per_request(client, consultation, settings):
    settings.PAGE_CACHE_ENABLED = False  # The figures' own cache, not the pages'.
    for url in ("/", "/concertation/", consultation.get_absolute_url()):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url).content.decode()
        counted = [q["sql"] for q in queries if "concertation_contribution" in q["sql"]]
        assert counted == [], url
        assert "3 contributions" in page, url
    publish(consultation.chapters.first(), UserFactory(), body="Une de plus.")
    # Contributions from the chapters' counters, at once; participants counted a moment ago are
    # kept (they are counted again at most every PARTICIPANTS_MAX_AGE seconds).
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/concertation/").content.decode()
    assert "4 contributions · 2 participants" in page
    # In the consultations' one query, the participants' subquery behind a CASE it does not take.
    (listed,) = [q["sql"] for q in queries if "concertation_consultation" in q["sql"]]
    assert "CASE WHEN" in listed


def test_participants_are_counted_again_once_they_are_old(client, consultation, monkeypatch):
    stats.consultation_list()
    publish(consultation.chapters.first(), UserFactory(), body="Une de plus.")
    # Another request is counting them: the previous figure is shown meanwhile.
    monkeypatch.setattr(stats, "PARTICIPANTS_MAX_AGE", 0)
    cache.add(f"{stats.CACHE_KEY}:recount", 1)
    (figured,) = [c for c in stats.consultation_list() if c.pk == consultation.pk]
    assert (figured.contribution_count, figured.participant_count) == (4, 2)
    # Once that lock is gone, the next request counts them again, and only it.
    publish(consultation.chapters.last(), UserFactory(), body="Et encore une.")
    cache.delete(f"{stats.CACHE_KEY}:recount")
    with CaptureQueriesContext(connection) as queries:
        (figured,) = [c for c in stats.consultation_list() if c.pk == consultation.pk]
    assert (figured.contribution_count, figured.participant_count) == (5, 4)
    assert [q for q in queries if "DISTINCT" in q["sql"]]
    detail = stats.consultation_get(slug=consultation.slug)
    assert (detail.contribution_count, detail.participant_count) == (5, 4)
    assert [c.contribution_count for c in detail.chapters.all()] == [3, 2]
