from celery import shared_task


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
