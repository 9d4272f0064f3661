"""The opinion groups are computed here, in a worker, never in a web request."""

from celery import shared_task
from django.core.cache import cache
from django.db import transaction

from concertation.models import Consultation

from . import services

# Reactions arriving within this many seconds of a first one are counted by one computation.
DEBOUNCE_SECONDS = 120
# The task runs a little after the key expires: a reaction that found the key still there was
# committed before the task reads the reactions.
MARGIN_SECONDS = 5


def _key(consultation_id: int) -> str:
    return f"opinions:pending:{consultation_id}"


def schedule(consultation_id: int) -> None:
    """Ask for a computation after the current transaction commits, at most one per
    DEBOUNCE_SECONDS and consultation, whatever the number of reactions meanwhile."""

    def enqueue():
        if cache.add(_key(consultation_id), 1, timeout=DEBOUNCE_SECONDS):
            compute_opinion_groups.apply_async(
                args=[consultation_id], countdown=DEBOUNCE_SECONDS + MARGIN_SECONDS
            )

    transaction.on_commit(enqueue)


@shared_task(acks_late=True)
def compute_opinion_groups(consultation_id: int) -> int | None:
    """Compute and store a consultation's opinion groups. Safe to run twice: each run replaces
    the stored result with the groups of the reactions of that moment. Returns the number of
    groups shown, None when the consultation is gone."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return None
    return len(services.opinion_groups_compute(consultation=consultation).groups)
