"""E-mails are written in the recipient's language: the one an account chose (by default the
interface it signed up in), or the interface a visitor registered to an event in. The content
they quote (titles, contributions) stays French; French is the default."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from concertation import services
from esante.models import Unsubscription, User
from esante.notifications import run_jobs
from events.models import Registration
from tests.concertation.factories import ChapterFactory, ConsultationFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-solide-2026"


def test_signing_up_in_english_keeps_english_for_the_e_mails(client):
    response = client.post(
        "/en/comptes/signup/",
        {"email": "alex@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert User.objects.get(email="alex@example.org").language == "en"
    [confirmation] = mail.outbox  # allauth's, sent during the request
    assert "/en/comptes/" in confirmation.body

    client.post(
        "/comptes/signup/",
        {"email": "camille@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert User.objects.get(email="camille@example.org").language == "fr"


def test_the_account_page_changes_the_language_of_the_e_mails(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get("/mon-compte/").text
    assert "Langue des courriels" in page
    assert '<option value="en" lang="en">English</option>' in page
    data = {"display_name": user.display_name, "stakeholder_type": "citizen"}
    data |= {"digest_frequency": "weekly", "language": "en"}
    assert client.post("/mon-compte/", data).status_code == 302
    user.refresh_from_db()
    assert user.language == "en"

    refused = client.post("/mon-compte/", data | {"language": "de"})
    assert refused.status_code == 200
    assert "Sélectionnez un choix valide" in refused.text
    user.refresh_from_db()
    assert user.language == "en"


def test_notifications_follow_the_account_language(client, django_capture_on_commit_callbacks):
    consultation = ConsultationFactory()
    consultation.closes_at = timezone.now() + datetime.timedelta(days=6, hours=12)
    consultation.save()
    chapter = ChapterFactory(consultation=consultation)
    english = UserFactory(language="en")
    french = UserFactory()
    for user in (english, french):
        services.follow_toggle(user=user, consultation=consultation)
    with TestCase.captureOnCommitCallbacks(execute=True):
        run_jobs("reminders")
    by_address = {message.to[0]: message for message in mail.outbox}
    in_english, in_french = by_address[english.email], by_address[french.email]
    assert "Hello," in in_english.body and "Bonjour," in in_french.body
    assert in_english.subject != in_french.subject
    # Links lead to the pages in the reader's language; the title quoted stays French.
    assert f"/en{chapter.consultation.get_absolute_url()}" in in_english.body
    assert consultation.title in in_english.body
    assert "/en/" not in in_french.body
    # So does the unsubscribe page (one-click POST too, RFC 8058).
    english_link = in_english.extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1]
    english_path = "/" + english_link.split("/", 1)[1]
    assert english_path.startswith("/en/desabonnement/")
    assert '<html lang="en"' in client.get(english_path).text
    french_link = in_french.extra_headers["List-Unsubscribe"].strip("<>").split("://", 1)[1]
    assert ("/" + french_link.split("/", 1)[1]).startswith("/desabonnement/")
    assert client.post(english_path).status_code == 200
    assert Unsubscription.objects.filter(email=english.email).exists()


def test_an_event_registration_is_answered_in_the_language_it_was_made_in(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    with translation.override("en"):
        english_url = reverse("events:register", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english_url, {"name": "Alex Visitor", "email": "alex@example.org"})
    assert response.status_code == 302 and response["Location"].startswith("/en/")
    assert Registration.objects.get(email="alex@example.org").language == "en"
    [message] = mail.outbox
    assert message.subject.endswith(f"Confirm your registration: {event.title}")
    assert "/en/evenements/inscription/" in message.body
    # The request's language is back once the (eager) task has run: the page stays English.
    assert '<html lang="en"' in client.get(response["Location"]).text

    mail.outbox.clear()
    with translation.override("fr"):  # the English request left English active in this thread
        french_url = reverse("events:register", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            french_url,
            {"name": "Camille Visiteuse", "email": "camille@example.org"},
        )
    [message] = mail.outbox
    assert "Confirmez votre inscription" in message.subject
    assert "/en/" not in message.body


def test_a_working_group_decision_is_written_in_the_applicant_language(
    django_capture_on_commit_callbacks,
):
    from tests.concertation.factories import ApplicationFactory
    from tests.esante.factories import DnsStaffFactory

    english = ApplicationFactory(group__name="Formation", user__language="en")
    with django_capture_on_commit_callbacks(execute=True):
        services.applications_decide(
            actor=DnsStaffFactory(), application_ids=[english.pk], accept=True
        )
    [message] = mail.outbox
    assert message.subject.endswith("Your application to the “Formation” group: accepted")
    assert "/en/conseil/" in message.body
