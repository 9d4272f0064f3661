"""Who may contribute, edit, moderate: django-rules predicates used by views, admin, services."""

import datetime

import rules
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from esante.rules import is_dns_team


@rules.predicate
def has_verified_email(user) -> bool:
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists()
    )


def active_block(user):
    """The block that currently bars this user from contributing, if any."""
    now = timezone.now()
    for block in user.contribution_blocks.filter(lifted_at__isnull=True):
        if block.is_active_at(now):
            return block
    return None


@rules.predicate
def is_blocked(user) -> bool:
    return user.is_authenticated and active_block(user) is not None


@rules.predicate
def is_author(user, contribution) -> bool:
    return contribution is not None and contribution.author_id == user.pk


@rules.predicate
def within_edit_window(user, contribution) -> bool:
    window = datetime.timedelta(minutes=settings.CONTRIBUTION_EDIT_WINDOW_MINUTES)
    return contribution is not None and timezone.now() - contribution.created_at <= window


@rules.predicate
def consultation_is_open(user, consultation) -> bool:
    return consultation is not None and consultation.is_published and consultation.is_open


can_contribute = has_verified_email & ~is_blocked

rules.add_perm("concertation.contribute", can_contribute & consultation_is_open)
rules.add_perm("concertation.edit_contribution", is_author & within_edit_window)
rules.add_perm("concertation.withdraw_contribution", is_author)
rules.add_perm("concertation.moderate", is_dns_team)

__all__ = ["is_dns_team"]

# Admin: national concertation content and moderation belong to the DNS team.
rules.add_perm("concertation", is_dns_team)
for model in (
    "consultation",
    "chapter",
    "chapterversion",
    "contribution",
    "flag",
    "contributorblock",
    "reaction",
    "follow",
    "charteracceptance",
    "councilmeeting",
    "workinggroup",
    "deliverable",
    "application",
    "ethicspilot",
):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"concertation.{verb}_{model}", is_dns_team)
# The moderation log is append-only: readable, never changed or deleted through the admin.
rules.add_perm("concertation.view_moderationlog", is_dns_team)
