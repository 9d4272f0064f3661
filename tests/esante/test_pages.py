"""Every public page of the foundation: status, content, DSFR layout, 404s, the account page."""

import io
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from esante.models import Region, StakeholderType
from tests.concertation.factories import ChapterFactory, ContributionFactory
from tests.roadmap.factories import RoadmapFactory

SITE_NAME = "Concertation e-santé"
NBSP = "\u00a0"
NEWS_2019 = "/actualites/masante2022-feuille-de-route-concertation-doctrine-technique/"
NEWS_2023 = "/actualites/tour-des-regions-2023-2027-rouen-actions-regionales/"
TITLE_2019 = (
    "Virage numérique #MaSanté2022 : une feuille de route qui suit son cap avec comme "
    "maîtres-mots les échanges et la concertation"
)
TITLE_2023 = (
    "Tour des régions de la feuille de route du numérique en santé 2023-2027 : les actions "
    "engagées par les acteurs régionaux"
)
FOOTER_LINKS = ["/plan-du-site/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/"]
MAIN_NAV = [
    "/",
    "/feuille-de-route/",
    "/concertation/",
    "/evenements/",
    "/actualites/",
    "/regions/",
]


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module in a transaction rolled back at its end.

    Django's setUpTestData pattern: each test runs in a savepoint inside this transaction, so
    its own changes are undone, and loading the demo once saves about a second a test.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with override_settings(DEMO_ACCOUNTS=False):
            call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_content, db):
    """Use in tests that read the demo content."""


