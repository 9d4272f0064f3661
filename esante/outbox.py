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
    published = 0
    with transaction.atomic():
        queryset = OutboxMessage.objects.filter(published_at__isnull=True)
        if pks is not None:
            queryset = queryset.filter(pk__in=pks)
        rows = list(queryset.select_for_update(skip_locked=True).order_by("created_at")[:BATCH])
        for row in rows:
            row.attempts += 1
            try:
                if _eager():
                    # No broker (embedded default): run the task here; task names are their
                    # import paths, so it resolves even where no worker imported it.
                    import_string(row.task).apply(kwargs=row.kwargs).get()
                else:
                    current_app.send_task(row.task, kwargs=row.kwargs)
            except Exception as exc:  # The broker or the task failed: keep the row for later.
                row.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
                row.save(update_fields=["attempts", "last_error"])
                logger.warning("Outbox message %s not published: %s", row.pk, row.last_error)
                if not _eager():
                    break  # The broker is down: the next drain will try again.
                continue
            row.published_at = timezone.now()
            row.save(update_fields=["attempts", "published_at"])
            published += 1
    return published


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)
