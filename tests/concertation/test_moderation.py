"""Moderation by the DNS team in the admin: queue, bulk decisions with reasons, audit log."""

import pytest

from concertation.models import Contribution, ContributorBlock, ModerationLog
from tests.concertation.builders import contribute, make_chapter, paragraph
from tests.esante.factories import UserFactory

QUEUE = "/admin/concertation/contribution/"


@pytest.fixture
def chapter(db):
    return make_chapter()


@pytest.fixture
def contributions(chapter):
    author = UserFactory(stakeholder_type="industry")
    return {
        "published": contribute(chapter, UserFactory(), body="Publiée"),
        "pending": contribute(chapter, author, body="En attente", status="pending"),
        "flagged": contribute(chapter, UserFactory(), body="Signalée", flag_count=2),
    }


def test_queue_lists_pending_then_flagged_first(dns_client, contributions):
    response = dns_client.get(QUEUE)
    assert response.status_code == 200
    bodies = [c.body for c in response.context["cl"].result_list]
    assert bodies[:2] == ["En attente", "Signalée"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "pending"}, {"En attente"}),
        ({"signalee": "oui"}, {"Signalée"}),
        ({"author__stakeholder_type__exact": "industry"}, {"En attente"}),
    ],
)
def test_queue_filters(dns_client, contributions, query, expected):
    response = dns_client.get(QUEUE, query)
    assert {c.body for c in response.context["cl"].result_list} == expected


def test_bulk_hide_with_a_reason_is_applied_and_logged(
    client, dns_client, dns_staff, contributions
):
    target = contributions["published"]
    response = dns_client.post(
        QUEUE,
        {"action": "hide", "_selected_action": [target.pk], "reason": "abuse", "note": "Insulte"},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.status, target.moderation_reason) == ("hidden", "abuse")
    log = ModerationLog.objects.get(contribution=target)
    assert log.actor == dns_staff and log.action == "hide"
    assert log.before["status"] == "published" and log.after["status"] == "hidden"
    assert (log.reason, log.note) == ("abuse", "Insulte")

    html = client.get(target.chapter.get_absolute_url()).content.decode()
    assert "Contribution masquée par la modération" in html
    assert "Propos injurieux, diffamatoires ou haineux" in html
    assert "Publiée</p>" not in html


def test_hiding_without_a_reason_is_refused(dns_client, contributions):
    target = contributions["published"]
    response = dns_client.post(
        QUEUE, {"action": "reject", "_selected_action": [target.pk]}, follow=True
    )
    assert "Choisissez le motif" in response.content.decode()
    target.refresh_from_db()
    assert target.status == "published"
    assert not ModerationLog.objects.exists()


def test_bulk_publish_the_pending_ones(dns_client, contributions):
    pending = contributions["pending"]
    dns_client.post(QUEUE, {"action": "publish", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert pending.status == "published"


def test_change_page_shows_the_paragraph_context_and_moderates(dns_client, chapter):
    on_paragraph = contribute(chapter, UserFactory(), paragraph=paragraph(chapter, 2))
    url = f"{QUEUE}{on_paragraph.pk}/change/"
    html = dns_client.get(url).content.decode()
    assert "Les établissements déclarent leurs incidents de sécurité." in html
    management = {
        f"{prefix}-{key}": 0
        for prefix in ("flags", "moderation_logs")
        for key in ("TOTAL_FORMS", "INITIAL_FORMS")
    }
    response = dns_client.post(
        url,
        {
            "status": "rejected",
            "moderation_reason": "off_topic",
            "moderation_note": "",
            **management,
        },
    )
    assert response.status_code == 302
    on_paragraph.refresh_from_db()
    assert on_paragraph.status == "rejected"
    assert ModerationLog.objects.get(contribution=on_paragraph).action == "reject"


def test_moderation_log_cannot_be_edited(dns_client, contributions):
    dns_client.post(
        QUEUE,
        {"action": "hide", "_selected_action": [contributions["published"].pk], "reason": "spam"},
    )
    # "spam" is not a moderation reason: refused; use a real one.
    dns_client.post(
        QUEUE,
        {"action": "hide", "_selected_action": [contributions["published"].pk], "reason": "other",
         "note": "Hors charte"},
    )  # fmt: skip
    log = ModerationLog.objects.get()
    assert dns_client.get(f"/admin/concertation/moderationlog/{log.pk}/change/").status_code == 200
    response = dns_client.post(
        f"/admin/concertation/moderationlog/{log.pk}/change/", {"note": "réécrit"}
    )
    assert response.status_code == 403
    assert dns_client.get("/admin/concertation/moderationlog/add/").status_code == 403
    assert (
        dns_client.post(
            f"/admin/concertation/moderationlog/{log.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    log.note = "réécrit"
    with pytest.raises(ValueError, match="cannot be modified"):
        log.save()
    log.refresh_from_db()
    assert log.note == "Hors charte"


def test_ars_team_cannot_moderate(ars_client, contributions):
    assert ars_client.get(QUEUE).status_code == 403
    target = contributions["published"]
    ars_client.post(QUEUE, {"action": "hide", "_selected_action": [target.pk], "reason": "abuse"})
    target.refresh_from_db()
    assert target.status == "published"


def test_block_a_user_from_the_admin(dns_client, dns_staff, db):
    troll = UserFactory()
    response = dns_client.post(
        "/admin/concertation/contributorblock/add/",
        {"user": troll.pk, "reason": "Insultes répétées", "until_0": "", "until_1": ""},
    )
    assert response.status_code == 302
    block = ContributorBlock.objects.get(user=troll)
    assert block.created_by == dns_staff
    assert ModerationLog.objects.get(target_user=troll).action == "block"
    assert Contribution.objects.count() == 0
