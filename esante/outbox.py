"""The transactional outbox: services enqueue Celery tasks here, never with `.delay()`.

`enqueue()` writes a row in the caller's transaction. After commit, one attempt is made to
publish it at once; whatever is not published (broker down) is published later by the periodic
`esante.tasks.drain_outbox`. Tasks receive primary keys and must be safe to run twice: a row
may be published again if the process dies between publishing and marking it published.
"""

import logging

from celery import current_app
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import OutboxMessage

logger = logging.getLogger(__name__)
BATCH = 200


def enqueue(task: str, **kwargs) -> OutboxMessage:
    message = OutboxMessage.objects.create(task=task, kwargs=kwargs)
    if _eager():
        # No broker (embedded default): run it right after commit, in this process.
        transaction.on_commit(lambda: publish([message.pk]))
    # With a broker, the web request never talks to it: a frozen Redis would hold the request
    # for the whole socket timeout. The periodic drain publishes within seconds.
    return message


def publish(pks: list[int] | None = None) -> int:
    """Publish unpublished messages (the given ones, or a batch of the oldest); returns how many
    went out. Rows are locked (SKIP LOCKED) so that concurrent drains never publish one twice."""
    if _eager():
        return _run_here(pks)
    published = 0
    with transaction.atomic():
        rows = list(_unpublished(pks).select_for_update(skip_locked=True)[:BATCH])
        for row in rows:
            row.attempts += 1
            try:
                current_app.send_task(row.task, kwargs=row.kwargs)
            except Exception as exc:  # The broker is down: keep the row for the next drain.
                row.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
                row.save(update_fields=["attempts", "last_error"])
                logger.warning("Outbox message %s not published: %s", row.pk, row.last_error)
                break
            row.published_at = timezone.now()
            row.save(update_fields=["attempts", "published_at"])
            published += 1
    return published


def _unpublished(pks):
    queryset = OutboxMessage.objects.filter(published_at__isnull=True).order_by("created_at")
    return queryset.filter(pk__in=pks) if pks is not None else queryset


def _run_here(pks) -> int:
    """No broker (embedded default): run each task in this process. Rows are claimed first,
    in their own short transaction, so that a task enqueuing more messages (which run the same
    way) never meets its own row again; a task that fails gives its row back for later."""
    with transaction.atomic():
        rows = list(_unpublished(pks).select_for_update(skip_locked=True)[:BATCH])
        OutboxMessage.objects.filter(pk__in=[r.pk for r in rows]).update(
            published_at=timezone.now()
        )
    done = 0
    for row in rows:
        try:
            # Task names are their import paths: they resolve even where no worker imported them.
            import_string(row.task).apply(kwargs=row.kwargs).get()
        except Exception as exc:  # Kept for the next drain, with the reason.
            error = f"{exc.__class__.__name__}: {exc}"[:2000]
            OutboxMessage.objects.filter(pk=row.pk).update(
                published_at=None, attempts=row.attempts + 1, last_error=error
            )
            logger.warning("Outbox message %s not run: %s", row.pk, error)
            continue
        OutboxMessage.objects.filter(pk=row.pk).update(attempts=row.attempts + 1)
        done += 1
    return done


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)
