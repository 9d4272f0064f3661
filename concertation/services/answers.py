"""Official answers: drafted by the DNS team, published one by one or all at once. Publishing is
a step of each answered contribution's lifecycle (logged, its `answer_state` set) and tells each
author once, through the notification pipeline, in their language.

Publishing a thousand drafts is one transaction per hundred answers, each written in bulk: a
failure leaves the batches already published as they are, and publishing again skips them (an
answer is published once; its notice is recorded once per author and answer, whatever runs
twice)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from audit.journal import record_saved
from duplicates.services import with_duplicates
from esante.models import User
from esante.pagecache import content_changed

from .. import notifications
from .. import rules as concertation_rules
from ..models import AnswerState, Contribution, ModerationLog, OfficialAnswer
from . import lifecycle
from .participation import clean_text


def answer_errors(
    *, chapter, paragraph=None, contributions=(), state: str = "", body: str = ""
) -> dict[str, str]:
    """What an answer lacks, by field, in French: asked by the service and by the admin form."""
    errors = {}
    if state not in AnswerState.values:
        errors["state"] = gettext("Choisissez la position de la réponse dans la liste.")
    if not (body or "").strip():
        errors["body"] = gettext("Écrivez la réponse argumentée.")
    if paragraph is not None and paragraph.chapter_id != chapter.pk:
        errors["paragraph"] = gettext("Ce paragraphe n'appartient pas au chapitre choisi.")
    others = [c for c in contributions if c.chapter_id != chapter.pk]
    if others:
        errors["contributions"] = gettext(
            "Une réponse porte sur un seul chapitre : retirez les contributions d'autres chapitres."
        )
    elif any(c.status != Contribution.Status.PUBLISHED for c in contributions):
        errors["contributions"] = str(lifecycle.ONLY_PUBLISHED_ANSWERED)
    if paragraph is None and not contributions:
        errors["contributions"] = gettext(
            "Choisissez les contributions auxquelles elle répond, ou un paragraphe."
        )
    return errors


@transaction.atomic
def answer_draft(
    *,
    actor: User,
    contributions: list[Contribution] = (),
    paragraph=None,
    state: str,
    body: str,
    team: str = "",
    template=None,
    version=None,
) -> OfficialAnswer:
    """A draft answer on `contributions` (all of one chapter) or on a `paragraph`; nothing is
    public nor sent until it is published. `version`: the chapter version that takes it into
    account, if there is one already."""
    concertation_rules.ensure("concertation.answer", actor)
    # The duplicates staff marked on them get the same answer (merged for answering).
    contributions = with_duplicates(contributions)
    chapter = paragraph.chapter if paragraph is not None else None
    if chapter is None and contributions:
        chapter = contributions[0].chapter
    if chapter is None:
        raise ValidationError(
            gettext("Choisissez les contributions auxquelles elle répond, ou un paragraphe.")
        )
    errors = answer_errors(
        chapter=chapter, paragraph=paragraph, contributions=contributions, state=state, body=body
    )
    if errors:
        raise ValidationError(errors)
    answer = OfficialAnswer.objects.create(
        consultation_id=chapter.consultation_id,
        chapter=chapter,
        paragraph=paragraph,
        state=state,
        body=clean_text(body, field="body"),
        template=template,
        version=_checked_version(version, chapter),
        created_by=actor,
        **({"team": team.strip()} if team.strip() else {}),
    )
    answer.contributions.set(contributions)
    return answer


def _checked_version(version, chapter):
    if version is not None and version.chapter_id != chapter.pk:
        raise ValidationError(
            {"version": gettext("Cette version n'est pas une version du chapitre de la réponse.")}
        )
    return version


@transaction.atomic
def answer_update(
    *,
    actor: User,
    answer_id: int,
    body: str,
    team: str = "",
    version=None,
    state: str = "",
    contributions=None,
    paragraph=None,
) -> OfficialAnswer:
    """Change an answer. A draft changes freely (checked as a new one). A published answer is
    corrected only in its text, team and version: its position and its contributions stay what
    the authors were told; each correction is logged on every contribution it answers, with
    the text before and after, so the history of what the ministry said is never lost."""
    concertation_rules.ensure("concertation.answer", actor)
    answer = OfficialAnswer.objects.select_for_update().select_related("chapter").get(pk=answer_id)
    team = (team or "").strip() or answer.team
    if answer.is_published:
        if not (body or "").strip():
            raise ValidationError({"body": gettext("Écrivez la réponse argumentée.")})
        before = {"body": answer.body, "team": answer.team, "version": answer.version_id}
        answer.body = clean_text(body, field="body")
        answer.team = team
        answer.version = _checked_version(version, answer.chapter)
        after = {"body": answer.body, "team": answer.team, "version": answer.version_id}
        if after == before:
            return answer
        answer.save(update_fields=["body", "team", "version"])
        ModerationLog.objects.bulk_create(
            ModerationLog(
                contribution_id=contribution_id,
                target_user_id=author_id,
                actor=actor,
                action=lifecycle.ANSWER,
                before={"answer": answer.pk, **before},
                after={"answer": answer.pk, **after},
                note=gettext("Correction d'une réponse officielle publiée"),
            )
            for contribution_id, author_id in answer.contributions.exclude(
                answer_state=""
            ).values_list("pk", "author_id")
        )
        return answer
    contributions = list(contributions if contributions is not None else answer.contributions.all())
    chapter = paragraph.chapter if paragraph is not None else None
    if chapter is None and contributions:
        chapter = contributions[0].chapter
    if chapter is None:
        raise ValidationError(
            gettext("Choisissez les contributions auxquelles elle répond, ou un paragraphe.")
        )
    errors = answer_errors(
        chapter=chapter, paragraph=paragraph, contributions=contributions, state=state, body=body
    )
    if errors:
        raise ValidationError(errors)
    answer.chapter = chapter
    answer.consultation_id = chapter.consultation_id
    answer.paragraph = paragraph
    answer.state = state
    answer.body = clean_text(body, field="body")
    answer.team = team
    answer.version = _checked_version(version, chapter)
    answer.save()
    answer.contributions.set(contributions)
    return answer


# Answers published in one transaction by answers_publish (its docstring says why).
PUBLISH_BATCH = 100


def answers_publish(*, actor: User, answer_ids) -> int:
    """Publish these drafts; returns how many were published. Answers already published are
    skipped: running it twice publishes and sends nothing more.

    By batches of PUBLISH_BATCH answers, each batch one transaction written in a few queries
    for the whole batch (the answers, their contributions' states, the log, the audit trail),
    plus a few per answer for its notices: a thousand answers take seconds, not minutes. A
    failure leaves the batches already published as they are; publishing again skips them."""
    concertation_rules.ensure("concertation.answer", actor)
    ids = list(dict.fromkeys(answer_ids))
    published = 0
    for start in range(0, len(ids), PUBLISH_BATCH):
        published += _publish_batch(actor, ids[start : start + PUBLISH_BATCH])
    return published


def answer_publish(*, actor: User, answer_id: int) -> bool:
    """Publish one draft: public from now on, each answered contribution's `answer_state` set
    (a lifecycle step, logged), each author told once. False if it was published already."""
    concertation_rules.ensure("concertation.answer", actor)
    return _publish_batch(actor, [answer_id]) == 1


@transaction.atomic
def _publish_batch(actor: User, answer_ids: list[int]) -> int:
    answers = list(
        OfficialAnswer.objects.select_for_update(of=("self",))
        .select_related("consultation", "chapter")
        .filter(pk__in=answer_ids)
        .exclude(status=OfficialAnswer.Status.PUBLISHED)
        .order_by("pk")
    )
    if not answers:
        return 0
    now = timezone.now()
    for answer in answers:
        answer.status = OfficialAnswer.Status.PUBLISHED
        answer.published_at = now
        answer.published_by = actor
    # No save() per answer: one UPDATE, and what save()'s signals did (the audit trail, the
    # page cache) done once for the batch.
    OfficialAnswer.objects.filter(pk__in=[a.pk for a in answers]).update(
        status=OfficialAnswer.Status.PUBLISHED, published_at=now, published_by=actor
    )
    record_saved(answers)
    content_changed()
    links = OfficialAnswer.contributions.through.objects.filter(
        officialanswer_id__in=[a.pk for a in answers]
    ).values_list("officialanswer_id", "contribution_id")
    answered_by: dict[int, list[int]] = {}
    for answer_id, contribution_id in links:
        answered_by.setdefault(answer_id, []).append(contribution_id)
    contributions = {
        c.pk: c
        for c in Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation", "author")
        .filter(pk__in={pk for pks in answered_by.values() for pk in pks})
        .order_by("pk")
    }
    pairs = [
        (contributions[pk], answer)
        for answer in answers
        for pk in sorted(answered_by.get(answer.pk, ()))
        if pk in contributions
    ]
    answered: dict[int, list[Contribution]] = {}
    for contribution, answer in lifecycle.contributions_answer(answered=pairs, actor=actor):
        answered.setdefault(answer.pk, []).append(contribution)
    for answer in answers:
        notifications.answer_published(answer, answered.get(answer.pk, []))
    return len(answers)


@transaction.atomic
def rewording_decide(*, actor: User, contribution: Contribution, outcome: str, version=None):
    """Accept, partly accept or reject a rewording proposal; accepted, it is linked to the
    chapter version that includes it. Logged; its author told once per outcome."""
    contribution = Contribution.objects.select_for_update().get(pk=contribution.pk)
    return lifecycle.contribution_move(
        contribution=contribution,
        action=lifecycle.REWORDING,
        actor=actor,
        outcome=outcome,
        version=version,
    )
