"""What a first visit finds on the concertation pages: a closed or upcoming consultation invites
no writing, the rewording field belongs to rewordings, withdrawing asks first, a held
contribution stays visible to its author, and a second flag is refused before the form."""

import re

import pytest
from django.urls import reverse

from concertation import services
from concertation.models import CharterAcceptance, Contribution, Follow
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


# --- 2. the rewording field belongs to rewording proposals ---------------------------------------


def create_url(chapter):
    return reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )


def label_of(html: str, field_id: str) -> str:
    match = re.search(rf'<label class="fr-label" for="{field_id}">(.*?)</label>', html, re.S)
    assert match, field_id
    return match.group(1)


def test_rewording_field_is_prefilled_required_for_rewordings_only_and_says_so(client, member):
    chapter = ChapterFactory()
    second = paragraph_at(chapter, 2)
    html = text(client.get(chapter.get_absolute_url(), {"paragraphe": second.anchor}))
    label = label_of(html, "id_proposed_text")
    assert "(facultatif)" not in label
    assert "obligatoire pour une proposition de reformulation" in label
    assert "ignoré pour un commentaire ou une question" in label
    # Prefilled with the paragraph as it stands: the author edits it rather than retyping it.
    textarea = re.search(r'<textarea[^>]*id="id_proposed_text"[^>]*>(.*?)</textarea>', html, re.S)
    assert "Les établissements déclarent leurs incidents de sécurité." in textarea.group(1)
    # Progressive enhancement: the script hides it unless "rewording" is chosen.
    assert "data-rewording-field" in html
    assert 'name="kind" value="rewording"' in html

    # On the whole chapter, no rewording is offered (it is compared with one paragraph).
    general = text(client.get(chapter.get_absolute_url()))
    assert 'name="kind" value="rewording"' not in general and 'id="id_proposed_text"' not in general


def test_rewording_without_new_text_has_its_own_message(client, member):
    chapter = ChapterFactory()
    anchor = paragraph_at(chapter, 2).anchor
    refused = client.post(
        create_url(chapter),
        {
            "kind": "rewording",
            "body": "Plus précis.",
            "paragraph": anchor,
            "proposed_text": "  ",
            "accept_charter": "on",
        },
    )
    assert refused.status_code == 400
    html = text(refused)
    assert "Écrivez la nouvelle rédaction que vous proposez pour ce paragraphe." in html
    assert "Le texte est vide" not in html
    assert not Contribution.objects.exists()


def test_rewording_identical_to_the_paragraph_is_refused(client, member):
    chapter = ChapterFactory()
    anchor = paragraph_at(chapter, 2).anchor
    refused = client.post(
        create_url(chapter),
        {
            "kind": "rewording",
            "body": "Plus précis.",
            "paragraph": anchor,
            "proposed_text": "Les établissements  déclarent leurs incidents\nde sécurité. ",
            "accept_charter": "on",
        },
    )
    assert refused.status_code == 400
    assert "identique au texte actuel du paragraphe" in text(refused)
    assert not Contribution.objects.exists()


