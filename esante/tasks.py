import datetime
import logging
import smtplib
import time

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from . import outbox

logger = logging.getLogger(__name__)
# The database went away (a restart, a failover, a dropped connection): worth trying again.
# Django closes the broken connection after the task (celery's Django fixup), so the retry
# opens a new one.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
DRAIN_BATCHES = 10


@shared_task(acks_late=True)
def drain_outbox() -> int:
    """Publish the notification rows that are due (see esante.outbox). Safe to run twice at
    once: rows are taken with SELECT ... FOR UPDATE SKIP LOCKED. A batch at a time, a few per
    run, so that a backlog never makes one run overlap the next by much."""
    published = 0
    for _ in range(DRAIN_BATCHES):
        count = outbox.publish()
        published += count
        if not count:
            break
    return published


def backoff(attempt: int) -> int:
    """Seconds before try number `attempt` + 1: 30 s, 1 min, 2 min… capped at 1 h."""
    return min(settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempt - 1, 0), 3600)


@shared_task(bind=True, acks_late=True, max_retries=8)
def send_notification(self, notification_id: int, delivered_at: str | None = None) -> str:
    """Send one notification e-mail, then mark it sent.

    Safe to run twice, at once or later (a message redelivered, the drain handing a row again
    because the broker seemed to have lost it): the row is locked for the whole send, and a row
    already sent (or given up) is skipped. SMTP failures are retried with exponential backoff;
    after the last try the row is marked failed, visible in the admin, never silently dropped.
    Database errors (a restart) are retried with the same backoff; if they outlast the
    retries, the row stays queued and the drain hands it again.

    Trade-off, send then mark: the row is marked sent in the same transaction, right after the
    SMTP server accepted the message. A worker killed (or a database lost) between the two
    would send that one message again on redelivery; marking it first instead would risk losing
    it, which we never accept.

    The database lost right after the SMTP server accepted (its connection killed, a failover;
    the fault tests of issue 15 found 16 duplicates in 40 that way): the task knows the e-mail
    went, so it only marks the row sent, trying again for a while, then as a retry that carries
    `delivered_at` and never sends again."""
    if delivered_at is not None:
        return _mark_delivered(self, notification_id, delivered_at)
    self.request.delivered_at = None
    try:
        return _send(self, notification_id)
    except DATABASE_UNAVAILABLE as exc:
        delivered = getattr(self.request, "delivered_at", None)
        if delivered is not None:
            logger.warning("Notification %s sent, not yet marked: %s", notification_id, exc)
            return _mark_delivered(self, notification_id, delivered.isoformat())
        if outbox.eager():  # In-process: the drain that called us logs it; no broker to retry.
            raise
        logger.warning("Notification %s: database unavailable, retried: %s", notification_id, exc)
        raise self.retry(exc=exc, countdown=backoff(self.request.retries + 1)) from exc


# How long a worker keeps trying to record an e-mail it sent before it hands that to a retry.
MARK_PATIENCE_SECONDS = 30


def _mark_delivered(task, notification_id: int, delivered_at: str) -> str:
    """Mark sent a row whose e-mail the SMTP server accepted; never send it again."""
    from django.db import close_old_connections, connection

    from .models import Notification
    from .notifications import registry

    deadline = time.monotonic() + MARK_PATIENCE_SECONDS
    while True:
        try:
            if not connection.in_atomic_block:
                connection.close()  # the broken connection; the next query opens a new one
            with transaction.atomic():
                row = Notification.objects.select_for_update().filter(pk=notification_id).first()
                if row is None or row.status not in (
                    Notification.Status.PENDING,
                    Notification.Status.QUEUED,
                ):
                    return "skipped"
                row.status = Notification.Status.SENT
                row.sent_at = datetime.datetime.fromisoformat(delivered_at)
                row.attempts += 1
                row.last_error = ""
                fields = ["status", "sent_at", "attempts", "last_error"]
                if registry.kinds[row.kind].secret:
                    row.payload = {"subject": row.payload.get("subject", "")}
                    fields.append("payload")
                row.save(update_fields=fields)
            return "sent"
        except DATABASE_UNAVAILABLE as exc:
            close_old_connections()
            if time.monotonic() > deadline:
                if outbox.eager():
                    raise
                raise task.retry(
                    args=(notification_id,),
                    kwargs={"delivered_at": delivered_at},
                    exc=exc,
                    countdown=backoff(task.request.retries + 1),
                ) from exc
            time.sleep(0.5)


