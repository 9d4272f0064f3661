"""Moderation decisions of the DNS team: publish, hide or reject contributions, block and
unblock contributors; each decision is written to the moderation log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from esante.models import User

from .. import rules as concertation_rules
from ..models import Contribution, ContributorBlock, ModerationLog
from . import lifecycle


@transaction.atomic
def contributions_moderate(
    *, actor: User, contribution_ids: list[int], action: str, reason: str = "", note: str = ""
) -> int:
    """Publish, hide or reject contributions through the lifecycle (logged with before and
    after, the author and the flaggers told). Those the lifecycle refuses from their state
    (withdrawn by their author) are left as they are; returns how many were decided."""
    concertation_rules.ensure("concertation.moderate", actor)
    if errors := lifecycle.moderation_errors(action=action, reason=reason, note=note):
        raise ValidationError(list(errors.values()))
    changed = 0
    for contribution in (
        # Only the contributions' rows are locked (a parent is an outer join PostgreSQL
        # cannot lock).
        Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation", "parent__author", "author")
        .filter(pk__in=contribution_ids)
    ):
        if lifecycle.state_refusal(action, contribution.status):
            continue
        lifecycle.contribution_move(
            contribution=contribution, action=action, actor=actor, reason=reason, note=note
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
