"""allauth's account e-mails go the portal's one way: a Notification row, sent once, shown in the
admin. Their personal link (confirmation, password reset) never outlives the sending: erased from
the row once sent, never shown in the admin, never sent again from there."""

import re
import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from esante.models import Notification
from tests.esante.factories import UserFactory

PASSWORD = "b0n-Mot-de-passe"
ADMIN = "/admin/esante/notification/"


def refuse_every_e_mail(self, messages):
    raise smtplib.SMTPDataError(554, "refused")


def sign_up(client, email="dominique@example.org"):
    response = client.post(
        reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    return Notification.objects.get(email=email, kind="account")


def as_staff(client, staff):
    """The same browser, now the ministry's staff (signing up needs nobody logged in)."""
    client.logout()
    client.force_login(staff)
    return client


@pytest.mark.django_db
def test_the_sign_up_confirmation_is_a_row_sent_once_whose_link_is_then_erased(client):
    row = sign_up(client)
    [message] = mail.outbox
    assert row.status == "sent" and row.attempts == 1 and row.sent_at
    assert row.key.startswith("email_confirmation_signup:")
    assert row.user.email == "dominique@example.org"
    assert message.subject == row.payload["subject"]
    assert "Confirmez" in message.subject or "Confirm" in message.subject
    link = re.search(r"https?://\S+/comptes/confirm-email/\S+", message.body).group(0)
    assert message.alternatives and link in message.alternatives[0][0]
    # Sent: the row keeps its subject, not the text that holds the link.
    assert row.payload == {"subject": message.subject}


@pytest.mark.django_db
def test_an_account_e_mail_the_mail_server_refused_waits_with_its_text_and_can_be_resent(
    client, dns_staff, monkeypatch
):
    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", refuse_every_e_mail
    )
    row = sign_up(client)
    assert row.status == "pending" and "SMTPDataError" in row.last_error  # tried again later
    assert "/comptes/confirm-email/" in row.payload["text"]  # not lost
    Notification.objects.filter(pk=row.pk).update(status="failed")
    monkeypatch.undo()
    dns_client = as_staff(client, dns_staff)

    detail = dns_client.get(f"{ADMIN}{row.pk}/change/").content.decode()
    assert "confirm-email" not in detail, detail[detail.index("confirm-email") - 300 :][:600]
    assert "texte non affiché : il contient un lien personnel" in detail
    listing = dns_client.get(ADMIN, {"kind": "account"})
    assert listing.context["cl"].result_count == 1
    assert "Les courriels de votre compte" in listing.content.decode()

    response = dns_client.post(ADMIN, {"action": "resend", "_selected_action": [row.pk]})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["dominique@example.org"]
    assert "/comptes/confirm-email/" in message.body
    row.refresh_from_db()
    assert row.status == "sent" and "text" not in row.payload


@pytest.mark.django_db
def test_a_sent_account_e_mail_is_not_resent_and_the_admin_says_why(client, dns_staff):
    row = sign_up(client)
    dns_client = as_staff(client, dns_staff)
    other = UserFactory()
    mail.outbox.clear()
    response = dns_client.post(
        ADMIN, {"action": "resend", "_selected_action": [row.pk]}, follow=True
    )
    assert mail.outbox == []
    html = response.content.decode()
    assert "1 courriel de compte déjà envoyé ne peut pas être renvoyé" in html
    assert "La personne en demande un nouveau depuis le site." in html
    row.refresh_from_db()
    assert row.status == "sent"
    assert not Notification.objects.filter(email=other.email).exists()


@pytest.mark.django_db
def test_a_password_reset_is_recorded_written_in_the_language_of_the_request(client):
    user = UserFactory(email="camille@example.org", language="fr")
    response = client.post("/en/comptes/password/reset/", {"email": user.email})
    assert response.status_code == 302
    row = Notification.objects.get(kind="account", email=user.email)
    assert row.key.startswith("password_reset_key:")
    assert row.language == "en" and row.user == user
    [message] = mail.outbox
    assert "/en/comptes/password/reset/key/" in message.body
    assert "Password" in message.subject or "password" in message.subject
