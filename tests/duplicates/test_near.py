"""The near-duplicates endpoint the contribution form calls while a participant writes: an HTML
fragment of at most three published contributions of the same paragraph (or of the chapter as a
whole), limited per user and per address, in a fixed number of queries."""

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from concertation.models import Contribution
from tests.concertation.factories import ChapterFactory, ContributionFactory, paragraph_at
from tests.esante.factories import UserFactory
from tests.themes.corpus import CONTRIBUTIONS, NEAR_DUPLICATES

ORIGINAL_INDEX, REPEATED = NEAR_DUPLICATES[0]
ORIGINAL = CONTRIBUTIONS[ORIGINAL_INDEX][1]


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def frozen():
    """The rate limits count in time windows: one window for the whole test."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def near(client, chapter, text, anchor=""):
    url = reverse("duplicates:near", args=[chapter.consultation.slug, chapter.slug])
    query = {"texte": text, **({"paragraphe": anchor} if anchor else {})}
    return client.get(url, query)


def test_a_repeated_text_shows_the_contribution_it_repeats(client, chapter):
    paragraph = paragraph_at(chapter, 2)
    author = UserFactory(display_name="Claire Martin")
    original = ContributionFactory(
        chapter=chapter, paragraph=paragraph, body=ORIGINAL, author=author
    )
    ContributionFactory(chapter=chapter, paragraph=paragraph, body=CONTRIBUTIONS[100][1])
    # The same text elsewhere, or not published, is not suggested.
    ContributionFactory(chapter=chapter, paragraph=paragraph_at(chapter, 1), body=ORIGINAL)
    ContributionFactory(chapter=chapter, paragraph=None, body=ORIGINAL)
    ContributionFactory(
        chapter=chapter, paragraph=paragraph, body=ORIGINAL, status=Contribution.Status.PENDING
    )

    response = near(client, chapter, REPEATED, paragraph.anchor)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Des contributions proches existent déjà" in html
    assert "réagir" in html
    assert html.count("<li") == 1
    assert "Claire Martin" in html
    assert "INSi depuis notre GAM" in html  # the excerpt
    assert f'href="{original.get_absolute_url()}"' in html
    assert f"?paragraphe={paragraph.anchor}#contribution-{original.pk}" in html
    assert "Lire et réagir à la contribution de Claire Martin" in html
    assert author.email not in html


def test_an_anonymous_author_keeps_the_label_the_chapter_page_shows(client, chapter):
    ContributionFactory(chapter=chapter, body=ORIGINAL, is_anonymous=True)
    html = near(client, chapter, REPEATED).content.decode()
    assert "Contributeur (" in html


def test_the_chapter_as_a_whole_and_nothing_close(client, chapter):
    ContributionFactory(chapter=chapter, body=ORIGINAL)
    assert "Des contributions proches" in near(client, chapter, REPEATED).content.decode()
    unrelated = near(client, chapter, CONTRIBUTIONS[250][1])
    assert unrelated.status_code == 200 and unrelated.content == b""


def test_short_texts_and_unknown_paragraphs_are_refused(client, chapter):
    short = near(client, chapter, "Trop court pour comparer.")
    assert short.status_code == 400
    assert "au moins 30 caractères" in short.content.decode()
    assert near(client, chapter, REPEATED, "nulle-part").status_code == 400
    url = reverse("duplicates:near", args=[chapter.consultation.slug, "inconnu"])
    assert client.get(url, {"texte": REPEATED}).status_code == 404


def test_at_most_three_most_similar_first(client, chapter):
    for n in range(4):
        ContributionFactory(chapter=chapter, body=ORIGINAL + f" Et encore un point {n}.")
    exact = ContributionFactory(chapter=chapter, body=REPEATED)
    html = near(client, chapter, REPEATED).content.decode()
    assert html.count("<li") == 3
    first = html[html.index("<li") : html.index("</li>")]
    assert f"#contribution-{exact.pk}" in first


@pytest.mark.parametrize("size", [3, 30])
def test_a_fixed_number_of_queries(client, chapter, size, django_assert_num_queries):
    paragraph = paragraph_at(chapter, 2)
    for n in range(size):
        ContributionFactory(chapter=chapter, paragraph=paragraph, body=CONTRIBUTIONS[n][1])
    for _ in range(3):
        ContributionFactory(chapter=chapter, paragraph=paragraph, body=ORIGINAL)
    # The chapter, the paragraph, the candidates, the three suggestions with their authors.
    with django_assert_num_queries(4):
        response = near(client, chapter, REPEATED, paragraph.anchor)
    assert response.content.decode().count("<li") == 3


def test_searches_are_limited_per_user(client, chapter, settings, frozen):
    settings.DUPLICATES_RATE_PER_USER = "2/m"
    client.force_login(UserFactory())
    assert [near(client, chapter, REPEATED).status_code for _ in range(2)] == [200, 200]
    refused = near(client, chapter, REPEATED)
    assert refused.status_code == 429
    assert "Trop de recherches de contributions proches" in refused.content.decode()
    assert int(refused["Retry-After"]) >= 1
    client.force_login(UserFactory())
    assert near(client, chapter, REPEATED).status_code == 200


def test_searches_are_limited_per_address(client, chapter, settings, frozen):
    settings.DUPLICATES_RATE_PER_IP = "2/m"
    statuses = []
    for _ in range(3):
        client.force_login(UserFactory())
        statuses.append(near(client, chapter, REPEATED).status_code)
    assert statuses == [200, 200, 429]
