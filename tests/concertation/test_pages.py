"""The reading pages: consultations by state with their counts, a consultation with its chapters
and charter, a chapter with per-paragraph counts, sort, filters and pagination."""

import datetime
import re

import pytest
from django.utils import timezone

from concertation import services
from concertation.models import Contribution
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory


def html_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def shown_ids(response) -> list[int]:
    return [c.pk for c in response.context["page_obj"].object_list]


@pytest.fixture
def chapter(db):
    return ChapterFactory(summary="Un résumé du chapitre.")


def test_consultation_list_by_state_with_counts(client, db):
    open_one = ConsultationFactory(
        title="Ouverte ici", closes_at=timezone.now() + datetime.timedelta(days=5, hours=1)
    )
    ConsultationFactory(title="À venir ici", upcoming=True)
    ConsultationFactory(title="Close ici", closed=True)
    ConsultationFactory(title="Brouillon caché", is_published=False)
    chapter = ChapterFactory(consultation=open_one)
    author = UserFactory()
    ContributionFactory(chapter=chapter, author=author)
    ContributionFactory(chapter=chapter, author=author)
    ContributionFactory(chapter=chapter)
    ContributionFactory(chapter=chapter, status="pending")
    ContributionFactory(chapter=chapter, status="hidden")

    response = client.get("/concertation/")
    html = response.content.decode()
    assert [c.title for c in response.context["open"]] == ["Ouverte ici"]
    assert [c.title for c in response.context["upcoming"]] == ["À venir ici"]
    assert [c.title for c in response.context["closed"]] == ["Close ici"]
    assert "Brouillon caché" not in html
    card = html.split("Ouverte ici", 1)[1].split("fr-card__body")[0]
    assert "3 contributions · 2 participants" in card
    assert "5 jours restants" in card


def test_consultation_page_shows_chapters_counts_deadline_and_charter(client, chapter):
    consultation = chapter.consultation
    ContributionFactory(chapter=chapter)
    ContributionFactory(chapter=chapter, status="pending")
    html = html_of(client, consultation.get_absolute_url())
    assert f'href="{chapter.get_absolute_url()}"' in html
    assert ">1 contribution<" in html
    assert "Contribuez jusqu'au" in html
    assert "Restez courtois et argumentez." in html  # the charter
    assert "publiées immédiatement et modérées après publication" in html


def test_unpublished_consultation_page_is_not_found(client, db):
    consultation = ConsultationFactory(is_published=False)
    assert client.get(consultation.get_absolute_url()).status_code == 404


def test_chapter_page_counts_contributions_per_paragraph(client, chapter):
    second = paragraph_at(chapter, 2)
    top = ContributionFactory(chapter=chapter, paragraph=second)
    ContributionFactory(chapter=chapter, paragraph=second, parent=top)
    ContributionFactory(chapter=chapter, paragraph=second, status="pending")
    ContributionFactory(chapter=chapter, body="Sur tout le chapitre.")
    html = html_of(client, chapter.get_absolute_url())
    block = html.split(f'id="{second.anchor}"', 1)[1].split("esante-paragraph__meta", 2)[1]
    assert ">2 contributions<" in block
    assert "Un résumé du chapitre." in html
    general = html.split('id="titre-contributions"', 1)[1]
    assert "Sur tout le chapitre." in general and f'id="contribution-{top.pk}"' not in general


def test_declaration_of_interests_is_shown_beside_each_contribution(client, chapter):
    vendor = UserFactory(
        stakeholder_type="industry",
        organisation="Logiciels Santé",
        declaration_of_interests="Éditeur de logiciels de dossier patient.",
    )
    ContributionFactory(chapter=chapter, author=vendor, body="Premier avis.")
    ContributionFactory(chapter=chapter, author=vendor, body="Second avis.")
    html = html_of(client, chapter.get_absolute_url())
    assert html.count("Liens d'intérêts déclarés :") == 2
    assert html.count("Éditeur de logiciels de dossier patient.") == 2
    assert "Logiciels Santé" in html and "Industriel ou éditeur" in html


