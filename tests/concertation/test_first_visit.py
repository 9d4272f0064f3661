"""What a first visit finds on the concertation pages: a closed or upcoming consultation invites
no writing, the rewording field belongs to rewordings, withdrawing asks first, a held
contribution stays visible to its author, and a second flag is refused before the form."""

import pytest
from django.urls import reverse

from concertation import services
from concertation.models import CharterAcceptance, Follow
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def member(client, db):
    """Signed in, verified, charter not yet accepted."""
    user = UserFactory(display_name="Claire Martin")
    client.force_login(user)
    return user


@pytest.fixture
def other(db):
    return UserFactory(display_name="Paul Durand")


# --- 1. a closed or upcoming consultation invites no writing ------------------------------------


@pytest.mark.parametrize("state", ["closed", "upcoming"])
def test_closed_or_upcoming_chapter_offers_reading_only(client, member, other, state):
    chapter = ChapterFactory(consultation=ConsultationFactory(**{state: True}))
    first = paragraph_at(chapter, 1)
    on_paragraph = ContributionFactory(
        chapter=chapter, paragraph=first, author=other, body="Sur le premier paragraphe."
    )
    ContributionFactory(chapter=chapter, author=other, body="Sur tout le chapitre.")
    CharterAcceptance.objects.create(user=member, consultation=chapter.consultation)

    page = text(client.get(chapter.get_absolute_url()))
    # Paragraphs with contributions still lead to them; the others invite nothing.
    assert "1 contribution<span" in page
    assert "Contribuer<span" not in page
    # Following an upcoming consultation is worth it (news once it opens); a closed one has none.
    assert ("Suivre ce chapitre" in page) is (state == "upcoming")
    assert "Sur tout le chapitre." in page
    assert "Envoyer ma contribution" not in page and "Envoyer ma réponse" not in page
    assert reverse("concertation:reaction", args=[on_paragraph.pk]) not in page

    panel = text(client.get(chapter.get_absolute_url(), {"paragraphe": first.anchor}))
    assert "Sur le premier paragraphe." in panel
    # Flags are still received (a host must let anyone report unlawful content, LCEN art. 6).
    assert reverse("concertation:flag", args=[on_paragraph.pk]) in panel
    assert "Contribuer sur ce paragraphe" not in panel and "Envoyer ma" not in panel

    empty = text(
        client.get(chapter.get_absolute_url(), {"paragraphe": paragraph_at(chapter, 2).anchor})
    )
    assert "Contribuer sur ce paragraphe" not in empty and "Envoyer ma" not in empty


def test_closed_chapter_says_since_when(client, member):
    consultation = ConsultationFactory(closed=True)
    chapter = ChapterFactory(consultation=consultation)
    page = text(client.get(chapter.get_absolute_url()))
    assert "Consultation close" in page and "est close depuis le" in page
    # Not "for the moment": nothing more will come.
    assert "Aucune contribution n'a été publiée." in page
    assert "Aucune contribution pour le moment." not in page


def test_closed_consultation_page_offers_no_follow_but_lets_a_follower_leave(client, member):
    consultation = ConsultationFactory(closed=True)
    chapter = ChapterFactory(consultation=consultation)
    assert "Suivre cette consultation" not in text(client.get(consultation.get_absolute_url()))
    # Someone who followed before the closing can still stop receiving news.
    Follow.objects.create(user=member, consultation=consultation)
    Follow.objects.create(user=member, chapter=chapter)
    assert "Ne plus suivre" in text(client.get(consultation.get_absolute_url()))
    assert "Ne plus suivre ce chapitre" in text(client.get(chapter.get_absolute_url()))


def test_earlier_version_invites_no_contribution(client, member):
    chapter = ChapterFactory()
    services.chapter_revise(chapter=chapter, body="Un tout autre texte.")
    page = text(client.get(chapter.get_absolute_url(), {"version": 1}))
    assert "Vous lisez une version antérieure" in page
    assert "Contribuer<span" not in page


def test_open_chapter_still_invites_contributions(client, member):
    chapter = ChapterFactory()
    page = text(client.get(chapter.get_absolute_url()))
    assert "Contribuer<span" in page and "Suivre ce chapitre" in page
    assert "Envoyer ma contribution" in page
