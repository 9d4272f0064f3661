"""Registration e-mails: plain text and HTML, each with its cancellation link, written in the
language of the interface the person registered in (the event's own texts stay French)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from esante.i18n import email_language
from esante.links import absolute_url

from .ical import build_calendar
from .models import Registration

SUBJECTS = {
    "confirm_address": _("Confirmez votre inscription : %(title)s"),
    "confirmed": _("Inscription confirmée : %(title)s"),
    "waitlisted": _("Vous êtes sur liste d'attente : %(title)s"),
    "promoted": _("Une place s'est libérée, vous êtes inscrit : %(title)s"),
    "cancelled": _("Inscription annulée : %(title)s"),
    "event_cancelled": _("Événement annulé : %(title)s"),
}
WITH_CALENDAR = {"confirmed", "promoted"}


def registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    with translation.override(email_language(registration.language)):
        return _registration_email(registration, kind)


def _registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "site_name": settings.SITE_NAME,
        "event_url": absolute_url(event.get_absolute_url()),
        "cancel_url": absolute_url(registration.get_cancel_url()),
        "confirm_url": absolute_url(registration.get_confirm_url()),
    }
    message = EmailMultiAlternatives(
        # str(): an e-mail header needs the text translated now, not a lazy object.
        subject=f"[{settings.SITE_NAME}] " + str(SUBJECTS[kind]) % {"title": event.title},
        body=render_to_string("emails/events/registration.txt", context),
        to=[registration.email],
    )
    message.attach_alternative(
        render_to_string("emails/events/registration.html", context), "text/html"
    )
    if kind in WITH_CALENDAR:
        message.attach(
            f"{event.slug}.ics", build_calendar([event], name=event.title), "text/calendar"
        )
    return message
