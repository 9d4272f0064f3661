from celery import shared_task
from django.conf import settings

from . import outbox


@shared_task(acks_late=True)
def drain_outbox() -> int:
    """Publish what the web requests wrote to the outbox. Safe to run twice at once: rows are
    taken with SELECT ... FOR UPDATE SKIP LOCKED."""
    return outbox.publish()


class NotificationFailed(Exception):
    pass


@shared_task(bind=True, acks_late=True, max_retries=8)
def send_notification(self, notification_id: int) -> str:
    """Send one notification e-mail, then mark it sent. Safe to run twice: a sent one is
    skipped, and the row lock keeps two workers from sending it at once. SMTP failures are
    retried with exponential backoff (30 s, 1 min, 2 min… capped at 1 h); after the last try
    the notification is marked failed, visible in the admin, never silently dropped.

    Trade-off: the row is marked sent in the same transaction, right after the SMTP server
    accepted the message. A worker killed between the two would send that one message again
    on redelivery; marking it first instead would risk losing it, which we never accept."""
    import smtplib

    from django.db import transaction
    from django.utils import timezone

    from .models import Notification
    from .notifications import build_message

    error = None
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status == Notification.Status.SENT:
            return "skipped"
        notification.attempts += 1
        try:
            build_message(notification).send()
        except (smtplib.SMTPException, OSError) as exc:
            error = exc
            notification.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
            # Attempts are counted on the row, so that retries through Celery and re-runs
            # through the outbox (eager mode) share the same budget.
            if notification.attempts > self.max_retries:
                notification.status = Notification.Status.FAILED
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.last_error = ""
        notification.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    if error is None:
        return "sent"
    if notification.status == Notification.Status.FAILED:
        return "failed"
    # Outside the transaction, so that the attempt and its error stay recorded.
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS
    raise self.retry(exc=error, countdown=min(base * 2 ** (notification.attempts - 1), 3600))


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Find the reminders that are due and not yet recorded, record and enqueue them."""
    from .notifications import run_jobs

    return run_jobs("reminders")


@shared_task(acks_late=True)
def send_digests() -> int:
    """Build the daily and weekly digests that are due (each user's period recorded once)."""
    from .notifications import run_jobs

    return run_jobs("digests")
