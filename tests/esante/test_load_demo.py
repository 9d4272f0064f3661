"""`manage.py load_demo`: idempotent, faithful to the two press releases, accounts in dev only."""

import datetime
import io
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command

from esante.models import Region, User
from esante.roles import ARS_TEAM, DNS_TEAM
from roadmap.models import Action, NewsItem, RegionalIndicator, Roadmap
from tests.demo_once import demo_loaded

DEMO_PASSWORD = "demo-esante-2026"  # as printed by load_demo and written in the README
DEMO_EMAILS = {
    "dns@demo.esante.local",
    "ars.normandie@demo.esante.local",
    "citoyenne@demo.esante.local",
}
# Every table the demo may write to, many-to-many tables included (groups, editor regions).
APPS = ["esante", "roadmap", "concertation", "events", "account", "auth"]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list]:
    """Every row of every model of the apps, as sorted plain values."""
    rows = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            rows[model._meta.label] = sorted(
                repr(sorted(row.items())) for row in model.objects.values()
            )
    return rows


@pytest.fixture
def demo_accounts(settings):
    settings.DEMO_ACCOUNTS = True


@pytest.mark.parametrize("accounts", [False, True], ids=["production", "development"])
def test_a_second_run_changes_nothing(db, settings, accounts):
    """Also with the development demo, whose consultation is reopened around today."""
    settings.DEMO_ACCOUNTS = accounts
    load_demo()
    first = snapshot()
    hashes = dict(User.objects.values_list("email", "password"))

    load_demo()

    second = snapshot()
    assert {label: len(r) for label, r in second.items()} == {
        label: len(r) for label, r in first.items()
    }
    assert second == first
    # Passwords are not set again (a new salt would change the hash and log people out).
    assert dict(User.objects.values_list("email", "password")) == hashes
    assert sum(len(r) for r in first.values()) > 100  # the comparison is not between empties


def test_a_second_run_keeps_what_the_team_edited(db, demo_accounts):
    load_demo()
    action = Action.objects.get(roadmap__slug="2023-2027", number=1)
    action.title = "Titre revu par la DNS"
    action.save(update_fields=["title"])
    dns = User.objects.get(email="dns@demo.esante.local")
    dns.set_password("un-nouveau-mot-de-passe")
    dns.save(update_fields=["password"])

    load_demo()

    action.refresh_from_db()
    assert action.title == "Titre revu par la DNS"
    dns.refresh_from_db()
    assert dns.check_password("un-nouveau-mot-de-passe")


def test_demo_accounts_when_enabled(db, demo_accounts):
    output = load_demo()

    users = {u.email: u for u in User.objects.filter(email__in=DEMO_EMAILS)}
    assert set(users) == DEMO_EMAILS
    assert {u.email for u in User.objects.all() if u.has_usable_password()} == DEMO_EMAILS
    for email, user in users.items():
        assert user.check_password(DEMO_PASSWORD)
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True)
        assert email in output

    dns = users["dns@demo.esante.local"]
    assert dns.is_staff and not dns.is_superuser
    assert list(dns.groups.values_list("name", flat=True)) == [DNS_TEAM]

    ars = users["ars.normandie@demo.esante.local"]
    assert ars.is_staff
    assert list(ars.groups.values_list("name", flat=True)) == [ARS_TEAM]
    assert list(ars.editor_regions.values_list("slug", flat=True)) == ["normandie"]

    citizen = users["citoyenne@demo.esante.local"]
    assert not citizen.is_staff and not citizen.groups.exists()
    assert citizen.region.slug == "normandie"


@pytest.fixture
def fresh_rate_limits():
    """allauth counts log-in attempts in the cache (Redis in CI): start from zero."""
    cache.clear()
    yield
    cache.clear()


def test_the_demo_dns_account_signs_in_and_reaches_the_admin(
    client, db, demo_accounts, fresh_rate_limits
):
    load_demo()

    response = client.post(
        "/comptes/login/", {"login": "dns@demo.esante.local", "password": DEMO_PASSWORD}
    )
    # Staff pass MFA (issue 15): the demo's TOTP secret is published (esante/mfa_demo.py).
    assert response["Location"] == "/comptes/2fa/authenticate/"
    from esante.mfa_demo import code

    response = client.post("/comptes/2fa/authenticate/", {"code": code()})

    assert response.status_code == 302
    assert response["Location"] == "/mon-compte/"
    assert client.get("/mon-compte/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/roadmap/action/").status_code == 200


