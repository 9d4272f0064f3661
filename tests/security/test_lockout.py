"""django-axes locks an account out after AXES_FAILURE_LIMIT failures, on every sign-in path."""

import pytest
from axes.models import AccessAttempt

from tests.esante.factories import UserFactory

PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture(autouse=True)
def _only_axes(settings):
    # allauth's own limits (5 failures per 5 min in the cache) would stop the attempts before
    # axes counts them: switched off here so that these tests measure axes alone.
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def member(db):
    user = UserFactory(email="membre@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, email, password, path="/comptes/login/"):
    return client.post(path, {"login": email, "password": password})


def _fail(client, email, times):
    for _ in range(times):
        response = _login(client, email, "mauvais")
    return response


def test_29_failures_do_not_lock(client, member, settings):
    _fail(client, member.email, settings.AXES_FAILURE_LIMIT - 1)
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(member.pk)


def test_30_failures_lock_the_account_even_with_the_right_password(client, member, settings):
    assert settings.AXES_FAILURE_LIMIT == 30
    _fail(client, member.email, 30)
    response = _login(client, member.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()


def test_the_lock_follows_the_account_whatever_the_spelling(client, member):
    _fail(client, "MEMBRE@example.org", 30)
    assert _login(client, member.email, PASSWORD).status_code == 429


def test_the_lock_follows_the_account_from_another_address(client, member):
    """Locked by username: a botnet changing its address does not get 30 more tries."""
    for _ in range(30):
        client.post(
            "/comptes/login/",
            {"login": member.email, "password": "mauvais"},
            REMOTE_ADDR="198.51.100.1",
        )
    response = client.post(
        "/comptes/login/",
        {"login": member.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.99",
    )
    assert response.status_code == 429


def test_admin_login_goes_through_allauth_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/concertation/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=%2Fadmin%2Fconcertation%2F"


def test_admin_login_refuses_a_foreign_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == "/comptes/login/?next=%2Fadmin%2F"


def test_admin_login_form_cannot_be_posted_to_directly(client, member):
    """The admin's own form (which knows no MFA and no lock-out page) is gone."""
    response = client.post(
        "/admin/login/", {"username": member.email, "password": PASSWORD}, follow=False
    )
    assert response.status_code in (302, 405)
    assert "_auth_user_id" not in client.session


def test_locked_through_the_admin_path_is_locked_on_the_site(client, member):
    for _ in range(30):
        client.post("/comptes/login/?next=/admin/", {"login": member.email, "password": "mauvais"})
    assert _login(client, member.email, PASSWORD).status_code == 429
    assert _login(client, member.email, PASSWORD, "/comptes/login/?next=/admin/").status_code == 429


def test_staff_can_unlock_in_the_admin(client, member):
    _fail(client, member.email, 30)
    assert AccessAttempt.objects.exists()
    AccessAttempt.objects.all().delete()  # what "delete" in Axes > Access attempts does
    assert _login(client, member.email, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, member, settings, time_machine):
    import datetime

    from django.utils import timezone

    _fail(client, member.email, 30)
    time_machine.move_to(timezone.now() + settings.AXES_COOLOFF_TIME + datetime.timedelta(1 / 24))
    assert _login(client, member.email, PASSWORD).status_code == 302
