"""The opinion groups are computed here, in a worker, never in a web request."""

import logging

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from concertation.models import Consultation
from esante import pagecache

from . import services

logger = logging.getLogger(__name__)

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

    if not auto_refresh():
        return

    def enqueue():
        if not pagecache.cache_usable():  # Redis just failed: no second wait in this request
            logger.warning("Opinion groups of consultation %s: not queued", consultation_id)
            return
        try:
            if cache.add(_key(consultation_id), 1, timeout=DEBOUNCE_SECONDS):
                # retry=False: a broker that is down fails at once, not after the request.
                compute_opinion_groups.apply_async(
                    args=[consultation_id],
                    countdown=DEBOUNCE_SECONDS + MARGIN_SECONDS,
                    retry=False,
                )
        except Exception:
            # Redis down: the reaction is saved all the same; the next one, or the admin's
            # « recalculer », brings the groups up to date.
            pagecache.cache_failed()
            logger.warning("Opinion groups of consultation %s: not queued", consultation_id)

    transaction.on_commit(enqueue, robust=True)


def auto_refresh() -> bool:
    """With Celery eager (development without Redis, the tests), a queued task would run at once
    inside the request that reacted, which heavy computations must never do: there, nothing is
    queued unless OPINIONS_AUTO_REFRESH says so, and groups come from the admin's action or the
    demo."""
    return getattr(settings, "OPINIONS_AUTO_REFRESH", not settings.CELERY_TASK_ALWAYS_EAGER)


@shared_task(acks_late=True)
def compute_opinion_groups(consultation_id: int) -> int | None:
    """Compute and store a consultation's opinion groups. Safe to run twice: each run replaces
    the stored result with the groups of the reactions of that moment. Returns the number of
    groups shown, None when the consultation is gone."""
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return None
    return len(services.opinion_groups_compute(consultation=consultation).groups)
