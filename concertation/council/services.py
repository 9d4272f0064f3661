"""Writes of the Conseil du Numérique en Santé: applications to working groups, their
withdrawal, and the DNS team's decisions (each e-mailed: a notification row, in the same
transaction)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from esante.models import StakeholderType, User

from .. import rules as concertation_rules
from .models import Application
from .notifications import decision_recorded

APPLICATION_MOTIVATION_MAX = 3000


@transaction.atomic
def application_create(
    *,
    user: User,
    group,
    motivation: str,
    contribution: str = "",
    organisation: str = "",
    stakeholder_type: str = "",
    consent_public: bool = False,
):
    if not user.is_authenticated:
        raise PermissionDenied(gettext("Connectez-vous pour candidater."))
    if not concertation_rules.has_verified_email(user):
        raise PermissionDenied(
            gettext(
                "Confirmez votre adresse électronique avant de candidater : suivez le lien du "
                "courriel reçu à l'inscription."
            )
        )
    if not group.accepts_applications():
        raise ValidationError(
            gettext("Les candidatures à ce groupe de travail sont closes."), code="closed"
        )
    errors = {}
    motivation = (motivation or "").replace("\x00", "").strip()
    if not motivation:
        errors["motivation"] = gettext("Expliquez en quelques lignes votre motivation.")
    elif len(motivation) > APPLICATION_MOTIVATION_MAX:
        errors["motivation"] = gettext(
            "La motivation dépasse %(limit)s caractères (%(length)s) : raccourcissez-la."
        ) % {"limit": APPLICATION_MOTIVATION_MAX, "length": len(motivation)}
    contribution = (contribution or "").replace("\x00", "").strip()
    if len(contribution) > APPLICATION_MOTIVATION_MAX:
        errors["contribution"] = gettext("Ce texte dépasse %(limit)s caractères.") % {
            "limit": APPLICATION_MOTIVATION_MAX
        }
    stakeholder_type = stakeholder_type or user.stakeholder_type
    if stakeholder_type not in StakeholderType.values:
        errors["stakeholder_type"] = gettext("Choisissez un type d'acteur dans la liste.")
    if errors:
        raise ValidationError(errors)
    duplicate = ValidationError(
        gettext("Vous avez déjà candidaté à ce groupe de travail."), code="twice"
    )
    if Application.objects.filter(group=group, user=user).exclude(status="withdrawn").exists():
        raise duplicate
    try:
        with transaction.atomic():
            return Application.objects.create(
                group=group,
                user=user,
                motivation=motivation,
                contribution=contribution,
                organisation=" ".join((organisation or "").split())[:200],
                stakeholder_type=stakeholder_type,
                consent_public=consent_public,
            )
    except IntegrityError:
        raise duplicate from None


@transaction.atomic
def application_withdraw(*, user: User, application) -> None:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.user_id != user.pk:
        raise PermissionDenied(gettext("Vous ne pouvez retirer que vos propres candidatures."))
    if application.status != Application.Status.PENDING:
        raise ValidationError(gettext("Seule une candidature en cours d'examen peut être retirée."))
    application.status = Application.Status.WITHDRAWN
    application.save(update_fields=["status"])


@transaction.atomic
def applications_decide(*, actor: User, application_ids, accept: bool, message: str = "") -> int:
    """Accept or decline pending applications; each applicant is e-mailed the decision."""
    if not concertation_rules.is_dns_team(actor):
        raise PermissionDenied(gettext("Seule l'équipe DNS examine les candidatures."))
    status = Application.Status.ACCEPTED if accept else Application.Status.DECLINED
    now = timezone.now()
    decided = 0
    for application in Application.objects.select_for_update().filter(
        pk__in=application_ids, status=Application.Status.PENDING
    ):
        application.status = status
        application.decision_message = message.strip()
        application.decided_at = now
        application.decided_by = actor
        application.save(update_fields=["status", "decision_message", "decided_at", "decided_by"])
        decision_recorded(application)
        decided += 1
    return decided
