"""With a real Redis broker, a real Celery worker and an SMTP server, a reminder and a
digest arrive, with their unsubscribe headers."""

import datetime
import email
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from concertation.models import Follow
from esante import outbox
from esante.models import Notification
from esante.notifications import run_jobs
from tests.concertation.factories import ChapterFactory, ConsultationFactory, ContributionFactory
from tests.esante.factories import UserFactory
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)
PARIS = ZoneInfo("Europe/Paris")


def received(sink, address):
    return [
        email.message_from_bytes(envelope.content)
        for envelope in sink.messages
        if address in envelope.rcpt_tos
    ]


def test_reminder_and_digest_arrive_through_the_worker(worker, smtp_sink):
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(days=6, hours=12)
    consultation.save()
    chapter = ChapterFactory(consultation=consultation)
    reader = UserFactory(digest_frequency="daily")
    Follow.objects.create(user=reader, chapter=chapter)

    assert run_jobs("reminders") == 1
    while outbox.publish():  # the drain, as beat runs it
        pass
    wait_for(lambda: received(smtp_sink, reader.email), what="the reminder e-mail")
    reminder = received(smtp_sink, reader.email)[0]
    assert "pour contribuer" in str(
        email.header.make_header(email.header.decode_header(reminder["Subject"]))
    )
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "".join(reminder["List-Unsubscribe"].split()).startswith("<http")
    assert reminder.is_multipart()

    ContributionFactory(chapter=chapter, body="Une nouveauté")
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow.replace(hour=8), tick=True):
        assert run_jobs("digests") >= 1
    while outbox.publish():
        pass
    wait_for(lambda: len(received(smtp_sink, reader.email)) == 2, what="the digest e-mail")
    assert Notification.objects.filter(email=reader.email, status="sent").count() == 2
