"""Rate limits (esante.ratelimits): the request past the limit gets the French 429 page with a
Retry-After header and nothing is stored; with Redis unreachable no request gets a 500, and each
limit degrades as its docstring says (open, closed, or counted in the database)."""

import datetime
import html

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concertation.council.models import Application
from concertation.models import Contribution, Flag, Reaction
from events.models import Registration
from tests.concertation.factories import ChapterFactory, ContributionFactory, WorkingGroupFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

# A port nothing listens on, with short timeouts: the cache raises at once, as a stopped Redis.
REDIS_DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6399/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture(autouse=True)
def _one_window():
    """django-ratelimit counts in time windows: frozen time keeps a test's posts in one."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


@pytest.fixture
def redis_down(settings):
    settings.CACHES = REDIS_DOWN


def assert_429(response, title):
    body = html.unescape(response.content.decode())
    assert response.status_code == 429, response.status_code
    assert title in body
    assert int(response["Retry-After"]) >= 1


def contribute(client, chapter, body):
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    return client.post(url, {"kind": "comment", "body": body, "accept_charter": "on"})


def register(client, event, name, email):
    return client.post(
        reverse("events:register", args=[event.slug]), {"name": name, "email": email}
    )


def apply(client, group):
    return client.post(
        reverse("concertation:group_apply", args=[group.slug]),
        {
            "stakeholder_type": "association",
            "motivation": "Dix ans de terrain.",
            "consent_public": "on",
        },
    )


# --- the N+1th request ---------------------------------------------------------------------------


def test_contribution_past_the_limit(client, db, settings):
    settings.CONTRIBUTION_RATE_PER_USER = "2/m"
    chapter = ChapterFactory()
    client.force_login(UserFactory())
    assert [contribute(client, chapter, f"Texte {n}.").status_code for n in range(2)] == [302] * 2
    assert_429(contribute(client, chapter, "Texte 3."), "Trop de contributions en peu de temps")
    assert Contribution.objects.count() == 2


def test_reaction_past_the_limit(client, db, settings):
    settings.REACTION_RATE_PER_USER = "3/m"
    client.force_login(UserFactory())
    targets = [ContributionFactory() for _ in range(4)]
    url = lambda c: reverse("concertation:reaction", args=[c.pk])  # noqa: E731
    assert [client.post(url(c), {"value": "agree"}).status_code for c in targets[:3]] == [302] * 3
    assert_429(client.post(url(targets[3]), {"value": "agree"}), "Trop de réactions")
    assert Reaction.objects.count() == 3


def test_flag_past_the_limit(client, db, settings):
    settings.FLAG_RATE_PER_USER = "2/h"
    client.force_login(UserFactory())
    targets = [ContributionFactory() for _ in range(3)]
    url = lambda c: reverse("concertation:flag", args=[c.pk])  # noqa: E731
    assert [client.post(url(c), {"reason": "spam"}).status_code for c in targets[:2]] == [302] * 2
    assert_429(client.post(url(targets[2]), {"reason": "spam"}), "Trop de signalements")
    assert Flag.objects.count() == 2


def test_application_past_the_limit(client, db, settings):
    settings.APPLICATION_RATE_PER_USER = "1/h"
    client.force_login(UserFactory())
    first, second = WorkingGroupFactory(), WorkingGroupFactory()
    assert apply(client, first).status_code == 302
    assert_429(apply(client, second), "Trop de candidatures")
    assert Application.objects.count() == 1


def test_visitor_registrations_past_the_limit_per_ip(client, db, settings):
    settings.REGISTRATION_RATE_PER_IP = "2/h"
    event = EventFactory(capacity=None)
    for n in range(2):
        assert register(client, event, f"Visiteur {n}", f"v{n}@example.org").status_code == 302
    assert_429(register(client, event, "Visiteur 3", "v3@example.org"), "Trop d'inscriptions")
    assert Registration.objects.count() == 2
    assert len(mail.outbox) == 2


def test_visitor_registrations_past_the_limit_per_address(client, db, settings):
    """Several events, several client addresses, one mailbox: its owner gets at most that many."""
    settings.REGISTRATION_RATE_PER_EMAIL = "2/h"
    events = [EventFactory(capacity=None) for _ in range(3)]
    statuses = [
        register(
            client,
            e,
            "Victime",
            "Victime@Example.org",
        ).status_code
        if n % 2
        else client.post(
            reverse("events:register", args=[e.slug]),
            {"name": "Victime", "email": "victime@example.org"},
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        ).status_code
        for n, e in enumerate(events)
    ]
    assert statuses == [302, 302, 429]
    assert Registration.objects.count() == 2
    assert len(mail.outbox) == 2


def test_signed_in_registrations_are_not_limited_per_ip(client, db, settings):
    settings.REGISTRATION_RATE_PER_IP = "1/h"
    events = [EventFactory(capacity=None) for _ in range(2)]
    client.force_login(UserFactory())
    assert [client.post(reverse("events:register", args=[e.slug])).status_code for e in events] == [
        302,
        302,
    ]


# --- Behind a proxy: whose address is counted -----------------------------------------------------
#
# Signed-in contributions are counted twice: per account (CONTRIBUTION_RATE_PER_USER) and per client
# address (CONTRIBUTION_RATE_PER_IP, a ceiling for many accounts at one address). The address is
# esante.clientip's: with TRUSTED_PROXY_COUNT proxies of ours, the one our nearest proxy saw.

PROXY = "10.0.0.2"  # our nginx: REMOTE_ADDR of every request it forwards


def contribute_from(client, chapter, body, *, forwarded=None, remote=PROXY):
    """A contribution as our proxy forwards it: REMOTE_ADDR the proxy, X-Forwarded-For the chain
    it received plus the address it saw."""
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    return client.post(url, {"kind": "comment", "body": body, "accept_charter": "on"}, **headers)


def test_behind_a_trusted_proxy_the_address_limit_counts_each_real_client(client, db, settings):
    """Two offices behind our nginx: each has its own per-address budget, not the proxy's."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONTRIBUTION_RATE_PER_IP = "2/m"
    chapter = ChapterFactory()
    client.force_login(UserFactory())
    office_a = [contribute_from(client, chapter, f"A {n}.", forwarded="198.51.100.7") for n in "12"]
    client.force_login(UserFactory())
    office_b = [contribute_from(client, chapter, f"B {n}.", forwarded="192.0.2.44") for n in "12"]
    assert [r.status_code for r in office_a + office_b] == [302] * 4
    client.force_login(UserFactory())  # a third account in office A: its address is spent
    assert_429(
        contribute_from(client, chapter, "A 3.", forwarded="198.51.100.7"),
        "Trop de contributions en peu de temps",
    )
    assert Contribution.objects.count() == 4


