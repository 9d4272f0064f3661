"""Contributing through the pages: the journey of a verified user, and every refusal the issue
names, each checked in the database (nothing saved) and on the page (a French message)."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from concertation import services
from concertation.models import (
    CharterAcceptance,
    Consultation,
    Contribution,
    Flag,
    Follow,
    ModerationLog,
    Reaction,
)
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory


def create_url(chapter):
    return reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )


def reply_url(contribution):
    return reverse("concertation:reply_create", args=[contribution.pk])


def react_url(contribution):
    return reverse("concertation:reaction", args=[contribution.pk])


def flag_url(contribution):
    return reverse("concertation:flag", args=[contribution.pk])


def edit_url(contribution):
    return reverse("concertation:contribution_edit", args=[contribution.pk])


def withdraw_url(contribution):
    return reverse("concertation:contribution_withdraw", args=[contribution.pk])


def contribute(client, chapter, body="Je propose de préciser ce point.", *, follow=False, **data):
    payload = {"kind": "comment", "body": body, **data}
    return client.post(create_url(chapter), payload, follow=follow)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def member(client, db):
    """A signed-in, verified user who has accepted the charter of no consultation yet."""
    user = UserFactory(display_name="Claire Martin")
    client.force_login(user)
    return user


@pytest.fixture
def other(db):
    return UserFactory(display_name="Paul Durand")


# --- the journey ---------------------------------------------------------------------------------


def test_first_contribution_requires_the_charter(client, chapter, member):
    page = text(client.get(chapter.get_absolute_url()))
    assert "J&#x27;ai lu et j&#x27;accepte la charte de modération de cette consultation" in page

    refused = contribute(client, chapter)
    assert refused.status_code == 400
    assert "Acceptez la charte de modération pour contribuer." in text(refused)
    assert not Contribution.objects.exists()
    assert not CharterAcceptance.objects.exists()

    accepted = contribute(client, chapter, accept_charter="on")
    assert accepted.status_code == 302
    assert CharterAcceptance.objects.filter(user=member, consultation=chapter.consultation)
    # Once accepted, the charter is not asked again on this consultation...
    assert "accepte la charte" not in text(client.get(chapter.get_absolute_url()))
    assert contribute(client, chapter, "Une deuxième remarque.").status_code == 302
    assert Contribution.objects.count() == 2
    # ...but it is on another one.
    elsewhere = ChapterFactory()
    assert contribute(client, elsewhere).status_code == 400
    assert Contribution.objects.filter(chapter=elsewhere).count() == 0


def test_comment_on_a_paragraph_is_published_and_listed_under_it(client, chapter, member):
    anchor = paragraph_at(chapter, 2).anchor
    form_page = text(client.get(chapter.get_absolute_url(), {"paragraphe": anchor}))
    assert "Contribuer sur ce paragraphe" in form_page

    response = contribute(client, chapter, paragraph=anchor, accept_charter="on")
    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?paragraphe={anchor}#contribution-{contribution.pk}")
    assert contribution.paragraph.anchor == anchor
    assert contribution.version == chapter.current_version
    assert (contribution.status, contribution.author, contribution.kind) == (
        "published",
        member,
        "comment",
    )

    page = client.get(response["Location"])
    html = text(page)
    assert "Merci : votre contribution est publiée." in html
    panel = html.split('id="titre-contributions"', 1)[1]
    assert f'id="contribution-{contribution.pk}"' in panel
    assert "Je propose de préciser ce point." in panel and "Claire Martin" in panel
    # Not in the general contributions of the chapter.
    general = text(client.get(chapter.get_absolute_url()))
    assert f'id="contribution-{contribution.pk}"' not in general
    assert "1 contribution<" in general


def test_general_question_and_anonymous_contribution(client, chapter, member):
    member.stakeholder_type = "health_professional"
    member.organisation = "Maison de santé de Caen"
    member.save()
    contribute(
        client,
        chapter,
        "Quel calendrier ?",
        kind="question",
        is_anonymous="on",
        accept_charter="on",
    )
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.paragraph, contribution.is_anonymous) == (
        "question",
        None,
        True,
    )
    html = text(client.get(chapter.get_absolute_url()))
    assert "Contributeur (Professionnel de santé)" in html
    assert "Claire Martin" not in html and "Maison de santé de Caen" not in html


def test_rewording_without_a_paragraph_is_refused_with_a_visible_reason(client, chapter, member):
    """The general form offers the "rewording" kind; without a paragraph the service refuses it,
    and the author must be told why (the error sits on a hidden field otherwise)."""
    refused = contribute(
        client, chapter, "Reformuler", kind="rewording", proposed_text="Autre", accept_charter="on"
    )
    assert refused.status_code == 400
    assert not Contribution.objects.exists()
    assert "Une reformulation porte sur un paragraphe précis." in text(refused)


def test_rewording_on_a_paragraph_shows_the_proposal_as_a_diff(client, chapter, member):
    anchor = paragraph_at(chapter, 2).anchor
    response = contribute(
        client,
        chapter,
        "Plus précis.",
        kind="rewording",
        paragraph=anchor,
        proposed_text="Les établissements déclarent sans délai leurs incidents de sécurité.",
        accept_charter="on",
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.kind == "rewording"
    assert contribution.proposed_text.startswith("Les établissements déclarent sans délai")
    html = text(client.get(chapter.get_absolute_url(), {"paragraphe": anchor}))
    assert "Reformulation proposée" in html
    assert re.search(r"<ins>\s*sans\s+délai\s*</ins>", html)


def test_rewording_without_proposed_text_is_refused(client, chapter, member):
    anchor = paragraph_at(chapter, 2).anchor
    response = contribute(
        client, chapter, "Plus précis.", kind="rewording", paragraph=anchor, accept_charter="on"
    )
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_reply_attaches_to_the_thread_start(client, chapter, member, other):
    anchor = paragraph_at(chapter, 1).anchor
    start = ContributionFactory(chapter=chapter, author=other, paragraph=paragraph_at(chapter, 1))

    response = client.post(reply_url(start), {"body": "Bonne idée.", "accept_charter": "on"})
    assert response.status_code == 302
    reply = Contribution.objects.get(parent=start)
    assert (reply.paragraph.anchor, reply.status, reply.kind) == (anchor, "published", "comment")

    # A reply to a reply joins the same thread: one level deep.
    response = client.post(reply_url(reply), {"body": "Je précise ma réponse."})
    assert response.status_code == 302
    second = Contribution.objects.get(body="Je précise ma réponse.")
    assert second.parent == start

    html = text(client.get(chapter.get_absolute_url(), {"paragraphe": anchor}))
    thread = html.split(f'id="contribution-{start.pk}"', 1)[1]
    assert "Bonne idée." in thread and "Je précise ma réponse." in thread


def test_reply_to_a_hidden_contribution_is_refused(client, chapter, member, other):
    hidden = ContributionFactory(
        chapter=chapter, author=other, status="hidden", moderation_reason="abuse"
    )
    response = client.post(reply_url(hidden), {"body": "Réponse.", "accept_charter": "on"})
    assert response.status_code == 400
    assert "On ne peut pas répondre à une contribution non publiée." in text(response)
    assert not Contribution.objects.filter(parent=hidden).exists()


def test_react_agree_disagree_change_and_withdraw(client, chapter, member, other):
    target = ContributionFactory(chapter=chapter, author=other)

    def counts():
        target.refresh_from_db()
        return target.agree_count, target.disagree_count

    assert client.post(react_url(target), {"value": "agree"}).status_code == 302
    assert counts() == (1, 0)
    assert Reaction.objects.get(user=member).value == "agree"
    html = text(client.get(chapter.get_absolute_url()))
    assert "1 d'accord · 0 pas d'accord" in html
    assert 'aria-pressed="true"' in html

    client.post(react_url(target), {"value": "disagree"})
    assert counts() == (0, 1)
    assert Reaction.objects.get(user=member).value == "disagree"

    third = UserFactory()
    client.force_login(third)
    client.post(react_url(target), {"value": "disagree"})
    assert counts() == (0, 2)

    client.force_login(member)
    response = client.post(react_url(target), {"value": "disagree"}, follow=True)
    assert "Votre réaction est retirée." in text(response)
    assert counts() == (0, 1)
    assert not Reaction.objects.filter(user=member).exists()

    client.post(react_url(target), {"value": "bof"})
    assert counts() == (0, 1) and not Reaction.objects.filter(user=member).exists()


def test_cannot_react_to_ones_own_contribution(client, chapter, member):
    mine = ContributionFactory(chapter=chapter, author=member)
    response = client.post(react_url(mine), {"value": "agree"}, follow=True)
    assert "Vous ne pouvez pas réagir à votre propre contribution." in text(response)
    mine.refresh_from_db()
    assert (mine.agree_count, Reaction.objects.count()) == (0, 0)


def test_flag_once_with_a_reason(client, chapter, member, other):
    target = ContributionFactory(chapter=chapter, author=other)
    form = client.get(flag_url(target))
    assert form.status_code == 200 and "Motif du signalement" in text(form)

    no_reason = client.post(flag_url(target), {"note": "?"})
    assert no_reason.status_code == 400 and "Choisissez un motif" in text(no_reason)
    assert not Flag.objects.exists()

    done = client.post(flag_url(target), {"reason": "abuse", "note": "Insultant"}, follow=True)
    assert "votre signalement a été transmis à la modération" in text(done)
    flag = Flag.objects.get()
    assert (flag.user, flag.reason, flag.note) == (member, "abuse", "Insultant")

    again = client.post(flag_url(target), {"reason": "spam"}, follow=True)
    assert "Vous avez déjà signalé cette contribution." in text(again)
    target.refresh_from_db()
    assert (Flag.objects.count(), target.flag_count, target.status) == (1, 1, "published")


def test_cannot_flag_ones_own_contribution(client, chapter, member):
    mine = ContributionFactory(chapter=chapter, author=member)
    response = client.post(flag_url(mine), {"reason": "abuse"}, follow=True)
    assert "Vous ne pouvez pas signaler votre propre contribution." in text(response)
    assert not Flag.objects.exists()


def test_enough_flags_take_a_contribution_offline_in_a_posteriori_mode(client, chapter, settings):
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 2
    target = ContributionFactory(chapter=chapter, body="Contenu litigieux.")
    for _ in range(2):
        # Established accounts: fresh ones do not hide anything (tests/security/test_flags_abuse).
        client.force_login(established_user())
        client.post(flag_url(target), {"reason": "abuse"})
    target.refresh_from_db()
    assert (target.status, target.held_reason, target.flag_count) == ("pending", "flags", 2)
    log = ModerationLog.objects.get(contribution=target)
    assert (log.action, log.actor, log.before, log.after) == (
        "auto_hide",
        None,
        {"status": "published"},
        {"status": "pending"},
    )
    assert "Contenu litigieux." not in text(client.get(chapter.get_absolute_url()))


def test_flags_do_not_hide_in_a_priori_mode(client, db, settings):
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 1
    chapter = ChapterFactory(consultation=ConsultationFactory(a_priori=True))
    target = ContributionFactory(chapter=chapter)
    client.force_login(UserFactory())
    client.post(flag_url(target), {"reason": "spam"})
    target.refresh_from_db()
    assert (target.status, target.flag_count) == ("published", 1)


def test_flags_resolved_by_a_moderator_do_not_count_again(client, chapter, settings, dns_staff):
    """Once a moderator has reviewed the flags and published the contribution again, a single
    new flag must not take it offline: only unresolved flags count towards the threshold."""
    settings.CONTRIBUTION_FLAGS_TO_HIDE = 2
    target = ContributionFactory(chapter=chapter)
    for _ in range(2):
        client.force_login(established_user())
        client.post(flag_url(target), {"reason": "abuse"})
    services.contributions_moderate(actor=dns_staff, contribution_ids=[target.pk], action="publish")
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 0

    client.force_login(established_user())
    client.post(flag_url(target), {"reason": "abuse"})
    target.refresh_from_db()
    assert target.status == "published"


def established_user():
    """An account old enough for its flags to hide (FLAG_WEIGHT_MIN_ACCOUNT_AGE_DAYS)."""
    return UserFactory(date_joined=timezone.now() - datetime.timedelta(days=60))


def test_follow_and_unfollow_consultation_and_chapter(client, chapter, member):
    consultation = chapter.consultation
    follow_consultation = reverse("concertation:follow_consultation", args=[consultation.slug])
    follow_chapter = reverse("concertation:follow_chapter", args=[consultation.slug, chapter.slug])

    response = client.post(follow_consultation, follow=True)
    assert "Vous suivez désormais ce contenu" in text(response)
    assert Follow.objects.get(user=member).consultation == consultation
    assert "Ne plus suivre" in text(client.get(consultation.get_absolute_url()))

    client.post(follow_chapter)
    assert Follow.objects.filter(user=member, chapter=chapter).exists()
    assert "Ne plus suivre ce chapitre" in text(client.get(chapter.get_absolute_url()))

    response = client.post(follow_consultation, follow=True)
    assert "Vous ne suivez plus ce contenu." in text(response)
    assert list(Follow.objects.filter(user=member).values_list("chapter", flat=True)) == [
        chapter.pk
    ]
    client.post(follow_chapter)
    assert not Follow.objects.exists()

    assert client.get(follow_chapter).status_code == 405


def test_a_priori_keeps_contributions_pending(client, member):
    chapter = ChapterFactory(consultation=ConsultationFactory(a_priori=True))
    response = contribute(client, chapter, "En attente de validation.", accept_charter="on")
    contribution = Contribution.objects.get()
    assert (contribution.status, contribution.held_reason) == ("pending", "")
    html = text(client.get(response["Location"]))
    assert "Elle sera publiée après validation par la modération." in html
    # Its author sees it in place, marked as awaiting moderation; the public does not.
    mine = html.split(f'id="contribution-{contribution.pk}"', 1)[1]
    assert "En attente de validation." in mine and "visible par vous seulement" in mine
    client.logout()
    public = text(client.get(chapter.get_absolute_url()))
    assert f'id="contribution-{contribution.pk}"' not in public
    # Nobody can answer or react to it before it is published.
    client.force_login(UserFactory())
    client.post(reply_url(contribution), {"body": "Réponse.", "accept_charter": "on"})
    client.post(react_url(contribution), {"value": "agree"})
    assert Contribution.objects.count() == 1 and not Reaction.objects.exists()


# --- refusals: consultation state ----------------------------------------------------------------

STATE_MESSAGES = {
    "closed": "Cette consultation est close : elle ne reçoit plus de contributions ni de "
    "réactions.",
    "upcoming": "Cette consultation n&#x27;est pas encore ouverte",
}


@pytest.mark.parametrize("state", ["closed", "upcoming"])
def test_closed_and_upcoming_consultations_are_read_only(client, member, other, state):
    chapter = ChapterFactory(consultation=ConsultationFactory(**{state: True}))
    existing = ContributionFactory(chapter=chapter, author=other)
    CharterAcceptance.objects.create(user=member, consultation=chapter.consultation)

    page = text(client.get(chapter.get_absolute_url()))
    assert "Envoyer ma contribution" not in page and "Envoyer ma réponse" not in page
    assert f'action="{react_url(existing)}"' not in page
    assert "Consultation close" in page if state == "closed" else "seront ouvertes" in page

    for response in (
        contribute(client, chapter, follow=True),
        client.post(reply_url(existing), {"body": "Réponse."}, follow=True),
        client.post(react_url(existing), {"value": "agree"}, follow=True),
    ):
        assert response.status_code == 200
        assert STATE_MESSAGES[state] in text(response)
    assert Contribution.objects.count() == 1
    assert not Reaction.objects.exists()


def test_consultation_closing_while_writing_refuses_the_post(client, chapter, member):
    with time_machine.travel(chapter.consultation.closes_at + datetime.timedelta(seconds=1)):
        response = contribute(client, chapter, accept_charter="on", follow=True)
    assert "Cette consultation est close" in text(response)
    assert not Contribution.objects.exists()


def test_unpublished_consultation_is_not_found(client, member):
    """An unpublished consultation does not exist for the public: 404 (in French) rather than
    a message that would reveal a draft."""
    chapter = ChapterFactory(consultation=ConsultationFactory(is_published=False))
    existing = ContributionFactory(chapter=chapter)
    page = client.get(chapter.get_absolute_url())
    assert page.status_code == 404 and "Page introuvable" in text(page)
    for response in (
        contribute(client, chapter, accept_charter="on"),
        client.post(reply_url(existing), {"body": "Réponse.", "accept_charter": "on"}),
        client.post(react_url(existing), {"value": "agree"}),
        client.post(reverse("concertation:follow_consultation", args=[chapter.consultation.slug])),
    ):
        assert response.status_code == 404
    assert Contribution.objects.count() == 1
    assert not Reaction.objects.exists() and not Follow.objects.exists()


# --- refusals: integrity -------------------------------------------------------------------------


def test_paragraph_of_another_chapter_is_refused(client, chapter, member):
    elsewhere = ChapterFactory(consultation=chapter.consultation)
    response = contribute(
        client, chapter, paragraph=paragraph_at(elsewhere, 1).anchor, accept_charter="on"
    )
    assert response.status_code == 400
    assert "Ce paragraphe n&#x27;existe pas dans ce chapitre." in text(response)
    assert not Contribution.objects.exists()

    with pytest.raises(Exception, match="n'appartient pas à ce chapitre"):
        services.contribution_create(
            user=member,
            chapter=chapter,
            paragraph=paragraph_at(elsewhere, 1),
            body="Par le service.",
            accept_charter=True,
        )
    assert not Contribution.objects.exists()


def test_unknown_kind_is_refused(client, chapter, member):
    response = contribute(client, chapter, kind="pamphlet", accept_charter="on")
    assert response.status_code == 400
    assert not Contribution.objects.exists()


# --- refusals: who may contribute ----------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page(client, chapter):
    page = text(client.get(chapter.get_absolute_url()))
    assert "connectez-vous" in page and "Envoyer ma contribution" not in page
    target = ContributionFactory(chapter=chapter)
    for url in (create_url(chapter), reply_url(target), react_url(target), flag_url(target)):
        response = client.post(url, {"body": "x", "value": "agree", "reason": "abuse"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert Contribution.objects.count() == 1
    assert not Reaction.objects.exists() and not Flag.objects.exists()


def test_unverified_email_cannot_contribute(client, chapter):
    user = UserFactory(verified=False)
    client.force_login(user)
    page = text(client.get(chapter.get_absolute_url()))
    assert "Confirmez votre adresse électronique pour contribuer" in page
    assert "Envoyer ma contribution" not in page

    response = contribute(client, chapter, accept_charter="on", follow=True)
    assert "Confirmez votre adresse électronique avant de contribuer" in text(response)
    target = ContributionFactory(chapter=chapter)
    client.post(react_url(target), {"value": "agree"})
    client.post(reply_url(target), {"body": "Réponse.", "accept_charter": "on"})
    assert Contribution.objects.count() == 1 and not Reaction.objects.exists()


def test_blocked_user_is_told_why(client, chapter, member, dns_staff):
    until = timezone.now() + datetime.timedelta(days=3)
    services.contributor_block(
        actor=dns_staff, user=member, reason="Insultes répétées envers d'autres contributeurs.",
        until=until,
    )  # fmt: skip
    page = text(client.get(chapter.get_absolute_url()))
    assert "Vous ne pouvez plus contribuer" in page and "Insultes répétées" in page
    assert "Envoyer ma contribution" not in page

    response = contribute(client, chapter, accept_charter="on", follow=True)
    html = text(response)
    assert "Votre compte ne peut plus contribuer jusqu&#x27;au" in html
    assert "Motif : Insultes répétées envers d&#x27;autres contributeurs." in html
    target = ContributionFactory(chapter=chapter)
    response = client.post(react_url(target), {"value": "agree"}, follow=True)
    assert "Votre compte ne peut plus contribuer" in text(response)
    assert Contribution.objects.count() == 1 and not Reaction.objects.exists()

    # The block ends on its date.
    with time_machine.travel(until + datetime.timedelta(minutes=1)):
        assert contribute(client, chapter, accept_charter="on").status_code == 302
    assert Contribution.objects.filter(author=member).count() == 1


# --- editing and withdrawing ---------------------------------------------------------------------


def test_author_edits_within_fifteen_minutes_then_no_more(client, chapter, member):
    contribute(client, chapter, "Première version.", accept_charter="on")
    contribution = Contribution.objects.get()
    created = contribution.created_at

    with time_machine.travel(created + datetime.timedelta(minutes=14)):
        assert client.get(edit_url(contribution)).status_code == 200
        response = client.post(edit_url(contribution), {"body": "Version corrigée."})
        assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.body == "Version corrigée." and contribution.edited_at is not None
    assert "· modifiée" in text(client.get(chapter.get_absolute_url()))

    with time_machine.travel(created + datetime.timedelta(minutes=16)):
        assert "Modifier</a>" not in text(client.get(chapter.get_absolute_url()))
        response = client.post(edit_url(contribution), {"body": "Trop tard."})
    assert response.status_code == 403
    contribution.refresh_from_db()
    assert contribution.body == "Version corrigée."
    # The author is told why, in French and in the site's layout (not Django's bare page).
    html = text(response)
    assert "<h1>Action non autorisée</h1>" in html
    assert "Le délai de modification (15 minutes) est dépassé." in html


def test_edit_refuses_bad_text(client, chapter, member):
    contribute(client, chapter, "Première version.", accept_charter="on")
    contribution = Contribution.objects.get()
    response = client.post(edit_url(contribution), {"body": "   "})
    assert response.status_code == 400
    contribution.refresh_from_db()
    assert contribution.body == "Première version."


def test_cannot_edit_or_withdraw_another_users_contribution(client, chapter, member, other):
    theirs = ContributionFactory(chapter=chapter, author=other, body="Le texte de Paul.")
    assert client.get(edit_url(theirs)).status_code == 403
    assert client.post(edit_url(theirs), {"body": "Piraté."}).status_code == 403
    assert client.post(withdraw_url(theirs)).status_code == 403
    theirs.refresh_from_db()
    assert (theirs.body, theirs.status, theirs.edited_at) == (
        "Le texte de Paul.",
        "published",
        None,
    )
    page = text(client.get(chapter.get_absolute_url()))
    assert withdraw_url(theirs) not in page
    assert f'href="{edit_url(theirs)}"' not in page


def test_author_withdraws_a_contribution(client, chapter, member):
    mine = ContributionFactory(chapter=chapter, author=member, body="À retirer.")
    response = client.post(withdraw_url(mine), {"confirm": "1"}, follow=True)
    assert "Votre contribution est retirée." in text(response)
    mine.refresh_from_db()
    assert mine.status == "withdrawn"
    html = text(client.get(chapter.get_absolute_url()))
    assert "Contribution retirée par son auteur." in html and "À retirer." not in html


def test_author_cannot_undo_a_moderation_decision_by_withdrawing(client, chapter, member):
    """A hidden contribution shows "Contribution masquée par la modération" with its reason;
    its author must not be able to replace that notice, and the audited decision, by
    withdrawing it."""
    hidden = ContributionFactory(
        chapter=chapter, author=member, status="hidden", moderation_reason="abuse"
    )
    assert client.post(withdraw_url(hidden), {"confirm": "1"}).status_code == 403
    hidden.refresh_from_db()
    assert hidden.status == "hidden"
    assert "Contribution masquée par la modération" in text(client.get(chapter.get_absolute_url()))


def test_edit_in_a_priori_mode_goes_back_to_moderation(client, member, dns_staff):
    """In a priori mode nothing is public before a moderator approved it: an approved
    contribution edited afterwards must not show its new text unreviewed."""
    chapter = ChapterFactory(consultation=ConsultationFactory(a_priori=True))
    contribute(client, chapter, "Texte approuvé.", accept_charter="on")
    contribution = Contribution.objects.get()
    services.contributions_moderate(
        actor=dns_staff, contribution_ids=[contribution.pk], action="publish"
    )
    assert client.post(edit_url(contribution), {"body": "Texte jamais relu."}).status_code == 302
    client.logout()
    assert "Texte jamais relu." not in text(client.get(chapter.get_absolute_url()))


# --- rate limits ---------------------------------------------------------------------------------


@pytest.fixture
def frozen():
    """django-ratelimit counts in time windows: a test crossing a window's end would see its
    counter reset. Frozen time keeps the three posts in one window."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def test_posting_is_rate_limited_per_user(client, chapter, member, settings, frozen):
    settings.CONTRIBUTION_RATE_PER_USER = "2/m"
    assert contribute(client, chapter, "Un.", accept_charter="on").status_code == 302
    assert contribute(client, chapter, "Deux.").status_code == 302
    third = contribute(client, chapter, "Trois.")
    assert third.status_code == 429
    assert "Trop de contributions en peu de temps" in text(third)
    assert "patientez une minute" in text(third)
    assert Contribution.objects.count() == 2
    # Replies count too.
    first = Contribution.objects.first()
    client.force_login(member)
    assert client.post(reply_url(first), {"body": "Réponse."}).status_code == 429
    assert Contribution.objects.count() == 2
    # Another user is not limited by this one.
    client.force_login(UserFactory())
    assert contribute(client, chapter, "Quatre.", accept_charter="on").status_code == 302


def test_posting_is_rate_limited_per_ip(client, chapter, settings, frozen):
    settings.CONTRIBUTION_RATE_PER_IP = "2/m"
    statuses = []
    for n in range(3):
        client.force_login(UserFactory())
        statuses.append(contribute(client, chapter, f"Texte {n}.", accept_charter="on").status_code)
    assert statuses == [302, 302, 429]
    assert Contribution.objects.count() == 2


def test_consultation_state_is_derived_from_the_dates(db):
    consultation = ConsultationFactory()
    now = timezone.now()
    assert consultation.state_at(consultation.opens_at - datetime.timedelta(seconds=1)) == (
        Consultation.State.UPCOMING
    )
    assert consultation.state_at(now) == Consultation.State.OPEN
    assert consultation.state_at(consultation.closes_at) == Consultation.State.CLOSED