class Page(HTMLParser):
    """What the tests read in a page: ids, links, headings, the <title> and the visible text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.h1: list[str] = []
        self.title = ""
        self.text_parts: list[str] = []
        self._in: list[str] = []
        self.feed(source)
        self.close()
        # Collapse ASCII white space only: the non-breaking spaces are part of what we check.
        self.title = " ".join(self.title.split())
        self.text = re.sub(r"[ \t\r\n\f]+", " ", " ".join(self.text_parts)).strip()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag in ("title", "h1", "script", "style"):
            self._in.append(tag)
            if tag == "h1":
                self.h1.append("")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        elif "script" in self._in or "style" in self._in:
            return
        else:
            if "h1" in self._in:
                self.h1[-1] += data
            self.text_parts.append(data)


def get_page(client, url, status=200) -> tuple[str, Page]:
    response = client.get(url)
    assert response.status_code == status, url
    source = response.content.decode()
    return source, Page(source)


def assert_site_layout(source: str, page: Page):
    assert '<html lang="fr"' in source
    assert '<header role="banner" class="fr-header">' in source
    assert '<footer class="fr-footer" role="contentinfo" id="pied-de-page">' in source
    assert '<main id="contenu"' in source
    # Skip links first in the page, each towards an element that exists.
    assert source.index('class="fr-skiplinks"') < source.index('class="fr-header"')
    for target in ("contenu", "navigation-principale", "pied-de-page"):
        assert f"#{target}" in page.hrefs
        assert target in page.ids
    for link in FOOTER_LINKS + MAIN_NAV:
        assert link in page.hrefs
    # No placeholder left from the design system's default partials.
    assert "" not in page.hrefs and "#" not in page.hrefs
    assert "à modifier" not in source
    duplicates = {i for i in page.ids if page.ids.count(i) > 1}
    assert not duplicates
    assert len(page.h1) == 1
    assert page.title.endswith(SITE_NAME)


PAGES = {
    "/": (
        SITE_NAME,
        [
            "Le numérique en santé se construit avec vous",
            "Feuille de route du numérique en santé 2023-2027",
            TITLE_2019,
            TITLE_2023,
            "Ségur Usage Numérique en Établissement de Santé (SUN-ES)",
        ],
    ),
    "/feuille-de-route/": (
        "Feuille de route",
        [
            "#MaSanté2022 — Accélérer le virage numérique",
            "5 orientations · 26 actions · 5 réalisées",
            "Feuille de route du numérique en santé 2023-2027",
            "4 axes · 11 actions · 0 réalisée",
        ],
    ),
    "/feuille-de-route/2023-2027/": (
        "Feuille de route du numérique en santé 2023-2027",
        [
            "Développer la prévention et rendre chaque citoyen acteur de sa santé",
            "Déployer un cadre propice aux usages et à l'innovation numérique en santé",
            "11 actions affichées",
            "Concertation publique close le 14 mars 2023.",
            "Renforcer la cybersécurité des établissements",
        ],
    ),
    "/feuille-de-route/masante2022/": (
        "#MaSanté2022 — Accélérer le virage numérique",
        ["Orientations", "26 actions affichées", "Installer le Conseil du Numérique en Santé"],
    ),
    "/feuille-de-route/masante2022/actions/10/": (
        "Action 10 : Relancer le dossier médical partagé (DMP)",
        [
            "Action 10 : Relancer le dossier médical partagé (DMP)",
            "Orientation 3 : Accélérer le déploiement des services numériques socles",
            "Réalisée",
            "Pilote Assurance Maladie",
            "100 %",
        ],
    ),
    "/actualites/": ("Actualités", [TITLE_2019, TITLE_2023, "flux RSS", "flux Atom"]),
    NEWS_2019: (
        TITLE_2019,
        [
            "Communiqué de presse",
            "Publié le 2 octobre 2019",
            "Travaux et réflexions du Conseil du Numérique en Santé",
            "Contact presse",
            "julie.messier@sante.gouv.fr",
        ],
    ),
    NEWS_2023: (
        TITLE_2023,
        [
            "Caen, le 2 février 2023",
            "81 structures sanitaires normandes",
            "Voir la page de la région Normandie",
        ],
    ),
    "/regions/": (
        "Régions",
        [
            "Régions de métropole",
            "Auvergne-Rhône-Alpes",
            "ARS Normandie · 7 indicateurs",
            "Régions d'outre-mer",
            "Mayotte",
        ],
    ),
    "/regions/normandie/": (
        "Normandie",
        [
            f"81{NBSP}structures",
            f"plus de 6,6{NBSP}M€",
            f"64{NBSP}%",
            f"près de 10,6{NBSP}M€",
            f"plus de 600{NBSP}établissements",
            f"plus de 400{NBSP}référents",
            "Au 1er février 2023 · Source : ARS Normandie, communiqué du 2 février 2023",
            "Actualités de la région",
            TITLE_2023,
        ],
    ),
    "/mentions-legales/": (
        "Mentions légales",
        ["Délégation ministérielle au Numérique en Santé", "Directeur de la publication"],
    ),
    "/donnees-personnelles/": ("Données personnelles", ["Responsable du traitement", "Vos droits"]),
    "/accessibilite/": ("Déclaration d'accessibilité", ["État de conformité", "Voies de recours"]),
    "/plan-du-site/": ("Plan du site", ["Feuille de route", "Mentions légales", "Mon compte"]),
    "/concertation/": ("Concertation", ["Doctrine technique du numérique en santé"]),
    "/recherche/?q=securite": ("« securite » — Recherche", ["Sécurité des systèmes"]),
    "/comptes/login/": ("Se connecter", ["Courriel", "Mot de passe", "Mot de passe oublié ?"]),
    "/comptes/signup/": ("Créer un compte", ["Courriel", "Mot de passe (confirmation)"]),
}


@pytest.mark.parametrize("url", PAGES)
def test_public_page_renders_its_content_in_the_site_layout(client, demo, url):
    title, texts = PAGES[url]

    source, page = get_page(client, url)

    assert_site_layout(source, page)
    assert page.title.startswith(title)
    for text in texts:
        assert text in page.text, text


def test_the_main_menu_marks_the_current_section(client, demo):
    source, _ = get_page(client, "/")
    assert source.count('aria-current="page"') == 1
    assert 'href="/" target="_self" aria-current="page"' in source

    source, _ = get_page(client, "/regions/normandie/")
    assert 'href="/regions/" target="_self" aria-current="page"' in source
    assert 'href="/" target="_self" aria-current' not in source


def test_account_pages_offer_their_forms(client, demo):
    source, _ = get_page(client, "/comptes/login/")
    assert 'name="login"' in source and 'name="password"' in source
    source, _ = get_page(client, "/comptes/signup/")
    assert 'name="email"' in source and 'name="password1"' in source


def parse_feed(response) -> ET.Element:
    return ET.fromstring(response.content)  # noqa: S314 - our own feed, built from test data.


def feed_titles(response, item_path: str) -> list[str]:
    return [element.text for element in parse_feed(response).iterfind(item_path)]


def test_rss_feed(client, demo):
    response = client.get("/actualites/rss/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert feed_titles(response, "channel/item/title") == [TITLE_2023, TITLE_2019]
    root = parse_feed(response)
    assert root.find("channel/title").text == "Concertation e-santé — actualités et communiqués"
    assert root.find("channel/item/link").text.endswith(NEWS_2023)
    assert root.find("channel/item/category").text == "Communiqué de presse"


def test_atom_feed(client, demo):
    response = client.get("/actualites/atom/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed_titles(response, f"{atom}entry/{atom}title") == [TITLE_2023, TITLE_2019]


def test_pages_announce_the_rss_feed(client, demo):
    source, _ = get_page(client, "/actualites/")

    assert '<link rel="alternate" type="application/rss+xml"' in source


# --- 404 -------------------------------------------------------------------------------------


@pytest.fixture
def unpublished_edition(demo):
    return RoadmapFactory(slug="brouillon", is_published=False)


@pytest.mark.parametrize(
    "url",
    [
        "/feuille-de-route/inconnue/",
        "/feuille-de-route/brouillon/",
        "/feuille-de-route/masante2022/actions/999/",
        "/feuille-de-route/masante2022/actions/0/",
        "/feuille-de-route/masante2022/actions/99999999999999999999999/",
        "/feuille-de-route/inconnue/actions/1/",
        "/actualites/inconnue/",
        "/regions/atlantide/",
        "/concertation/inconnue/",
        "/cette-page-n-existe-pas/",
    ],
)
def test_unknown_addresses_give_a_french_404_in_the_layout(client, unpublished_edition, url):
    source, page = get_page(client, url, status=404)

    assert_site_layout(source, page)
    assert page.h1 == ["Page introuvable"]
    assert page.title == f"Page introuvable — {SITE_NAME}"
    assert "La page que vous cherchez est introuvable." in page.text


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


def test_the_regions_come_with_the_migrations(db):
    assert Region.objects.count() == 18
    assert Region.objects.filter(is_overseas=True).count() == 5
    assert Region.objects.get(slug="normandie").ars_name == "ARS Normandie"


# --- /mon-compte/ ----------------------------------------------------------------------------


def test_account_page_sends_anonymous_visitors_to_the_login(client, db):
    response = client.get("/mon-compte/")

    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=/mon-compte/"


@pytest.fixture
def member_client(client, user):
    client.force_login(user)
    return client


def profile(client, **fields):
    """What the browser submits: every field of the form as shown, with these changes."""
    form = client.get("/mon-compte/").context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data |= {
        "display_name": "Claire M.",
        "stakeholder_type": StakeholderType.HEALTH_PROFESSIONAL,
        "organisation": "Maison de santé de Bayeux",
        "region": Region.objects.get(slug="normandie").pk,
    }
    data.update(fields)
    return data


def test_account_page_shows_the_profile_form(member_client, user):
    source, page = get_page(member_client, "/mon-compte/")

    assert_site_layout(source, page)
    assert user.email in page.text
    for field in ("display_name", "stakeholder_type", "organisation", "region"):
        assert f'name="{field}"' in source


def test_a_member_edits_the_profile(member_client, user):
    data = profile(member_client, display_name="  Claire   M. ")

    response = member_client.post("/mon-compte/", data)

    assert response.status_code == 302
    assert response["Location"] == "/mon-compte/"
    user.refresh_from_db()
    assert user.display_name == "Claire M."
    assert user.stakeholder_type == StakeholderType.HEALTH_PROFESSIONAL
    assert user.organisation == "Maison de santé de Bayeux"
    assert user.region.slug == "normandie"

    _, page = get_page(member_client, "/mon-compte/")
    assert "Votre profil a été enregistré." in page.text


def test_the_region_can_be_cleared(member_client, user):
    user.region = Region.objects.get(slug="bretagne")
    user.save(update_fields=["region"])

    assert member_client.post("/mon-compte/", profile(member_client, region="")).status_code == 302
    user.refresh_from_db()
    assert user.region is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("stakeholder_type", "pirate"), ("region", "999999"), ("region", "abc")],
)
def test_an_invalid_value_gives_a_french_error_and_changes_nothing(
    member_client, user, field, value
):
    before = (user.display_name, user.stakeholder_type, user.organisation, user.region_id)

    response = member_client.post(
        "/mon-compte/", profile(member_client, display_name="Nouveau nom", **{field: value})
    )

    assert response.status_code == 200
    page = Page(response.content.decode())
    assert "Le profil n'a pas été enregistré" in page.text
    assert "Sélectionnez un choix valide" in page.text
    user.refresh_from_db()
    assert (user.display_name, user.stakeholder_type, user.organisation, user.region_id) == before


def test_the_profile_form_cannot_grant_staff_rights_or_change_the_email(member_client, user):
    data = profile(member_client, is_staff="on", is_superuser="on", email="autre@example.org")

    assert member_client.post("/mon-compte/", data).status_code == 302
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (False, False)
    assert user.email != "autre@example.org"


SCRIPT_NAME = "<script>alert('xss')</script>Claire"


def test_a_display_name_with_markup_is_escaped_where_shown(member_client, user):
    data = profile(member_client, display_name=SCRIPT_NAME)

    assert member_client.post("/mon-compte/", data).status_code == 302
    user.refresh_from_db()
    assert user.display_name == SCRIPT_NAME  # kept as typed, escaped on output
    chapter = ChapterFactory()
    ContributionFactory(chapter=chapter, author=user, body="Une contribution signée.")

    for url in ("/mon-compte/", chapter.get_absolute_url()):
        source, _ = get_page(member_client, url)
        assert "<script>alert('xss')</script>" not in source, url
        assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;Claire" in source, url

    member_client.logout()
    source, page = get_page(member_client, chapter.get_absolute_url())
    assert "<script>alert('xss')</script>" not in source
    assert SCRIPT_NAME in page.text  # shown to others as text
