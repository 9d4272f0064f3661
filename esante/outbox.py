"""The outbox is the Notification table: this module is its drain.

A service writes notification rows in its own transaction (`notifications.notify_many()`), and
nothing else: a web request never talks to the broker, so a frozen Redis cannot hold it for the
whole socket timeout. The periodic task `esante.tasks.drain_outbox` (every 5 s) then hands each
due row to the broker by primary key, `send_notification.apply_async((pk,))`, and marks it
queued with the time. A row is due when it is pending, or when it was queued too long ago
(NOTIFICATION_REQUEUE_SECONDS) without being sent: a broker that restarted empty, or a message
lost some other way, delays an e-mail, it never loses it. Handing a row twice is harmless: the
send task locks the row and sends only one that is not sent yet.

With no broker (REDIS_URL unset: Celery eager, the embedded default), the rows written in a
transaction are sent right after its commit, in the same process.
"""

import datetime
import logging

from celery import current_app
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)
BATCH = 200


def due(pks=None):
    """The rows the drain hands to the broker: pending ones, and queued ones that are overdue."""
    overdue = timezone.now() - datetime.timedelta(seconds=settings.NOTIFICATION_REQUEUE_SECONDS)
    queryset = Notification.objects.filter(
        Q(status=Notification.Status.PENDING)
        | Q(status=Notification.Status.QUEUED, queued_at__lt=overdue)
    ).order_by("created_at")
    return queryset.filter(pk__in=pks) if pks is not None else queryset


def publish(pks: list[int] | None = None) -> int:
    """Hand a batch of due rows (the given ones, or the oldest) to the broker; returns how many
    went. Rows are locked (SKIP LOCKED), so that concurrent drains never hand one twice at once.

    Called by the drain task, the management command and jobs in workers, never inside a
    transaction: rows written in a transaction that is still open would reach a worker that
    cannot see them yet. There it does nothing (with a broker) and the next drain publishes."""
    if eager():
        return _run_here(pks)
    if connection.in_atomic_block:
        logger.debug("Outbox not drained inside a transaction: the periodic drain will.")
        return 0
    from .tasks import send_notification

    handed = []
    with transaction.atomic():
        rows = due(pks).select_for_update(skip_locked=True).values_list("pk", flat=True)
        for pk in list(rows[:BATCH]):
            try:
                send_notification.apply_async((pk,))
            except Exception as exc:  # The broker is down: the rows wait for the next drain.
                logger.warning("Notifications not handed to the broker: %r", exc)
                break
            handed.append(pk)
        # In the same transaction as the locks: a worker that receives a row before this commits
        # waits for the lock, then finds it queued (sent at most once, either way).
        Notification.objects.filter(pk__in=handed).update(
            status=Notification.Status.QUEUED, queued_at=timezone.now()
        )
    return len(handed)


def publish_after_commit(pks: list[int] | None = None) -> None:
    """For code that runs in a request: with no broker, send these rows right after the commit,
    in this process; with a broker, nothing (the periodic drain publishes within seconds)."""
    if eager():
        transaction.on_commit(lambda: publish(pks))


def _run_here(pks) -> int:
    """No broker: send each row in this process. Rows are claimed first, in their own short
    transaction, so that a concurrent drain never sends the same ones; a row that fails on
    SMTP goes back to pending (the next drain tries again) until its tries are spent."""
    from .tasks import send_notification

    with transaction.atomic():
        rows = due(pks).select_for_update(skip_locked=True).values_list("pk", flat=True)
        rows = list(rows[:BATCH])
        Notification.objects.filter(pk__in=rows).update(
            status=Notification.Status.QUEUED, queued_at=timezone.now()
        )
    sent = 0
    for pk in rows:
        try:
            outcome = send_notification.apply((pk,)).get()
        except Exception:  # Logged; the row stays queued and the drain hands it again later.
            logger.exception("Notification %s not sent", pk)
            continue
        sent += outcome == "sent"
    return sent


def eager() -> bool:
    """No broker: Celery runs tasks in the calling process (REDIS_URL unset)."""
    return bool(current_app.conf.task_always_eager)
