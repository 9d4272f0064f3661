"""Celery application: `celery -A esante worker` and `celery -A esante beat`."""

import os
from pathlib import Path

from celery import Celery
from celery.beat import PersistentScheduler
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.production")

app = Celery("esante")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class Scheduler(PersistentScheduler):
    """Celery's own scheduler, which first makes the folder of its schedule file: importing the
    settings creates nothing (tests/ops/test_settings_modules.py), and a host that only runs beat
    has no var/ from `manage.py` or `collectstatic`."""

    def setup_schedule(self):
        Path(self.schedule_filename).parent.mkdir(parents=True, exist_ok=True)
        super().setup_schedule()


@app.on_after_finalize.connect
def _schedule(sender, **kwargs):
    """The beat schedule, with the task objects (a renamed task cannot be left behind as a
    stale string): the outbox drain every 5 s, the reminders and the digests, the retention jobs,
    the open data archive."""
    from opendata.tasks import export_opendata

    from .tasks import (
        drain_outbox,
        retention_event_registrations,
        retention_inactive_accounts,
        retention_notifications,
        retention_unverified_accounts,
        send_digests,
        send_reminders,
    )

    sender.add_periodic_task(5.0, drain_outbox.s(), name="drain-outbox")
    sender.add_periodic_task(15 * 60.0, send_reminders.s(), name="send-reminders")
    sender.add_periodic_task(60 * 60.0, send_digests.s(), name="send-digests")
    # Retention (issue 15, durations in settings.RETENTION): every night, at quiet hours.
    for minute, task in enumerate(
        [
            retention_inactive_accounts,
            retention_unverified_accounts,
            retention_event_registrations,
            retention_notifications,
        ]
    ):
        sender.add_periodic_task(
            crontab(hour=3, minute=10 * minute), task.s(), name=task.name.rsplit(".", 1)[1]
        )
    # The open data archive (issue 17), after the retention jobs: what they deleted is gone
    # from the day's files too.
    sender.add_periodic_task(
        crontab(hour=4, minute=15), export_opendata.s(), name="export-opendata"
    )


# Task output is in the site's language (French) by default however the task runs: in a
# worker, or eagerly inside an English request (whose language is restored afterwards).
# E-mails then switch to their recipient's language (esante.i18n.email_language).
_previous_language = {}


@task_prerun.connect
def _activate_site_language(task_id=None, **kwargs):
    from django.conf import settings
    from django.utils import translation

    _previous_language[task_id] = translation.get_language()
    translation.activate(settings.LANGUAGE_CODE)


@task_postrun.connect
def _restore_language(task_id=None, **kwargs):
    from django.utils import translation

    previous = _previous_language.pop(task_id, None)
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()
