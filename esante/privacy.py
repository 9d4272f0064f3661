"""The RGPD rights and duties of the portal: one's data downloaded (art. 15 and 20), one's account
deleted (art. 17) without destroying anybody else's content, and the retention jobs that delete
what is kept too long (art. 5-1-e), all reading the one RETENTION setting that the
personal-data page shows.

Like esante.portal, this module composes the apps (concertation, events): it is the one place
that knows where a person's data lives. Views, the admin and the Celery tasks call it.

Decisions, said once:
- Published contributions an author keeps go to one placeholder account, « Contributeur
  anonyme » (esante.models.DELETED_USER_EMAIL): every page keeps working with an author, and
  nothing links them to the deleted person any more.
- A contribution erased while others replied to it stays as an empty, withdrawn shell
  (« Contribution supprimée par son auteur »), so that the replies keep their thread; one
  without replies is deleted.
- Event registrations are anonymised rather than deleted: the attendance figures of past
  events stay right.
- Staff accounts are never deleted for inactivity: the DNS closes them when someone leaves.
- The audit trail keeps every line about or by a deleted account (role changes, blocks, staff
  decisions must stay accountable), but under « Compte supprimé n° <id> » and a pseudonymous
  address in the user's history (audit.journal.account_forget), so it names nobody; the login
  lock-out records (django-axes, keyed on the address) are deleted.
"""

import datetime
import logging
import secrets

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import journal as audit_journal
from concertation.models import (
    Application,
    CharterAcceptance,
    Contribution,
    Flag,
    Follow,
    ModerationLog,
    Reaction,
)
from concertation.services.counters import counters_refresh
from events.models import Registration

from .models import DELETED_USER_EMAIL, Notification, UnsubscribeKey, Unsubscription, User
from .notifications import Recipient, notify_many, register_kind

logger = logging.getLogger(__name__)

INACTIVE_ACCOUNT_WARNING = "inactive_account_warning"
ANONYMISED_NAME = "Inscription anonymisée"
ANONYMISED_DOMAIN = "anonyme.invalid"
STAFF_NAME = "équipe DNS"


def retention_days(name: str) -> int:
    return settings.RETENTION[name]


def _ago(now: datetime.datetime, name: str) -> datetime.datetime:
    return now - datetime.timedelta(days=retention_days(name))


# --- The placeholder author ------------------------------------------------------------------


