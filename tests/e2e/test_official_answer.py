"""The loop closed, in a real browser: a citizen contributes, the DNS team answers in the admin,
the citizen gets the notice, reads the answer under the contribution and on /mon-compte/, and
the consultation's figures count it. Then the demo's results pages, axe-clean at both widths."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from concertation.models import Consultation, Contribution, OfficialAnswer
from esante.demo import DEMO_PASSWORD
from esante.models import User
from tests.e2e.conftest import screenshot, serious_violations, sign_in
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_citizen_contributes_staff_answer_and_the_citizen_reads_the_answer(
    browser, live_server, demo, mailoutbox
):
    chapter = Consultation.objects.get(slug="feuille-de-route-2023-2027").chapters.get(number=1)
    citizen = UserFactory(display_name="Camille Citoyenne")
    citizen_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = citizen_context.new_page()
    page.set_default_timeout(15_000)

    # 1. The citizen comments on the chapter.
    sign_in(page, live_server, citizen)
    page.goto(live_server.url + chapter.get_absolute_url())
    with page.expect_navigation():
        page.get_by_role("link", name="Contribuer sur le paragraphe 3").click()
    page.get_by_label("Votre contribution").fill(
        "Publier chaque trimestre l'avancement des actions."
    )
    page.locator("label").filter(has_text="J'ai lu et j'accepte la charte de modération").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma contribution").click()
    contribution = Contribution.objects.get(author=citizen)
    assert contribution.status == Contribution.Status.PUBLISHED

    # 2. The DNS team answers it in the admin, from the list of contributions to answer.
    staff = User.objects.get(email="dns@demo.esante.local")
    staff_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    admin = staff_context.new_page()
    admin.set_default_timeout(15_000)
    sign_in(admin, live_server, staff, DEMO_PASSWORD)
    admin.goto(f"{live_server.url}/admin/concertation/contribution/a-repondre/")
    admin.locator("#searchbar").fill("avancement des actions")
    with admin.expect_navigation():
        admin.locator("#searchbar").press("Enter")
    row = admin.locator("#result_list tbody tr").filter(
        has=admin.locator(f"input[value='{contribution.pk}']")
    )
    row.locator("input.action-select").check()
    admin.locator("select[name='action']").select_option("answer_together")
    with admin.expect_navigation():
        admin.get_by_role("button", name="Envoyer").click()
    admin.get_by_label("Position").select_option("taken")
    admin.get_by_label("Réponse argumentée (Markdown)").fill(
        "Retenu : un **tableau de bord trimestriel** sera publié dès 2027."
    )
    with admin.expect_navigation():
        admin.get_by_role("button", name="Publier maintenant").click()
    expect(admin.get_by_text("Réponse publiée sur 1 contribution")).to_be_visible()
    answer = OfficialAnswer.objects.get(contributions=contribution)
    assert answer.status == OfficialAnswer.Status.PUBLISHED and answer.published_by == staff
    screenshot(admin, "admin-reponse-publiee")

    # 3. The citizen gets the notice, once, with a link to the answer.
    notices = [m for m in mailoutbox if citizen.email in m.to and "Réponse officielle" in m.subject]
    assert len(notices) == 1, [(m.subject, m.to) for m in mailoutbox]
    link = re.search(r"https?://\S+#contribution-\d+", notices[0].body).group(0)
    assert link.endswith(f"#contribution-{contribution.pk}")

    # 4. … opens the link (a new tab, as from a mail client) and reads the answer under the
    # contribution, in its own distinct block …
    split = urlsplit(link)
    page = citizen_context.new_page()
    page.goto(f"{live_server.url}{split.path}?{split.query}#{split.fragment}")
    block = page.locator(f"#contribution-{contribution.pk}")
    official = block.get_by_role("region", name=re.compile("Réponse officielle")).or_(
        block.locator(".fr-callout")
    )
    expect(official.first).to_contain_text("tableau de bord trimestriel")
    expect(official.first).to_contain_text("Pris en compte")
    screenshot(page, "contribution-avec-reponse-officielle")

    # 5. … and on the account page, in « Mes contributions ».
    page.goto(f"{live_server.url}/mon-compte/")
    mine = page.locator(".esante-trail")  # the list under the « Mes contributions » heading
    expect(mine).to_contain_text("Publier chaque trimestre l'avancement des actions.")
    expect(mine).to_contain_text("Pris en compte")

    # 6. The consultation's figures count it (live for the DNS team: it is still open).
    consultation = chapter.consultation
    admin.goto(f"{live_server.url}/concertation/{consultation.slug}/resultats/")
    on_the_text = Contribution.objects.filter(
        consultation=consultation, parent=None, status="published"
    )
    answered = on_the_text.exclude(answer_state="").count()
    assert answered >= 1
    expect(admin.get_by_role("main")).to_contain_text("Chiffres en cours")
    expect(admin.get_by_role("main")).to_contain_text(
        f"a répondu officiellement à {answered} contribution"
        f"{'s publiées' if answered > 1 else ' publiée'} sur {on_the_text.count()}"
    )
    citizen_context.close()
    staff_context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_demo_results_pages_are_accessible(browser, live_server, demo, width):
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    base = f"{live_server.url}/concertation/doctrine-technique-2019/resultats/"
    for path, name in [
        ("", "resultats"),
        ("reponses/", "resultats-reponses"),
        ("changements/", "resultats-changements"),
    ]:
        page.goto(base + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert serious_violations(page) == [], path
        # Nothing wider than the screen: the tables scroll inside their own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
        screenshot(page, f"{name}-{width}")
    page.goto(base)
    main = page.get_by_role("main")
    for heading in ("Synthèse", "Ce qui a changé"):
        expect(main.get_by_role("heading", name=re.compile(heading)).first).to_be_visible()
    # Every chart has its data table.
    charts = page.locator("svg[role='img']").count()
    assert charts >= 4 and page.locator("table").count() >= charts
    context.close()
