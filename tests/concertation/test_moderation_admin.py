"""Moderation by the DNS team in the admin: the queue, filters, bulk decisions with a reason,
the public notice of a hidden contribution, the append-only log, blocking a contributor."""

import datetime

import pytest
from django.utils import timezone

from concertation.models import Contribution, ContributorBlock, Flag, ModerationLog
from tests.concertation.factories import (
    ChapterFactory,
    ContributionFactory,
    paragraph_at,
)
from tests.esante.factories import UserFactory

QUEUE = "/admin/concertation/contribution/"
LOG = "/admin/concertation/moderationlog/"


def ago(minutes):
    return timezone.now() - datetime.timedelta(minutes=minutes)


@pytest.fixture
def chapter(db):
    return ChapterFactory()


@pytest.fixture
def queue(chapter):
    """Oldest first: plain published, rejected, flagged, pending. The queue must put the pending
    one first, the flagged one second, whatever their age."""
    industry = UserFactory(stakeholder_type="industry")
    return {
        "published": ContributionFactory(chapter=chapter, body="Publiée", created_at=ago(50)),
        "rejected": ContributionFactory(
            chapter=chapter, body="Rejetée", status="rejected", created_at=ago(40)
        ),
        "flagged": ContributionFactory(
            chapter=chapter, body="Signalée", flag_count=1, created_at=ago(30)
        ),
        "pending": ContributionFactory(
            chapter=chapter, body="En attente", author=industry, status="pending",
            created_at=ago(20),
        ),
    }  # fmt: skip


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [c.body for c in response.context["cl"].result_list]


def hide(client, ids, **data):
    return client.post(QUEUE, {"action": "hide", "_selected_action": ids, **data})


def test_queue_shows_pending_then_flagged_first(dns_client, queue):
    assert listed(dns_client.get(QUEUE))[:2] == ["En attente", "Signalée"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "pending"}, {"En attente"}),
        ({"status__exact": "rejected"}, {"Rejetée"}),
        ({"signalee": "oui"}, {"Signalée"}),
        ({"signalee": "non"}, {"Publiée", "Rejetée", "En attente"}),
        ({"author__stakeholder_type__exact": "industry"}, {"En attente"}),
        ({"q": "attente"}, {"En attente"}),
    ],
)
def test_queue_filters(dns_client, queue, query, expected):
    assert set(listed(dns_client.get(QUEUE, query))) == expected


def test_queue_filters_by_consultation_and_chapter(dns_client, queue):
    elsewhere = ContributionFactory(body="Ailleurs")
    by_consultation = dns_client.get(QUEUE, {"consultation__id__exact": elsewhere.consultation_id})
    assert listed(by_consultation) == ["Ailleurs"]
    by_chapter = dns_client.get(QUEUE, {"chapter__id__exact": queue["pending"].chapter_id})
    assert "Ailleurs" not in listed(by_chapter) and len(listed(by_chapter)) == 4


@pytest.mark.parametrize(
    ("action", "status", "reason"),
    [("hide", "hidden", "abuse"), ("reject", "rejected", "off_topic")],
)
def test_bulk_hide_or_reject_with_a_reason_is_applied_and_logged(
    dns_client, dns_staff, queue, action, status, reason
):
    targets = [queue["published"], queue["flagged"]]
    Flag.objects.create(contribution=queue["flagged"], user=UserFactory(), reason="abuse")
    response = dns_client.post(
        QUEUE,
        {
            "action": action,
            "_selected_action": [c.pk for c in targets],
            "reason": reason,
            "note": "Voir la charte, point 1.",
        },
        follow=True,
    )
    done = {"hide": "masquées", "reject": "rejetées"}[action]
    assert f"2 contributions {done} (motif : " in response.content.decode()
    for target in targets:
        target.refresh_from_db()
        assert (target.status, target.moderation_reason, target.moderation_note) == (
            status,
            reason,
            "Voir la charte, point 1.",
        )
        assert target.moderated_at is not None
        log = ModerationLog.objects.get(contribution=target)
        assert (log.actor, log.action, log.target_user) == (dns_staff, action, target.author)
        assert log.before == {"status": "published", "moderation_reason": "",
                              "moderation_note": ""}  # fmt: skip
        assert log.after["status"] == status and log.after["moderation_reason"] == reason
        assert (log.reason, log.note) == (reason, "Voir la charte, point 1.")
    # The flags are resolved by the decision; the other contributions are untouched.
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    queue["pending"].refresh_from_db()
    assert queue["pending"].status == "pending"
    assert ModerationLog.objects.count() == 2


