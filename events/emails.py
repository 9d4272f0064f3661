"""Registration e-mails: French, plain text and HTML, each with its cancellation link."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .ical import build_calendar
from .models import Registration

SUBJECTS = {
    "confirm_address": "Confirmez votre inscription : {title}",
    "confirmed": "Inscription confirmée : {title}",
    "waitlisted": "Vous êtes sur liste d'attente : {title}",
    "promoted": "Une place s'est libérée, vous êtes inscrit : {title}",
    "cancelled": "Inscription annulée : {title}",
    "event_cancelled": "Événement annulé : {title}",
}
WITH_CALENDAR = {"confirmed", "promoted"}


def registration_email(registration: Registration, kind: str) -> EmailMultiAlternatives:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "site_name": settings.SITE_NAME,
        "event_url": f"{settings.SITE_URL}{event.get_absolute_url()}",
        "cancel_url": f"{settings.SITE_URL}{registration.get_cancel_url()}",
        "confirm_url": f"{settings.SITE_URL}{registration.get_confirm_url()}",
    }
    message = EmailMultiAlternatives(
        subject=f"[{settings.SITE_NAME}] " + SUBJECTS[kind].format(title=event.title),
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
