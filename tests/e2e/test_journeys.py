"""The comment journey and accessibility checks in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from concertation.models import Consultation, Contribution
from tests.e2e.conftest import screenshot
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "motdepasse-de-test-42"


@pytest.fixture
def demo(settings):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo")


def sign_in(page, live_server, user):
    page.goto(f"{live_server.url}/comptes/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/mon-compte/")


def test_comment_on_a_paragraph_with_the_keyboard_only(page, live_server, demo):
    user = UserFactory(display_name="Camille Clavier")
    sign_in(page, live_server, user)
    chapter = Consultation.objects.get(slug="feuille-de-route-2023-2027").chapters.get(number=3)
    page.goto(live_server.url + chapter.get_absolute_url())
    link = page.get_by_role("link", name="Contribuer sur le paragraphe 1")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**paragraphe=**")
    page.focus("#id_body")
    page.keyboard.type("Préciser le calendrier de déploiement.")
    page.focus("#id_accept_charter")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # confirm_personal_data is hidden: next is the submit button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Merci : votre contribution est publiée.").is_visible()
    assert page.get_by_text("Préciser le calendrier de déploiement.").is_visible()
    assert Contribution.objects.filter(author=user, paragraph__isnull=False).exists()
    screenshot(page, "chapitre-apres-contribution")


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/feuille-de-route/2023-2027/",
        "/concertation/",
        "/concertation/feuille-de-route-2023-2027/axe-1-prevention-et-citoyen-acteur/",
        "/evenements/",
        "/evenements/tour-des-regions-2023-rouen/",
        "/regions/normandie/",
        "/conseil/",
        "/recherche/?q=securite",
        "/comptes/signup/",
    ],
)
def test_no_serious_or_critical_accessibility_violation(page, live_server, demo, path):
    page.goto(live_server.url + path)
    results = Axe().run(page)
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    details = [(v["id"], v["impact"], len(v["nodes"])) for v in serious]
    assert not serious, f"{path}: {details}"
