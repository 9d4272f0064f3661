"""A contribution published: its consultation's themes are refreshed a little later (issue 18).

Debounced per consultation: the first publication takes a cache key for DEBOUNCE_SECONDS and
queues the task with that countdown; the publications in between find the key and queue
nothing, the task taking them all at once. Queued after commit (the task must see the row).

With Celery eager (development without Redis, the tests), a queued task would run at once
inside the request that published the contribution, which heavy computations must never do:
there, nothing is queued unless THEMES_AUTO_REFRESH says so, and themes come from the admin's
« recalculer » action or the demo.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from esante import pagecache

DEBOUNCE_SECONDS = 120
logger = logging.getLogger(__name__)


def auto_refresh() -> bool:
    return getattr(settings, "THEMES_AUTO_REFRESH", not settings.CELERY_TASK_ALWAYS_EAGER)


def schedule_refresh(consultation_id: int) -> bool:
    """Queue the refresh of this consultation's themes unless one is already waiting."""
    from .tasks import themes_refresh

    if not pagecache.cache_usable():  # Redis just failed: no second wait in this request
        logger.warning("Themes of consultation %s: refresh not queued", consultation_id)
        return False
    try:
        if not cache.add(f"themes:refresh:{consultation_id}", 1, timeout=DEBOUNCE_SECONDS):
            return False
        # retry=False: a broker that is down fails at once instead of holding the request.
        themes_refresh.apply_async((consultation_id,), countdown=DEBOUNCE_SECONDS, retry=False)
    except Exception:
        # Redis down: the contribution is saved all the same; the next publication, or the
        # admin's « recalculer », brings the themes up to date.
        pagecache.cache_failed()
        logger.warning("Themes of consultation %s: refresh not queued", consultation_id)
        return False
    return True


def contribution_saved(sender, instance, created, update_fields=None, **kwargs):
    if instance.status != instance.Status.PUBLISHED or instance.parent_id:
        return
    if update_fields is not None and "status" not in update_fields:
        return
    if not auto_refresh():
        return
    consultation_id = instance.consultation_id
    transaction.on_commit(lambda: schedule_refresh(consultation_id), robust=True)
