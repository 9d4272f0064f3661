"""Fault tests with real components: Redis stopped or frozen while people contribute, the
same beat tick fired twice, a worker killed during a digest run, SMTP down then up. Each
test starts its own redis-server, so that stopping or freezing it disturbs nothing else."""

import datetime
import signal
import subprocess
import sys
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from concertation import services
from concertation.models import Contribution, Follow
from esante import outbox
from esante.models import Notification
from esante.notifications import run_jobs
from esante.tasks import send_digests
from tests.concertation.factories import ChapterFactory, ConsultationFactory
from tests.esante.factories import UserFactory
from tests.integration.conftest import ROOT, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def addresses(sink):
    return [address for envelope in sink.messages for address in envelope.rcpt_tos]


def drain_until_empty(timeout=30):
    """Run the drain (as beat does) until no notification waits to be handed to the broker."""

    def drained():
        outbox.publish()
        return not Notification.objects.filter(status="pending").exists()

    wait_for(drained, timeout=timeout, what="the outbox to drain")


@pytest.fixture
def contributor(client, settings, redis_server):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    chapter = ChapterFactory()
    user = UserFactory()
    services.charter_accept(user=user, consultation=chapter.consultation)
    client.force_login(user)
    return chapter, user


def post_contributions(client, chapter, count):
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    durations = []
    for n in range(count):
        started = time.monotonic()
        response = client.post(url, {"kind": "comment", "body": f"Contribution n°{n}"})
        durations.append(time.monotonic() - started)
        assert response.status_code == 302
    return durations


def test_redis_frozen_posts_answer_fast_and_notify_afterwards(
    client, worker, redis_server, smtp_sink, contributor
):
    chapter, user = contributor
    redis_server.freeze()
    try:
        durations = post_contributions(client, chapter, 3)
    finally:
        redis_server.thaw()
    assert max(durations) < 1.0, durations
    assert Contribution.objects.filter(author=user).count() == 3
    drain_until_empty()
    wait_for(lambda: addresses(smtp_sink).count(user.email) == 3, what="three receipts")


def test_redis_stopped_posts_are_saved_and_notified_when_it_is_back(
    client, worker, redis_server, smtp_sink, contributor
):
    chapter, user = contributor
    redis_server.stop()
    durations = post_contributions(client, chapter, 2)
    assert max(durations) < 1.0, durations
    assert Contribution.objects.filter(author=user).count() == 2
    assert outbox.publish() == 0  # the broker is down: kept, not lost
    redis_server.restart()
    drain_until_empty()
    wait_for(lambda: addresses(smtp_sink).count(user.email) == 2, what="two receipts")


def test_the_same_beat_tick_twice_at_once_sends_each_reminder_once(db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks to race for real (CI runs it)")
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(hours=20)
    consultation.save()
    chapter = ChapterFactory(consultation=consultation)
    readers = [UserFactory() for _ in range(20)]
    Follow.objects.bulk_create(Follow(user=u, chapter=chapter) for u in readers)
    barrier = threading.Barrier(2)

    def tick():
        try:
            barrier.wait()
            run_jobs("reminders")
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    sent = [m.to[0] for m in mail.outbox]
    assert sorted(sent) == sorted(u.email for u in readers)
    assert Notification.objects.filter(kind="consultation_reminder").count() == 20


def test_smtp_down_then_up_is_delivered_after_retry(worker, smtp_sink):
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(hours=20)
    consultation.save()
    reader = UserFactory()
    Follow.objects.create(user=reader, consultation=consultation)
    port = smtp_sink.port
    smtp_sink.controller.stop()
    run_jobs("reminders")
    drain_until_empty()
    wait_for(
        lambda: Notification.objects.filter(attempts__gte=1, last_error__gt="").exists(),
        what="a failed SMTP attempt",
    )
    controller = Controller(smtp_sink, hostname="127.0.0.1", port=port)
    controller.start()
    smtp_sink.controller = controller  # stopped by the fixture
    wait_for(lambda: reader.email in addresses(smtp_sink), timeout=40, what="delivery")
    wait_for(lambda: Notification.objects.get().status == "sent", what="sent status")
    assert Notification.objects.get().attempts >= 2


def test_worker_killed_during_a_digest_run_every_user_gets_exactly_one(
    worker, redis_server, smtp_sink, settings
):
    chapter = ChapterFactory()
    users = [UserFactory(digest_frequency="daily") for _ in range(60)]
    Follow.objects.bulk_create(Follow(user=u, chapter=chapter) for u in users)
    Contribution.objects.create(
        consultation=chapter.consultation, chapter=chapter, version=chapter.current_version,
        author=UserFactory(), body="Nouveau", status="published",
    )  # fmt: skip
    settings.DIGEST_HOUR = 0
    # The e-mail task the worker was running when killed stays unacknowledged in Redis until the
    # visibility timeout (an hour); its row is handed again by the drain once it has been queued
    # NOTIFICATION_REQUEUE_SECONDS (ten minutes in production, a few seconds here).
    settings.NOTIFICATION_REQUEUE_SECONDS = 3
    send_digests.delay()
    drain_and_kill_after = time.monotonic() + 1.0
    while time.monotonic() < drain_and_kill_after:
        outbox.publish()
        time.sleep(0.1)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    restarted = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "esante", "worker", "--pool=solo",
         "--loglevel=warning", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=worker.env,
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        send_digests.delay()  # the next beat tick

        def all_served():
            outbox.publish()
            return all(addresses(smtp_sink).count(u.email) >= 1 for u in users)

        wait_for(all_served, timeout=90, what="every digest")
        time.sleep(2)
        for user in users:
            assert addresses(smtp_sink).count(user.email) == 1, user.email
    finally:
        restarted.terminate()
        restarted.wait(timeout=15)
