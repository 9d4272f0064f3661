"""Acceptance of the foundation: settings, demo content, health, pages, 404."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.utils import ConnectionHandler

from esante import health
from esante.models import Region
from roadmap.models import Action, NewsItem, RegionalIndicator, Roadmap

ROOT = Path(__file__).resolve().parents[2]


def run_settings(**env):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_DEBUG")}
    clean.update(env, DJANGO_SETTINGS_MODULE="esante.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_development_settings_start_without_secret_key():
    assert run_settings(DJANGO_DEBUG="true").returncode == 0


def test_production_settings_start_with_a_secret_key():
    assert run_settings(DJANGO_DEBUG="false", SECRET_KEY="x" * 50).returncode == 0


def test_regions_and_groups_come_from_migrations(db):
    assert Region.objects.count() == 18
    assert Region.objects.filter(is_overseas=True).count() == 5
    assert Region.objects.get(slug="normandie").ars_name == "ARS Normandie"


def snapshot():
    from django.apps import apps

    rows = {}
    for label in ("esante", "roadmap", "concertation", "account"):
        for model in apps.get_app_config(label).get_models():
            rows[model._meta.label] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items())) for row in model.objects.values()
            )
    return rows


def test_load_demo_is_idempotent_and_holds_the_source_documents(db, settings):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first

    masante = Roadmap.objects.get(slug="masante2022")
    assert masante.actions.count() == 26
    assert masante.axes.count() == 5
    assert Roadmap.objects.get(slug="2023-2027").axes.count() == 4
    normandie = RegionalIndicator.objects.filter(region__slug="normandie")
    values = {i.display_value for i in normandie}
    assert {"81\xa0structures", "64\xa0%", "plus de 400\xa0référents"} <= values
    assert "plus de 6,6\xa0M€" in values
    assert NewsItem.objects.filter(press_contact__contains="julie.messier@sante.gouv.fr").exists()
    assert Action.objects.filter(is_demo=True).count() == Action.objects.count()


def test_demo_accounts_only_when_enabled(db, settings, client):
    from esante.models import User

    settings.DEMO_ACCOUNTS = False
    call_command("load_demo")
    assert not User.objects.filter(email="dns@demo.esante.local").exists()
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo")
    response = client.post(
        "/comptes/login/", {"login": "dns@demo.esante.local", "password": "demo-esante-2026"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_healthz_ok_without_redis(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {
        "database": {"status": "ok"},
        "redis": {"status": "not_configured"},
    }


def test_healthz_503_when_redis_unreachable(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["status"] == "error"


def test_healthz_with_the_real_redis(client, db, settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: CI runs this against the real Redis")
    settings.REDIS_URL = url
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == {"status": "ok"}


def test_healthz_503_when_database_unreachable(client, db, settings, monkeypatch):
    broken = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "esante",
                "HOST": "127.0.0.1",
                "PORT": "1",
                "USER": "postgres",
                "OPTIONS": {"connect_timeout": 1},
            }
        }
    )
    real = health.run_checks
    monkeypatch.setattr("esante.views.run_checks", lambda: real(db_handler=broken))
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "error"


@pytest.fixture
def demo(db, settings):
    settings.DEMO_ACCOUNTS = False
    call_command("load_demo")


PAGES = [
    ("/", "Le numérique en santé se construit avec vous"),
    ("/feuille-de-route/", "#MaSanté2022"),
    ("/feuille-de-route/2023-2027/", "Développer la prévention"),
    ("/feuille-de-route/masante2022/actions/2/", "Installer le Conseil du Numérique en Santé"),
    ("/actualites/", "Tour des régions de la feuille de route"),
    (
        "/actualites/tour-des-regions-2023-2027-rouen-actions-regionales/",
        "81 structures sanitaires normandes",
    ),
    ("/regions/", "Auvergne-Rhône-Alpes"),
    ("/regions/normandie/", "plus de 6,6\xa0M€"),
    ("/mentions-legales/", "Délégation ministérielle au Numérique en Santé"),
    ("/donnees-personnelles/", "Vos droits"),
    ("/accessibilite/", "État de conformité"),
    ("/plan-du-site/", "Plan du site"),
    ("/concertation/", "Doctrine technique du numérique en santé"),
    ("/recherche/?q=securite", "Sécurité des systèmes"),
]


@pytest.mark.parametrize(("url", "text"), PAGES)
def test_public_pages_render_in_the_dsfr_layout(client, demo, url, text):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    assert '<html lang="fr"' in html
    assert 'class="fr-header"' in html and 'class="fr-footer"' in html
    assert 'class="fr-skiplinks"' in html
    for link in ("/mentions-legales/", "/donnees-personnelles/", "/accessibilite/"):
        assert f'href="{link}"' in html


def test_news_feeds(client, demo):
    rss = client.get("/actualites/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "Tour des régions" in rss.content.decode()
    atom = client.get("/actualites/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "<entry>" in atom.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/feuille-de-route/inconnue/",
        "/feuille-de-route/masante2022/actions/999/",
        "/actualites/inconnue/",
        "/regions/atlantide/",
        "/concertation/inconnue/",
    ],
)
def test_unknown_slugs_are_french_404_in_the_layout(client, demo, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'class="fr-header"' in html


def test_account_page_requires_login_and_saves_the_profile(client, user):
    assert client.get("/mon-compte/").status_code == 302
    client.force_login(user)
    normandie = Region.objects.get(slug="normandie")
    response = client.post(
        "/mon-compte/",
        {
            "display_name": "  Claire   M. ",
            "stakeholder_type": "health_professional",
            "organisation": "Maison de santé",
            "region": normandie.pk,
            "declaration_of_interests": "",
            "digest_frequency": "daily",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.region) == ("Claire M.", normandie)
    response = client.post("/mon-compte/", {"display_name": "X", "stakeholder_type": "pirate"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    user.refresh_from_db()
    assert user.display_name == "Claire M."


def test_server_error_page_is_french_and_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Erreur inattendue" in html and 'lang="fr"' in html
    assert 'class="fr-btn" href="/"' in html


def test_server_error_page_in_english_leads_to_the_english_home(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("en"):
        html = server_error(rf.get("/en/")).content.decode()
    assert 'lang="en"' in html and "Unexpected error" in html
    assert 'class="fr-btn" href="/en/"' in html
