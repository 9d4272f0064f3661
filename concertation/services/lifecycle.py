"""The lifecycle of a contribution: every change of its state goes through `contribution_move()`,
with one transition table saying who may make it (a permission of concertation.rules) and from
which states. In the caller's transaction, it writes the state, the moderation log entry and the
notifications the change implies (concertation.notifications), so that they commit together.

    action     from                          to                              who (rules.py)
    submit     (new)                         published; pending if a priori  the author (contribute,
                                             or personal data is found       or reply)
    edit       published, pending            unchanged; pending if a priori  the author, in the edit
                                             and published, or personal      window
                                             data found                      (edit_contribution)
    withdraw   published, pending            withdrawn                       the author
    auto_hide  published                     pending (held for flags)        the flags' threshold
    publish    pending, published, hidden,   published                       the DNS team (moderate)
               rejected
    hide       (same)                        hidden                          the DNS team
    reject     (same)                        rejected                        the DNS team
    answer     published                     unchanged (answer_state set)    the DNS team (answer)
    rewording  published (a rewording)       unchanged (rewording_outcome)   the DNS team (answer)

Notices: the receipt to the author on submit; the reply notice to the parent's author when a
reply becomes published (on submit or by moderation); the author told when hidden or rejected,
with the public reason; each flagger told once the outcome (published: kept, hidden, rejected)
when a moderator resolves their flag; the author told once when an official answer on their
contribution is published (concertation.services.answers publishes them), and when their
rewording is accepted, partly accepted or not retained.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from esante.models import User

from .. import notifications
from .. import rules as concertation_rules
from ..models import Consultation, Contribution, ModerationLog
from ..moderation import REASON_LABELS
from .counters import counters_move

Status = Contribution.Status

SUBMIT = "submit"
EDIT = "edit"
WITHDRAW = "withdraw"
AUTO_HIDE = "auto_hide"
PUBLISH = ModerationLog.Action.PUBLISH.value
HIDE = ModerationLog.Action.HIDE.value
REJECT = ModerationLog.Action.REJECT.value
MODERATION = (PUBLISH, HIDE, REJECT)
ANSWER = ModerationLog.Action.ANSWER.value
REWORDING = ModerationLog.Action.REWORDING.value

ALREADY_WITHDRAWN = gettext_lazy("Cette contribution est déjà retirée.")
MODERATED = gettext_lazy("Cette contribution a fait l'objet d'une décision de modération.")
NOT_EDITABLE = gettext_lazy("Cette contribution ne peut plus être modifiée.")
NOT_PUBLISHED = gettext_lazy("Cette contribution n'est pas publiée.")
ONLY_PUBLISHED_ANSWERED = gettext_lazy(
    "Seule une contribution publiée reçoit une réponse officielle."
)
WITHDRAWN_BY_AUTHOR = gettext_lazy(
    "Cette contribution a été retirée par son auteur : il n'y a plus rien à modérer."
)


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]  # empty: the contribution is being created
    target: str | None  # None: decided by the change itself (submit, edit)
    permission: str | None  # the gate asked with the contribution; None: the system's own move
    # Why not, from a state outside `sources` (a state missing here: `default_refusal`).
    refusals: dict[str, Promise]
    default_refusal: Promise = NOT_EDITABLE


_MODERABLE = frozenset({Status.PENDING, Status.PUBLISHED, Status.HIDDEN, Status.REJECTED})
_MODERATION = {"refusals": {Status.WITHDRAWN: WITHDRAWN_BY_AUTHOR}}

TRANSITIONS = {
    # The gate for a creation is asked by contribution_create (contribute, or reply), before the
    # text is checked, so that "you may not" comes before "your text is too long".
    SUBMIT: Transition(frozenset(), None, None, {}),
    EDIT: Transition(
        frozenset({Status.PUBLISHED, Status.PENDING}),
        None,
        "concertation.edit_contribution",
        {},
    ),
    WITHDRAW: Transition(
        frozenset({Status.PUBLISHED, Status.PENDING}),
        Status.WITHDRAWN,
        "concertation.withdraw_contribution",
        {Status.WITHDRAWN: ALREADY_WITHDRAWN},
        # A moderation decision stays visible with its reason: it cannot be withdrawn over.
        MODERATED,
    ),
    AUTO_HIDE: Transition(frozenset({Status.PUBLISHED}), Status.PENDING, None, {}, NOT_PUBLISHED),
    PUBLISH: Transition(_MODERABLE, Status.PUBLISHED, "concertation.moderate", **_MODERATION),
    HIDE: Transition(_MODERABLE, Status.HIDDEN, "concertation.moderate", **_MODERATION),
    REJECT: Transition(_MODERABLE, Status.REJECTED, "concertation.moderate", **_MODERATION),
    ANSWER: Transition(
        frozenset({Status.PUBLISHED}), None, "concertation.answer", {}, ONLY_PUBLISHED_ANSWERED
    ),
    REWORDING: Transition(
        frozenset({Status.PUBLISHED}), None, "concertation.answer", {}, ONLY_PUBLISHED_ANSWERED
    ),
}


def state_refusal(action: str, status: str) -> str | None:
    """Why `action` cannot be made from `status`, in the reader's language (None: it can)."""
    transition = TRANSITIONS[action]
    if status in transition.sources:
        return None
    return str(transition.refusals.get(status, transition.default_refusal))


