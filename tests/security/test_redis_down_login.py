"""Sign-in, sign-up and password reset work while Redis is down (finding 1).

The cache points at a port where no Redis listens (a stopped Redis: connection refused). allauth's
rate limits then fail open (esante.auth.FailOpenCache, with a warning) and django-axes' database
lock-out still applies."""

import logging

import pytest
from django.core.cache import caches

from esante import auth
from tests.esante.factories import UserFactory

PASSWORD = "un-mot-de-passe-solide-42"
DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6390/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture(params=["redis_down", "normal_cache"])
def cache_state(request, settings):
    if request.param == "redis_down":
        settings.CACHES = DOWN
        with pytest.raises(Exception):  # noqa: B017 — proves the cache really is unreachable
            caches["default"].get("probe")
    # A fresh breaker for each test: the previous test's failure must not skip the cache.
    from allauth.core.internal import ratelimit

    ratelimit.cache._down_until = 0.0
    return request.param


@pytest.fixture
def member(db):
    user = UserFactory(email="membre@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_rate_limits_go_through_the_fail_open_cache():
    from allauth.core.internal import ratelimit
    from allauth.mfa.totp.internal import auth as totp_auth

    assert isinstance(ratelimit.cache, auth.FailOpenCache)
    assert isinstance(totp_auth.cache, auth.FailOpenCache)


def test_login_works(client, member, cache_state, caplog):
    with caplog.at_level(logging.WARNING, logger="esante.auth"):
        response = client.post("/comptes/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    warned = any("Cache unavailable" in r.getMessage() for r in caplog.records)
    assert warned == (cache_state == "redis_down")


def test_wrong_password_is_still_refused(client, member, cache_state):
    response = client.post("/comptes/login/", {"login": member.email, "password": "mauvais"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signup_works(client, db, cache_state):
    response = client.post(
        "/comptes/signup/",
        {"email": "nouvelle@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    from esante.models import User

    assert User.objects.filter(email="nouvelle@example.org").exists()


def test_password_reset_works(client, member, cache_state, mailoutbox):
    response = client.post("/comptes/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_lockout_still_applies_with_redis_down(client, member, settings):
    settings.CACHES = DOWN
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/comptes/login/", {"login": member.email, "password": "mauvais"})
    response = client.post("/comptes/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 429


def test_a_frozen_cache_is_not_asked_again_for_a_while(monkeypatch):
    calls = []

    class Broken:
        def get(self, *args, **kwargs):
            calls.append(args)
            raise ConnectionError("frozen")

    cache = auth.FailOpenCache()
    monkeypatch.setattr(auth.FailOpenCache, "_cache", property(lambda self: Broken()))
    assert cache.get("a", "default") == "default"
    assert cache.get("b", "default") == "default"
    assert cache.add("c", 1) is True
    assert len(calls) == 1
