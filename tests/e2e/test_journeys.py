"""The comment journey and accessibility checks in a real browser."""

import pytest

from concertation.models import Consultation, Contribution
from tests.e2e.conftest import screenshot, serious_violations, sign_in
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


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


def test_account_and_forms_with_errors_are_accessible(page, live_server, demo):
    page.goto(f"{live_server.url}/comptes/signup/")
    page.fill("#id_email", "pas-une-adresse")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator(".fr-input-group--error").count() >= 1
    assert serious_violations(page) == []

    sign_in(page, live_server, UserFactory())
    assert serious_violations(page) == []  # /mon-compte/
    chapter = Consultation.objects.get(slug="feuille-de-route-2023-2027").chapters.get(number=2)
    page.goto(live_server.url + chapter.get_absolute_url())
    with page.expect_navigation():
        page.click("text=Envoyer ma contribution")
    assert page.locator(".fr-alert--error").count() >= 1
    assert serious_violations(page) == []


PAGES = {
    "accueil": "/",
    "concertation": "/concertation/",
    "chapitre": "/concertation/feuille-de-route-2023-2027/axe-1-prevention-et-citoyen-acteur/",
    "evenements": "/evenements/",
    "conseil": "/conseil/",
    "region": "/regions/normandie/",
}


@pytest.mark.parametrize(("width", "label"), [(1280, "bureau"), (390, "telephone")])
def test_screenshots_of_the_main_pages(browser, live_server, demo, width, label):
    """Test artefacts in var/test-artifacts/: every main page at desktop and phone widths."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in PAGES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200
        # Nothing wider than the screen: the page reads on a phone without sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"{name}-{label}")
    context.close()


def test_focus_moves_to_the_error_summary(page, live_server, demo):
    page.goto(f"{live_server.url}/comptes/signup/")
    page.fill("#id_email", "pas-une-adresse")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")


def test_staff_hide_a_contribution_and_the_public_page_shows_the_notice(page, live_server, demo):
    from tests.concertation.factories import ContributionFactory
    from tests.esante.factories import DnsStaffFactory

    chapter = Consultation.objects.get(slug="feuille-de-route-2023-2027").chapters.get(number=2)
    target = ContributionFactory(chapter=chapter, body="Achetez notre logiciel miracle")
    sign_in(page, live_server, DnsStaffFactory())
    page.goto(f"{live_server.url}/admin/concertation/contribution/?q=miracle")
    page.check(f"input[name=_selected_action][value='{target.pk}']")
    page.select_option("select[name=action]", "hide")
    page.select_option("select[name=reason]", "advertising")
    page.fill("input[name=note]", "Promotion commerciale")
    with page.expect_navigation():
        page.click("button[name=index]")
    page.goto(live_server.url + chapter.get_absolute_url())
    notice = page.get_by_text("Contribution masquée par la modération")
    assert notice.is_visible()
    assert "Publicité ou promotion commerciale" in notice.inner_text()
    assert page.get_by_text("Achetez notre logiciel miracle").count() == 0


def test_ars_publishes_an_event_and_visitors_register_until_the_waitlist(
    browser, page, live_server, demo
):
    import datetime

    from django.utils import timezone

    from events.models import Event, Registration
    from tests.esante.factories import ArsStaffFactory

    sign_in(page, live_server, ArsStaffFactory())
    page.goto(f"{live_server.url}/admin/events/event/add/")
    start = timezone.localtime() + datetime.timedelta(days=15)
    page.select_option("#id_kind", "tour_stop")
    page.fill("#id_title", "Étape de Cherbourg")
    page.fill("#id_slug", "etape-cherbourg")
    page.select_option("#id_region", label="Normandie")
    page.select_option("#id_status", "published")
    page.fill("#id_city", "Cherbourg")
    page.fill("#id_starts_at_0", start.strftime("%d/%m/%Y"))
    page.fill("#id_starts_at_1", "09:00:00")
    page.fill("#id_ends_at_0", start.strftime("%d/%m/%Y"))
    page.fill("#id_ends_at_1", "12:00:00")
    page.fill("#id_summary", "Une matinée d'échanges.")
    page.fill("#id_capacity", "1")
    with page.expect_navigation():
        page.click("input[name=_save]")
    errors = page.locator(".errorlist, .errornote").all_inner_texts()
    assert errors == [], (errors, page.url)
    event = Event.objects.get(title="Étape de Cherbourg")
    assert event.region.slug == "normandie" and event.status == "published"

    for name, email in [("Première", "premiere@example.org"), ("Seconde", "seconde@example.org")]:
        visitor = browser.new_context(locale="fr-FR").new_page()
        visitor.goto(live_server.url + event.get_absolute_url())
        visitor.fill("#id_name", name)
        visitor.fill("#id_email", email)
        with visitor.expect_navigation():
            visitor.click("main button[type=submit]")
        assert visitor.get_by_text("Presque fini").is_visible()
        registration = Registration.objects.get(email=email)
        visitor.goto(live_server.url + registration.get_confirm_url())
        with visitor.expect_navigation():
            visitor.click("main button[type=submit]")
        visitor.context.close()
    statuses = dict(Registration.objects.filter(event=event).values_list("email", "status"))
    assert statuses == {"premiere@example.org": "confirmed", "seconde@example.org": "waitlisted"}