def moderation_errors(*, action: str, reason: str, note: str) -> dict[str, str]:
    """What a moderation decision lacks, by field: asked by the service and by the admin's
    change form (which shows them beside its fields)."""
    errors = {}
    if action not in MODERATION:
        errors["status"] = gettext("Choisissez « publiée », « masquée » ou « rejetée ».")
    elif action != PUBLISH and reason not in REASON_LABELS:
        errors["moderation_reason"] = gettext("Choisissez le motif de la décision dans la liste.")
    if reason == "other" and not (note or "").strip():
        errors["moderation_note"] = gettext("Précisez le motif « autre » dans le champ libre.")
    return errors


@transaction.atomic
def contribution_move(
    *,
    contribution: Contribution,
    action: str,
    actor: User | None,
    reason: str = "",
    note: str = "",
    held_reason: str = "",
    changed_fields: tuple[str, ...] = (),
    answer=None,
    outcome: str = "",
    version=None,
) -> Contribution:
    """Make one transition of the table, or raise PermissionDenied with the reason.

    - submit: `contribution` is not saved yet; `held_reason` (personal data) holds it, `note`
      says for the log what was found;
    - edit: `contribution` carries its new text in `changed_fields`; `held_reason` as above;
    - auto_hide: `note` for the log (how many flags);
    - publish, hide, reject: `reason` (one of the list, but to publish) and `note`, public;
    - answer: `answer`, the OfficialAnswer being published (its authors are told by
      concertation.services.answers, once per answer, not once per contribution);
    - rewording: `outcome` (RewordingOutcome) and, when accepted, the `version` that takes it.

    Callers lock the row (select_for_update) when they read it to decide."""
    transition = TRANSITIONS[action]
    if transition.permission and actor is not None:
        concertation_rules.ensure(transition.permission, actor, contribution)
    if action != SUBMIT and (refusal := state_refusal(action, contribution.status)):
        raise PermissionDenied(refusal)
    before = contribution.status if action != SUBMIT else None
    if action == SUBMIT:
        _submit(contribution, held_reason=held_reason, note=note)
    elif action == EDIT:
        _edit(contribution, held_reason=held_reason, note=note, changed=changed_fields)
    elif action == AUTO_HIDE:
        contribution.status = Status.PENDING
        contribution.held_reason = Contribution.HeldReason.FLAGS
        contribution.save(update_fields=["status", "held_reason"])
        ModerationLog.objects.create(
            contribution=contribution,
            target_user_id=contribution.author_id,
            action=ModerationLog.Action.AUTO_HIDE,
            before={"status": before},
            after={"status": contribution.status},
            reason="flags",
            note=note,
        )
    elif action in MODERATION:
        _moderate(contribution, action=action, actor=actor, reason=reason, note=note)
    elif action == ANSWER:
        _answer(contribution, answer=answer, actor=actor)
    elif action == REWORDING:
        _decide_rewording(contribution, outcome=outcome, version=version, actor=actor)
    else:
        contribution.status = transition.target
        contribution.save(update_fields=["status"])
    if action in (EDIT, WITHDRAW):
        # The author's own changes are in the log too: a moderator reading a contribution's
        # history sees it was rewritten or withdrawn, and when (not the old text: it may be
        # the very personal data the author removed).
        ModerationLog.objects.create(
            contribution=contribution,
            target_user_id=contribution.author_id,
            actor=actor,
            action=action,
            before={"status": before},
            after={"status": contribution.status}
            | ({"fields": sorted(set(changed_fields) - {"edited_at"})} if changed_fields else {}),
        )
    if contribution.status != before:
        counters_move(contribution=contribution, before=before, after=contribution.status)
    if contribution.status == Status.PUBLISHED and before != Status.PUBLISHED:
        notifications.reply_published(contribution)
    return contribution


