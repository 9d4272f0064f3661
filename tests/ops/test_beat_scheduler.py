"""Celery beat on a host where nothing made var/: the scheduler makes its file's folder."""

from esante.celery import Scheduler, app


def test_the_beat_scheduler_makes_the_folder_of_its_schedule_file(tmp_path):
    schedule = tmp_path / "absent" / "var" / "celerybeat-schedule"
    scheduler = Scheduler(app=app, schedule_filename=str(schedule), lazy=False)
    try:
        assert schedule.parent.is_dir()
        assert any(schedule.parent.iterdir()), "the schedule file was not written"
    finally:
        scheduler.close()


def test_beat_uses_that_scheduler():
    from django.conf import settings

    assert settings.CELERY_BEAT_SCHEDULER == "esante.celery.Scheduler"
    assert app.conf.beat_scheduler == "esante.celery.Scheduler"