def test_behind_a_trusted_proxy_a_forged_forwarded_for_is_not_trusted(client, db, settings):
    """A client that writes its own X-Forwarded-For (a new address each time) is still counted
    on the address our proxy saw, which the proxy appends last."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONTRIBUTION_RATE_PER_IP = "2/m"
    chapter = ChapterFactory()
    statuses = []
    for n in range(3):
        client.force_login(UserFactory())  # fresh accounts: only the address limit can stop them
        forged = f"203.0.113.{n + 1}"
        response = contribute_from(client, chapter, f"T {n}.", forwarded=f"{forged}, 198.51.100.9")
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert Contribution.objects.count() == 2


def test_without_a_trusted_proxy_forwarded_for_is_ignored(client, db, settings):
    """TRUSTED_PROXY_COUNT=0 (no proxy of ours): X-Forwarded-For is whatever the client wrote."""
    settings.TRUSTED_PROXY_COUNT = 0
    settings.CONTRIBUTION_RATE_PER_IP = "2/m"
    chapter = ChapterFactory()
    statuses = []
    for n in range(3):
        client.force_login(UserFactory())
        response = contribute_from(
            client, chapter, f"T {n}.", forwarded=f"203.0.113.{n + 1}", remote="198.51.100.10"
        )
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]


def test_colleagues_behind_one_address_each_have_their_own_account_budget(client, db, settings):
    """Behind one administration proxy (one public address for the whole building), the
    per-account limit is each person's own: one colleague past it does not stop the others,
    who share only the address ceiling."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.CONTRIBUTION_RATE_PER_USER = "2/m"
    settings.CONTRIBUTION_RATE_PER_IP = "5/m"
    building = "192.0.2.80"
    chapter = ChapterFactory()
    first, second = UserFactory(), UserFactory()
    client.force_login(first)
    mine = [contribute_from(client, chapter, f"1-{n}.", forwarded=building) for n in "123"]
    assert [r.status_code for r in mine] == [302, 302, 429]
    client.force_login(second)
    theirs = [contribute_from(client, chapter, f"2-{n}.", forwarded=building) for n in "12"]
    assert [r.status_code for r in theirs] == [302, 302]
    # Four counted at the address (a post refused for its account is not counted there): a
    # third colleague writes the fifth, then the building's ceiling is reached.
    client.force_login(UserFactory())
    third = [contribute_from(client, chapter, f"3-{n}.", forwarded=building) for n in "12"]
    assert [r.status_code for r in third] == [302, 429]
    assert Contribution.objects.count() == 5


