"""The lifecycle of a contribution (concertation.services.lifecycle): the transition table, and
the notices each change writes, exactly once."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from concertation import services
from concertation.models import Contribution, ModerationLog
from concertation.services import lifecycle
from esante.models import Notification
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import UserFactory

QUEUE = "/admin/concertation/contribution/"
S = Contribution.Status

# action → states it may start from; every other state is refused with this French reason.
TABLE = {
    "edit": ({S.PUBLISHED, S.PENDING}, {}, "Cette contribution ne peut plus être modifiée."),
    "withdraw": (
        {S.PUBLISHED, S.PENDING},
        {S.WITHDRAWN: "Cette contribution est déjà retirée."},
        "Cette contribution a fait l'objet d'une décision de modération.",
    ),
    "auto_hide": ({S.PUBLISHED}, {}, "Cette contribution n'est pas publiée."),
    **{
        action: (
            {S.PENDING, S.PUBLISHED, S.HIDDEN, S.REJECTED},
            {},
            "Cette contribution a été retirée par son auteur : il n'y a plus rien à modérer.",
        )
        for action in ("publish", "hide", "reject")
    },
}


@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", TABLE)
def test_transition_table(action, status):
    sources, special, default = TABLE[action]
    expected = None if status in sources else special.get(status, default)
    assert lifecycle.state_refusal(action, status) == expected


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.fixture
def a_priori_chapter(db):
    return ChapterFactory(consultation=ConsultationFactory(a_priori=True))


def test_held_reply_published_from_the_admin_tells_the_parent_author_once(
    a_priori_chapter, dns_client
):
    parent = ContributionFactory(chapter=a_priori_chapter)
    replier = UserFactory()
    with committed():
        reply = services.contribution_create(
            user=replier, chapter=a_priori_chapter, parent=parent, body="Une réponse.",
            accept_charter=True,
        )  # fmt: skip
    assert reply.status == S.PENDING
    assert not Notification.objects.filter(kind="reply_notice").exists()
    assert [m.to for m in mail.outbox] == [[replier.email]]  # the replier's receipt only

    mail.outbox.clear()
    for _ in range(2):  # published twice: one notice still
        with committed():
            response = dns_client.post(QUEUE, {"action": "publish", "_selected_action": [reply.pk]})
        assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == S.PUBLISHED
    notice = Notification.objects.get(kind="reply_notice")
    assert (notice.email, notice.key) == (parent.author.email, f"reply:{reply.pk}")
    # The send run again: still one e-mail.
    from esante.tasks import send_notification

    send_notification.apply(args=(notice.pk,))
    assert [m.to for m in mail.outbox] == [[parent.author.email]]
    assert reply.get_absolute_url().split("#")[0] in mail.outbox[0].body


def test_a_published_reply_tells_the_parent_author_at_once(db):
    parent = ContributionFactory()
    with committed():
        reply = services.contribution_create(
            user=UserFactory(), chapter=parent.chapter, parent=parent, body="Réponse.",
            accept_charter=True,
        )  # fmt: skip
    assert Notification.objects.get(kind="reply_notice").key == f"reply:{reply.pk}"


def test_hidden_contribution_tells_its_author_once_with_the_reason(db, dns_client):
    target = ContributionFactory()
    for _ in range(2):
        with committed():
            dns_client.post(
                QUEUE,
                {"action": "hide", "_selected_action": [target.pk], "reason": "advertising",
                 "note": "Promotion d'un produit."},
            )  # fmt: skip
    [notice] = Notification.objects.filter(kind="contribution_moderated")
    assert (notice.email, notice.status) == (target.author.email, "sent")
    [message] = mail.outbox
    assert message.to == [target.author.email]
    assert "masquée" in message.subject
    assert "Motif : Publicité ou promotion commerciale (Promotion d'un produit.)" in message.body
    assert "List-Unsubscribe" not in message.extra_headers  # the answer to what they wrote


def test_rejected_contribution_tells_its_author_in_their_language(db, dns_staff):
    target = ContributionFactory(author=UserFactory(language="en"), status=S.PENDING)
    with committed():
        services.contributions_moderate(
            actor=dns_staff, contribution_ids=[target.pk], action="reject", reason="off_topic"
        )
    [message] = mail.outbox
    assert "has been rejected" in message.subject
    assert "Reason: Off topic" in message.body


def test_flaggers_are_told_the_outcome_once_unless_they_opted_out(db, dns_staff):
    target = ContributionFactory()
    told, silent = UserFactory(), UserFactory(flag_outcome_notices=False)
    for flagger in (told, silent):
        services.flag_create(user=flagger, contribution=target, reason="spam")
    for _ in range(2):  # kept twice: told once
        with committed():
            services.contributions_moderate(
                actor=dns_staff, contribution_ids=[target.pk], action="publish"
            )
    assert list(
        Notification.objects.filter(kind="flag_outcome").values_list("email", flat=True)
    ) == [told.email]
    [message] = mail.outbox
    assert "Elle reste publiée" in message.body


def test_withdrawn_contribution_is_not_moderated(db, dns_staff):
    target = ContributionFactory(status=S.WITHDRAWN)
    assert (
        services.contributions_moderate(
            actor=dns_staff, contribution_ids=[target.pk], action="hide", reason="abuse"
        )
        == 0
    )
    with pytest.raises(PermissionDenied, match="retirée par son auteur"):
        lifecycle.contribution_move(
            contribution=target, action="hide", actor=dns_staff, reason="abuse"
        )
    assert not ModerationLog.objects.exists()


def test_moderated_contribution_cannot_be_withdrawn_over(db):
    target = ContributionFactory(status=S.HIDDEN)
    with pytest.raises(PermissionDenied, match="décision de modération"):
        services.contribution_withdraw(user=target.author, contribution=target)


def test_the_author_s_edit_and_withdrawal_are_in_the_moderation_log(db):
    """Every change of state is logged, the author's too (not the old text: it may be the
    personal data the author removed)."""
    target = ContributionFactory(status=S.PUBLISHED)
    services.contribution_edit(user=target.author, contribution=target, body="Texte corrigé.")
    services.contribution_withdraw(user=target.author, contribution=target)
    edit, withdrawal = ModerationLog.objects.filter(contribution=target).order_by("pk")
    assert (edit.action, edit.actor, edit.before, edit.after) == (
        "edit",
        target.author,
        {"status": "published"},
        {"status": "published", "fields": ["body"]},
    )
    assert (withdrawal.action, withdrawal.actor, withdrawal.after) == (
        "withdraw",
        target.author,
        {"status": "withdrawn"},
    )
    assert withdrawal.get_action_display() == "Retrait par son auteur"


def test_following_a_closed_consultation_is_refused_but_stopping_is_not(client, db):
    from django.urls import reverse

    from concertation.models import Follow

    consultation = ConsultationFactory(closed=True)
    url = reverse("concertation:follow_consultation", args=[consultation.slug])
    newcomer, follower = UserFactory(), UserFactory()
    Follow.objects.create(user=follower, consultation=consultation)
    client.force_login(newcomer)
    response = client.post(url, follow=True)
    assert "il n&#x27;y a plus rien à suivre" in response.content.decode()
    assert not Follow.objects.filter(user=newcomer).exists()
    client.force_login(follower)
    client.post(url)
    assert not Follow.objects.filter(user=follower).exists()
