import smtplib

from celery import shared_task

from .emails import registration_email
from .models import Registration


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_registration_email(registration_id: int, kind: str) -> bool:
    """Send one registration e-mail. Takes a primary key: it reads the registration as it is
    now; a registration deleted since has nothing left to say. SMTP failures are retried with
    exponential backoff."""
    registration = Registration.objects.select_related("event").filter(pk=registration_id).first()
    if registration is None:
        return False
    registration_email(registration, kind).send()
    return True