# --- Redis down ----------------------------------------------------------------------------------


def test_redis_down_contributions_reactions_applications_fail_open(client, db, redis_down):
    chapter = ChapterFactory()
    client.force_login(UserFactory())
    assert contribute(client, chapter, "Texte gardé malgré la panne.").status_code == 302
    assert Contribution.objects.filter(body="Texte gardé malgré la panne.").exists()
    target = ContributionFactory()
    response = client.post(reverse("concertation:reaction", args=[target.pk]), {"value": "agree"})
    assert response.status_code == 302 and Reaction.objects.count() == 1
    assert apply(client, WorkingGroupFactory()).status_code == 302


def test_redis_down_flags_are_counted_in_the_database(client, db, settings, redis_down):
    settings.FLAG_RATE_PER_USER = "2/h"
    user = UserFactory()
    client.force_login(user)
    targets = [ContributionFactory() for _ in range(3)]
    url = lambda c: reverse("concertation:flag", args=[c.pk])  # noqa: E731
    assert [client.post(url(c), {"reason": "spam"}).status_code for c in targets[:2]] == [302] * 2
    assert_429(client.post(url(targets[2]), {"reason": "spam"}), "Trop de signalements")
    assert Flag.objects.count() == 2


def test_redis_down_flags_of_an_hour_ago_do_not_count(client, db, settings, redis_down):
    settings.FLAG_RATE_PER_USER = "1/h"
    user = UserFactory()
    old = ContributionFactory()
    Flag.objects.create(
        contribution=old, user=user, reason="spam",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )  # fmt: skip
    client.force_login(user)
    target = ContributionFactory()
    assert (
        client.post(reverse("concertation:flag", args=[target.pk]), {"reason": "spam"}).status_code
        == 302
    )


def test_redis_down_visitor_registration_fails_closed_signed_in_still_works(client, db, redis_down):
    event = EventFactory(capacity=None)
    assert_429(register(client, event, "Visiteur", "v@example.org"), "Trop d'inscriptions")
    assert not Registration.objects.exists() and not mail.outbox
    client.force_login(UserFactory())
    assert client.post(reverse("events:register", args=[event.slug])).status_code == 302
    assert Registration.objects.count() == 1


def test_redis_down_pages_still_render(client, db, redis_down):
    chapter = ChapterFactory()
    assert client.get(chapter.get_absolute_url()).status_code == 200
    assert client.get(reverse("events:event_list")).status_code == 200
