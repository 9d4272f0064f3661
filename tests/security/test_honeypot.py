"""The honeypot of the public forms (esante.formguards): hidden from people and assistive
technology, and a filled one drops the submission with a neutral answer."""

import re

from django.core import mail
from django.urls import reverse

from concertation.council.models import Application
from concertation.models import Contribution
from events.models import Registration
from tests.concertation.factories import ChapterFactory, WorkingGroupFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory


def honeypot_html(page: str) -> str:
    match = re.search(r'<div class="esante-hp"[^>]*>.*?</div>', page, re.S)
    assert match, "no honeypot on the page"
    return match.group(0)


def test_the_field_is_hidden_from_people_and_assistive_technology(client, db):
    page = client.get(EventFactory().get_absolute_url()).content.decode()
    block = honeypot_html(page)
    assert 'aria-hidden="true"' in block and " inert" in block
    assert 'tabindex="-1"' in block and 'autocomplete="off"' in block
    assert "Ne remplissez pas ce champ" in block
    assert 'name="site_web"' in block


def test_a_filled_honeypot_drops_a_visitor_registration(client, db):
    event = EventFactory()
    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"name": "Robot", "email": "robot@example.org", "site_web": "http://spam.tld"},
    )
    assert response.status_code == 302
    assert not Registration.objects.exists() and not mail.outbox
    # An empty honeypot, as a person leaves it, registers.
    client.post(
        reverse("events:register", args=[event.slug]),
        {"name": "Camille", "email": "camille@example.org", "site_web": ""},
    )
    assert Registration.objects.count() == 1


def test_a_filled_honeypot_drops_a_contribution_and_an_application(client, db):
    chapter = ChapterFactory()
    client.force_login(UserFactory())
    page = client.get(chapter.get_absolute_url()).content.decode()
    assert 'name="site_web"' in page
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    data = {"kind": "comment", "body": "Texte.", "accept_charter": "on"}
    assert client.post(url, {**data, "site_web": "x"}).status_code == 302
    assert not Contribution.objects.exists()
    client.post(url, data)
    assert Contribution.objects.count() == 1
    group = WorkingGroupFactory()
    response = client.post(
        reverse("concertation:group_apply", args=[group.slug]),
        {"stakeholder_type": "association", "motivation": "Terrain.", "site_web": "x"},
    )
    assert response.status_code == 302 and not Application.objects.exists()