def _send(task, notification_id: int) -> str:
    from .models import Notification
    from .notifications import build_message, registry

    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status not in (
            Notification.Status.PENDING,
            Notification.Status.QUEUED,
        ):
            return "skipped"
        notification.attempts += 1
        fields = ["attempts", "status", "queued_at", "sent_at", "last_error"]
        try:
            message = build_message(notification)
        except DatabaseError:
            raise
        except Exception as exc:
            # A renderer that fails (what it speaks of was deleted, a bug) fails again on every
            # try: marked failed at once, with the reason; the admin can send it again.
            logger.exception("Notification %s not rendered", notification_id)
            notification.status = Notification.Status.FAILED
            notification.last_error = _describe(exc)
            notification.save(update_fields=fields)
            return "failed"
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            error = exc
            notification.last_error = _describe(exc)
            # Tries are counted on the row, so that Celery's retries and the drain's re-runs
            # (without a broker) share one budget.
            if notification.attempts > task.max_retries:
                notification.status = Notification.Status.FAILED
            elif outbox.eager():
                # No broker to hold a delayed retry: back to pending, the next drain tries again.
                notification.status = Notification.Status.PENDING
                notification.queued_at = None
            else:
                # The retry below is due then: the drain must not think it lost before that.
                countdown = backoff(notification.attempts)
                notification.status = Notification.Status.QUEUED
                notification.queued_at = timezone.now() + datetime.timedelta(seconds=countdown)
        else:
            error = None
            # From here on, never sent again (see send_notification).
            task.request.delivered_at = timezone.now()
            notification.status = Notification.Status.SENT
            notification.sent_at = task.request.delivered_at
            notification.last_error = ""
            if registry.kinds[notification.kind].secret:
                # Its personal link must not outlive the e-mail in the database.
                notification.payload = {"subject": notification.payload.get("subject", "")}
                fields.append("payload")
        notification.save(update_fields=fields)
    if error is None:
        return "sent"
    if notification.status != Notification.Status.QUEUED:
        return notification.status  # "failed", or "pending" for the next drain
    # Outside the transaction, so that the attempt and its error stay recorded. If the broker
    # refuses the retry, the row is queued: the drain hands it again once it is overdue.
    raise task.retry(exc=error, countdown=countdown)


def _describe(exc: Exception) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:2000]


@shared_task(acks_late=True)
def send_reminders() -> int:
    """Find the reminders that are due and not yet recorded, record and publish them."""
    from .notifications import run_jobs

    return run_jobs("reminders")


@shared_task(acks_late=True)
def send_digests() -> int:
    """Build the daily and weekly digests that are due (each user's period recorded once)."""
    from .notifications import run_jobs

    return run_jobs("digests")


# --- Retention (issue 15): each job deletes what RETENTION says is kept too long. Safe to run
# twice or late: each one selects by dates, and what it already did no longer matches. --------


@shared_task(acks_late=True)
def retention_inactive_accounts() -> dict:
    """Warn the owners of accounts unused for 23 months, delete those unused for 24 months
    and warned long enough ago (esante.privacy)."""
    from . import privacy

    warned = privacy.inactive_accounts_warn()
    deleted = privacy.inactive_accounts_delete()
    while outbox.publish():
        pass
    return {"warned": warned, "deleted": deleted}


@shared_task(acks_late=True)
def retention_unverified_accounts() -> int:
    """Delete accounts whose address was never confirmed, 30 days after sign-up."""
    from . import privacy

    return privacy.unverified_accounts_delete()


@shared_task(acks_late=True)
def retention_event_registrations() -> dict:
    """Delete unconfirmed registrations after 30 days, anonymise visitors' registrations a
    year after their event."""
    from . import privacy

    deleted, anonymised = privacy.visitor_registrations_expire()
    return {"deleted": deleted, "anonymised": anonymised}


@shared_task(acks_late=True)
def retention_notifications() -> int:
    """Delete the e-mail log (address, kind, status) after a year."""
    from . import privacy

    return privacy.notifications_expire()
