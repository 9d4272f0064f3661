"""A database away (restarted, failed over) during a request: a French page asking to try
again (HTTP 503, Retry-After), nothing written (issue 15, « No data lost »). The same with a
real PostgreSQL cut under a burst: tests/integration/test_database_restart_web.py."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from concertation import services
from concertation.models import Contribution
from tests.concertation.factories import ChapterFactory
from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_post_the_database_refuses_gets_a_french_503_and_writes_nothing(monkeypatch):
    chapter = ChapterFactory()
    user = UserFactory()
    services.charter_accept(user=user, consultation=chapter.consultation)
    client = Client(raise_request_exception=False)
    client.force_login(user)

    def database_away(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "contribution_create", database_away)
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    response = client.post(url, {"kind": "comment", "body": "Mon avis"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Service momentanément indisponible" in page
    assert "elle n'a pas été prise en compte" in page
    assert "Réessayez dans une minute" in page
    assert 'lang="fr"' in page
    assert "Content-Security-Policy" in response.headers  # the site's headers still apply
    assert not Contribution.objects.exists()


def test_any_other_error_keeps_the_500_page(monkeypatch):
    chapter = ChapterFactory()
    user = UserFactory()
    services.charter_accept(user=user, consultation=chapter.consultation)
    client = Client(raise_request_exception=False)
    client.force_login(user)

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "contribution_create", broken)
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    response = client.post(url, {"kind": "comment", "body": "Mon avis"})

    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()
    assert "Retry-After" not in response
