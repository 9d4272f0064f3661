"""The one gate of the concertation: who may do what, and why not.

Each permission is a check that returns None (allowed) or the reason it is refused, in the
reader's language; it is registered as a django-rules permission under the same name, so that
`user.has_perm("concertation.flag", contribution)` and `{% has_perm %}` answer the same question
as `why_not()` and `ensure()`, which views, services, the lifecycle and the admin call. From which
state a contribution may move is read from the lifecycle's transition table
(concertation.services.lifecycle), so a refusal for the state is worded once.
"""

import datetime

import rules
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from esante.i18n import date_in_words
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


# --- The gate ------------------------------------------------------------------------------------

CHECKS = {}


def gate(permission: str):
    """Register a check `(user, obj) -> reason | None` as the django-rules permission and rule
    of that name."""

    def register(check):
        CHECKS[permission] = check
        predicate = rules.predicate(lambda user, obj=None: check(user, obj) is None)
        rules.add_perm(permission, predicate)
        # Also a rule: `{% test_rule %}` asks the check itself, where `has_perm` would let a
        # superuser through whatever the state (Django's superuser shortcut).
        rules.add_rule(permission, predicate)
        return check

    return register


def why_not(permission: str, user, obj=None) -> str | None:
    """The reason `user` may not do it (None: they may)."""
    return CHECKS[permission](user, obj)


def ensure(permission: str, user, obj=None) -> None:
    """Raise PermissionDenied with the reason, unless `user` may do it."""
    reason = why_not(permission, user, obj)
    if reason is not None:
        raise PermissionDenied(reason)


def _state_refusal(action: str, contribution) -> str | None:
    # Imported here: the lifecycle asks this gate, the gate reads the lifecycle's table.
    from .services.lifecycle import state_refusal

    return state_refusal(action, contribution.status)


def _contributor_refusal(user) -> str | None:
    if not user.is_authenticated:
        return gettext("Connectez-vous pour contribuer.")
    if not has_verified_email(user):
        return gettext(
            "Confirmez votre adresse électronique avant de contribuer : "
            "suivez le lien du courriel reçu à l'inscription."
        )
    block = active_block(user)
    if block is None:
        return None
    if block.until:
        return gettext(
            "Votre compte ne peut plus contribuer jusqu'au %(date)s à %(time)s. Motif : %(reason)s"
        ) % {
            "date": date_in_words(block.until, "j F Y"),
            "time": date_in_words(block.until, "H:i"),
            "reason": block.reason,
        }
    return gettext("Votre compte ne peut plus contribuer. Motif : %(reason)s") % {
        "reason": block.reason
    }


def _consultation_refusal(consultation) -> str | None:
    from .models import Consultation

    if consultation is None or not consultation.is_published:
        return gettext("Cette consultation n'est pas publiée.")
    state = consultation.state
    if state == Consultation.State.UPCOMING:
        return gettext(
            "Cette consultation n'est pas encore ouverte : les contributions seront possibles "
            "à partir du %(date)s à %(time)s."
        ) % {
            "date": date_in_words(consultation.opens_at, "j F Y"),
            "time": date_in_words(consultation.opens_at, "H:i"),
        }
    if state == Consultation.State.CLOSED:
        return gettext(
            "Cette consultation est close : elle ne reçoit plus de contributions ni de réactions."
        )
    return None


@gate("concertation.contribute")
def contribute(user, consultation) -> str | None:
    """Write a contribution on this consultation."""
    return _contributor_refusal(user) or _consultation_refusal(consultation)


@gate("concertation.reply")
def reply(user, parent) -> str | None:
    """Answer this contribution."""
    from .models import Contribution

    refusal = contribute(user, parent.consultation)
    if refusal is None and parent.status != Contribution.Status.PUBLISHED:
        refusal = gettext("On ne peut pas répondre à une contribution non publiée.")
    return refusal


@gate("concertation.react")
def react(user, contribution) -> str | None:
    from .models import Contribution

    refusal = contribute(user, contribution.consultation)
    if refusal is None and contribution.author_id == user.pk:
        refusal = gettext("Vous ne pouvez pas réagir à votre propre contribution.")
    if refusal is None and contribution.status != Contribution.Status.PUBLISHED:
        refusal = gettext("On ne peut réagir qu'à une contribution publiée.")
    return refusal


