"""« Mes données »: the archive holds all of its owner's data and nothing of anybody else's, and
only its owner, signed in, gets it (cf. Decidim GHSA-767h-63j4-5226, CVE-2025-65017)."""

import json

import pytest
from django.urls import reverse

from tests.concertation.factories import ChapterFactory
from tests.esante.factories import DnsStaffFactory, UserFactory

from .factories_data import rich_person

URL = "personal_data_download"


@pytest.fixture
def people(db):
    chapter = ChapterFactory()
    others = UserFactory.create_batch(2)
    staff = DnsStaffFactory(email="moderatrice@dns.example.org", display_name="Modératrice")
    alice = rich_person(chapter, tag="alice", others=others, staff=staff)
    bob = rich_person(chapter, tag="bob", others=others, staff=staff)
    return alice, bob


def download(client, user):
    client.force_login(user)
    response = client.post(reverse(URL))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    return response.content.decode()


def test_archive_holds_all_of_its_owner_data(client, people):
    alice, _ = people
    data = json.loads(download(client, alice.user))
    assert data["account"]["email"] == "alice@example.org"
    assert data["account"]["declaration_of_interests"] == "Liens alice"
    assert [a["email"] for a in data["email_addresses"]] == ["alice@example.org"]
    bodies = {c["body"] for c in data["contributions"]}
    assert bodies == {"Avis publié alice", "Avis en attente alice", "Précision alice"}
    published = next(c for c in data["contributions"] if c["id"] == alice.published.pk)
    assert len(published["reply_ids"]) == 3  # two others' replies and her own
    assert [r["value"] for r in data["reactions"]] == ["disagree"]
    assert [f["note"] for f in data["flags"]] == ["Note alice"]
    assert len(data["follows"]) == len(data["charter_acceptances"]) == 1
    # By account and by e-mail address (written in capitals), with the name given.
    assert {r["name"] for r in data["event_registrations"]} == {"Inscrit alice", "Visiteur alice"}
    assert [a["motivation"] for a in data["council_applications"]] == ["Motivation alice"]
    assert {n["kind"] for n in data["notifications"]} == {"digest", "registration_confirmed"}
    assert "payload" not in data["notifications"][0]
    assert [u["kind"] for u in data["unsubscriptions"]] == ["digest"]
    assert [(m["note"], m["decided_by"]) for m in data["moderation"]] == [
        ("Décision alice", "équipe DNS")
    ]


def test_archive_holds_nothing_of_anybody_else(client, people, ci_report):
    """Every string that identifies bob, or the staff member, is absent from alice's archive,
    and the other way round."""
    alice, bob = people
    for owner, other in ((alice, bob), (bob, alice)):
        text = download(client, owner.user).lower()
        ci_report(
            f"RGPD export: {owner.user.email.split('@')[0]}'s archive, {len(text)} characters, "
            f"checked for {other.user.email.split('@')[0]}'s and the staff's identifiers"
        )
        other_tag = other.user.email.split("@")[0]
        assert other_tag not in text
        assert "moderatrice" not in text and "modératrice" not in text
        ids = {str(other.user.pk)}
        data = json.loads(text)
        assert str(data["account"]["id"]) not in ids
        assert owner.user.email in text


def test_only_a_post_by_a_signed_in_owner_gets_it(client, people):
    alice, _ = people
    url = reverse(URL)
    # Anonymous: sent to sign in, nothing served.
    response = client.post(url)
    assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    # A GET (a link shared, a prefetch, a crawler) never serves it, signed in or not.
    client.force_login(alice.user)
    assert client.get(url).status_code == 405
    # Signed out again: the same request gets nothing any more.
    client.logout()
    assert client.post(url).status_code == 302


def test_the_download_needs_the_csrf_token(people):
    from django.test import Client

    alice, _ = people
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice.user)
    assert client.post(reverse(URL)).status_code == 403


def test_account_page_offers_the_download_and_the_deletion(client, user):
    client.force_login(user)
    page = client.get(reverse("account")).content.decode()
    assert reverse(URL) in page
    assert reverse("account_delete") in page