def test_comment_ignores_the_prefilled_rewording_field(client, member):
    chapter = ChapterFactory()
    anchor = paragraph_at(chapter, 2).anchor
    response = client.post(
        create_url(chapter),
        {
            "kind": "comment",
            "body": "Un simple commentaire.",
            "paragraph": anchor,
            "proposed_text": "Les établissements déclarent leurs incidents de sécurité.",
            "accept_charter": "on",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.proposed_text) == ("comment", "")


def test_editing_a_rewording_requires_the_new_text(client, member):
    chapter = ChapterFactory()
    rewording = ContributionFactory(
        chapter=chapter,
        author=member,
        paragraph=paragraph_at(chapter, 2),
        kind="rewording",
        proposed_text="Les établissements déclarent sans délai leurs incidents de sécurité.",
    )
    edit = reverse("concertation:contribution_edit", args=[rewording.pk])
    assert "(facultatif)" not in label_of(text(client.get(edit)), "id_proposed_text")
    refused = client.post(edit, {"body": "Plus précis.", "proposed_text": ""})
    assert refused.status_code == 400
    assert "Écrivez la nouvelle rédaction que vous proposez pour ce paragraphe." in text(refused)
    rewording.refresh_from_db()
    assert rewording.proposed_text.startswith("Les établissements déclarent sans délai")


# --- 3. withdrawing asks first, on a page of its own ---------------------------------------------


def withdraw_url(contribution):
    return reverse("concertation:contribution_withdraw", args=[contribution.pk])


def test_withdraw_asks_for_confirmation_on_its_own_page(client, member):
    chapter = ChapterFactory()
    mine = ContributionFactory(chapter=chapter, author=member, body="Ma remarque à retirer.")

    # The chapter page links to the confirmation page: no one-click withdrawal form.
    page = text(client.get(chapter.get_absolute_url()))
    assert f'href="{withdraw_url(mine)}"' in page
    assert f'action="{withdraw_url(mine)}"' not in page

    confirm = client.get(withdraw_url(mine))
    html = text(confirm)
    assert confirm.status_code == 200
    assert "Ma remarque à retirer." in html
    assert "Confirmer le retrait" in html and 'name="confirm"' in html
    assert f'href="{mine.get_absolute_url()}"' in html  # "Annuler" goes back to it
    mine.refresh_from_db()
    assert mine.status == "published"

    done = client.post(withdraw_url(mine), {"confirm": "1"})
    assert done.status_code == 302 and done["Location"] == mine.get_absolute_url()
    mine.refresh_from_db()
    assert mine.status == "withdrawn"


def test_one_click_post_without_confirmation_withdraws_nothing(client, member):
    """A page loaded before this change still holds the old one-click form: its POST carries
    no confirmation and only shows the confirmation page."""
    mine = ContributionFactory(author=member, body="Toujours là.")
    response = client.post(withdraw_url(mine))
    assert response.status_code == 200 and "Confirmer le retrait" in text(response)
    mine.refresh_from_db()
    assert mine.status == "published"


def test_withdraw_page_is_refused_to_others_and_after_a_moderation_decision(client, member, other):
    theirs = ContributionFactory(author=other)
    assert client.get(withdraw_url(theirs)).status_code == 403
    hidden = ContributionFactory(author=member, status="hidden", moderation_reason="abuse")
    refused = client.get(withdraw_url(hidden))
    assert refused.status_code == 403
    assert "décision de modération" in text(refused)
    already = ContributionFactory(author=member, status="withdrawn")
    assert "déjà retirée" in text(client.get(withdraw_url(already)))


# --- 4. a held contribution stays visible to its author, in place --------------------------------

HELD_NOTICE = "En attente de modération : visible par vous seulement."


def test_author_sees_a_contribution_held_a_priori_where_the_redirect_points(client, member, other):
    chapter = ChapterFactory(consultation=ConsultationFactory(a_priori=True))
    anchor = paragraph_at(chapter, 2).anchor
    response = client.post(
        create_url(chapter),
        {
            "kind": "comment",
            "body": "Texte en attente de relecture.",
            "paragraph": anchor,
            "accept_charter": "on",
        },
    )
    held = Contribution.objects.get()
    assert held.status == "pending"
    location = response["Location"]
    assert location.endswith(f"#contribution-{held.pk}")

    html = text(client.get(location))
    assert f'id="contribution-{held.pk}"' in html  # the anchor of the redirect exists
    article = html.split(f'id="contribution-{held.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Texte en attente de relecture." in article and HELD_NOTICE in article
    assert "publiées après validation par la modération" in article
    # Nobody can answer, react to or flag it before it is published.
    assert "Envoyer ma réponse" not in article and "Signaler" not in article

    client.force_login(other)
    assert "Texte en attente de relecture." not in text(client.get(location))
    client.logout()
    assert "Texte en attente de relecture." not in text(client.get(location))


def test_author_sees_a_contribution_held_for_personal_data_and_a_held_reply(client, member, other):
    chapter = ChapterFactory()
    thread = ContributionFactory(chapter=chapter, author=other, body="Début du fil.")
    services.charter_accept(user=member, consultation=chapter.consultation)
    response = client.post(
        reverse("concertation:reply_create", args=[thread.pk]),
        {"body": "Écrivez-moi : claire.martin@example.org", "confirm_personal_data": "on"},
    )
    reply = Contribution.objects.get(parent=thread)
    assert (reply.status, reply.held_reason) == ("pending", "personal_data")
    html = text(client.get(response["Location"]))
    replies = html.split(f'id="contribution-{thread.pk}"', 1)[1]
    assert f'id="contribution-{reply.pk}"' in replies
    assert HELD_NOTICE in replies and "données personnelles" in replies

    client.force_login(other)
    assert "claire.martin@example.org" not in text(client.get(chapter.get_absolute_url()))


# Their held contributions add no query to the page: tests/concertation/test_queries.py.


# --- 5. a second flag is refused before the form, and the button says so -------------------------


def flag_url(contribution):
    return reverse("concertation:flag", args=[contribution.pk])


def test_a_user_who_already_flagged_is_told_before_the_form(client, member, other):
    chapter = ChapterFactory()
    flagged = ContributionFactory(chapter=chapter, author=other, body="Déjà signalée.")
    untouched = ContributionFactory(chapter=chapter, author=other, body="Pas signalée.")
    services.flag_create(user=member, contribution=flagged, reason="spam")

    page = client.get(flag_url(flagged))
    html = text(page)
    assert page.status_code == 200
    assert "Vous avez déjà signalé cette contribution" in html
    assert 'name="reason"' not in html and "Envoyer le signalement" not in html
    assert f'href="{flagged.get_absolute_url()}"' in html  # back to the contribution

    again = client.post(flag_url(flagged), {"reason": "abuse"})
    assert "Vous avez déjà signalé cette contribution" in text(again)
    flagged.refresh_from_db()
    assert flagged.flag_count == 1

    chapter_page = text(client.get(chapter.get_absolute_url()))
    mine = chapter_page.split(f'id="contribution-{flagged.pk}"', 1)[1].split("</article>", 1)[0]
    assert f'href="{flag_url(flagged)}"' not in mine and "Signalée" in mine
    theirs = chapter_page.split(f'id="contribution-{untouched.pk}"', 1)[1].split("</article>")[0]
    assert f'href="{flag_url(untouched)}"' in theirs and "Signalée" not in theirs


def test_own_contribution_flag_page_says_so_without_a_form(client, member):
    mine = ContributionFactory(author=member)
    html = text(client.get(flag_url(mine)))
    assert "Vous ne pouvez pas signaler votre propre contribution." in html
    assert 'name="reason"' not in html