def _hold(contribution: Contribution, *, note: str) -> None:
    contribution.status = Status.PENDING
    contribution.held_reason = Contribution.HeldReason.PERSONAL_DATA
    ModerationLog.objects.create(
        contribution=contribution,
        target_user_id=contribution.author_id,
        action=ModerationLog.Action.AUTO_HOLD,
        after={"status": contribution.status},
        reason="personal_data",
        note=note,
    )


def _submit(contribution: Contribution, *, held_reason: str, note: str) -> None:
    a_priori = contribution.consultation.moderation_mode == Consultation.ModerationMode.A_PRIORI
    contribution.status = Status.PENDING if a_priori else Status.PUBLISHED
    contribution.held_reason = Contribution.HeldReason.NONE
    if held_reason:
        contribution.status = Status.PENDING
        contribution.held_reason = held_reason
    contribution.save()
    if held_reason:
        _hold(contribution, note=note)
    notifications.contribution_received(contribution)


def _edit(contribution: Contribution, *, held_reason: str, note: str, changed) -> None:
    fields = [*changed, "edited_at"]
    a_priori = contribution.consultation.moderation_mode == Consultation.ModerationMode.A_PRIORI
    if held_reason:
        _hold(contribution, note=note)
        fields += ["status", "held_reason"]
    elif a_priori and contribution.status == Status.PUBLISHED:
        # Approved text only: an edit goes back to the moderators before it is public again.
        contribution.status = Status.PENDING
        fields.append("status")
    contribution.edited_at = timezone.now()
    contribution.save(update_fields=fields)


def _moderate(contribution: Contribution, *, action: str, actor, reason: str, note: str) -> None:
    if errors := moderation_errors(action=action, reason=reason, note=note):
        raise ValidationError(list(errors.values()))
    now = timezone.now()
    before = {
        "status": contribution.status,
        "moderation_reason": contribution.moderation_reason,
        "moderation_note": contribution.moderation_note,
    }
    contribution.status = TRANSITIONS[action].target
    contribution.held_reason = ""
    contribution.moderation_reason = "" if action == PUBLISH else reason
    contribution.moderation_note = note.strip()
    contribution.moderated_at = now
    contribution.save(
        update_fields=[
            "status",
            "held_reason",
            "moderation_reason",
            "moderation_note",
            "moderated_at",
        ]
    )
    flags = list(contribution.flags.filter(resolved_at__isnull=True).select_related("user"))
    contribution.flags.filter(pk__in=[f.pk for f in flags]).update(resolved_at=now)
    ModerationLog.objects.create(
        contribution=contribution,
        target_user_id=contribution.author_id,
        actor=actor,
        action=action,
        before=before,
        after={
            "status": contribution.status,
            "moderation_reason": contribution.moderation_reason,
            "moderation_note": contribution.moderation_note,
        },
        reason=contribution.moderation_reason,
        note=contribution.moderation_note,
    )
    if action != PUBLISH:
        notifications.contribution_moderated(contribution)
    notifications.flags_resolved(contribution, flags)


def _answer(contribution: Contribution, *, answer, actor) -> None:
    before = {"answer_state": contribution.answer_state}
    contribution.answer_state = answer.state
    contribution.answered_at = answer.published_at or timezone.now()
    contribution.save(update_fields=["answer_state", "answered_at"])
    ModerationLog.objects.create(
        contribution=contribution,
        target_user_id=contribution.author_id,
        actor=actor,
        action=ANSWER,
        before=before,
        after={"answer_state": answer.state, "answer": answer.pk},
    )


def contributions_answer(*, answered, actor: User | None) -> list[tuple[Contribution, object]]:
    """The `answer` step for many (contribution, answer) pairs at once (answers_publish): what
    contribution_move() does for each, with the same checks, state, log line, audit snapshot
    and journal line, in a few queries for the whole batch instead of a dozen per contribution.
    A pair the actor may not answer, or whose contribution is no longer published, is left out
    (where contribution_move() raises PermissionDenied). Returns the pairs answered. Callers lock
    the contributions; the answers carry their state and `published_at`. A contribution in two
    pairs gets both, one after the other, as two moves would."""
    done, pending = [], list(answered)
    while pending:  # one round per answer a contribution has in the batch (mostly one)
        seen, now, later = set(), [], []
        for contribution, answer in pending:
            (later if contribution.pk in seen else now).append((contribution, answer))
            seen.add(contribution.pk)
        done += _answer_all(now, actor=actor)
        pending = later
    return done


