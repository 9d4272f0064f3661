"""The same pseudonymisation as the open data files (opendata.public): authors only as a
stakeholder type and a region, their name only when they consented and signed; never an e-mail
address; never a pending, hidden, rejected, withdrawn or personal-data-held contribution, nor
anything of an unpublished consultation, in a list or at its own address."""

import pytest

from concertation.models import Contribution
from esante.models import DELETED_USER_EMAIL, User
from tests.api.conftest import ids, results

API = "/api/v1"
LISTS = ["consultations", "chapitres", "contributions", "reponses", "evenements", "actions"]


@pytest.mark.parametrize(
    "reason",
    ["pending", "hidden", "rejected", "withdrawn", "personal_data", "unpublished_consultation"],
)
def test_private_contributions_never_show(client, world, reason):
    contribution = world.private[reason]
    assert contribution.pk not in ids(client, f"{API}/contributions/", page_size=100)
    assert client.get(f"{API}/contributions/{contribution.pk}/").status_code == 404
    for answer in results(client, f"{API}/reponses/"):
        assert contribution.pk not in answer["contributions"]


def test_unpublished_consultation_and_its_chapters_never_show(client, world):
    assert world.hidden_consultation.pk not in ids(client, f"{API}/consultations/")
    assert client.get(f"{API}/consultations/{world.hidden_consultation.pk}/").status_code == 404
    assert world.hidden_chapter.pk not in ids(client, f"{API}/chapitres/")
    assert client.get(f"{API}/chapitres/{world.hidden_chapter.pk}/").status_code == 404
    by_slug = client.get(f"{API}/contributions/", {"consultation": "brouillon"})
    assert by_slug.json()["results"] == []


def test_author_name_only_with_consent_and_signature(client, world):
    rows = {row["id"]: row["author"] for row in results(client, f"{API}/contributions/")}
    signed, anonymous, no_consent = world.public[:3]
    assert rows[signed.pk] == {
        "name": "Camille Durand",
        "stakeholder_type": "health_professional",
        "stakeholder_type_label": "Professionnel de santé",
        "region": "28",
    }
    assert rows[anonymous.pk]["name"] == ""  # signed without a name
    assert rows[anonymous.pk]["stakeholder_type"] == "health_professional"
    assert rows[no_consent.pk]["name"] == ""  # no consent
    assert rows[no_consent.pk]["stakeholder_type"] == "citizen"
    world.consenting.name_in_open_data = False
    world.consenting.save(update_fields=["name_in_open_data"])
    row = client.get(f"{API}/contributions/{signed.pk}/").json()
    assert row["author"]["name"] == ""


def test_a_deleted_account_is_nobody(client, world):
    placeholder = User.objects.create(
        email=DELETED_USER_EMAIL, display_name="Contributeur anonyme", stakeholder_type="other"
    )
    contribution = world.public[2]
    Contribution.objects.filter(pk=contribution.pk).update(author=placeholder)
    author = client.get(f"{API}/contributions/{contribution.pk}/").json()["author"]
    assert author == {
        "name": "",
        "stakeholder_type": "",
        "stakeholder_type_label": "",
        "region": "",
    }


def test_no_email_address_nor_private_field_anywhere(client, world):
    emails = set(User.objects.values_list("email", flat=True))
    secrets = {"Dominique Secret", "organisation", "declaration_of_interests", "moderation_note"}
    for name in LISTS:
        page = client.get(f"{API}/{name}/", {"page_size": 100})
        text = page.content.decode()
        assert "@" not in text, name
        assert not any(email in text for email in emails), name
        assert not any(secret in text for secret in secrets), name
        for row in page.json()["results"]:
            detail = client.get(f"{API}/{name}/{row['id']}/").content.decode()
            assert not any(email in detail for email in emails), (name, row["id"])
            assert "Dominique Secret" not in detail
    # Nothing but the public fields: the documented set, nothing more.
    row = results(client, f"{API}/contributions/")[0]
    assert set(row["author"]) == {"name", "stakeholder_type", "stakeholder_type_label", "region"}
    assert not {"flag_count", "moderation_reason", "held_reason", "status"} & set(row)
