from celery import shared_task

from . import outbox


@shared_task(acks_late=True)
def drain_outbox() -> int:
    """Publish what the web requests wrote to the outbox. Safe to run twice at once: rows are
    taken with SELECT ... FOR UPDATE SKIP LOCKED."""
    return outbox.publish()
