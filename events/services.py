"""Registrations and the publishing of events. Seats are allocated under a row lock on the
event, so two people can never take the last seat."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from esante.emailnorm import normalise_email
from esante.formguards import CONTROL_MESSAGE, control_error
from esante.i18n import site_language
from esante.models import User
from esante.notifications import Recipient, notify_many

from . import emails
from . import rules as event_rules
from .models import Event, Registration

CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")

STATE_MESSAGES = {
    "cancelled": _("Cet événement est annulé : les inscriptions sont fermées."),
    "unpublished": _("Cet événement n'est pas publié."),
    "past": _("Cet événement est passé : les inscriptions sont fermées."),
    "not_yet": _("Les inscriptions ne sont pas encore ouvertes."),
    "closed": _("Les inscriptions sont closes."),
}


def _recipient(registration: Registration) -> Recipient:
    # The language of the interface the person registered in, whatever their account says.
    return Recipient(
        email=registration.email,
        user_id=registration.user_id,
        payload={"registration": registration.pk},
        language=registration.language,
    )


def _notify(registration: Registration, kind: str) -> None:
    """Record the e-mail saying what just happened to this registration ("confirmed"…), in the
    caller's transaction: once per registration and kind, sent after the commit."""
    notify_many(
        emails.notification_kind(kind),
        f"registration:{registration.pk}",
        [_recipient(registration)],
    )


# A visitor's name goes into e-mails sent from our address: it must stay a name. No link, no
# address, no markup (Markdown or HTML) that a mail client would turn into a link to click.
NAME_LINK_RE = re.compile(
    r"(?i)(://|www\.|@|[<>\[\]{}*`|\\]|\b[a-z0-9-]+\.(?:[a-z]{2,}|xn--)[a-z0-9-]*\b)"
)


def _clean_identity(name: str, email: str) -> tuple[str, str]:
    errors = {}
    if CONTROL_RE.search(name or "") or CONTROL_RE.search(email or ""):
        # A line break in a name or an address is a mail header injection attempt.
        raise ValidationError(
            gettext("Les sauts de ligne et caractères de contrôle ne sont pas acceptés.")
        )
    if control_error(name or "") or control_error(email or ""):
        raise ValidationError(str(CONTROL_MESSAGE))
    name = " ".join((name or "").split())
    # One spelling per mailbox: zero-width, full-width and case variants are one address.
    email = normalise_email(email)
    if not name:
        errors["name"] = gettext("Indiquez votre nom.")
    elif len(name) > 150:
        errors["name"] = gettext("Le nom ne doit pas dépasser 150 caractères.")
    elif NAME_LINK_RE.search(name):
        errors["name"] = gettext(
            "Indiquez seulement vos prénom et nom, sans adresse web, lien ni mise en forme."
        )
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = gettext(
            "Saisissez une adresse électronique valide, par exemple nom@exemple.fr."
        )
    if errors:
        raise ValidationError(errors)
    return name, email


def _ensure_open(event: Event) -> None:
    state = event.registration_state()
    if state != "open":
        raise ValidationError(STATE_MESSAGES[state], code=state)


@transaction.atomic
def registration_request(
    *, event: Event, user: User | None = None, name: str = "", email: str = ""
) -> Registration:
    """Register a signed-in user at once, or a visitor pending the confirmation of their
    address (a confirmation link is e-mailed; the seat is allocated when they confirm)."""
    _ensure_open(event)
    if user is not None and user.is_authenticated:
        name = name or user.display_name or user.email.split("@")[0]
        email = user.email
    name, email = _clean_identity(name, email)
    if (
        Registration.objects.filter(event=event, email__iexact=email)
        .exclude(status=Registration.Status.CANCELLED)
        .exists()
    ):
        raise ValidationError(
            {
                "email": gettext(
                    "Cette adresse est déjà inscrite à cet événement (ou en liste d'attente)."
                )
            }
        )
    registration = Registration(
        event=event,
        user=user if user is not None and user.is_authenticated else None,
        name=name,
        email=email,
        language=site_language(get_language()),
        status=Registration.Status.PENDING,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(
            {
                "email": gettext(
                    "Cette adresse est déjà inscrite à cet événement (ou en liste d'attente)."
                )
            }
        ) from None
    if registration.user_id:
        return _allocate(registration)
    _notify(registration, "confirm_address")
    return registration


def _allocate(registration: Registration) -> Registration:
    """Give a seat, or a place on the waitlist, to a registration whose address is confirmed."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    _ensure_open(event)
    now = timezone.now()
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event.capacity is None or taken < event.capacity:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = now
        kind = "confirmed"
    else:
        registration.status = Registration.Status.WAITLISTED
        registration.waitlisted_at = now
        kind = "waitlisted"
    registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
    _notify(registration, kind)
    return registration


@transaction.atomic
def registration_confirm(*, token: str) -> Registration:
    registration = Registration.objects.select_for_update().filter(token=token).first()
    if registration is None:
        raise ValidationError(gettext("Ce lien n'est pas valide."), code="invalid")
    if registration.status != Registration.Status.PENDING:
        return registration  # Already confirmed (a second click, a link scanner): nothing to do.
    return _allocate(registration)


@transaction.atomic
def registration_cancel(*, token: str) -> Registration:
    """Cancel; a freed seat goes at once to the first person on the waitlist."""
    registration = Registration.objects.select_for_update().filter(token=token).first()
    if registration is None:
        raise ValidationError(gettext("Ce lien n'est pas valide."), code="invalid")
    if registration.status == Registration.Status.CANCELLED:
        return registration
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if event.is_past:
        raise ValidationError(
            gettext("Cet événement est passé : l'inscription ne peut plus être annulée.")
        )
    freed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _notify(registration, "cancelled")
    if freed and event.status == Event.Status.PUBLISHED:
        _promote_from_waitlist(event)
    return registration


def _promote_from_waitlist(event: Event) -> Registration | None:
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if event.capacity is not None and taken >= event.capacity:
        return None
    first = (
        event.registrations.select_for_update()
        .filter(status=Registration.Status.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .first()
    )
    if first is None:
        return None
    now = timezone.now()
    first.status = Registration.Status.CONFIRMED
    first.confirmed_at = first.promoted_at = now
    first.save(update_fields=["status", "confirmed_at", "promoted_at"])
    _notify(first, "promoted")
    return first


@transaction.atomic
def event_set_status(*, user: User, event: Event, status: str) -> Event:
    """Publish or cancel an event; cancelling tells everyone registered."""
    if not event_rules.can_manage_event(user, event):
        raise PermissionDenied(gettext("Vous ne pouvez gérer que les événements de votre région."))
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == status:
        return event
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    if status == Event.Status.CANCELLED:
        # Keyed by this cancellation: an event published again, then cancelled again, says so
        # again; the same cancellation never twice.
        notify_many(
            emails.notification_kind("event_cancelled"),
            f"event:{event.pk}:cancelled:{event.updated_at.isoformat()}",
            (
                _recipient(registration)
                for registration in event.registrations.exclude(
                    status=Registration.Status.CANCELLED
                )
            ),
        )
    return event


def registrant_counts(event: Event) -> dict:
    counts = dict.fromkeys(Registration.Status.values, 0)
    for row in event.registrations.values("status").annotate(n=Count("pk")).order_by():
        counts[row["status"]] = row["n"]
    return counts
