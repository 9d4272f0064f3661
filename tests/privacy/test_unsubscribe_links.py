"""Unsubscribe links (issue 15, finding 9): opaque, time-limited; the links already in
mailboxes keep working until they are as old as a new link may be."""

import base64
import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from esante import privacy
from esante.models import Unsubscription
from esante.notifications import UNSUBSCRIBE_SALT, read_unsubscribe_token, unsubscribe_token

EMAIL = "Camille.Secret@example.org"
KIND = "digest"


def _decoded(token: str) -> str:
    payload = token.split(":")[0]
    return base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode("latin-1")


@pytest.mark.django_db
def test_the_token_does_not_show_the_address():
    token = unsubscribe_token(EMAIL, KIND)
    assert "camille" not in _decoded(token).lower()
    assert "camille" not in token.lower()
    assert read_unsubscribe_token(token) == (EMAIL.lower(), KIND)
    # One key per address, whatever its case: the same address gets working links each time.
    assert read_unsubscribe_token(unsubscribe_token(EMAIL.upper(), KIND))[0] == EMAIL.lower()


@pytest.mark.django_db
def test_a_link_expires_and_says_so(client, settings):
    token = unsubscribe_token(EMAIL, KIND)
    url = reverse("unsubscribe", args=[token])
    max_age = datetime.timedelta(seconds=settings.UNSUBSCRIBE_LINK_MAX_AGE)
    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + max_age - datetime.timedelta(days=1)
    ):
        assert client.get(url).status_code == 200
    with time_machine.travel(
        datetime.datetime.now(datetime.UTC) + max_age + datetime.timedelta(days=1)
    ):
        response = client.post(url)
        assert response.status_code == 410
        page = response.content.decode()
        assert "a expiré" in page and reverse("account") in page
    assert not Unsubscription.objects.exists()


@pytest.mark.django_db
def test_one_click_post_still_unsubscribes(client):
    response = client.post(reverse("unsubscribe", args=[unsubscribe_token(EMAIL, KIND)]))
    assert response.status_code == 200
    assert Unsubscription.objects.filter(email=EMAIL.lower(), kind=KIND).exists()


@pytest.mark.django_db
def test_old_links_work_for_the_grace_period_then_expire(client, settings):
    """A link made before this change (address inside) is read until it is as old as a new link
    may be: signing.dumps dated it."""
    legacy = signing.dumps({"e": EMAIL, "k": KIND}, salt=UNSUBSCRIBE_SALT, compress=True)
    url = reverse("unsubscribe", args=[legacy])
    max_age = datetime.timedelta(seconds=settings.UNSUBSCRIBE_LINK_MAX_AGE)
    now = datetime.datetime.now(datetime.UTC)
    with time_machine.travel(now + max_age - datetime.timedelta(days=1)):
        assert client.post(url).status_code == 200
    assert Unsubscription.objects.filter(kind=KIND).count() == 1
    with time_machine.travel(now + max_age + datetime.timedelta(days=1)):
        assert client.post(url).status_code == 410


@pytest.mark.django_db
def test_links_stop_working_once_the_person_is_deleted(client):
    from tests.esante.factories import UserFactory

    user = UserFactory(email=EMAIL.lower())
    token = unsubscribe_token(user.email, KIND)
    privacy.account_delete(user=user, keep_contributions=False)
    assert client.post(reverse("unsubscribe", args=[token])).status_code == 400