@gate("concertation.flag")
def flag(user, contribution) -> str | None:
    """Flag a contribution to the moderators: once, not one's own, only a published one. A
    closed consultation still shows its contributions, so they can still be flagged."""
    from .models import Contribution, Flag

    if not user.is_authenticated:
        return gettext("Connectez-vous pour signaler une contribution.")
    if contribution.status != Contribution.Status.PUBLISHED:
        return gettext("Cette contribution n'est pas publiée.")
    if contribution.author_id == user.pk:
        return gettext("Vous ne pouvez pas signaler votre propre contribution.")
    if Flag.objects.filter(contribution=contribution, user=user).exists():
        return gettext("Vous avez déjà signalé cette contribution.")
    return None


def _rewrite_refusal(user, contribution) -> str | None:
    if contribution is None or not is_author(user, contribution):
        return gettext("Vous ne pouvez modifier que vos propres contributions.")
    if not within_edit_window(user, contribution):
        minutes = settings.CONTRIBUTION_EDIT_WINDOW_MINUTES
        return ngettext(
            "Le délai de modification (%(minutes)s minute) est dépassé.",
            "Le délai de modification (%(minutes)s minutes) est dépassé.",
            minutes,
        ) % {"minutes": minutes}
    return _state_refusal("edit", contribution)


# The half of edit_contribution about the contribution itself, which asks the database nothing:
# the chapter page asks it of each contribution and the other half (contribute) once.
rules.add_rule(
    "concertation.rewrite_own",
    rules.predicate(lambda user, contribution: _rewrite_refusal(user, contribution) is None),
)


@gate("concertation.edit_contribution")
def edit_contribution(user, contribution) -> str | None:
    """Rewrite one's own contribution, within the edit window, while one may contribute."""
    return _rewrite_refusal(user, contribution) or contribute(user, contribution.consultation)


@gate("concertation.withdraw_contribution")
def withdraw_contribution(user, contribution) -> str | None:
    if contribution is None or not is_author(user, contribution):
        return gettext("Vous ne pouvez retirer que vos propres contributions.")
    return _state_refusal("withdraw", contribution)


@gate("concertation.follow")
def follow(user, target) -> str | None:
    """Follow a consultation, one of its chapters, a working group or the council. A follower
    may always stop following; nobody starts following a closed consultation."""
    from .models import Chapter, Consultation, Follow

    if not user.is_authenticated:
        return gettext("Connectez-vous pour suivre un contenu.")
    if isinstance(target, Consultation):
        consultation, lookup = target, {"consultation": target}
    elif isinstance(target, Chapter):
        consultation, lookup = target.consultation, {"chapter": target}
    else:
        return None
    if consultation.state != Consultation.State.CLOSED:
        return None
    if Follow.objects.filter(user=user, **lookup).exists():
        return None
    return gettext("Cette consultation est close : il n'y a plus rien à suivre.")


@gate("concertation.moderate")
def moderate(user, contribution=None) -> str | None:
    """Publish, hide or reject (the DNS team); with a contribution, from its present state."""
    if not is_dns_team(user):
        return gettext("Seule l'équipe DNS modère les contributions.")
    if contribution is not None:
        return _state_refusal("publish", contribution)
    return None


@gate("concertation.answer")
def answer(user, contribution=None) -> str | None:
    """Answer officially, decide on a rewording (the DNS team); with a contribution, only a
    published one."""
    if not is_dns_team(user):
        return gettext("Seule l'équipe DNS répond officiellement aux contributions.")
    if contribution is not None:
        return _state_refusal("answer", contribution)
    return None


# The results of a consultation: the public once it is closed; the DNS team at any time, live
# while it runs. `is_staff` first: the DNS team works in the admin, so its members are staff;
# for everyone else the check ends there, without the query of their groups (the consultation
# page asks it of every visitor, and its queries are counted).
@rules.predicate
def results_are_public(user, consultation) -> bool:
    return (
        consultation is not None
        and consultation.is_published
        and consultation.state == consultation.State.CLOSED
    )


can_view_results = results_are_public | rules.is_superuser | (rules.is_staff & is_dns_team)
rules.add_perm("concertation.view_results", can_view_results)
rules.add_rule("concertation.view_results", can_view_results)


__all__ = ["can_view_results", "ensure", "is_dns_team", "why_not"]

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
    "officialanswer",
    "answertemplate",
    "synthesis",
):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"concertation.{verb}_{model}", is_dns_team)
# The moderation log is append-only: readable, never changed or deleted through the admin.
rules.add_perm("concertation.view_moderationlog", is_dns_team)