def deleted_user() -> User:
    user, created = User.objects.get_or_create(
        email=DELETED_USER_EMAIL,
        defaults={"is_active": False, "stakeholder_type": "other"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# --- Export ----------------------------------------------------------------------------------


def _addresses(user: User) -> set[str]:
    emails = {user.email.lower()}
    others = EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    emails |= {email.lower() for email in others}
    return emails


def _email_q(field: str, emails: set[str]) -> Q:
    q = Q(pk__in=[])  # Never an empty Q: it would match every row.
    for email in emails:
        q |= Q(**{f"{field}__iexact": email})
    return q


def _iso(value):
    return value.isoformat() if value else None


def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about `user`, as JSON-ready data. Each query is filtered on
    the user or their own addresses: nothing of anybody else (tests/privacy prove it)."""
    emails = _addresses(user)
    contributions = (
        Contribution.objects.filter(author=user)
        .select_related("consultation", "chapter")
        .prefetch_related("replies")
        .order_by("created_at", "pk")
    )
    registrations = (
        Registration.objects.filter(Q(user=user) | _email_q("email", emails))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    return {
        "format": "concertation-esante-personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "name_in_open_data": user.name_in_open_data,
            "stakeholder_type": user.stakeholder_type,
            "organisation": user.organisation,
            "declaration_of_interests": user.declaration_of_interests,
            "region": user.region.name if user.region_id else None,
            "digest_frequency": user.digest_frequency,
            "flag_outcome_notices": user.flag_outcome_notices,
            "language": user.language,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "contributions": [
            {
                "id": c.pk,
                "consultation": c.consultation.title,
                "chapter": c.chapter.title,
                "paragraph_id": c.paragraph_id,
                "in_reply_to": c.parent_id,
                "kind": c.kind,
                "status": c.status,
                "published_without_name": c.is_anonymous,
                "body": c.body,
                "proposed_text": c.proposed_text,
                "created_at": _iso(c.created_at),
                "edited_at": _iso(c.edited_at),
                "moderation_reason": c.moderation_reason,
                "reply_ids": sorted(r.pk for r in c.replies.all()),
            }
            for c in contributions
        ],
        "reactions": [
            {
                "contribution_id": r.contribution_id,
                "value": r.value,
                "created_at": _iso(r.created_at),
            }
            for r in Reaction.objects.filter(user=user).order_by("pk")
        ],
        "flags": [
            {
                "contribution_id": f.contribution_id,
                "reason": f.reason,
                "note": f.note,
                "created_at": _iso(f.created_at),
            }
            for f in Flag.objects.filter(user=user).order_by("pk")
        ],
        "follows": [
            {
                "consultation_id": f.consultation_id,
                "chapter_id": f.chapter_id,
                "working_group_id": f.working_group_id,
                "council": f.council,
                "created_at": _iso(f.created_at),
            }
            for f in Follow.objects.filter(user=user).order_by("pk")
        ],
        "charter_acceptances": [
            {"consultation": a.consultation.title, "accepted_at": _iso(a.accepted_at)}
            for a in CharterAcceptance.objects.filter(user=user)
            .select_related("consultation")
            .order_by("pk")
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "event_starts_at": _iso(r.event.starts_at),
                "name": r.name,
                "email": r.email,
                "status": r.status,
                "created_at": _iso(r.created_at),
                "confirmed_at": _iso(r.confirmed_at),
                "cancelled_at": _iso(r.cancelled_at),
            }
            for r in registrations
        ],
        "council_applications": [
            {
                "working_group": a.group.name,
                "organisation": a.organisation,
                "stakeholder_type": a.stakeholder_type,
                "motivation": a.motivation,
                "contribution": a.contribution,
                "consent_public": a.consent_public,
                "status": a.status,
                "decision_message": a.decision_message,
                "created_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
            }
            for a in Application.objects.filter(user=user).select_related("group").order_by("pk")
        ],
        # What was sent, never the text: secret links (password reset) live in some bodies.
        "notifications": [
            {"kind": n.kind, "email": n.email, "created_at": _iso(n.created_at), "status": n.status}
            for n in Notification.objects.filter(Q(user=user) | _email_q("email", emails))
            .only("kind", "email", "created_at", "status")
            .order_by("pk")
        ],
        "unsubscriptions": [
            {"email": u.email, "kind": u.kind, "created_at": _iso(u.created_at)}
            for u in Unsubscription.objects.filter(_email_q("email", emails)).order_by("pk")
        ],
        # Staff are not named: their identity is not the person's data.
        "moderation": [
            {
                "action": log.action,
                "contribution_id": log.contribution_id,
                "reason": log.reason,
                "note": log.note,
                "decided_by": STAFF_NAME if log.actor_id else "automatique",
                "created_at": _iso(log.created_at),
            }
            for log in ModerationLog.objects.filter(
                Q(target_user=user) | Q(contribution__author=user)
            )
            .distinct()
            .order_by("created_at", "pk")
        ],
    }


# --- Deletion --------------------------------------------------------------------------------


def _erase_contributions(contributions, placeholder: User) -> None:
    """Delete them, leaves first (a reply of theirs to their own contribution goes first); those
    that others replied to stay as empty withdrawn shells under the placeholder."""
    pending = set(contributions.values_list("pk", flat=True))
    chapter_ids = set(contributions.values_list("chapter_id", flat=True))
    while pending:
        leaves = set(
            Contribution.objects.filter(pk__in=pending)
            .exclude(Exists(Contribution.objects.filter(parent=OuterRef("pk"))))
            .values_list("pk", flat=True)
        )
        if not leaves:
            break
        Contribution.objects.filter(pk__in=leaves).delete()
        pending -= leaves
    Contribution.objects.filter(pk__in=pending).update(
        author=placeholder,
        is_anonymous=True,
        body="",
        body_html="",
        proposed_text="",
        moderation_note="",
        status=Contribution.Status.WITHDRAWN,
    )
    # Deleted and withdrawn in bulk, past the lifecycle: the chapters' counters counted again.
    counters_refresh(chapter_ids=chapter_ids)


def _recount(contribution_ids) -> None:
    """The counters kept on contributions, once the person's reactions and flags are gone."""
    for contribution in Contribution.objects.filter(pk__in=set(contribution_ids)).annotate(
        agree=Count("reactions", filter=Q(reactions__value=Reaction.Value.AGREE), distinct=True),
        disagree=Count(
            "reactions", filter=Q(reactions__value=Reaction.Value.DISAGREE), distinct=True
        ),
        flagged=Count("flags", distinct=True),
    ):
        Contribution.objects.filter(pk=contribution.pk).update(
            agree_count=contribution.agree,
            disagree_count=contribution.disagree,
            flag_count=contribution.flagged,
        )


def registrations_anonymise(registrations) -> int:
    count = 0
    for registration in registrations.exclude(email__iendswith=f"@{ANONYMISED_DOMAIN}"):
        registration.name = ANONYMISED_NAME
        registration.email = f"{registration.pk}@{ANONYMISED_DOMAIN}"
        registration.user = None
        # Its confirmation and cancellation links must not work any more.
        registration.token = secrets.token_urlsafe(24)
        registration.save(update_fields=["name", "email", "user", "token"])
        count += 1
    return count


@transaction.atomic
def account_delete(*, user: User, keep_contributions: bool) -> None:
    """Delete `user` and erase their personal data everywhere; their published contributions
    are kept under « Contributeur anonyme » if `keep_contributions`, else erased. Replies of
    other people always survive. Safe to run twice (the second finds nobody)."""
    user = User.objects.select_for_update().filter(pk=user.pk).first()
    if user is None:
        return
    if user.is_deleted_placeholder:
        raise ValueError("The placeholder of deleted accounts cannot be deleted.")
    placeholder = deleted_user()
    emails = _addresses(user)
    audited = audit_journal.account_objects(user)
    touched = list(Reaction.objects.filter(user=user).values_list("contribution_id", flat=True))
    touched += list(Flag.objects.filter(user=user).values_list("contribution_id", flat=True))

    own = Contribution.objects.filter(author=user)
    if keep_contributions:
        own.filter(status=Contribution.Status.PUBLISHED).update(
            author=placeholder, is_anonymous=True
        )
    _erase_contributions(Contribution.objects.filter(author=user), placeholder)

    registrations_anonymise(Registration.objects.filter(Q(user=user) | _email_q("email", emails)))
    Notification.objects.filter(Q(user=user) | _email_q("email", emails)).delete()
    Unsubscription.objects.filter(_email_q("email", emails)).delete()
    UnsubscribeKey.objects.filter(_email_q("email", emails)).delete()
    names = {user.display_name, str(user)}
    pk = user.pk
    # The rest goes with the row: e-mail addresses, reactions, flags, follows, charter
    # acceptances, applications, blocks; moderation log entries lose their target_user (SET_NULL)
    # and keep their notes.
    user.delete()
    # After the delete, which the audit history records too: the journal keeps every staff
    # decision about or by the account, under its number instead of its address and name.
    emails = audit_journal.account_forget(user_id=pk, emails=emails, names=names, objects=audited)
    # The login lock-out records name the address (django-axes keys them on it, not on the
    # account): the sign-ins of an account that is gone, under any address it ever had.
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(_email_q("username", emails)).delete()
    _recount(touched)


# --- Retention jobs --------------------------------------------------------------------------


def _render_inactive_warning(notification: Notification) -> dict:
    from .links import absolute_url

    return {
        "subject": str(_("Votre compte sera supprimé faute de connexion")),
        "template": "emails/privacy/inactive_account_warning",
        "context": {
            "days": notification.payload.get("days"),
            "deletion_date": datetime.date.fromisoformat(notification.payload["deletion_date"]),
            "login_url": absolute_url(reverse("account_login")),
        },
    }


def register() -> None:
    """Called by EsanteConfig.ready()."""
    register_kind(
        INACTIVE_ACCOUNT_WARNING,
        _("l'avertissement avant la suppression d'un compte inactif"),
        _render_inactive_warning,
        transactional=True,
    )


def _candidates():
    # Staff are excluded (see the module docstring), so is the placeholder.
    return User.objects.filter(is_staff=False, is_superuser=False).exclude(email=DELETED_USER_EMAIL)


def _inactive_since(cutoff):
    return Q(last_login__lte=cutoff) | Q(last_login__isnull=True, date_joined__lte=cutoff)


def inactive_accounts_warn(*, now: datetime.datetime | None = None) -> int:
    """Warn, once per period of inactivity, the owners of accounts unused for
    RETENTION["inactive_account_warning"] days."""
    now = now or timezone.now()
    delay = retention_days("inactive_account") - retention_days("inactive_account_warning")
    warned = 0
    users = (
        _candidates()
        .filter(_inactive_since(_ago(now, "inactive_account_warning")))
        .filter(
            Q(inactivity_warned_at__isnull=True)
            | Q(inactivity_warned_at__lt=Coalesce("last_login", "date_joined"))
        )
    )
    for user in users.iterator():
        last = user.last_login or user.date_joined
        deletion = max(last + datetime.timedelta(days=retention_days("inactive_account")), now)
        deletion = max(deletion, now + datetime.timedelta(days=delay))
        with transaction.atomic():
            notify_many(
                INACTIVE_ACCOUNT_WARNING,
                f"inactive:{user.pk}:{last.date().isoformat()}",
                [
                    Recipient(
                        email=user.email,
                        user_id=user.pk,
                        payload={
                            "days": retention_days("inactive_account"),
                            "deletion_date": deletion.date().isoformat(),
                        },
                    )
                ],
            )
            User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        warned += 1
    return warned


def inactive_accounts_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete accounts unused for RETENTION["inactive_account"] days whose owner was warned
    at least the difference between the two durations ago (a job that ran late warns first and
    deletes later, never both at once). Published contributions are kept, anonymous, as the
    personal-data page says."""
    now = now or timezone.now()
    delay = retention_days("inactive_account") - retention_days("inactive_account_warning")
    users = (
        _candidates()
        .filter(_inactive_since(_ago(now, "inactive_account")))
        .filter(
            inactivity_warned_at__isnull=False,
            inactivity_warned_at__gte=Coalesce("last_login", "date_joined"),
            inactivity_warned_at__lte=now - datetime.timedelta(days=delay),
        )
    )
    deleted = 0
    for user in users.iterator():
        account_delete(user=user, keep_contributions=True)
        deleted += 1
    return deleted


def unverified_accounts_delete(*, now: datetime.datetime | None = None) -> int:
    """Accounts whose address was never confirmed, RETENTION["unverified_account"] days after
    sign-up (they could never sign in: verification is mandatory)."""
    now = now or timezone.now()
    users = (
        _candidates()
        .filter(date_joined__lte=_ago(now, "unverified_account"))
        .exclude(Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)))
    )
    deleted = 0
    for user in users.iterator():
        account_delete(user=user, keep_contributions=True)
        deleted += 1
    return deleted


@transaction.atomic
def visitor_registrations_expire(*, now: datetime.datetime | None = None) -> tuple[int, int]:
    """Unconfirmed registrations (any) deleted RETENTION["unconfirmed_registration"] days after
    the request; registrations of visitors without an account anonymised
    RETENTION["visitor_registration"] days after their event ended. Returns (deleted,
    anonymised)."""
    now = now or timezone.now()
    deleted, _ = Registration.objects.filter(
        status=Registration.Status.PENDING, created_at__lte=_ago(now, "unconfirmed_registration")
    ).delete()
    anonymised = registrations_anonymise(
        Registration.objects.filter(
            user__isnull=True, event__ends_at__lte=_ago(now, "visitor_registration")
        )
    )
    return deleted, anonymised


def notifications_expire(*, now: datetime.datetime | None = None) -> int:
    """The e-mail log (address, kind, status) deleted RETENTION["notification"] days after each
    e-mail was recorded, unsent ones too (a year late, they are not worth sending)."""
    now = now or timezone.now()
    deleted, _ = Notification.objects.filter(created_at__lt=_ago(now, "notification")).delete()
    return deleted


# --- The personal-data page -------------------------------------------------------------------


def _months_or_days(days: int) -> str:
    from django.utils.translation import ngettext

    if days % 365 == 0:
        years = days // 365
        return ngettext("%(count)d an", "%(count)d ans", years) % {"count": years}
    if days >= 60 and days % 30 in (0, 10):  # 700 days: « 23 mois »
        months = round(days / 30.4)
        return ngettext("%(count)d mois", "%(count)d mois", months) % {"count": months}
    return ngettext("%(count)d jour", "%(count)d jours", days) % {"count": days}


def processings() -> list[dict]:
    """Each processing of personal data, its purpose, legal basis and retention, the durations
    read from RETENTION: the page says what the jobs do."""
    from django.utils.translation import gettext

    r = {name: _months_or_days(days) for name, days in settings.RETENTION.items()}
    public_interest = gettext("Mission d'intérêt public (article 6-1-e du RGPD)")
    return [
        {
            "name": gettext("Comptes des participants"),
            "purpose": gettext(
                "Vous identifier, publier vos contributions sous le nom choisi, "
                "vous envoyer les courriels que vous avez choisis."
            ),
            "basis": public_interest,
            "retention": gettext(
                "Supprimés après %(inactive)s sans connexion (vous êtes prévenu par courriel "
                "après %(warning)s) ; un compte dont l'adresse n'a jamais été confirmée est "
                "supprimé après %(unverified)s. Les comptes de l'équipe ne sont pas concernés."
            )
            % {
                "inactive": r["inactive_account"],
                "warning": r["inactive_account_warning"],
                "unverified": r["unverified_account"],
            },
        },
        {
            "name": gettext("Contributions publiées"),
            "purpose": gettext("Rendre la concertation transparente."),
            "basis": public_interest,
            "retention": gettext(
                "Consultables tant que la consultation est en ligne ; à la suppression du "
                "compte, gardées sous le nom « Contributeur anonyme » ou supprimées, selon "
                "votre choix."
            ),
        },
        {
            "name": gettext("Inscriptions aux événements"),
            "purpose": gettext("Organiser les événements et vous en informer."),
            "basis": public_interest,
            "retention": gettext(
                "Une inscription non confirmée est supprimée après %(unconfirmed)s ; celle "
                "d'un visiteur sans compte est anonymisée %(visitor)s après l'événement."
            )
            % {"unconfirmed": r["unconfirmed_registration"], "visitor": r["visitor_registration"]},
        },
        {
            "name": gettext("Candidatures aux groupes de travail"),
            "purpose": gettext("Composer les groupes de travail du Conseil du Numérique en Santé."),
            "basis": public_interest,
            "retention": gettext("Jusqu'à la suppression de votre compte."),
        },
        {
            "name": gettext("Historique des courriels envoyés"),
            "purpose": gettext("Envoyer chaque courriel une seule fois et suivre les échecs."),
            "basis": public_interest,
            "retention": gettext("%(notification)s après l'envoi.")
            % {"notification": r["notification"]},
        },
    ]


def personal_data_page(request):
    from django.shortcuts import render
    from django.utils.translation import gettext

    return render(
        request,
        "pages/personal_data.html",
        {
            "processings": processings(),
            "breadcrumb_data": {"current": gettext("Données personnelles")},
        },
    )
