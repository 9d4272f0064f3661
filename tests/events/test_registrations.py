"""A visitor registers until the event is full, the next one waits, and is promoted when
someone cancels; each gets the right e-mail (a notification row, sent through Celery, eager
here)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from esante.models import Notification
from events.models import Registration
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory


def register(client, event, name, email):
    return client.post(
        reverse("events:register", args=[event.slug]), {"name": name, "email": email}
    )


def link(message, kind):
    return re.search(
        rf"https?://[^/\s]+(/evenements/inscription/[^/\s]+/{kind}/)", message.body
    ).group(1)


def confirm(client, email_message):
    url = link(email_message, "confirmer")
    assert client.get(url).status_code == 200
    return client.post(url)


@pytest.fixture
def event(db):
    return EventFactory(capacity=2)


def test_visitors_fill_the_event_then_wait_then_get_promoted(client, event):
    for n, email in enumerate(["a@example.org", "b@example.org", "c@example.org"]):
        assert register(client, event, f"Visiteur {n}", email).status_code == 302
    assert [m.subject for m in mail.outbox] == [
        f"[Concertation e-santé] Confirmez votre inscription : {event.title}"
    ] * 3
    assert set(Registration.objects.values_list("status", flat=True)) == {"pending"}

    for message in list(mail.outbox):
        confirm(client, message)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "a@example.org": "confirmed",
        "b@example.org": "confirmed",
        "c@example.org": "waitlisted",
    }
    subjects = [m.subject for m in mail.outbox[3:]]
    assert "Inscription confirmée" in subjects[0] and "liste d'attente" in subjects[2]

    confirmed_mail = mail.outbox[3]
    assert confirmed_mail.to == ["a@example.org"]
    html = confirmed_mail.alternatives[0][0]
    assert "Annulez votre inscription" in html
    ics = next(a for a in confirmed_mail.attachments if a[2] == "text/calendar")
    assert Calendar.from_ical(ics[1]).walk("VEVENT")[0]["SUMMARY"] == event.title

    page = client.get(event.get_absolute_url()).content.decode()
    assert "Places restantes :</strong> 0 sur 2" in page and "(1 en liste d'attente)" in page

    mail.outbox.clear()
    cancel = link(confirmed_mail, "annuler")
    assert client.post(cancel).status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses["a@example.org"] == "cancelled" and statuses["c@example.org"] == "confirmed"
    subjects = {m.to[0]: m.subject.removeprefix("[Concertation e-santé] ") for m in mail.outbox}
    assert subjects == {
        "a@example.org": f"Inscription annulée : {event.title}",
        "c@example.org": f"Une place s'est libérée, vous êtes inscrit : {event.title}",
    }
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_signed_in_user_registers_in_one_click(client, event):
    user = UserFactory()
    client.force_login(user)
    assert client.post(reverse("events:register", args=[event.slug])).status_code == 302
    registration = Registration.objects.get()
    assert (registration.user, registration.email, registration.status) == (
        user,
        user.email,
        "confirmed",
    )
    assert "Vous êtes inscrit." in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
            "Les inscriptions sont closes",
        ),
        ({"status": "cancelled"}, "Cet événement est annulé"),
        ({"days": -3}, "Cet événement est passé"),
        (
            {"registration_opens_at": timezone.now() + datetime.timedelta(days=2)},
            "pas encore ouvertes",
        ),
    ],
)
def test_registration_refused_when_not_open(client, db, fields, message):
    event = EventFactory(**fields)
    response = register(client, event, "Camille", "camille@example.org")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_draft_events_are_invisible(client, db):
    event = EventFactory(status="draft")
    assert client.get(event.get_absolute_url()).status_code == 404
    assert register(client, event, "Camille", "camille@example.org").status_code == 404


@pytest.mark.parametrize(
    ("name", "email", "message"),
    [
        ("Camille", "pas-une-adresse", "adresse électronique valide"),
        ("Camille\r\nBcc: victime@example.org", "camille@example.org", "sauts de ligne"),
        ("Camille", "camille@example.org\nBcc: victime@example.org", "sauts de ligne"),
        ("   ", "camille@example.org", "Ce champ est obligatoire"),
    ],
)
def test_malformed_input_and_header_injection_are_refused(client, event, name, email, message):
    response = register(client, event, name, email)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_the_same_address_twice_is_refused(client, event):
    register(client, event, "Camille", "camille@example.org")
    response = register(client, event, "Camille bis", "CAMILLE@example.org")
    assert response.status_code == 400
    assert "déjà inscrite" in response.content.decode()
    assert Registration.objects.count() == 1


def test_cancel_links_are_personal_and_idempotent(client, event):
    register(client, event, "Camille", "camille@example.org")
    confirm(client, mail.outbox[0])
    cancel = link(mail.outbox[1], "annuler")
    client.post(cancel)
    client.post(cancel)
    assert Registration.objects.get().status == "cancelled"
    assert client.get("/evenements/inscription/jeton-inconnu/annuler/").status_code == 404


def test_each_registration_e_mail_is_recorded_once_and_sent_once(client, event):
    """A second click on a link, a task run again: the registration e-mails are notification
    rows, one per registration and kind, each sent once."""
    from esante.tasks import send_notification

    register(client, event, "Camille", "camille@example.org")
    confirm(client, mail.outbox[0])
    confirm(client, mail.outbox[0])  # the link opened twice (a scanner, a double click)
    cancel = link(mail.outbox[1], "annuler")
    client.post(cancel)
    client.post(cancel)
    rows = Notification.objects.order_by("pk")
    assert list(rows.values_list("kind", "status")) == [
        ("registration_confirm_address", "sent"),
        ("registration_confirmed", "sent"),
        ("registration_cancelled", "sent"),
    ]
    for row in rows:
        assert send_notification.apply((row.pk,)).get() == "skipped"
    assert len(mail.outbox) == 3


def test_an_event_cancelled_again_after_being_published_again_says_so_again(db):
    from django.test import TestCase

    from events import services
    from tests.esante.factories import DnsStaffFactory

    event, staff = EventFactory(), DnsStaffFactory()
    Registration.objects.create(event=event, name="C", email="c@example.org", status="confirmed")
    with TestCase.captureOnCommitCallbacks(execute=True):
        for status in ("cancelled", "cancelled", "published", "cancelled"):
            services.event_set_status(user=staff, event=event, status=status)
    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"[Concertation e-santé] Événement annulé : {event.title}"] * 2


def test_event_and_feed_are_valid_icalendar(client, event):
    other = EventFactory(region_slug="bretagne")
    single = Calendar.from_ical(client.get(reverse("events:event_ics", args=[event.slug])).content)
    vevent = single.walk("VEVENT")[0]
    assert vevent["SUMMARY"] == event.title
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert str(vevent["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert single.walk("VTIMEZONE")[0]["TZID"] == "Europe/Paris"

    feed = client.get(reverse("events:calendar_feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    assert len(Calendar.from_ical(feed.content).walk("VEVENT")) == 2
    regional = Calendar.from_ical(
        client.get(reverse("events:calendar_feed"), {"region": "bretagne"}).content
    )
    assert [e["SUMMARY"] for e in regional.walk("VEVENT")] == [other.title]
    assert client.get(reverse("events:calendar_feed"), {"region": "atlantide"}).status_code == 404