def test_bulk_publish_the_pending_ones(dns_client, dns_staff, queue):
    pending = queue["pending"]
    pending.held_reason = "personal_data"
    pending.save()
    dns_client.post(QUEUE, {"action": "publish", "_selected_action": [pending.pk]})
    pending.refresh_from_db()
    assert (pending.status, pending.held_reason, pending.moderation_reason) == ("published", "", "")
    log = ModerationLog.objects.get()
    assert (log.action, log.actor, log.before["status"], log.after["status"]) == (
        "publish",
        dns_staff,
        "pending",
        "published",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "hide"}, "Choisissez le motif de la décision dans la liste."),
        ({"action": "reject", "reason": ""}, "Choisissez le motif de la décision dans la liste."),
        ({"action": "hide", "reason": "other", "note": "  "}, "Précisez le motif « autre »"),
        # A forged reason fails the action form itself: Django answers "no action selected".
        ({"action": "hide", "reason": "not-a-reason"}, "Aucune action sélectionnée."),
    ],
)
def test_hiding_without_a_valid_reason_is_refused(dns_client, queue, data, message):
    target = queue["published"]
    response = dns_client.post(QUEUE, {**data, "_selected_action": [target.pk]}, follow=True)
    assert message in response.content.decode()
    target.refresh_from_db()
    assert target.status == "published"
    assert not ModerationLog.objects.exists()


def test_hidden_contribution_shows_publicly_with_the_reason(client, dns_client, queue):
    target = queue["published"]
    hide(dns_client, [target.pk], reason="advertising", note="Promotion d'un produit.")
    client.logout()
    html = client.get(target.chapter.get_absolute_url()).content.decode()
    notice = html.split(f'id="contribution-{target.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Contribution masquée par la modération" in notice
    assert "Motif : Publicité ou promotion commerciale" in notice
    assert "Promotion d&#x27;un produit." in notice
    assert "Publiée" not in notice and target.author.display_name not in notice


def test_change_page_shows_the_paragraph_context(dns_client, chapter):
    contribution = ContributionFactory(
        chapter=chapter, paragraph=paragraph_at(chapter, 2), body="Sur le paragraphe 2."
    )
    author = contribution.author
    author.declaration_of_interests = "Salarié d'un éditeur de logiciels."
    author.save()
    html = dns_client.get(f"{QUEUE}{contribution.pk}/change/").content.decode()
    assert "<blockquote><p>Les établissements déclarent leurs incidents de sécurité.</p>" in html
    assert f"(version {contribution.version.number})" in html
    assert "Salarié d&#x27;un éditeur de logiciels." in html
    assert author.email in html


def test_change_page_of_a_general_contribution_says_so(dns_client, chapter):
    contribution = ContributionFactory(chapter=chapter)
    html = dns_client.get(f"{QUEUE}{contribution.pk}/change/").content.decode()
    assert "Contribution sur l'ensemble du chapitre." in html


INLINE_MANAGEMENT = {
    f"{prefix}-{key}": 0
    for prefix in ("flags", "moderation_logs")
    for key in ("TOTAL_FORMS", "INITIAL_FORMS")
}


def test_change_page_decision_is_applied_and_logged(dns_client, dns_staff, chapter):
    contribution = ContributionFactory(chapter=chapter, paragraph=paragraph_at(chapter, 1))
    response = dns_client.post(
        f"{QUEUE}{contribution.pk}/change/",
        {"status": "hidden", "moderation_reason": "duplicate", "moderation_note": "Voir n° 3",
         **INLINE_MANAGEMENT},
    )  # fmt: skip
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.status, contribution.moderation_reason) == ("hidden", "duplicate")
    log = ModerationLog.objects.get()
    assert (log.actor, log.action, log.reason, log.note) == (
        dns_staff,
        "hide",
        "duplicate",
        "Voir n° 3",
    )


def test_change_page_refusal_is_not_also_announced_as_a_success(dns_client, chapter):
    """A refused decision must read as refused: the moderator is told the reason is missing,
    and is not told in the same breath that the contribution "was changed successfully"."""
    contribution = ContributionFactory(chapter=chapter)
    response = dns_client.post(
        f"{QUEUE}{contribution.pk}/change/",
        {"status": "hidden", "moderation_reason": "", "moderation_note": "", **INLINE_MANAGEMENT},
        follow=True,
    )
    contribution.refresh_from_db()
    assert contribution.status == "published"
    assert not ModerationLog.objects.exists()
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["moderation_reason"] == ["Choisissez le motif de la décision dans la liste."]
    messages = [str(m) for m in response.context["messages"]]
    assert not any("avec succès" in m for m in messages), messages


