"""Staff must pass a second factor (allauth.mfa), and their sessions end when idle."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.utils import timezone

from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.security.mfa import TEST_TOTP_SECRET, give_totp, mfa_login, totp_code

pytestmark = pytest.mark.real_mfa

PASSWORD = "un-mot-de-passe-solide-42"


@pytest.fixture
def staff(db):
    user = DnsStaffFactory()
    user.set_password(PASSWORD)
    user.save()
    return user


def _reauthenticate(client):
    """allauth asks for the password again before an authenticator is added."""
    response = client.post("/comptes/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response


def _password_step(client, user, next_="/admin/"):
    return client.post(f"/comptes/login/?next={next_}", {"login": user.email, "password": PASSWORD})


def test_staff_without_mfa_is_sent_to_activation_and_sees_nothing(client, staff):
    _password_step(client, staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/2fa/totp/activate")
    assert b"Gestion du portail" not in response.content
    page = client.get(response["Location"])
    assert "double authentification" in str(list(page.wsgi_request._messages))
    _reauthenticate(client)
    assert client.get("/comptes/2fa/totp/activate/").status_code == 200


def test_staff_without_mfa_cannot_use_staff_pages_of_the_site_either(client, staff):
    client.force_login(staff)
    assert client.get("/").status_code == 302


def test_ordinary_users_are_not_asked_for_mfa(client, db):
    client.force_login(UserFactory())
    assert client.get("/mon-compte/").status_code == 200


def test_staff_with_totp_must_enter_the_code_at_sign_in(client, staff):
    give_totp(staff)
    response = _password_step(client, staff)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/2fa/authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post("/comptes/2fa/authenticate/", {"code": totp_code()})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused(client, staff):
    give_totp(staff)
    _password_step(client, staff)
    wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"
    response = client.post("/comptes/2fa/authenticate/", {"code": wrong})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_a_recovery_code_works_once(client, staff):
    give_totp(staff)
    codes = RecoveryCodes.activate(staff).generate_codes()
    _password_step(client, staff)
    response = client.post("/comptes/2fa/authenticate/", {"code": codes[0]})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    _password_step(client, staff)
    client.post("/comptes/2fa/authenticate/", {"code": codes[0]})
    assert "_auth_user_id" not in client.session


def test_a_forced_session_with_totp_but_no_mfa_step_signs_in_again(client, staff):
    give_totp(staff)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True)  # the marker: the suite restores the staff groups
def test_activating_totp_opens_the_admin():
    """A real transaction: allauth records the new authenticator on commit, inside the view
    (the test client's captured callbacks would run after the session is saved)."""
    from django.test import Client

    client = Client()
    staff = DnsStaffFactory()
    staff.set_password(PASSWORD)
    staff.save()
    _password_step(client, staff)
    _reauthenticate(client)
    page = client.get("/comptes/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # shown as text beside the QR code
    response = client.post("/comptes/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=staff, type="totp").exists()
    assert client.get("/admin/").status_code == 200


def test_idle_staff_session_expires(client, staff, settings, time_machine):
    mfa_login(client, staff)
    assert client.get("/admin/").status_code == 200
    time_machine.move_to(
        timezone.now() + settings.STAFF_SESSION_IDLE + datetime.timedelta(1 / 1440)
    )
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert "_auth_user_id" not in client.session


def test_active_staff_session_ends_after_the_maximum(client, staff, settings, time_machine):
    mfa_login(client, staff)
    step = settings.STAFF_SESSION_IDLE - datetime.timedelta(minutes=1)
    elapsed = datetime.timedelta(0)
    while elapsed < settings.STAFF_SESSION_MAX - step:
        time_machine.move_to(timezone.now() + step)
        elapsed += step
        assert client.get("/admin/").status_code == 200
    time_machine.move_to(timezone.now() + step)
    assert client.get("/admin/").status_code == 302


def test_ordinary_sessions_do_not_expire_when_idle(client, db, settings, time_machine):
    client.force_login(UserFactory())
    time_machine.move_to(timezone.now() + settings.STAFF_SESSION_IDLE * 3)
    assert client.get("/mon-compte/").status_code == 200


def test_secret_fixture_is_valid_base32():
    assert len(totp_code(TEST_TOTP_SECRET)) == 6


def test_demo_staff_sign_in_with_the_published_totp_secret(client, db, settings):
    from esante import demo
    from esante.mfa_demo import code

    settings.DEMO_ACCOUNTS = True
    demo.load(log=lambda line: None)
    response = client.post(
        "/comptes/login/?next=/admin/",
        {"login": "dns@demo.esante.local", "password": demo.DEMO_PASSWORD},
    )
    assert response["Location"].startswith("/comptes/2fa/authenticate")
    client.post("/comptes/2fa/authenticate/", {"code": code()})
    assert client.get("/admin/").status_code == 200