def _answer_all(pairs, *, actor) -> list:
    from audit.journal import record_saved
    from esante.pagecache import content_changed

    transition = TRANSITIONS[ANSWER]
    kept = []
    for contribution, answer in pairs:
        try:
            if actor is not None:
                concertation_rules.ensure(transition.permission, actor, contribution)
            if refusal := state_refusal(ANSWER, contribution.status):
                raise PermissionDenied(refusal)
        except PermissionDenied:
            continue  # hidden or withdrawn since the draft: not answered publicly
        kept.append((contribution, answer))
    if not kept:
        return []
    logs, rows = [], {}
    for contribution, answer in kept:
        before = {"answer_state": contribution.answer_state}
        contribution.answer_state = answer.state
        contribution.answered_at = answer.published_at or timezone.now()
        rows.setdefault((contribution.answer_state, contribution.answered_at), []).append(
            contribution.pk
        )
        logs.append(
            ModerationLog(
                contribution=contribution,
                target_user_id=contribution.author_id,
                actor=actor,
                action=ANSWER,
                before=before,
                after={"answer_state": answer.state, "answer": answer.pk},
            )
        )
    # One UPDATE per state and instant (a batch of answers shares its instant): no save(),
    # so what its signals do is done here, once: the audit trail, the page cache.
    for (state, answered_at), pks in rows.items():
        Contribution.objects.filter(pk__in=pks).update(answer_state=state, answered_at=answered_at)
    ModerationLog.objects.bulk_create(logs)
    record_saved(contribution for contribution, _answer in kept)
    content_changed()
    return kept


def _decide_rewording(contribution: Contribution, *, outcome: str, version, actor) -> None:
    from ..models import RewordingOutcome

    if contribution.kind != Contribution.Kind.REWORDING:
        raise ValidationError(gettext("Cette contribution ne propose pas de reformulation."))
    if outcome not in RewordingOutcome.values:
        raise ValidationError(gettext("Choisissez la suite donnée à la reformulation."))
    taken = outcome != RewordingOutcome.REJECTED
    if taken and (version is None or version.chapter_id != contribution.chapter_id):
        raise ValidationError(
            gettext("Indiquez la version du chapitre qui intègre cette reformulation.")
        )
    before = {
        "rewording_outcome": contribution.rewording_outcome,
        "rewording_version": contribution.rewording_version_id,
    }
    contribution.rewording_outcome = outcome
    contribution.rewording_version = version if taken else None
    contribution.save(update_fields=["rewording_outcome", "rewording_version"])
    ModerationLog.objects.create(
        contribution=contribution,
        target_user_id=contribution.author_id,
        actor=actor,
        action=REWORDING,
        before=before,
        after={
            "rewording_outcome": outcome,
            "rewording_version": contribution.rewording_version_id,
        },
    )
    notifications.rewording_decided(contribution)


def weighty_flags(contribution: Contribution):
    """The unresolved flags that count toward hiding a contribution without a moderator: made
    from accounts at least FLAG_WEIGHT_MIN_ACCOUNT_AGE_DAYS old whose address is verified. A
    handful of accounts opened for the occasion (issue 15: three accounts hid 30 contributions
    in 4.5 s) still reach the moderators' queue, but take nothing offline by themselves."""
    from allauth.account.models import EmailAddress
    from django.db.models import Exists, OuterRef

    old_enough = timezone.now() - datetime.timedelta(days=settings.FLAG_WEIGHT_MIN_ACCOUNT_AGE_DAYS)
    verified = EmailAddress.objects.filter(
        user_id=OuterRef("user_id"), email__iexact=OuterRef("user__email"), verified=True
    )
    return contribution.flags.filter(
        resolved_at__isnull=True, user__date_joined__lte=old_enough, user__is_active=True
    ).filter(Exists(verified))


def flags_threshold_reached(contribution: Contribution) -> bool:
    """A posteriori, enough unresolved flags of established accounts take a published
    contribution offline."""
    a_posteriori = (
        contribution.consultation.moderation_mode == Consultation.ModerationMode.A_POSTERIORI
    )
    if not a_posteriori:
        return False
    # Flags a moderator already resolved (by republishing) do not count again.
    return weighty_flags(contribution).count() >= settings.CONTRIBUTION_FLAGS_TO_HIDE


def auto_hide_brake_engaged(now=None) -> bool:
    """Whether the site already hid FLAG_AUTO_HIDE_PER_HOUR contributions by flags in the last
    hour: beyond, contributions reaching the threshold stay published and wait for the DNS team
    (a coordinated group must not empty a consultation faster than a moderator can look).
    Counted in the moderation log, in the database: a Redis outage does not release it."""
    now = now or timezone.now()
    recent = ModerationLog.objects.filter(
        action=ModerationLog.Action.AUTO_HIDE,
        created_at__gte=now - datetime.timedelta(hours=1),
    ).count()
    return recent >= settings.FLAG_AUTO_HIDE_PER_HOUR