def test_the_demo_citizen_signs_in_but_not_into_the_admin(
    client, db, demo_accounts, fresh_rate_limits
):
    load_demo()

    response = client.post(
        "/comptes/login/", {"login": "citoyenne@demo.esante.local", "password": DEMO_PASSWORD}
    )

    assert response.status_code == 302
    assert client.get("/mon-compte/").status_code == 200
    assert client.get("/admin/").status_code == 302


# The production demo (no accounts), loaded once for the tests below (tests/demo_once.py); the
# tests that load it themselves, or with the accounts, come above.
@pytest.fixture(scope="module")
def _production_demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker, DEMO_ACCOUNTS=False) as output:
        yield output


@pytest.fixture
def demo(_production_demo, db, settings):
    """What `load_demo` printed."""
    settings.DEMO_ACCOUNTS = False
    return _production_demo


def test_the_editions_of_the_roadmap(demo):
    assert set(Roadmap.objects.values_list("slug", flat=True)) == {"masante2022", "2023-2027"}

    masante = Roadmap.objects.get(slug="masante2022")
    assert (masante.start_year, masante.end_year) == (2019, 2022)
    assert masante.axis_label == "Orientation"
    assert sorted(masante.actions.values_list("number", flat=True)) == list(range(1, 27))
    assert masante.axes.count() == 5
    assert not masante.actions.exclude(axis__roadmap=masante).exists()

    current = Roadmap.objects.get(slug="2023-2027")
    assert (current.start_year, current.end_year) == (2023, 2027)
    assert current.concertation_until == datetime.date(2023, 3, 14)
    assert sorted(current.axes.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert current.axes.get(number=1).title == (
        "Développer la prévention et rendre chaque citoyen acteur de sa santé"
    )
    # The press releases do not list the actions: the invented ones say so.
    assert not Action.objects.filter(is_demo=False).exists()


def test_the_normandie_figures_of_the_rouen_stop(demo):
    normandie = Region.objects.get(slug="normandie")
    indicators = RegionalIndicator.objects.filter(region=normandie).select_related("programme")
    figures = {(i.programme.slug, i.display_value) for i in indicators}
    assert figures == {
        ("sun-es", "81\xa0structures"),
        ("sun-es", "plus de 6,6\xa0M€"),
        ("sun-es", "64\xa0%"),
        ("esms-numerique", "27\xa0projets"),
        ("esms-numerique", "plus de 600\xa0établissements"),
        ("esms-numerique", "près de 10,6\xa0M€"),
        ("mon-espace-sante", "plus de 400\xa0référents"),
    }
    assert {i.date for i in indicators} == {datetime.date(2023, 2, 1)}
    assert indicators.get(unit="structures").value == Decimal("81")
    assert not RegionalIndicator.objects.exclude(region=normandie).exists()


def test_the_two_press_releases(demo):
    news = {item.published_on: item for item in NewsItem.objects.all()}
    assert set(news) == {datetime.date(2019, 10, 2), datetime.date(2023, 2, 2)}
    assert all(item.kind == NewsItem.Kind.PRESS_RELEASE for item in news.values())

    masante = news[datetime.date(2019, 10, 2)]
    assert masante.title.startswith("Virage numérique #MaSanté2022")
    assert "julie.messier@sante.gouv.fr" in masante.press_contact
    assert "01 58 45 33 20" in masante.press_contact

    rouen = news[datetime.date(2023, 2, 2)]
    assert rouen.place == "Caen"
    assert rouen.region.slug == "normandie"
    assert "81 structures sanitaires normandes" in rouen.body
    assert [item.pk for item in NewsItem.objects.published()] == [rouen.pk, masante.pk]


def test_no_demo_accounts_unless_enabled(demo):
    output = demo
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()
    # The authors of the demo contributions exist, but nobody can sign in with them.
    assert not [user for user in User.objects.all() if user.has_usable_password()]
    assert not EmailAddress.objects.exists()
    assert DEMO_PASSWORD not in output
    assert "non créés" in output
