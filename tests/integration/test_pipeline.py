"""The one message pipeline with real components (PostgreSQL, Redis, a Celery worker, an SMTP
server): every kind of e-mail arrives once, even delivered twice; messages a Redis restart
lost are handed again and arrive once; a database restart under the worker delays an e-mail,
it does not drop it."""

import email
import time
from collections import Counter
from email.header import decode_header, make_header

import pytest

from concertation import services as concertation_services
from esante import outbox
from esante.models import Notification
from esante.tasks import send_notification
from events import services as event_services
from tests.concertation.factories import ApplicationFactory
from tests.esante.factories import DnsStaffFactory
from tests.events.factories import EventFactory
from tests.integration.conftest import start_worker, stop_worker, wait_for
from tests.notifications.scenarios import assert_every_kind, every_kind_of_e_mail

pytestmark = pytest.mark.django_db(transaction=True)


def recipients(sink) -> Counter:
    return Counter(address for envelope in sink.messages for address in envelope.rcpt_tos)


def owed(rows) -> Counter:
    return Counter(row.email for row in rows)


def messages(sink):
    return [email.message_from_bytes(envelope.content) for envelope in sink.messages]


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def drain_until_sent(timeout=60):
    def all_sent():
        outbox.publish()  # the drain, as beat runs it
        return not Notification.objects.exclude(status="sent").exists()

    wait_for(all_sent, timeout=timeout, what="every notification sent")


def test_every_kind_arrives_once_through_the_worker_even_delivered_twice(
    worker, smtp_sink, settings
):
    every_kind_of_e_mail(settings)
    rows = list(Notification.objects.all())
    assert_every_kind(rows)
    drain_until_sent()
    assert recipients(smtp_sink) == owed(rows)

    for row in rows:  # every message redelivered, twice
        send_notification.delay(row.pk)
        send_notification.delay(row.pk)
    # A last e-mail behind them: the worker takes its queue in order, one task at a time.
    event_services.registration_request(
        event=EventFactory(), name="Dernier", email="dernier@example.org"
    )
    drain_until_sent()
    wait_for(lambda: "dernier@example.org" in recipients(smtp_sink), what="the last e-mail")
    assert recipients(smtp_sink) == owed(rows) + Counter(["dernier@example.org"])

    by_subject = {subject(m): m for m in messages(smtp_sink)}
    confirmed = next(m for s, m in by_subject.items() if "Inscription confirmée" in s)
    assert confirmed["List-Unsubscribe"] is None  # transactional
    assert any(part.get_content_type() == "text/calendar" for part in confirmed.walk())
    reminder = next(m for s, m in by_subject.items() if "pour contribuer" in s)
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_messages_a_redis_restart_lost_are_handed_again_and_arrive_once(
    worker, redis_server, smtp_sink, settings
):
    settings.NOTIFICATION_REQUEUE_SECONDS = 5
    stop_worker(worker)  # nobody consumes: the messages wait in Redis
    event = EventFactory(capacity=1)
    for name in ("Camille", "Alex"):
        event_services.registration_request(
            event=event, name=name, email=f"{name.lower()}@example.org"
        )
    concertation_services.applications_decide(
        actor=DnsStaffFactory(), application_ids=[ApplicationFactory().pk], accept=True
    )
    rows = list(Notification.objects.all())
    while outbox.publish():
        pass
    assert set(Notification.objects.values_list("status", flat=True)) == {"queued"}

    redis_server.stop()  # no persistence: it comes back empty, as in the incident
    redis_server.restart()
    restarted = start_worker(worker.env)
    try:
        outbox.publish()
        assert set(Notification.objects.values_list("status", flat=True)) == {"queued"}
        drain_until_sent()  # once overdue, the drain hands them again
        time.sleep(2)
        assert recipients(smtp_sink) == owed(rows)
    finally:
        stop_worker(restarted)


def test_a_database_restart_under_the_worker_delays_the_e_mail_once(
    worker, smtp_sink, database_proxy
):
    stop_worker(worker)
    proxied = start_worker({**worker.env, "DATABASE_URL": database_proxy.url})
    try:
        event_services.registration_request(
            event=EventFactory(), name="Camille", email="camille@example.org"
        )
        database_proxy.cut()  # the worker's database goes away
        assert outbox.publish() == 1
        time.sleep(3)  # the task meets the database down, retries with backoff (1 s, 2 s…)
        assert recipients(smtp_sink) == Counter()
        assert Notification.objects.get().status == "queued"
        database_proxy.restore()
        wait_for(lambda: Notification.objects.get().status == "sent", what="the retry")
        time.sleep(1)
        assert recipients(smtp_sink) == Counter(["camille@example.org"])
    finally:
        stop_worker(proxied)
