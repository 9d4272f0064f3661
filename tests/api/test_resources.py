"""Each resource of /api/v1/: its list, its detail, its filters, and what it says."""

import base64
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from tests.api.conftest import ids, results

API = "/api/v1"


def test_consultations_list_and_detail(client, world):
    rows = results(client, f"{API}/consultations/")
    assert [row["slug"] for row in rows] == ["doctrine"]
    row = rows[0]
    assert row["state"] == "open" and row["state_label"] == "Ouverte"
    assert row["url"] == "http://testserver/concertation/doctrine/"
    assert row["moderation_mode"] == "a_posteriori"
    assert row["opens_at"] == timezone.localtime(world.consultation.opens_at).isoformat()
    detail = client.get(f"{API}/consultations/{world.consultation.pk}/").json()
    assert detail == row


def test_consultation_state_filter(client, world):
    assert ids(client, f"{API}/consultations/", state="open") == {world.consultation.pk}
    assert ids(client, f"{API}/consultations/", state="closed") == set()
    assert ids(client, f"{API}/consultations/", state="upcoming") == set()


def test_chapters_carry_the_current_version_paragraphs(client, world):
    rows = results(client, f"{API}/chapitres/")
    assert [row["id"] for row in rows] == [world.chapter.pk]
    chapter = rows[0]
    assert chapter["version"]["number"] == 1
    assert [p["position"] for p in chapter["paragraphs"]] == [1, 2, 3]
    first = chapter["paragraphs"][0]
    assert first["text"].startswith("La sécurité des systèmes")
    assert first["text_html"].startswith("<p>La sécurité")
    assert chapter["url"].endswith(world.chapter.get_absolute_url())
    by_slug = ids(client, f"{API}/chapitres/", consultation="doctrine")
    by_id = ids(client, f"{API}/chapitres/", consultation=str(world.consultation.pk))
    assert by_slug == by_id == {world.chapter.pk}


def test_contributions_and_their_filters(client, world):
    public = {c.pk for c in world.public}
    assert ids(client, f"{API}/contributions/") == public
    assert ids(client, f"{API}/contributions/", consultation="doctrine") == public
    assert ids(client, f"{API}/contributions/", chapter=world.chapter.pk) == public
    assert ids(client, f"{API}/contributions/", region="28") == {
        world.public[0].pk,
        world.public[1].pk,
    }
    assert ids(client, f"{API}/contributions/", stakeholder_type="citizen") == public - {
        world.public[0].pk,
        world.public[1].pk,
    }
    assert ids(client, f"{API}/contributions/", kind="question") == set()
    today = timezone.localdate()
    assert ids(client, f"{API}/contributions/", created_after=today.isoformat()) == public
    assert ids(client, f"{API}/contributions/", created_before=today.isoformat()) == set()
    signed = world.public[0]
    signed.answer_state = "taken"
    signed.save(update_fields=["answer_state"])
    assert ids(client, f"{API}/contributions/", answer_state="taken") == {signed.pk}
    assert signed.pk not in ids(client, f"{API}/contributions/", answer_state="none")


def test_contribution_detail(client, world):
    signed, reply, orphan = world.public[0], world.public[3], world.public[4]
    row = client.get(f"{API}/contributions/{signed.pk}/").json()
    assert row["body"] == "Signée et consentie."
    assert row["body_html"] == "<p>Signée et consentie.</p>"
    assert row["kind"] == "comment" and row["kind_label"] == "Commentaire"
    assert row["version"] == 1 and row["paragraph"] is None and row["parent"] is None
    assert row["url"] == f"http://testserver{signed.get_absolute_url()}"
    assert client.get(f"{API}/contributions/{reply.pk}/").json()["parent"] == signed.pk
    # Its parent is hidden: not named.
    assert client.get(f"{API}/contributions/{orphan.pk}/").json()["parent"] is None


def test_official_answers_list_only_public_contributions(client, world):
    rows = results(client, f"{API}/reponses/")
    assert [row["id"] for row in rows] == [world.answer.pk]
    assert rows[0]["contributions"] == [world.public[0].pk]
    assert rows[0]["state"] == "taken" and rows[0]["state_label"] == "Pris en compte"
    assert client.get(f"{API}/reponses/{world.draft_answer.pk}/").status_code == 404
    assert ids(client, f"{API}/reponses/", state="partly") == set()


