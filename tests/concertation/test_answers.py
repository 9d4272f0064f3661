"""Official answers and rewording decisions: lifecycle steps, logged, their authors told once."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.journal import acting_as
from audit.models import AuditEntry
from concertation import services
from concertation.models import Contribution, ModerationLog, OfficialAnswer
from concertation.services import lifecycle
from esante.models import Notification
from tests.concertation.factories import ChapterFactory, ContributionFactory, paragraph_at
from tests.esante.factories import UserFactory

S = Contribution.Status


def committed():
    return TestCase.captureOnCommitCallbacks(execute=True)


def test_a_published_answer_sets_the_state_logs_it_and_tells_the_author_once(db, dns_staff):
    chapter = ChapterFactory()
    author = UserFactory(language="fr")
    first, second = ContributionFactory.create_batch(2, chapter=chapter, author=author)
    answer = services.answer_draft(
        actor=dns_staff,
        contributions=[first, second],
        state="partly",
        body="Nous retenons **l'identité numérique**, pas le reste.",
    )
    first.refresh_from_db()
    assert first.answer_state == "" and not Notification.objects.exists()  # a draft: nothing

    with committed():
        assert services.answers_publish(actor=dns_staff, answer_ids=[answer.pk]) == 1
    answer.refresh_from_db()
    assert answer.status == "published" and answer.published_by == dns_staff
    for contribution in (first, second):
        contribution.refresh_from_db()
        assert contribution.answer_state == "partly"
        assert contribution.answered_at == answer.published_at
    logs = ModerationLog.objects.filter(action="answer").order_by("contribution_id")
    assert [log.contribution_id for log in logs] == sorted([first.pk, second.pk])
    assert logs[0].actor == dns_staff and logs[0].after["answer_state"] == "partly"
    [message] = mail.outbox  # one e-mail for both contributions
    assert message.to == [author.email]
    assert "Réponse officielle" in message.subject
    assert "Partiellement pris en compte" in message.body
    assert "l'identité numérique" in message.body
    assert (
        f"#contribution-{first.pk}" in message.body and f"#contribution-{second.pk}" in message.body
    )

    with committed():  # published again, or the task run twice: nothing more
        assert services.answers_publish(actor=dns_staff, answer_ids=[answer.pk]) == 0
    assert len(mail.outbox) == 1
    assert ModerationLog.objects.filter(action="answer").count() == 2


def test_only_the_dns_team_answers_and_only_published_contributions(db, dns_staff, user):
    contribution = ContributionFactory()
    with pytest.raises(PermissionDenied, match="Seule l'équipe DNS"):
        services.answer_draft(actor=user, contributions=[contribution], state="taken", body="x")
    held = ContributionFactory(chapter=contribution.chapter, status=S.PENDING)
    with pytest.raises(ValidationError) as error:
        services.answer_draft(actor=dns_staff, contributions=[held], state="taken", body="Oui.")
    assert "Seule une contribution publiée" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.answer_draft(actor=dns_staff, contributions=[contribution], state="", body="")
    assert "Choisissez la position" in str(error.value) and "Écrivez la réponse" in str(error.value)
    other = ContributionFactory()  # another chapter
    with pytest.raises(ValidationError, match="un seul chapitre"):
        services.answer_draft(
            actor=dns_staff, contributions=[contribution, other], state="taken", body="Oui."
        )
    assert not OfficialAnswer.objects.exists()


def test_a_contribution_hidden_after_the_draft_is_not_answered(db, dns_staff):
    contribution = ContributionFactory()
    answer = services.answer_draft(
        actor=dns_staff, contributions=[contribution], state="taken", body="Oui."
    )
    Contribution.objects.filter(pk=contribution.pk).update(status=S.HIDDEN)
    with committed():
        services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    contribution.refresh_from_db()
    assert contribution.answer_state == "" and mail.outbox == []


def test_an_answer_on_a_paragraph_needs_no_contribution(db, dns_staff):
    chapter = ChapterFactory()
    paragraph = paragraph_at(chapter, 1)
    answer = services.answer_draft(
        actor=dns_staff, paragraph=paragraph, state="already_planned", body="Prévu en 2027."
    )
    assert answer.chapter == chapter and answer.consultation == chapter.consultation


def test_a_rewording_accepted_into_a_version_is_linked_logged_and_its_author_told(db, dns_staff):
    chapter = ChapterFactory()
    rewording = ContributionFactory(
        chapter=chapter, kind="rewording", proposed_text="Un texte plus clair."
    )
    with pytest.raises(ValidationError, match="Indiquez la version"):
        services.rewording_decide(actor=dns_staff, contribution=rewording, outcome="accepted")
    version = chapter.current_version
    with committed():
        services.rewording_decide(
            actor=dns_staff, contribution=rewording, outcome="accepted", version=version
        )
    rewording.refresh_from_db()
    assert rewording.rewording_outcome == "accepted" and rewording.rewording_version == version
    log = ModerationLog.objects.get(action="rewording")
    assert log.after == {"rewording_outcome": "accepted", "rewording_version": version.pk}
    [message] = mail.outbox
    assert "Acceptée" in message.body
    assert f"version {version.number}" in message.body
    comment = ContributionFactory(chapter=chapter)
    with pytest.raises(ValidationError, match="ne propose pas de reformulation"):
        services.rewording_decide(actor=dns_staff, contribution=comment, outcome="rejected")


# A scale test (counts only, nothing about dates), the slowest of the suite: run once, not again
# at each of .ci/run's other instants.
@pytest.mark.undated
@pytest.mark.django_db(transaction=True)
def test_publishing_a_thousand_drafts_sends_a_thousand_notices_once_even_run_twice(dns_staff):
    chapter = ChapterFactory()
    authors = UserFactory.create_batch(1000)
    contributions = [ContributionFactory(chapter=chapter, author=author) for author in authors]
    drafts = [
        services.answer_draft(
            actor=dns_staff, contributions=[contribution], state="taken", body="Retenu."
        ).pk
        for contribution in contributions
    ]
    assert services.answers_publish(actor=dns_staff, answer_ids=drafts) == 1000
    assert services.answers_publish(actor=dns_staff, answer_ids=drafts) == 0
    assert Notification.objects.filter(kind="official_answer").count() == 1000
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.email for a in authors)


def test_publishing_costs_a_fixed_number_of_queries_per_answer(db, dns_staff):
    """Staff publish hundreds of answers at once: the batch is written in a fixed number of
    queries (answers, contributions, log, audit trail), and each answer adds only the queries
    of its notices (esante.notifications.notify_many: 4). It was 27 per answer."""

    def queries_to_publish(count):
        chapter = ChapterFactory()
        drafts = [
            services.answer_draft(
                actor=dns_staff, contributions=[contribution], state="taken", body="Retenu."
            ).pk
            for contribution in ContributionFactory.create_batch(count, chapter=chapter)
        ]
        with CaptureQueriesContext(connection) as captured:
            assert services.answers_publish(actor=dns_staff, answer_ids=drafts) == count
        return len(captured)

    few, many = queries_to_publish(2), queries_to_publish(12)
    assert few <= 30, few
    assert many - few <= 10 * 4, f"{few} queries for 2 answers, {many} for 12"


def _trail(objects) -> list:
    """The journal lines of changes and the snapshots of `objects`, without what differs
    between two runs (numbers: ids, dates, the factories' numbered names)."""
    lines = []
    for obj in objects:
        for entry in AuditEntry.objects.filter(
            content_type__model=obj._meta.model_name, object_id=str(obj.pk), action="~"
        ).order_by("id"):
            assert entry.object_repr == str(type(obj).objects.get(pk=obj.pk))[:300]
            changes = [
                {k: re.sub(r"\d+", "N", str(v)) for k, v in c.items()} for c in entry.changes
            ]
            lines.append((entry.action, entry.actor_id, entry.actor_label, changes))
        snapshots = type(obj).audit_history.filter(id=obj.pk).order_by("history_id")
        lines.append([s.history_type for s in snapshots])
        if isinstance(obj, OfficialAnswer):
            lines.append([s.contributions.count() for s in snapshots])
    return lines


def test_publishing_in_bulk_records_the_audit_trail_one_save_per_object_did(db, dns_staff):
    """answers_publish writes its rows in bulk: the snapshots and journal lines are those that
    one save() per answer and one lifecycle move per contribution write (audit.journal)."""

    def scenario():
        chapter = ChapterFactory()
        first, second = ContributionFactory.create_batch(2, chapter=chapter)
        both = services.answer_draft(
            actor=dns_staff, contributions=[first, second], state="partly", body="En partie."
        )
        again = services.answer_draft(
            actor=dns_staff, contributions=[second], state="taken", body="Retenu."
        )  # the second contribution answered twice: two steps, one after the other
        return [both, again], [first, second]

    answers, contributions = scenario()
    with acting_as(dns_staff):
        services.answers_publish(actor=dns_staff, answer_ids=[a.pk for a in answers])
    saved_answers, saved_contributions = scenario()
    now = timezone.now()  # a batch is published at one instant
    with acting_as(dns_staff):  # what answer_publish did before: one save() per object
        for answer in saved_answers:
            answer.status = OfficialAnswer.Status.PUBLISHED
            answer.published_at = now
            answer.published_by = dns_staff
            answer.save(update_fields=["status", "published_at", "published_by"])
            for contribution in answer.contributions.order_by("pk"):
                lifecycle.contribution_move(
                    contribution=contribution,
                    action=lifecycle.ANSWER,
                    actor=dns_staff,
                    answer=answer,
                )

    bulk, one_by_one = _trail(answers + contributions), _trail(saved_answers + saved_contributions)
    assert bulk == one_by_one
    assert ("~", dns_staff.pk, dns_staff.email) in {line[:3] for line in bulk if len(line) == 4}
    assert [
        log.after["answer_state"]
        for log in ModerationLog.objects.filter(contribution=contributions[1]).order_by("pk")
    ] == ["partly", "taken"]


def test_a_published_answer_is_corrected_in_its_text_only_and_the_correction_is_logged(
    db, dns_staff
):
    chapter = ChapterFactory()
    contribution = ContributionFactory(chapter=chapter)
    answer = services.answer_draft(
        actor=dns_staff, contributions=[contribution], state="taken", body="Retenu en 2026."
    )
    with committed():
        services.answers_publish(actor=dns_staff, answer_ids=[answer.pk])
    with committed():
        services.answer_update(
            actor=dns_staff, answer_id=answer.pk, body="Retenu en 2027.", state="not_retained"
        )
    answer.refresh_from_db()
    assert (answer.body, answer.state) == ("Retenu en 2027.", "taken")  # position unchanged
    correction = ModerationLog.objects.filter(action="answer").order_by("pk").last()
    assert correction.contribution == contribution and correction.actor == dns_staff
    assert correction.before["body"] == "Retenu en 2026."
    assert correction.after["body"] == "Retenu en 2027."
    assert correction.note == "Correction d'une réponse officielle publiée"
    assert len(mail.outbox) == 1  # the authors were told once, at publication
    other = ChapterFactory()
    with pytest.raises(ValidationError, match="pas une version du chapitre"):
        services.answer_update(
            actor=dns_staff, answer_id=answer.pk, body="x", version=other.current_version
        )


def test_a_draft_is_changed_freely_but_checked_as_a_new_one(db, dns_staff):
    chapter = ChapterFactory()
    first, second = ContributionFactory.create_batch(2, chapter=chapter)
    answer = services.answer_draft(
        actor=dns_staff, contributions=[first], state="taken", body="Oui."
    )
    services.answer_update(
        actor=dns_staff,
        answer_id=answer.pk,
        body="Oui, pour les deux.",
        state="partly",
        contributions=[first, second],
    )
    answer.refresh_from_db()
    assert answer.state == "partly" and set(answer.contributions.all()) == {first, second}
    with pytest.raises(ValidationError, match="Choisissez la position"):
        services.answer_update(
            actor=dns_staff, answer_id=answer.pk, body="Oui.", state="", contributions=[first]
        )
    assert not ModerationLog.objects.exists()  # a draft is nobody's business yet
