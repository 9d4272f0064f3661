"""Registration e-mails: plain text and HTML, each with its cancellation link, written in the
language of the interface the person registered in (the event's own texts stay French).

They are transactional notification kinds (esante.notifications): recorded once per
registration and kind in the service's transaction, sent by the one notification task, listed
in the admin; no unsubscribe link, since each answers something the person did."""

from django.utils.translation import gettext_lazy as _

from esante.links import absolute_url

from .ical import build_calendar
from .models import Registration

# Notification kind → what happened to the registration (the templates' `kind`).
KINDS = {
    "registration_confirm_address": "confirm_address",
    "registration_confirmed": "confirmed",
    "registration_waitlisted": "waitlisted",
    "registration_promoted": "promoted",
    "registration_cancelled": "cancelled",
    "event_cancelled": "event_cancelled",
}
LABELS = {
    "confirm_address": _("les demandes de confirmation d'inscription à un événement"),
    "confirmed": _("les confirmations d'inscription à un événement"),
    "waitlisted": _("les avis d'inscription en liste d'attente"),
    "promoted": _("les avis d'inscription depuis la liste d'attente"),
    "cancelled": _("les confirmations d'annulation d'inscription"),
    "event_cancelled": _("les avis d'annulation d'un événement"),
}
SUBJECTS = {
    "confirm_address": _("Confirmez votre inscription : %(title)s"),
    "confirmed": _("Inscription confirmée : %(title)s"),
    "waitlisted": _("Vous êtes sur liste d'attente : %(title)s"),
    "promoted": _("Une place s'est libérée, vous êtes inscrit : %(title)s"),
    "cancelled": _("Inscription annulée : %(title)s"),
    "event_cancelled": _("Événement annulé : %(title)s"),
}
WITH_CALENDAR = {"confirmed", "promoted"}


def notification_kind(kind: str) -> str:
    """ "confirmed" → "registration_confirmed": the notification kind of what happened."""
    return next(code for code, happened in KINDS.items() if happened == kind)


def greeting_name(registration: Registration, kind: str) -> str:
    """The name the e-mail greets, or "" for none. Never in the confirmation request: its
    address is not proven yet, so whoever typed the name may not own the mailbox (the mail relay
    of issue 15, « Bonjour [clic](https://…) »); never a name that reads like a link or markup
    (rows written before names were checked)."""
    from .services import CONTROL_RE, NAME_LINK_RE

    name = registration.name
    if kind == "confirm_address" or NAME_LINK_RE.search(name) or CONTROL_RE.search(name):
        return ""
    return name[:150]


def render_registration(notification) -> dict:
    """The e-mail about a registration, read as it is now (in the recipient's language, which
    esante.notifications.build_message has activated)."""
    registration = Registration.objects.select_related("event").get(
        pk=notification.payload["registration"]
    )
    kind = KINDS[notification.kind]
    event = registration.event
    spec = {
        # str(): the subject is built now, in the active language, not as a lazy object.
        "subject": str(SUBJECTS[kind]) % {"title": event.title},
        "template": "emails/events/registration",
        "context": {
            "registration": registration,
            "name": greeting_name(registration, kind),
            "event": event,
            "kind": kind,
            "event_url": absolute_url(event.get_absolute_url()),
            "cancel_url": absolute_url(registration.get_cancel_url()),
            "confirm_url": absolute_url(registration.get_confirm_url()),
        },
    }
    if kind in WITH_CALENDAR:
        spec["attachments"] = [
            (f"{event.slug}.ics", build_calendar([event], name=event.title), "text/calendar")
        ]
    return spec
