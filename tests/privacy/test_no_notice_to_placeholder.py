"""No e-mail is ever recorded for « Contributeur anonyme », the placeholder that keeps the
contributions of deleted accounts, nor for any other `.invalid` address (deleted accounts'
pseudonyms, anonymised registrations): a reply, a moderation decision, an official answer to
an anonymised contribution tells nobody (issue 15)."""

import pytest

from concertation import services as concertation_services
from concertation.models import AnswerState, Contribution
from esante import privacy
from esante.models import DELETED_USER_EMAIL, Notification
from esante.notifications import Recipient, notify_many, registry, undeliverable
from tests.concertation.factories import ChapterFactory, ContributionFactory
from tests.esante.factories import DnsStaffFactory, UserFactory


def placeholder_notices():
    return Notification.objects.filter(email__iendswith="invalid")


def test_replies_moderation_and_answers_to_an_anonymised_contribution_tell_nobody(db):
    chapter = ChapterFactory()
    author = UserFactory()
    kept = ContributionFactory(chapter=chapter, author=author, body="Gardée après suppression")
    privacy.account_delete(user=author, keep_contributions=True)
    kept.refresh_from_db()
    assert kept.author.email == DELETED_USER_EMAIL

    concertation_services.contribution_create(
        user=UserFactory(),
        chapter=chapter,
        body="Une réponse à une contribution anonymisée.",
        parent=kept,
        accept_charter=True,
    )
    staff = DnsStaffFactory()
    answer = concertation_services.answer_draft(
        actor=staff, contributions=[kept], state=AnswerState.TAKEN, body="Prise en compte."
    )
    concertation_services.answers_publish(actor=staff, answer_ids=[answer.pk])
    concertation_services.contributions_moderate(
        actor=staff, contribution_ids=[kept.pk], action="hide", reason="off_topic"
    )
    assert Contribution.objects.get(pk=kept.pk).status == Contribution.Status.HIDDEN
    assert list(placeholder_notices().values_list("kind", "email")) == []
    # The reply's own author got their receipt: notices still flow to real addresses.
    assert Notification.objects.filter(kind="contribution_receipt").exists()


@pytest.mark.parametrize(
    "email",
    [DELETED_USER_EMAIL, "compte-supprime-12@invalid", "7@anonyme.invalid", "X@Y.INVALID."],
)
def test_no_kind_of_notice_is_recorded_for_an_invalid_address(db, email):
    assert undeliverable(email)
    for kind in registry.kinds:
        assert notify_many(kind, "k:1", [Recipient(email=email, payload={})]) == 0
    assert not Notification.objects.exists()


def test_real_addresses_are_deliverable():
    for email in ("a@example.org", "invalid@example.org", "a@invalid.example.org"):
        assert not undeliverable(email)