def test_events(client, world):
    published, cancelled = world.events["published"], world.events["cancelled"]
    assert ids(client, f"{API}/evenements/") == {published.pk, cancelled.pk}
    assert ids(client, f"{API}/evenements/", status="cancelled") == {cancelled.pk}
    assert ids(client, f"{API}/evenements/", region="28") == {published.pk}
    response = client.get(f"{API}/evenements/{published.pk}/")
    assert response.json()["region"] == "28"
    assert response.json()["status_label"] == "Publié"
    assert "Last-Modified" in response.headers
    assert client.get(f"{API}/evenements/{world.events['draft'].pk}/").status_code == 404


def test_regions(client, db):
    rows = results(client, f"{API}/regions/", page_size=100)
    assert len(rows) == 18
    assert [row["code"] for row in rows] == sorted(row["code"] for row in rows)
    normandie = client.get(f"{API}/regions/28/").json()
    assert normandie["name"] == "Normandie"
    assert normandie["url"] == "http://testserver/regions/normandie/"


def test_roadmap_actions_of_published_roadmaps(client, world):
    action = world.actions["published"]
    rows = results(client, f"{API}/actions/")
    assert [row["id"] for row in rows] == [action.pk]
    assert rows[0]["milestones"] == [
        {"title": "Jalon de test", "due_on": "2025-06-30", "is_done": False}
    ]
    assert ids(client, f"{API}/actions/", roadmap=action.roadmap.slug, status="planned") == {
        action.pk
    }
    assert client.get(f"{API}/actions/{world.actions['unpublished'].pk}/").status_code == 404


def test_cursor_pagination_walks_every_row_once(client, world):
    seen, url = [], f"{API}/contributions/?page_size=2"
    while url:
        page = client.get(url).json()
        assert "count" not in page
        seen += [row["id"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == sorted(c.pk for c in world.public)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/contributions/?created_after=hier", "created_after"),
        ("/contributions/?chapter=abc", "chapter"),
        ("/contributions/?chapter=99999999999999999999999", "chapter"),
        ("/contributions/?region=%00", "region"),
        ("/contributions/?consultation=a%00b", "consultation"),
        ("/contributions/?kind=poeme", "kind"),
        ("/consultations/?state=ferme", "state"),
        ("/evenements/?starts_after=2026-13-01", "starts_after"),
        ("/contributions/?cursor=pas-un-curseur", "cursor"),
    ],
)
def test_invalid_parameters_are_a_french_400(client, db, url, parameter):
    response = client.get(f"{API}{url}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("Paramètres invalides")
    assert parameter in body["errors"], body


def test_dates_at_the_ends_of_the_calendar(client, world):
    for day in ("0001-01-01", "9999-12-31"):
        assert client.get(f"{API}/contributions/?created_after={day}").status_code == 200
        assert client.get(f"{API}/contributions/?created_before={day}").status_code == 200


def test_unknown_ids_and_addresses_are_a_french_404(client, db):
    for url in (
        "/contributions/999999/",
        "/contributions/99999999999999999999999/",
        "/regions/99/",
        "/nulle-part/",
        "/contributions/abc/",
    ):
        response = client.get(f"{API}{url}")
        assert response.status_code == 404, url
        assert response.json()["detail"].startswith("Ressource introuvable"), url


@pytest.mark.parametrize(
    ("name", "position"),
    [
        ("contributions", "pas-une-date"),
        ("contributions", "0001-01-01T00:00:00+01:00"),
        ("consultations", "99999999999999999999999"),
        ("regions", "2\x008"),
    ],
)
def test_a_forged_cursor_is_a_400(client, world, name, position):
    forged = base64.b64encode(urlencode({"p": position}).encode()).decode()
    response = client.get(f"{API}/{name}/", {"cursor": forged})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_an_address_without_its_final_slash_is_redirected(client, db):
    response = client.get(f"{API}/regions?page_size=2")
    assert response.status_code == 301
    assert response.headers["Location"] == f"{API}/regions/?page_size=2"


def test_the_root_lists_the_resources(client, db):
    root = client.get(f"{API}/").json()
    assert set(root) == {
        "consultations",
        "chapitres",
        "contributions",
        "reponses",
        "evenements",
        "regions",
        "actions",
    }
