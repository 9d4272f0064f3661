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


# --- Team members without is_staff (issue 15) -----------------------------------------------

TEAM_PAGES = [
    "/admin/",
    "/admin/concertation/contribution/",
    "/admin/audit/auditentry/",
    "/admin/events/event/",
]


def _team(name):
    from django.contrib.auth.models import Group

    return Group.objects.get(name=name)


def _join_by_user_side(user, group):
    user.groups.add(group)


def _join_by_group_side(user, group):
    group.user_set.add(user)


def _join_by_set(user, group):
    user.groups.set([group])


@pytest.mark.parametrize("join", [_join_by_user_side, _join_by_group_side, _join_by_set])
@pytest.mark.parametrize("team", ["Équipe DNS", "Équipe ARS"])
def test_a_team_member_never_made_staff_reaches_no_staff_page_without_mfa(client, db, join, team):
    """Finding 3's second half: is_staff_member reads is_staff; a member of the DNS or ARS team
    is staff by construction (esante.auth.team_members_are_staff), however they joined."""
    from esante.auth import is_staff_member
    from esante.models import User
    from tests.concertation.factories import ConsultationFactory

    member = UserFactory()
    assert not member.is_staff
    join(member, _team(team))
    member = User.objects.get(pk=member.pk)
    assert member.is_staff and is_staff_member(member)

    client.force_login(member)
    consultation = ConsultationFactory()  # open: live results are for the DNS team only
    for url in [*TEAM_PAGES, f"/concertation/{consultation.slug}/resultats/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/comptes/2fa/totp/activate"), url


def test_a_team_member_saved_as_not_staff_stays_staff(db):
    from esante.models import User

    member = DnsStaffFactory()
    member.is_staff = False
    member.save()  # the admin's « statut équipe » unticked, the group kept
    assert User.objects.get(pk=member.pk).is_staff
    ordinary = UserFactory()
    ordinary.is_staff = False
    ordinary.save()
    assert not User.objects.get(pk=ordinary.pk).is_staff


def test_the_role_given_by_joining_a_team_is_in_the_audit_trail(db):
    from audit.models import AuditEntry

    member = UserFactory()
    _team("Équipe DNS").user_set.add(member)
    lines = AuditEntry.objects.filter(content_type__model="user", object_id=str(member.pk))
    assert any(c["name"] == "is_staff" for line in lines for c in line.changes)


def test_the_migration_makes_team_members_of_before_staff(db):
    """Members who joined before the signal existed (rows written without it)."""
    from importlib import import_module

    from django.apps import apps

    from esante.models import User

    member, other = UserFactory(), UserFactory()
    User.groups.through.objects.create(user=member, group=_team("Équipe ARS"))
    assert not User.objects.get(pk=member.pk).is_staff
    import_module("esante.migrations.0011_team_members_are_staff").team_members_are_staff(
        apps, None
    )
    assert User.objects.get(pk=member.pk).is_staff
    assert not User.objects.get(pk=other.pk).is_staff


# --- The development switch STAFF_MFA_REQUIRED ------------------------------------------------


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("demo", [True, False])
@pytest.mark.parametrize("required", [True, False])
def test_mfa_is_waived_only_on_a_development_machine_with_demo_accounts(
    settings, debug, demo, required
):
    """STAFF_MFA_REQUIRED=false is obeyed only with DEBUG and DEMO_ACCOUNTS: a production
    setting copied by mistake cannot switch the staff MFA off."""
    from esante.auth import mfa_enforced

    settings.DEBUG, settings.DEMO_ACCOUNTS, settings.STAFF_MFA_REQUIRED = debug, demo, required
    assert mfa_enforced() is not (debug and demo and not required)


@pytest.mark.parametrize(
    ("debug", "required", "status"),
    [(True, False, 200), (True, True, 302), (False, False, 302)],
)
def test_the_switch_opens_the_admin_without_mfa_only_where_it_is_obeyed(
    client, staff, settings, debug, required, status
):
    settings.DEBUG, settings.DEMO_ACCOUNTS, settings.STAFF_MFA_REQUIRED = debug, True, required
    client.force_login(staff)  # password only: no MFA step (real_mfa)
    response = client.get("/admin/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/comptes/2fa/totp/activate")
