"""Moderation decisions of the DNS team: publish, hide or reject contributions, block and
unblock contributors; each decision is written to the moderation log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from esante.models import User

from .. import rules as concertation_rules
from ..models import Contribution, ContributorBlock, ModerationLog
from ..moderation import REASON_LABELS

MODERATION_TARGET = {
    ModerationLog.Action.PUBLISH: Contribution.Status.PUBLISHED,
    ModerationLog.Action.HIDE: Contribution.Status.HIDDEN,
    ModerationLog.Action.REJECT: Contribution.Status.REJECTED,
}


@transaction.atomic
def contributions_moderate(
    *, actor: User, contribution_ids: list[int], action: str, reason: str = "", note: str = ""
) -> int:
    """Publish, hide or reject contributions; each decision is logged with before and after."""
    if not concertation_rules.is_dns_team(actor):
        raise PermissionDenied(gettext("Seule l'équipe DNS modère les contributions."))
    if action not in MODERATION_TARGET:
        raise ValidationError(gettext("Décision de modération inconnue."))
    if action != ModerationLog.Action.PUBLISH and reason not in REASON_LABELS:
        raise ValidationError(gettext("Choisissez le motif de la décision dans la liste."))
    if reason == "other" and not note.strip():
        raise ValidationError(gettext("Précisez le motif « autre » dans le champ libre."))
    target = MODERATION_TARGET[action]
    now = timezone.now()
    changed = 0
    for contribution in Contribution.objects.select_for_update().filter(pk__in=contribution_ids):
        before = {
            "status": contribution.status,
            "moderation_reason": contribution.moderation_reason,
            "moderation_note": contribution.moderation_note,
        }
        contribution.status = target
        contribution.held_reason = ""
        contribution.moderation_reason = "" if action == ModerationLog.Action.PUBLISH else reason
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
        contribution.flags.filter(resolved_at__isnull=True).update(resolved_at=now)
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
        changed += 1
    return changed


@transaction.atomic
def contributor_block(*, actor: User, user: User, reason: str, until=None) -> ContributorBlock:
    if not concertation_rules.is_dns_team(actor):
        raise PermissionDenied(gettext("Seule l'équipe DNS peut bloquer un contributeur."))
    if not reason.strip():
        raise ValidationError({"reason": gettext("Indiquez le motif du blocage.")})
    if until is not None and until <= timezone.now():
        raise ValidationError({"until": gettext("La fin du blocage doit être dans le futur.")})
    block = ContributorBlock.objects.create(
        user=user, reason=reason.strip(), until=until, created_by=actor
    )
    ModerationLog.objects.create(
        target_user=user,
        actor=actor,
        action=ModerationLog.Action.BLOCK,
        after={"until": until.isoformat() if until else None},
        note=block.reason,
    )
    return block


@transaction.atomic
def contributor_unblock(*, actor: User, block: ContributorBlock) -> None:
    if not concertation_rules.is_dns_team(actor):
        raise PermissionDenied(gettext("Seule l'équipe DNS peut lever un blocage."))
    block.lifted_at = timezone.now()
    block.save(update_fields=["lifted_at"])
    ModerationLog.objects.create(
        target_user=block.user, actor=actor, action=ModerationLog.Action.UNBLOCK
    )
