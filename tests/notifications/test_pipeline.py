"""One message pipeline: every e-mail is a Notification row (pending → queued → sent / failed),
published by primary key by one drain, sent by one task that sends a row at most once.

A task delivered twice, a message the broker lost and the drain handed again, an SMTP or
database failure then success: one e-mail each time, for every kind the portal sends. The
broker here is a stand-in that records what it is handed (tests/integration has the real one)."""

import datetime
import re
import smtplib
import threading
import time
from pathlib import Path

import pytest
import time_machine
from celery.exceptions import Retry
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import OperationalError, connection
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerUnavailable

from concertation import services as concertation_services
from esante import outbox
from esante import tasks as esante_tasks
from esante.models import Notification, Unsubscription
from esante.notifications import registry, unsubscribe_token
from esante.tasks import send_notification
from events import services as event_services
from events.models import Registration
from tests.concertation.factories import ApplicationFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.notifications.scenarios import assert_every_kind, every_kind_of_e_mail

ROOT = Path(__file__).resolve().parents[2]


def committed():
    """Writes run their on-commit callbacks (the sending, without a broker) as in production."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def sent_once_each(rows) -> None:
    """One e-mail per row, to its address, and nothing else."""
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row.email for row in rows)


class Broker:
    """Stands in for Redis: records the primary keys the drain hands it; can lose them all
    (a Redis restarted empty), be down, and deliver each message any number of times."""

    def __init__(self):
        self.messages: list[int] = []
        self.down = False

    def apply_async(self, args=(), kwargs=None, **options):
        if self.down:
            raise BrokerUnavailable("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.messages.append(args[0])

    def lose_everything(self):
        self.messages.clear()

    def deliver(self, times=1) -> list[str]:
        """A worker runs each message, `times` times (a redelivery, a duplicate)."""
        messages, self.messages = self.messages, []
        return [run_task(pk) for pk in messages for _ in range(times)]


def run_task(pk) -> str:
    """What a worker does with one message: the outcome, or "retry" when the task asked Celery
    to run it again later (here the Retry is raised instead of published)."""
    try:
        return send_notification.apply((pk,)).get()
    except Retry:
        return "retry"


@pytest.fixture
def broker(monkeypatch):
    """Celery as with REDIS_URL set (not eager), the stand-in broker instead of Redis."""
    from esante.celery import app

    app.conf.task_always_eager = False  # put back by the suite's _celery_eager fixture
    stand_in = Broker()
    monkeypatch.setattr(send_notification, "apply_async", stand_in.apply_async)
    return stand_in


def overdue():
    """A moment when every row queued now is overdue for the drain."""
    seconds = django_settings.NOTIFICATION_REQUEUE_SECONDS + 1
    return time_machine.travel(timezone.now() + datetime.timedelta(seconds=seconds), tick=False)


# --- Every kind, once ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_kind_is_sent_once_however_often_its_task_runs(settings):
    every_kind_of_e_mail(settings, committed)
    rows = list(Notification.objects.all())
    assert_every_kind(rows)
    assert {row.status for row in rows} == {"sent"}
    sent_once_each(rows)

    for row in rows:  # the message redelivered, twice
        assert send_notification.apply((row.pk,)).get() == "skipped"
        assert send_notification.apply((row.pk,)).get() == "skipped"
    with overdue():  # and the drain, however late
        assert outbox.publish() == 0
    sent_once_each(rows)


@pytest.mark.django_db(transaction=True)
def test_every_kind_lost_by_the_broker_is_handed_again_and_sent_once(settings, broker):
    """With a broker, requests only write rows; the drain hands them over, marked queued. The
    broker restarts empty: once overdue, the drain hands them again; each is delivered twice
    (the lost message was not lost after all): one e-mail each."""
    every_kind_of_e_mail(settings)
    rows = list(Notification.objects.all())
    assert_every_kind(rows)
    while outbox.publish():  # the rows written by requests (jobs published their own)
        pass
    assert sorted(broker.messages) == sorted(row.pk for row in rows)
    assert set(Notification.objects.values_list("status", flat=True)) == {"queued"}
    assert mail.outbox == []

    broker.lose_everything()
    assert outbox.publish() == 0  # not overdue yet: its message may still be on its way
    with overdue():
        while outbox.publish():
            pass
        assert sorted(broker.messages) == sorted(row.pk for row in rows)
        assert broker.deliver(times=2).count("sent") == len(rows)
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    sent_once_each(rows)


@pytest.mark.django_db(transaction=True)
def test_two_workers_running_the_same_row_at_once_send_it_once(settings, monkeypatch):
    if not settings.IS_POSTGRES:
        pytest.skip("needs PostgreSQL row locks (SQLite serialises writers): CI runs it")
    registration = RegistrationFactory(email="c@example.org")
    row = Notification.objects.create(
        kind="registration_confirmed",
        key=f"registration:{registration.pk}",
        email=registration.email,
        payload={"registration": registration.pk},
        status="queued",
        queued_at=timezone.now(),
    )  # as the drain leaves it; the broker delivers it twice at once
    original = EmailBackend.send_messages

    def slow(self, messages):  # the first worker is still talking to SMTP, lock held
        time.sleep(0.5)
        return original(self, messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", slow)
    barrier, outcomes = threading.Barrier(2), []

    def worker():
        try:
            barrier.wait()
            outcomes.append(send_notification.apply((row.pk,)).get())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["sent", "skipped"]
    assert [m.to for m in mail.outbox] == [["c@example.org"]]


# --- The broker down, SMTP down, the database gone --------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_broker_down_rows_wait_pending_then_go(broker):
    event = EventFactory()
    event_services.registration_request(event=event, name="Camille", email="c@example.org")
    broker.down = True
    assert outbox.publish() == 0
    assert Notification.objects.get().status == "pending"  # kept, not lost, not "queued"
    broker.down = False
    assert outbox.publish() == 1
    assert broker.deliver() == ["sent"]
    assert len(mail.outbox) == 1


def refuse_once(monkeypatch):
    original = EmailBackend.send_messages
    calls = []

    def refuse_then_send(self, messages):
        calls.append(messages)
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("down")
        return original(self, messages)

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse_then_send
    )


@pytest.mark.django_db
def test_smtp_failure_then_success_sends_once_without_broker(monkeypatch):
    refuse_once(monkeypatch)
    with committed():  # the request, then its on-commit sending: SMTP refuses
        event_services.registration_request(
            event=EventFactory(), name="Camille", email="c@example.org"
        )
    row = Notification.objects.get()
    assert (row.status, row.attempts, mail.outbox) == ("pending", 1, [])
    assert "SMTPServerDisconnected" in row.last_error
    assert outbox.publish() == 1  # the next drain tries again
    assert outbox.publish() == 0
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_smtp_failure_then_success_sends_once_through_the_broker(broker, monkeypatch, settings):
    refuse_once(monkeypatch)
    retries = []

    def retry(exc=None, countdown=None, **options):  # what Celery publishes for later
        retries.append(countdown)
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(send_notification, "retry", retry)
    event_services.registration_request(event=EventFactory(), name="C", email="c@example.org")
    outbox.publish()
    assert broker.deliver() == ["retry"]
    row = Notification.objects.get()
    assert retries == [settings.NOTIFICATION_RETRY_BASE_SECONDS]
    assert (row.status, row.attempts, mail.outbox) == ("queued", 1, [])
    # The retry is due later: the drain must not take the row for lost before then.
    assert row.queued_at > timezone.now() + datetime.timedelta(seconds=20)
    assert outbox.publish() == 0
    assert send_notification.apply((row.pk,)).get() == "sent"  # the retry
    assert send_notification.apply((row.pk,)).get() == "skipped"  # and a duplicate of it
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_database_error_in_the_task_is_retried_not_dropped(broker, monkeypatch, settings):
    """A database restart under a worker: the task is retried with backoff (before, it failed
    and its message was acknowledged: the e-mail was never sent)."""
    retries = []

    def retry(exc=None, countdown=None, **options):
        retries.append((type(exc), countdown))
        return Retry(exc=exc, when=countdown)

    monkeypatch.setattr(send_notification, "retry", retry)
    send = esante_tasks._send

    def database_restarting(task, pk):
        if not retries:
            raise OperationalError("terminating connection due to administrator command")
        return send(task, pk)

    monkeypatch.setattr(esante_tasks, "_send", database_restarting)
    event_services.registration_request(event=EventFactory(), name="C", email="c@example.org")
    outbox.publish()
    [pk] = broker.messages
    assert broker.deliver() == ["retry"]
    assert retries == [(OperationalError, settings.NOTIFICATION_RETRY_BASE_SECONDS)]
    assert Notification.objects.get().status == "queued" and mail.outbox == []
    assert send_notification.apply((pk,)).get() == "sent"  # the retry
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_e_mail_that_cannot_be_written_is_failed_at_once_with_the_reason():
    event = EventFactory()
    registration = event_services.registration_request(
        event=event, name="Camille", email="c@example.org"
    )  # not committed: nothing sent yet
    Registration.objects.filter(pk=registration.pk).delete()
    assert outbox.publish() == 0
    row = Notification.objects.get()
    assert (row.status, row.attempts) == ("failed", 1)
    assert "DoesNotExist" in row.last_error
    assert outbox.publish() == 0 and mail.outbox == []


# --- Transactional kinds ----------------------------------------------------------------------


@pytest.mark.django_db
def test_registration_and_decision_e_mails_are_transactional(client):
    Unsubscription.objects.create(email="c@example.org", kind="registration_confirm_address")
    with committed():
        event_services.registration_request(
            event=EventFactory(), name="Camille", email="c@example.org"
        )
    [message] = mail.outbox  # an unsubscription does not stop the answer to one's own request
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/desabonnement/" not in message.body
    assert registry.kinds["application_decision"].transactional
    token = unsubscribe_token("c@example.org", "registration_confirmed")
    assert client.get(reverse("unsubscribe", args=[token])).status_code == 400


# --- The admin --------------------------------------------------------------------------------


def refuse_every_e_mail(self, messages):
    raise smtplib.SMTPDataError(554, "refused")


@pytest.mark.django_db
def test_the_admin_lists_every_e_mail_filters_them_and_resends(dns_client, dns_staff, monkeypatch):
    event = EventFactory()
    with translation.override("en"), committed():  # a registration made in English
        event_services.registration_request(event=event, name="Alex", email="alex@example.org")
    with committed():
        event_services.registration_request(event=event, name="Cam", email="cam@example.org")
    applicant = UserFactory(language="en")  # a decision: written in the account's language
    with committed():
        concertation_services.applications_decide(
            actor=dns_staff,
            application_ids=[ApplicationFactory(user=applicant).pk],
            accept=False,
        )
    reader = UserFactory()
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse_every_e_mail
    )
    with committed():
        event_services.registration_request(event=event, user=reader)
    Notification.objects.filter(email=reader.email).update(status="failed")
    monkeypatch.undo()
    mail.outbox.clear()
    url = "/admin/esante/notification/"

    def count(**query):
        return dns_client.get(url, query).context["cl"].result_count

    page = dns_client.get(url)
    assert page.context["cl"].result_count == 4
    html = page.content.decode()
    for french in ("Courriels", "Renvoyer les courriels sélectionnés", "Envoyée", "En échec"):
        assert french in html
    assert "Les confirmations d&#x27;inscription à un événement" in html  # kinds, by their name
    assert count(kind="registration_confirm_address") == 2
    assert count(kind="application_decision") == 1
    assert count(status__exact="failed") == 1
    assert count(language="en") == 2  # the English registration, the English account
    assert count(language="fr") == 2
    assert count(q="alex@") == 1
    failed = Notification.objects.get(status="failed")
    detail = dns_client.get(f"{url}{failed.pk}/change/").content.decode()
    assert "SMTPDataError" in detail  # the reason of the last failure

    every = list(Notification.objects.values_list("pk", flat=True))
    Notification.objects.filter(email="cam@example.org").update(status="queued")
    with committed():
        response = dns_client.post(url, {"action": "resend", "_selected_action": every})
    assert response.status_code == 302
    # The failed one, and the sent ones once more; the queued one is on its way already.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        ["alex@example.org", applicant.email, reader.email]
    )
    assert set(
        Notification.objects.exclude(email="cam@example.org").values_list("status", flat=True)
    ) == {"sent"}


# --- Task references -------------------------------------------------------------------------

APP_CODE = ["esante", "events", "concertation", "roadmap"]
TASK_BY_NAME = re.compile(r"""send_task\(|["'](?:esante|events|concertation|roadmap)\.tasks\.""")


def test_no_task_is_named_by_a_string():
    """Tasks are referenced as objects (`send_notification.apply_async((pk,))`): a renamed or
    removed task then fails at import, not in a worker that drops the message."""
    offenders = [
        f"{relative}:{number}: {line.strip()}"
        for app in APP_CODE
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for relative in [path.relative_to(ROOT).as_posix()]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if TASK_BY_NAME.search(line)
    ]
    assert offenders == []


def test_the_beat_schedule_is_made_of_task_objects():
    from esante.celery import app
    from opendata.tasks import export_opendata

    app.finalize()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    expected = {
        esante_tasks.drain_outbox,
        esante_tasks.send_reminders,
        esante_tasks.send_digests,
        # Retention (issue 15).
        esante_tasks.retention_inactive_accounts,
        esante_tasks.retention_unverified_accounts,
        esante_tasks.retention_event_registrations,
        esante_tasks.retention_notifications,
        # The open data archive (issue 17).
        export_opendata,
    }
    assert scheduled == {task.name for task in expected}
    assert not hasattr(django_settings, "CELERY_BEAT_SCHEDULE")
