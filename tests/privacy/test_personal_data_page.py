"""The personal-data page says the durations the retention jobs apply: both read RETENTION."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_the_page_lists_each_processing_with_its_retention(client, settings):
    page = client.get(reverse("footer-personal-data")).content.decode()
    for name in (
        "Comptes des participants",
        "Inscriptions aux événements",
        "Historique des courriels",
    ):
        assert name in page
    assert "2 ans sans connexion" in page
    assert "trois ans" not in page  # what the page promised before the jobs existed


@pytest.mark.django_db
def test_changing_a_retention_setting_changes_the_page(client, settings):
    settings.RETENTION = {**settings.RETENTION, "inactive_account": 3 * 365, "notification": 45}
    page = client.get(reverse("footer-personal-data")).content.decode()
    assert "3 ans sans connexion" in page
    assert "2 ans sans connexion" not in page
    assert "45 jours après l&#x27;envoi" in page
