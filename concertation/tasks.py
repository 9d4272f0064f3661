import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from esante.i18n import email_language
from esante.links import absolute_url

from .models import Application


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_application_decision(application_id: int) -> bool:
    """E-mail an applicant the decision on their application, as it stands now."""
    application = (
        Application.objects.select_related("group", "user").filter(pk=application_id).first()
    )
    if application is None or application.status not in ("accepted", "declined"):
        return False
    with translation.override(email_language(application.user.language)):
        message = _decision_message(application)
    message.send()
    return True


def _decision_message(application) -> EmailMultiAlternatives:
    context = {
        "application": application,
        "group_url": absolute_url(application.group.get_absolute_url()),
        "site_name": settings.SITE_NAME,
    }
    if application.status == "accepted":
        subject = gettext("[%(site)s] Votre candidature au groupe « %(group)s » : acceptée")
    else:
        subject = gettext("[%(site)s] Votre candidature au groupe « %(group)s » : non retenue")
    message = EmailMultiAlternatives(
        subject=subject % {"site": settings.SITE_NAME, "group": application.group},
        body=render_to_string("emails/council/decision.txt", context),
        to=[application.user.email],
    )
    message.attach_alternative(
        render_to_string("emails/council/decision.html", context), "text/html"
    )
    return message


@shared_task(acks_late=True)
def notify_contribution(contribution_id: int) -> int:
    """Record the receipt (and the reply notice) of a new contribution, then hand them to the
    sender. Safe to run twice: notifications are unique per contribution."""
    from esante import outbox
    from esante.notifications import enqueue_pending

    from .notifications import contribution_posted

    created = contribution_posted(contribution_id)
    enqueue_pending()
    outbox.publish()
    return created
