"""The rewording field in a browser: site.js shows it only while « Proposition de reformulation »
is chosen (without scripts it stays visible, labelled for that kind: tests/concertation)."""

import pytest
from playwright.sync_api import expect

from concertation import services
from concertation.models import Contribution
from tests.concertation.factories import ChapterFactory, paragraph_at
from tests.e2e.conftest import serious_violations, sign_in
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_rewording_field_follows_the_chosen_kind(page, live_server):
    chapter = ChapterFactory()
    user = UserFactory(display_name="Claire Martin")
    services.charter_accept(user=user, consultation=chapter.consultation)
    anchor = paragraph_at(chapter, 2).anchor
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}{chapter.get_absolute_url()}?paragraphe={anchor}")

    rewording = page.get_by_label("Nouvelle rédaction du paragraphe")
    expect(rewording).to_be_hidden()
    kinds = page.get_by_role("group", name="Type de contribution")
    kinds.locator("label").filter(has_text="Proposition de reformulation").click()
    expect(rewording).to_be_visible()
    expect(rewording).to_have_value("Les établissements déclarent leurs incidents de sécurité.")
    assert serious_violations(page) == []

    rewording.fill("Les établissements déclarent sans délai leurs incidents de sécurité.")
    page.get_by_label("Votre contribution").fill("Un délai rend l'obligation vérifiable.")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma contribution").click()
    contribution = Contribution.objects.get()
    assert contribution.kind == "rewording"
    assert contribution.proposed_text.startswith("Les établissements déclarent sans délai")

    # Back to a comment: the field hides again.
    page.goto(f"{live_server.url}{chapter.get_absolute_url()}?paragraphe={anchor}")
    kinds = page.get_by_role("group", name="Type de contribution")
    kinds.locator("label").filter(has_text="Proposition de reformulation").click()
    expect(page.get_by_label("Nouvelle rédaction du paragraphe")).to_be_visible()
    kinds.locator("label").filter(has_text="Commentaire").click()
    expect(page.get_by_label("Nouvelle rédaction du paragraphe")).to_be_hidden()