def test_moderation_log_is_visible_but_cannot_be_added_changed_or_deleted(
    dns_client, dns_staff, queue
):
    hide(dns_client, [queue["published"].pk], reason="abuse", note="Insulte")
    log = ModerationLog.objects.get()
    listing = dns_client.get(LOG)
    assert listing.status_code == 200 and "Masquage" in listing.content.decode()
    assert dns_client.get(f"{LOG}{log.pk}/change/").status_code == 200  # read-only view
    assert dns_client.get(f"{LOG}add/").status_code == 403
    assert dns_client.post(f"{LOG}add/", {"action": "hide"}).status_code == 403
    assert dns_client.post(f"{LOG}{log.pk}/change/", {"note": "Réécrit"}).status_code == 403
    assert dns_client.post(f"{LOG}{log.pk}/delete/", {"post": "yes"}).status_code == 403
    # No action at all on the log: a forged bulk deletion just shows the list again.
    bulk = dns_client.post(LOG, {"action": "delete_selected", "_selected_action": [log.pk],
                                 "post": "yes"})  # fmt: skip
    assert bulk.status_code == 200 and 'name="action"' not in bulk.content.decode()
    log.refresh_from_db()
    assert (log.note, ModerationLog.objects.count()) == ("Insulte", 1)


def test_moderation_log_rows_cannot_be_rewritten_or_deleted_in_code(dns_client, queue):
    hide(dns_client, [queue["published"].pk], reason="abuse", note="Insulte")
    log = ModerationLog.objects.get()
    log.note = "Réécrit"
    with pytest.raises(ValueError, match="cannot be modified"):
        log.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        log.delete()
    log.refresh_from_db()
    assert log.note == "Insulte"


def test_ars_team_cannot_moderate(ars_client, queue):
    assert ars_client.get(QUEUE).status_code == 403
    assert ars_client.get(f"{QUEUE}{queue['published'].pk}/change/").status_code == 403
    assert ars_client.get(LOG).status_code == 403
    hide(ars_client, [queue["published"].pk], reason="abuse")
    queue["published"].refresh_from_db()
    assert queue["published"].status == "published"
    assert not ModerationLog.objects.exists()


def test_contributor_cannot_reach_the_admin(client, queue):
    client.force_login(UserFactory())
    response = client.get(QUEUE)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_block_a_user_through_the_admin_add_form(client, dns_client, dns_staff, chapter):
    troll = UserFactory()
    until = timezone.localtime(timezone.now() + datetime.timedelta(days=7))
    response = dns_client.post(
        "/admin/concertation/contributorblock/add/",
        {
            "user": troll.pk,
            "reason": "Insultes répétées.",
            "until_0": until.strftime("%d/%m/%Y"),
            "until_1": until.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302
    block = ContributorBlock.objects.get(user=troll)
    assert (block.reason, block.created_by, block.lifted_at) == (
        "Insultes répétées.",
        dns_staff,
        None,
    )
    assert abs(block.until - until) < datetime.timedelta(seconds=1)
    log = ModerationLog.objects.get(target_user=troll)
    assert (log.action, log.actor, log.note) == ("block", dns_staff, "Insultes répétées.")

    client.force_login(troll)
    response = client.post(
        f"{chapter.get_absolute_url()}contribuer/",
        {"kind": "comment", "body": "Encore moi.", "accept_charter": "on"},
        follow=True,
    )
    assert "Motif : Insultes répétées." in response.content.decode()
    assert not Contribution.objects.exists()


def test_block_without_a_reason_is_refused(dns_client, db):
    troll = UserFactory()
    response = dns_client.post(
        "/admin/concertation/contributorblock/add/",
        {"user": troll.pk, "reason": "", "until_0": "", "until_1": ""},
    )
    assert response.status_code == 200  # the form again, with its error
    assert not ContributorBlock.objects.exists()


def test_lifting_a_block_is_logged_and_lets_the_user_contribute(dns_client, dns_staff, chapter):
    troll = UserFactory()
    dns_client.post(
        "/admin/concertation/contributorblock/add/",
        {"user": troll.pk, "reason": "Spam.", "until_0": "", "until_1": ""},
    )
    block = ContributorBlock.objects.get()
    dns_client.post(
        "/admin/concertation/contributorblock/",
        {"action": "lift", "_selected_action": [block.pk]},
    )
    block.refresh_from_db()
    assert block.lifted_at is not None
    assert list(
        ModerationLog.objects.filter(target_user=troll).order_by("pk").values_list("action")
    ) == [("block",), ("unblock",)]


def test_deleting_a_contribution_in_the_admin_is_not_an_unrecorded_way_to_moderate(
    dns_client, queue
):
    """Moderation decisions are hide, reject or publish, each logged; deleting a contribution
    from the admin would remove it (and its replies) with no record and no public notice."""
    target = queue["published"]
    assert 'value="delete_selected"' not in dns_client.get(QUEUE).content.decode()
    assert dns_client.post(f"{QUEUE}{target.pk}/delete/", {"post": "yes"}).status_code == 403
    forged = dns_client.post(
        QUEUE, {"action": "delete_selected", "_selected_action": [target.pk], "post": "yes"},
        follow=True,
    )  # fmt: skip
    assert "Aucune action sélectionnée." in forged.content.decode()
    assert Contribution.objects.filter(pk=target.pk).exists()
    assert not ModerationLog.objects.exists()
