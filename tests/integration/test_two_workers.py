"""Past one machine (issue 16): two Celery workers drain the same queue, each e-mail is sent
once. Each worker sends through an SMTP server of its own, so the test sees that both worked;
every notification is handed to the broker twice (a drain handing it again, a redelivery), so
the two workers really race for the same rows."""

import datetime
import os
import time

import pytest
from aiosmtpd.controller import Controller
from django.db import connection
from django.utils import timezone

from concertation.models import Follow
from esante import outbox
from esante.models import Notification
from esante.notifications import run_jobs
from esante.tasks import send_notification
from tests.concertation.factories import ChapterFactory, ConsultationFactory
from tests.esante.factories import UserFactory
from tests.integration.conftest import (
    Sink,
    free_port,
    start_worker,
    stop_worker,
    use_broker,
    wait_for,
)

pytestmark = pytest.mark.django_db(transaction=True)
FOLLOWERS = 30


@pytest.fixture
def two_workers(redis_server, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need the PostgreSQL test database (CI runs it)")
    db = connection.settings_dict
    sinks, controllers, workers = [], [], []
    for _ in range(2):
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=free_port())
        controller.start()
        sinks.append(sink)
        controllers.append(controller)
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": redis_server.url,
            "EMAIL_URL": f"smtp://127.0.0.1:{controller.port}",
            "SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_DEBUG": "false",
            "DJANGO_STATIC_MANIFEST": "false",
        }
        workers.append(start_worker(env))
    from esante.celery import app

    app.conf.task_always_eager = False
    previous = app.conf.broker_url
    use_broker(app, redis_server.url)
    yield sinks
    use_broker(app, previous)
    for worker in workers:
        stop_worker(worker)
    for controller in controllers:
        controller.stop()


def test_two_workers_share_the_queue_and_send_each_email_once(two_workers, redis_server):
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(days=6, hours=12)
    consultation.save()
    chapter = ChapterFactory(consultation=consultation)
    readers = [UserFactory() for _ in range(FOLLOWERS)]
    Follow.objects.bulk_create(Follow(user=reader, chapter=chapter) for reader in readers)

    assert run_jobs("reminders") == FOLLOWERS
    pks = list(Notification.objects.values_list("pk", flat=True))
    while outbox.publish():  # the drain, as beat runs it (the job may have handed them already)
        pass
    for pk in pks:  # handed a second time, as a drain does when it thinks one was lost
        send_notification.apply_async((pk,))

    wait_for(
        lambda: Notification.objects.filter(status="sent").count() == FOLLOWERS,
        timeout=90,
        what="every notification sent",
    )
    # The second copies are consumed too (and skipped): the queue is empty, nothing in flight.
    import redis

    client = redis.Redis.from_url(redis_server.url)
    wait_for(lambda: client.llen("celery") == 0, what="the queue drained")
    time.sleep(1)

    received = [address for sink in two_workers for m in sink.messages for address in m.rcpt_tos]
    assert sorted(received) == sorted(reader.email for reader in readers)  # each exactly once
    assert all(sink.messages for sink in two_workers), "one worker did all the work"