def test_sort_by_most_agreed_and_by_most_recent(client, chapter):
    now = timezone.now()
    old_popular = ContributionFactory(
        chapter=chapter, agree_count=9, created_at=now - datetime.timedelta(days=2)
    )
    recent = ContributionFactory(chapter=chapter, agree_count=1, created_at=now)
    middle = ContributionFactory(
        chapter=chapter, agree_count=4, created_at=now - datetime.timedelta(days=1)
    )
    url = chapter.get_absolute_url()
    assert shown_ids(client.get(url)) == [recent.pk, middle.pk, old_popular.pk]
    assert shown_ids(client.get(url, {"tri": "-agreed"})) == [old_popular.pk, middle.pk, recent.pk]
    assert shown_ids(client.get(url, {"tri": "-recent"})) == [recent.pk, middle.pk, old_popular.pk]
    # Unknown values give the default list rather than an error.
    bogus = {"tri": "n'importe quoi", "type": "yy", "acteur": "zz", "page": "abc"}
    assert shown_ids(client.get(url, bogus)) == [recent.pk, middle.pk, old_popular.pk]


def test_filter_by_stakeholder_type_and_kind(client, chapter):
    industry = UserFactory(stakeholder_type="industry")
    citizen = UserFactory(stakeholder_type="citizen")
    question = ContributionFactory(chapter=chapter, author=industry, kind="question")
    comment = ContributionFactory(chapter=chapter, author=industry, kind="comment")
    other = ContributionFactory(chapter=chapter, author=citizen, kind="question")
    url = chapter.get_absolute_url()
    assert set(shown_ids(client.get(url, {"acteur": "industry"}))) == {question.pk, comment.pk}
    assert set(shown_ids(client.get(url, {"type": "question"}))) == {question.pk, other.pk}
    assert shown_ids(client.get(url, {"acteur": "industry", "type": "question"})) == [question.pk]
    empty = client.get(url, {"acteur": "association"})
    assert "Aucune contribution ne correspond à ces critères." in empty.content.decode()


def test_pagination(client, chapter, settings):
    author = UserFactory()
    rows = [
        Contribution(
            consultation=chapter.consultation,
            chapter=chapter,
            version=chapter.current_version,
            author=author,
            body=f"Numéro {n}.",
            status="published",
            created_at=timezone.now() - datetime.timedelta(minutes=n),
        )
        for n in range(settings.CONTRIBUTIONS_PER_PAGE + 5)
    ]
    for row in rows:
        row.fill_rendered()  # bulk_create skips save(), which renders the Markdown
    Contribution.objects.bulk_create(rows)
    services.counters_refresh(chapter_ids=[chapter.pk])  # written in bulk, past the lifecycle
    url = chapter.get_absolute_url()
    first = client.get(url)
    assert len(shown_ids(first)) == settings.CONTRIBUTIONS_PER_PAGE
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(shown_ids(second)) == 5
    assert "Numéro 24." in second.content.decode()
    assert not set(shown_ids(first)) & set(shown_ids(second))
    assert client.get(url, {"page": "999"}).status_code == 200


def test_state_badge_everywhere(client, db):
    for trait, label in (
        ({}, "Ouverte"),
        ({"closed": True}, "Close"),
        ({"upcoming": True}, "À venir"),
    ):
        chapter = ChapterFactory(consultation=ConsultationFactory(**trait))
        for url in (chapter.get_absolute_url(), chapter.consultation.get_absolute_url()):
            assert re.search(rf'class="fr-badge[^"]*">{label}</p>', html_of(client, url)), url


def test_unknown_chapter_is_not_found(client, chapter):
    url = f"/concertation/{chapter.consultation.slug}/inconnu/"
    assert client.get(url).status_code == 404
