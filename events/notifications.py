"""What the events send: the reminder the day before, to everyone registered, with the .ics and
the cancel link; and the registration e-mails (events.emails), transactional kinds."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from esante.links import absolute_url
from esante.notifications import Recipient, notify_many, register_job, register_kind

from . import emails
from .ical import build_calendar
from .models import Event, Registration

EVENT_REMINDER = "event_reminder"


def event_reminders(now=None) -> int:
    now = now or timezone.now()
    hours = settings.REMINDER_EVENT_HOURS
    created = 0
    for event in Event.objects.filter(
        status=Event.Status.PUBLISHED,
        starts_at__gt=now,
        starts_at__lte=now + datetime.timedelta(hours=hours),
    ):
        registrations = event.registrations.filter(status=Registration.Status.CONFIRMED)
        created += notify_many(
            EVENT_REMINDER,
            f"event:{event.pk}:{hours}h",
            (
                Recipient(
                    email=r.email,
                    user_id=r.user_id,
                    payload={"registration": r.pk},
                    language=r.language,
                )
                for r in registrations.iterator()
            ),
        )
    return created


def render_event_reminder(notification):
    registration = Registration.objects.select_related("event").get(
        pk=notification.payload["registration"]
    )
    event = registration.event
    return {
        "subject": gettext("C'est demain : %(title)s") % {"title": event.title},
        "template": "emails/notifications/event_reminder",
        "context": {
            "event": event,
            "registration": registration,
            "event_url": absolute_url(event.get_absolute_url()),
            "cancel_url": absolute_url(registration.get_cancel_url()),
        },
        "attachments": [
            (f"{event.slug}.ics", build_calendar([event], name=event.title), "text/calendar")
        ],
    }


def register():
    register_kind(EVENT_REMINDER, _("les rappels la veille des événements"), render_event_reminder)
    for code, happened in emails.KINDS.items():
        register_kind(code, emails.LABELS[happened], emails.render_registration, transactional=True)
    register_job("reminders", event_reminders)
