"""Finding 5 of issue 15: the visitor registration was a mail relay. One mailbox, one
registration whatever its spelling; the name typed is never a link in a mail from our address."""

import pytest
from django.core import mail
from django.urls import reverse

from esante.emailnorm import normalise_email
from events.models import Registration
from tests.events.factories import EventFactory

VARIANTS = [
    "victime@example.org",
    "Victime@example.org",
    "victime@EXAMPLE.ORG",
    "victime@Example.Org",
    " victime@example.org ",
    "victime@example.org\u200b",
    "victime@exa\u200bmple.org",
    "victime@exam\u200cple.org",
    "victime@examp\u200dle.org",
    "victime@ex\u2060ample.org",
    "victime@\ufeffexample.org",
    "victime@exa\u00admple.org",
    "victime@example.org.",
    "victime@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org",  # full-width
    "victime@example\uff0eorg",
    "VICTIME@EXAMPLE.ORG",
    "victime@example.\u200borg",
    "victime@EXA\u200bMPLE.org",
]


def register(client, event, name, email, ip="198.51.100.1"):
    url = reverse("events:register", args=[event.slug])
    return client.post(url, {"name": name, "email": email}, REMOTE_ADDR=ip)


def test_eighteen_variants_of_one_address_get_one_confirmation(client, db, settings):
    settings.REGISTRATION_RATE_PER_EMAIL = "100/h"
    settings.REGISTRATION_RATE_PER_IP = "100/h"
    assert len(VARIANTS) == 18
    event = EventFactory(capacity=None)
    for n, email in enumerate(VARIANTS):
        register(client, event, "Camille Martin", email, ip=f"198.51.100.{n + 1}")
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["victime@example.org"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_normalises_to_the_same_mailbox(variant):
    assert normalise_email(variant).lower() == "victime@example.org"


def test_an_internationalised_domain_is_one_domain():
    assert normalise_email("a@PRÖBE.fr") == normalise_email("a@xn--prbe-6qa.fr")


@pytest.mark.parametrize(
    "name",
    [
        "[clic](https://evil.tld/login)",
        "https://evil.tld",
        "Jean evil.tld/x",
        "www.evil.tld",
        "<a href=x>Jean</a>",
        "Jean jean@evil.tld",
        "**Urgent** Jean",
    ],
)
def test_a_name_that_reads_like_a_link_is_refused(client, db, name):
    event = EventFactory(capacity=None)
    response = register(client, event, name, "camille@example.org")
    assert response.status_code == 400
    assert "sans adresse web" in response.content.decode()
    assert not Registration.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    "name", ["Jean\r\nBcc: x@evil.tld", "Jean\x00", "Jean\u202eEvil", "Je\x85an"]
)
def test_control_characters_in_a_name_are_refused(client, db, name):
    event = EventFactory(capacity=None)
    response = register(client, event, name, "camille@example.org")
    assert response.status_code == 400
    assert not Registration.objects.exists() and not mail.outbox


def test_the_confirmation_request_does_not_greet_the_typed_name(client, db):
    event = EventFactory(capacity=None)
    assert register(client, event, "Camille Martin", "camille@example.org").status_code == 302
    (message,) = mail.outbox
    assert "Camille Martin" not in message.body
    assert "Camille Martin" not in message.alternatives[0][0]
    assert message.body.startswith("Bonjour,")


def test_an_old_row_with_a_link_as_name_is_not_greeted(db, django_capture_on_commit_callbacks):
    """Rows written before names were checked: the confirmed e-mail leaves the name out."""
    from events import services

    event = EventFactory(capacity=None)
    registration = Registration.objects.create(
        event=event, name="[clic](https://evil.tld)", email="c@example.org", status="pending"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(token=registration.token)
    (message,) = mail.outbox
    assert "evil.tld" not in message.body
