"""Reminders and digests: due ones go out once, with an unsubscribe link and RFC 8058 headers;
nothing new means no e-mail; SMTP failures are retried, then marked failed."""

import datetime
import smtplib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from concertation import services
from concertation.models import Follow
from esante import outbox
from esante.models import Notification, Unsubscription
from esante.notifications import read_unsubscribe_token, run_jobs
from tests.concertation.factories import (
    ChapterFactory,
    ConsultationFactory,
    ContributionFactory,
    WorkingGroupFactory,
)
from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory, RegistrationFactory

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _run_on_commit(django_capture_on_commit_callbacks):
    """Jobs run outside requests: their outbox hand-off happens on commit, as in production."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        yield callbacks


def send(name, callbacks=None):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return run_jobs(name)


@pytest.fixture
def closing_soon(db):
    consultation = ConsultationFactory()
    # Closes at 23:59 (Paris) six calendar days from today, whatever the hour the test runs:
    # the 7-day reminder is due, and six days are left on the Paris calendar.
    last_day = timezone.localdate() + datetime.timedelta(days=6)
    consultation.closes_at = datetime.datetime.combine(
        last_day, datetime.time(23, 59), tzinfo=timezone.get_current_timezone()
    )
    consultation.save()
    return ChapterFactory(consultation=consultation)


def test_consultation_reminder_once_to_followers_and_contributors(closing_soon):
    follower, contributor, stranger = UserFactory(), UserFactory(), UserFactory()
    Follow.objects.create(user=follower, chapter=closing_soon)
    ContributionFactory(chapter=closing_soon, author=contributor)
    assert send("reminders") == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([follower.email, contributor.email])
    message = mail.outbox[0]
    assert "Plus que 6 jours pour contribuer" in message.subject
    assert "Chapitre" in message.body and "heure de Paris" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert stranger.email not in [m.to[0] for m in mail.outbox]

    mail.outbox.clear()
    assert send("reminders") == 0  # re-run: nothing twice
    assert mail.outbox == []


def test_only_the_nearest_reminder_is_sent_and_never_after_the_deadline(closing_soon):
    Follow.objects.create(user=UserFactory(), consultation=closing_soon.consultation)
    closes = closing_soon.consultation.closes_at
    with time_machine.travel(closes - datetime.timedelta(hours=20)):
        send("reminders")
    assert [n.key.rsplit(":", 1)[1] for n in Notification.objects.all()] == ["1d"]
    with time_machine.travel(closes + datetime.timedelta(hours=1)):
        Notification.objects.all().delete()
        assert send("reminders") == 0


def test_application_deadline_reminder(db):
    group = WorkingGroupFactory(applications_close_at=timezone.now() + datetime.timedelta(days=2))
    council_follower, group_follower, applied = UserFactory(), UserFactory(), UserFactory()
    Follow.objects.create(user=council_follower, council=True)
    Follow.objects.create(user=group_follower, working_group=group)
    Follow.objects.create(user=applied, council=True)
    services.application_create(user=applied, group=group, motivation="Oui")
    send("reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [council_follower.email, group_follower.email]
    )
    assert "Candidatures bientôt closes" in mail.outbox[0].subject


def test_event_reminder_the_day_before_with_ics_and_cancel_link(db):
    starts = timezone.now() + datetime.timedelta(hours=20)
    event = EventFactory(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    registration = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted")
    send("reminders")
    assert [m.to for m in mail.outbox] == [[registration.email]]
    message = mail.outbox[0]
    assert registration.get_cancel_url() in message.body
    assert any(a[2] == "text/calendar" for a in message.attachments)


def test_unsubscribe_one_click_per_kind(client, closing_soon):
    follower = UserFactory()
    Follow.objects.create(user=follower, chapter=closing_soon)
    send("reminders")
    url = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1]
    path = url[url.index("/") :]
    assert client.get(path).status_code == 200
    # RFC 8058: the mail client POSTs, without cookies or CSRF token.
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert Unsubscription.objects.filter(
        email=follower.email, kind="consultation_reminder"
    ).exists()
    email, kind = read_unsubscribe_token(path.rstrip("/").rsplit("/", 1)[1])
    assert (email, kind) == (follower.email, "consultation_reminder")
    assert client.get(reverse("unsubscribe", args=["falsifié"])).status_code == 400

    Notification.objects.all().delete()
    mail.outbox.clear()
    send("reminders")
    assert mail.outbox == []


def at_digest_time(day=datetime.date(2026, 11, 23), hour=8):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS))


def test_weekly_digest_lists_what_is_new_once(db):
    with at_digest_time(datetime.date(2026, 11, 16)):
        chapter = ChapterFactory()
        reader = UserFactory(digest_frequency="weekly")
        Follow.objects.create(user=reader, chapter=chapter)
        mine = ContributionFactory(chapter=chapter, author=reader, body="La mienne")
    with at_digest_time(datetime.date(2026, 11, 20)):
        ContributionFactory(chapter=chapter, body="Nouvelle")
        ContributionFactory(chapter=chapter, body="Réponse", parent=mine)
        services.reaction_set(user=UserFactory(), contribution=mine, value="agree")
    with at_digest_time(datetime.date(2026, 11, 23)):
        send("digests")
        digests = [m for m in mail.outbox if m.to == [reader.email]]
        assert len(digests) == 1
        body = digests[0].body
        assert chapter.title in body and "2 contributions" in body
        assert "1 réponse à vos contributions" in body and "1 réaction à vos contributions" in body
        mail.outbox.clear()
        send("digests")
        assert mail.outbox == []


def test_a_digest_lists_the_official_answers_of_its_period_once(db):
    """Published in the period, on what the reader follows or on their own contribution: in the
    « Réponses officielles » section, with its position and a link to it; older answers and
    drafts never. An answer alone is news enough for a digest, sent once."""
    dns = DnsStaffFactory()
    with at_digest_time(datetime.date(2026, 11, 10)):
        chapter, elsewhere, unrelated = ChapterFactory(), ChapterFactory(), ChapterFactory()
        follower = UserFactory(digest_frequency="weekly")
        Follow.objects.create(user=follower, chapter=chapter)
        author = UserFactory(digest_frequency="weekly")
        stranger = UserFactory(digest_frequency="weekly")
        Follow.objects.create(user=stranger, chapter=unrelated)
        answered = ContributionFactory(chapter=chapter)
        mine = ContributionFactory(chapter=elsewhere, author=author)
        old = services.answer_draft(
            actor=dns, contributions=[answered], state="taken", body="Une réponse ancienne."
        )
        services.answers_publish(actor=dns, answer_ids=[old.pk])
    with at_digest_time(datetime.date(2026, 11, 18)):
        answer = services.answer_draft(
            actor=dns,
            contributions=[answered],
            state="partly",
            body="Nous retenons **l'identité numérique**, pas le reste.",
        )
        to_mine = services.answer_draft(
            actor=dns, contributions=[mine], state="not_retained", body="Hors de la doctrine."
        )
        services.answers_publish(actor=dns, answer_ids=[answer.pk, to_mine.pk])
        services.answer_draft(
            actor=dns, contributions=[answered], state="taken", body="Un brouillon."
        )
    with at_digest_time(datetime.date(2026, 11, 23)):
        send("digests")
        digests = [m for m in mail.outbox if "nouveautés" in m.subject]
        [digest] = [m for m in digests if m.to == [follower.email]]
        html = digest.alternatives[0][0]
        for body in (digest.body, html):
            assert "Réponses officielles" in body and chapter.title in body
            assert "Partiellement pris en compte" in body
            assert "Nous retenons l'identité numérique, pas le reste." in body.replace(
                "&#x27;", "'"
            )
            assert f"#reponse-{answer.pk}-{answered.pk}" in body
            assert "Une réponse ancienne" not in body and "Un brouillon" not in body
            assert "Hors de la doctrine" not in body
        [digest] = [m for m in digests if m.to == [author.email]]
        assert "À votre contribution :" in digest.body and "Non retenu" in digest.body
        assert f"#reponse-{to_mine.pk}-{mine.pk}" in digest.body
        assert "Nous retenons" not in digest.body
        assert [m for m in digests if m.to == [stranger.email]] == []
        mail.outbox.clear()
        send("digests")
        assert mail.outbox == []


def test_a_digest_links_an_answer_on_a_paragraph_to_its_panel(db):
    dns = DnsStaffFactory()
    with at_digest_time(datetime.date(2026, 11, 22)):
        chapter = ChapterFactory()
        reader = UserFactory(digest_frequency="daily")
        Follow.objects.create(user=reader, consultation=chapter.consultation)
        paragraph = chapter.paragraphs.order_by("pk").first()
        answer = services.answer_draft(
            actor=dns, paragraph=paragraph, state="already_planned", body="Prévu en 2027."
        )
    with at_digest_time(datetime.date(2026, 11, 22)) as traveller:
        traveller.shift(datetime.timedelta(hours=2))
        services.answers_publish(actor=dns, answer_ids=[answer.pk])
    with at_digest_time(datetime.date(2026, 11, 23)):
        send("digests")
    [digest] = [m for m in mail.outbox if m.to == [reader.email]]
    assert f"?paragraphe={paragraph.anchor}#reponse-{answer.pk}" in digest.body
    assert "Déjà prévu" in digest.body and "Prévu en 2027." in digest.body


def test_nothing_new_means_no_digest_and_none_means_never(db):
    with at_digest_time(datetime.date(2026, 11, 16)):
        chapter = ChapterFactory()
        chapter.consultation.closes_at = timezone.now() + datetime.timedelta(days=30)
        chapter.consultation.save()
        quiet = UserFactory(digest_frequency="weekly")
        Follow.objects.create(user=quiet, chapter=chapter)
        never = UserFactory(digest_frequency="none")
        Follow.objects.create(user=never, chapter=chapter)
    with at_digest_time(datetime.date(2026, 11, 30)):
        ContributionFactory(chapter=chapter)
    with at_digest_time(datetime.date(2026, 11, 23)):
        send("digests")
    assert [m for m in mail.outbox if never.email in m.to] == []
    assert [m for m in mail.outbox if quiet.email in m.to] == []


def test_staff_digest(db):
    staff = DnsStaffFactory()
    with at_digest_time():
        chapter = ChapterFactory()
        ContributionFactory(chapter=chapter, status="pending")
        send("digests")
    messages = [m for m in mail.outbox if m.to == [staff.email]]
    assert len(messages) == 1 and "1 en attente" in messages[0].subject


def test_smtp_failures_are_retried_then_marked_failed(closing_soon, settings, monkeypatch):
    Follow.objects.create(user=UserFactory(), chapter=closing_soon)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    send("reminders")
    for _ in range(12):  # Without a broker, each drain is one more attempt.
        outbox.publish()
    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == ("failed", 9), notification.last_error
    assert "SMTPServerDisconnected" in notification.last_error

    monkeypatch.undo()
    notification.status, notification.queued_at = "pending", None
    notification.save()
    send("reminders")
    notification.refresh_from_db()
    assert notification.status == "sent" and len(mail.outbox) == 1


def test_admin_lists_notifications(dns_client, closing_soon):
    Follow.objects.create(user=UserFactory(), chapter=closing_soon)
    send("reminders")
    response = dns_client.get("/admin/esante/notification/", {"status__exact": "sent"})
    assert response.context["cl"].result_count == 1
