"""The page cache of anonymous visitors (esante.pagecache, issue 16): served without a query,
emptied by every change of public content made through the services, never mixed with a
signed-in person's page, HTTP caching headers a proxy can use, and no failure without Redis."""

from unittest import mock

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from concertation import services
from concertation.models import Contribution
from esante import pagecache
from tests.concertation.factories import ChapterFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def publish(chapter, body, user=None):
    """A contribution as the site publishes it (a posteriori: at once), on commit included."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.contribution_create(
            user=user or UserFactory(), chapter=chapter, body=body, accept_charter=True
        )


@pytest.fixture
def chapter(db):
    chapter = ChapterFactory()
    publish(chapter, "Une première contribution.")
    return chapter


@pytest.fixture
def public_urls(chapter):
    consultation = chapter.consultation
    return [
        "/",
        "/en/",
        "/concertation/",
        consultation.get_absolute_url(),
        chapter.get_absolute_url(),
        chapter.get_absolute_url() + "?paragraphe=p1",
        "/en" + chapter.get_absolute_url(),
        "/evenements/",
        "/feuille-de-route/",
        "/actualites/",
        "/regions/",
        "/regions/normandie/",
        # A past event: no registration form, so no CSRF token in it.
        EventFactory(days=-3).get_absolute_url(),
    ]


def test_the_second_anonymous_request_is_served_from_the_cache_without_a_query(
    client, public_urls, django_assert_num_queries
):
    for url in public_urls:
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, url
        assert second.content == first.content, url
        # The headers the middleware adds are on the cached page too.
        for response in (first, second):
            assert response["Content-Security-Policy"], url
            assert response["X-Frame-Options"] == "DENY", url
            assert response["ETag"] == first["ETag"], url
            assert "Last-Modified" in response, url
            assert "Cookie" in response["Vary"], url
            cache_control = response["Cache-Control"]
            assert "public" in cache_control and "s-maxage=" in cache_control, url
            assert "no-store" not in cache_control and "private" not in cache_control, url
            assert not response.cookies, url


def test_each_language_and_query_string_has_its_own_page(client, chapter):
    # Computed before any request: a request under /en/ leaves English active in the thread.
    url = chapter.get_absolute_url()
    french = client.get(url)
    english = client.get("/en" + url)
    assert french.content != english.content
    assert french["Content-Language"] == "fr" and english["Content-Language"] == "en"
    # The French pages are French whatever the browser prefers.
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").content == french.content
    assert client.get("/en/", HTTP_ACCEPT_LANGUAGE="fr").content != client.get("/").content
    second_page = client.get(url + "?page=2")
    assert second_page.status_code == 200 and second_page.content != french.content


def test_a_contribution_published_through_the_service_appears_at_the_next_request(client, chapter):
    url = chapter.get_absolute_url()
    assert "Une contribution toute neuve." not in client.get(url).content.decode()
    contribution = publish(chapter, "Une contribution toute neuve.")
    assert contribution.status == Contribution.Status.PUBLISHED
    assert "Une contribution toute neuve." in client.get(url).content.decode()
    # And the consultation's figures everywhere.
    assert "2 contributions · 2 participants" in client.get("/concertation/").content.decode()


def test_a_hidden_contribution_disappears_at_the_next_request(
    client, chapter, dns_staff, django_capture_on_commit_callbacks
):
    url = chapter.get_absolute_url()
    assert "Une première contribution." in client.get(url).content.decode()
    contribution = Contribution.objects.get(body="Une première contribution.")
    with django_capture_on_commit_callbacks(execute=True):
        services.contributions_moderate(
            actor=dns_staff, contribution_ids=[contribution.pk], action="hide", reason="abuse"
        )
    assert "Une première contribution." not in client.get(url).content.decode()
    assert "0 contribution · 0 participant" in client.get("/concertation/").content.decode()


def test_a_withdrawn_or_edited_contribution_changes_at_the_next_request(
    client, chapter, django_capture_on_commit_callbacks
):
    author = UserFactory()
    contribution = publish(chapter, "Mon premier avis.", author)
    url = chapter.get_absolute_url()
    assert "Mon premier avis." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_edit(user=author, contribution=contribution, body="Mon avis revu.")
    page = client.get(url).content.decode()
    assert "Mon avis revu." in page and "Mon premier avis." not in page
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_withdraw(user=author, contribution=contribution)
    assert "Mon avis revu." not in client.get(url).content.decode()


def test_a_new_event_appears_in_the_list_at_the_next_request(client):
    assert "Étape du Havre" not in client.get("/evenements/").content.decode()
    EventFactory(title="Étape du Havre")
    assert "Étape du Havre" in client.get("/evenements/").content.decode()


def test_a_change_made_by_another_process_shows_within_the_local_window(
    client, chapter, settings, django_assert_num_queries
):
    """Each process serves its own copies while the generation it read from Redis is recent."""
    url = chapter.get_absolute_url()
    client.get(url)
    # Published by another process: the shared generation moves, this process is not told.
    with mock.patch.object(pagecache.local_pages, "forget_generation"):
        publish(chapter, "Publiée par un autre processus.")
    with django_assert_num_queries(0):
        assert "Publiée par un autre processus." not in client.get(url).content.decode()
    pagecache.local_pages.checked_at -= settings.PAGE_CACHE_LOCAL_SECONDS  # Time passes.
    assert "Publiée par un autre processus." in client.get(url).content.decode()


def test_the_local_copies_stay_within_their_size(client, chapter, settings):
    settings.PAGE_CACHE_LOCAL_MAX_BYTES = 60_000
    for url in ("/", "/concertation/", chapter.get_absolute_url(), "/regions/"):
        client.get(url)
        assert 0 < pagecache.local_pages.size <= 60_000
    assert len(pagecache.local_pages.pages) < 4


def test_the_generation_moves_when_the_change_commits_too(django_capture_on_commit_callbacks):
    """A page rendered by another request between the change and its commit read the old rows:
    it is stored under the generation of the change, which the commit leaves behind."""
    with django_capture_on_commit_callbacks(execute=True):
        before = pagecache.generation()
        pagecache.content_changed()
        during = pagecache.generation()
    assert before < during < pagecache.generation()


def test_what_shows_nowhere_does_not_empty_the_cache(chapter, user):
    before = pagecache.generation()
    contribution = Contribution.objects.get()
    services.reaction_set(user=user, contribution=contribution, value="agree")
    user.save(update_fields=["last_login"])
    UserFactory()
    assert pagecache.generation() == before
    user.display_name = "Camille Martin"
    user.save(update_fields=["display_name"])
    assert pagecache.generation() > before


def test_conditional_get_is_answered_304(client, chapter, django_assert_num_queries):
    url = chapter.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    # Its first rendering answers 304 too (a proxy revalidating after the cache was emptied).
    pagecache.content_changed()
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # A change of the page: the old ETag gets the new page.
    publish(chapter, "Du nouveau.")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Du nouveau." in changed.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_signed_in_pages_are_never_cached_nor_served_a_cached_page(client, chapter, user):
    url = chapter.get_absolute_url()
    anonymous = client.get(url)
    assert "Mon compte" not in anonymous.content.decode()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        signed_in = client.get(url)
    assert len(queries) > 0
    assert "Mon compte" in signed_in.content.decode()
    assert "no-store" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    # Nor is the signed-in page kept for the next visitor.
    client.logout()
    client.cookies.clear()
    after = client.get(url)
    assert "Mon compte" not in after.content.decode()
    assert after.content == anonymous.content


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, chapter):
    url = chapter.get_absolute_url()
    client.get(url)
    client.cookies["messages"] = "anything"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) > 0 and "ETag" not in response


def test_a_page_with_a_form_for_visitors_is_not_cached(client, django_assert_max_num_queries):
    """The registration form of an upcoming event carries a CSRF token and sets its cookie:
    that page is anybody's own, rendered at every request."""
    url = EventFactory().get_absolute_url()
    first = client.get(url)
    assert 'name="csrfmiddlewaretoken"' in first.content.decode()
    assert "csrftoken" in first.cookies and "ETag" not in first
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)
    assert len(queries) > 0 and "csrftoken" in second.cookies


def test_pages_are_served_when_redis_is_down(client, chapter, settings, user):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens there: every cache call fails at once.
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    url = chapter.get_absolute_url()
    for _ in range(2):
        for page in ("/", "/concertation/", chapter.consultation.get_absolute_url(), url):
            response = client.get(page)
            assert response.status_code == 200, page
            assert "ETag" not in response
            # Not asked again for a few seconds: a frozen Redis costs one timeout, not many.
            assert not pagecache.cache_usable()
    # A contribution is still published (the cache's generation cannot move) and shown.
    services.contribution_create(
        user=user, chapter=chapter, body="Écrite pendant la panne.", accept_charter=True
    )
    assert "Écrite pendant la panne." in client.get(url).content.decode()
    assert "2 contributions · 2 participants" in client.get("/concertation/").content.decode()
