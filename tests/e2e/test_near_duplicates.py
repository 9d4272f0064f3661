"""The acceptance test of the near-duplicates (issue 18): writing a contribution that repeats a
published one shows it, under the text, before sending; the live region speaks it without taking
the focus, and nothing breaks the Content-Security-Policy."""

import pytest
from playwright.sync_api import expect

from concertation import services
from tests.concertation.factories import ChapterFactory, ContributionFactory, paragraph_at
from tests.e2e.conftest import serious_violations, sign_in
from tests.esante.factories import UserFactory
from tests.themes.corpus import CONTRIBUTIONS, NEAR_DUPLICATES

pytestmark = pytest.mark.django_db(transaction=True)

ORIGINAL_INDEX, REPEATED = NEAR_DUPLICATES[3]


def test_a_repeated_contribution_shows_the_published_one_before_sending(page, live_server):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 2)
    original = ContributionFactory(
        chapter=chapter,
        paragraph=paragraph,
        body=CONTRIBUTIONS[ORIGINAL_INDEX][1],
        author=UserFactory(display_name="Maison de retraite des Tilleuls"),
    )
    ContributionFactory(chapter=chapter, paragraph=paragraph, body=CONTRIBUTIONS[0][1])
    user = UserFactory(display_name="Claire Martin")
    services.charter_accept(user=user, consultation=chapter.consultation)
    sign_in(page, live_server, user)
    page.goto(f"{live_server.url}{chapter.get_absolute_url()}?paragraphe={paragraph.anchor}")

    region = page.locator("[data-near-duplicates]")
    expect(region).to_have_attribute("aria-live", "polite")
    body = page.get_by_label("Votre contribution")
    # Typed, as a participant types: the search waits for a pause in the typing.
    body.press_sequentially(REPEATED, delay=2)
    expect(
        region.get_by_role("heading", name="Des contributions proches existent déjà")
    ).to_be_visible()
    link = region.get_by_role(
        "link", name="Lire et réagir à la contribution de Maison de retraite des Tilleuls"
    )
    expect(link).to_have_attribute("href", original.get_absolute_url())
    expect(region.get_by_role("listitem")).to_have_count(1)
    expect(body).to_be_focused()  # Announced, the focus stays in the text.
    assert serious_violations(page) == []

    # Erased below 30 characters: the suggestion goes.
    body.fill("Autre chose.")
    expect(region.get_by_role("heading")).to_have_count(0)
    # Sending still works as before.
    body.fill(REPEATED)
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma contribution").click()
    assert chapter.contributions.count() == 3
