"""The audit trail: staff actions through the admin and the services are recorded with their
author and their diff, the journal is read only and the DNS team's alone."""

import pytest
from django.contrib.auth.models import Group

from audit.journal import acting_as
from audit.models import AuditEntry
from concertation import services as concertation_services
from concertation.models import Contribution
from esante.models import Region, User
from esante.roles import ARS_TEAM, DNS_TEAM
from events import services as event_services
from events.models import Event
from tests.concertation.factories import (
    ApplicationFactory,
    ChapterFactory,
    ContributionFactory,
)
from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory

JOURNAL = "/admin/audit/auditentry/"


def entries(obj):
    return list(
        AuditEntry.objects.filter(
            content_type__model=obj._meta.model_name, object_id=str(obj.pk)
        ).order_by("id")
    )


def changes(entry) -> dict:
    return {c["name"]: (c["old"], c["new"]) for c in entry.changes}


def test_hiding_a_contribution_in_the_admin_is_recorded_with_its_author_and_diff(dns_client):
    dns = User.objects.get(is_staff=True)
    contribution = ContributionFactory(chapter=ChapterFactory(), body="Texte du citoyen")
    assert entries(contribution) == []  # a citizen's contribution is not a staff act

    response = dns_client.post(
        "/admin/concertation/contribution/",
        {"action": "hide", "_selected_action": [contribution.pk], "reason": "advertising"},
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == "hidden"

    [entry] = entries(contribution)
    assert entry.actor == dns
    assert entry.actor_label == dns.email
    assert entry.action == "~"
    diff = changes(entry)
    assert diff["status"] == ("Publiée", "Masquée")
    assert diff["moderation_reason"] == ("", "advertising")
    # The citizen's text is never copied into the audit tables.
    assert "Texte du citoyen" not in str(entry.changes)
    assert not hasattr(Contribution.audit_history.model, "body")


def test_application_decision_through_the_admin(dns_client):
    dns = User.objects.get(is_staff=True)
    application = ApplicationFactory()
    dns_client.post(
        "/admin/concertation/application/",
        {"action": "accept", "_selected_action": [application.pk], "message": "Bienvenue"},
    )
    [entry] = entries(application)
    assert entry.actor == dns
    diff = changes(entry)
    assert diff["status"][1] != diff["status"][0]
    assert diff["decision_message"] == ("", "Bienvenue")
    assert diff["decided_by"] == ("", str(dns))


def test_services_outside_a_request_record_no_author_or_the_one_named(db):
    staff = DnsStaffFactory()
    event = EventFactory()
    event_services.event_set_status(user=staff, event=event, status=Event.Status.CANCELLED)
    [cancelled] = [e for e in entries(event) if e.action == "~"]
    assert cancelled.actor is None  # a task or a command: automatic
    assert changes(cancelled)["status"][1] == str(Event.Status.CANCELLED.label)

    contribution = ContributionFactory(chapter=ChapterFactory())
    with acting_as(staff):
        concertation_services.contributions_moderate(
            actor=staff, contribution_ids=[contribution.pk], action="reject", reason="duplicate"
        )
    [rejected] = entries(contribution)
    assert rejected.actor == staff
    assert changes(rejected)["status"] == ("Publiée", "Rejetée")


def test_registration_status_is_recorded_but_not_the_visitor_identity(db):
    event = EventFactory(capacity=5)
    registration = event_services.registration_request(
        event=event, name="Camille Martin", email="camille@example.org"
    )
    event_services.registration_confirm(token=registration.token)
    [confirmed] = entries(registration)
    assert "status" in changes(confirmed)
    history = type(registration).audit_history.model
    assert not hasattr(history, "email") and not hasattr(history, "name")
    assert "camille" not in str(confirmed.changes).lower()


def test_role_changes_groups_and_regions_are_recorded(dns_client):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    dns_client.force_login(superuser)
    target = UserFactory()
    normandie = Region.objects.get(slug="normandie")
    ars = Group.objects.get(name=ARS_TEAM)
    response = dns_client.post(
        f"/admin/esante/user/{target.pk}/change/",
        {
            "email": target.email,
            "display_name": target.display_name,
            "stakeholder_type": target.stakeholder_type,
            "is_active": "on",
            "is_staff": "on",
            "groups": [ars.pk],
            "editor_regions": [normandie.pk],
            "date_joined_0": target.date_joined.strftime("%d/%m/%Y"),
            "date_joined_1": target.date_joined.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    found = {}
    for entry in entries(target):
        assert entry.actor == superuser
        found.update(changes(entry))
    assert found["is_staff"] == ("non", "oui")
    assert found["groups"] == ("", ARS_TEAM)
    assert found["editor_regions"] == ("", str(normandie))

    # From the other side too: a region given to a user is on the user's record.
    other = Region.objects.exclude(pk=normandie.pk).first()
    with acting_as(superuser):
        other.editors.add(target)
    last = entries(target)[-1]
    assert str(other) in changes(last)["editor_regions"][1]


def test_a_save_that_changes_nothing_tracked_leaves_no_trace(db):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=DNS_TEAM))
    before = AuditEntry.objects.count()
    history = User.audit_history.filter(id=user.pk).count()
    user.display_name = "Nouveau nom"  # not a role
    user.save()
    user.save(update_fields=["last_login"])
    user.groups.set(list(user.groups.all()))
    assert AuditEntry.objects.count() == before
    assert User.audit_history.filter(id=user.pk).count() == history


def test_password_and_last_login_are_not_in_the_history(db):
    fields = {f.name for f in User.audit_history.model._meta.fields}
    assert not fields & {"password", "last_login", "declaration_of_interests"}
    assert {"is_staff", "is_superuser", "is_active"} <= fields


def test_the_journal_is_read_only_even_for_a_superuser(client, db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    ChapterFactory()
    entry = AuditEntry.objects.first()
    assert entry is not None
    assert client.get(JOURNAL).status_code == 200
    page = client.get(f"{JOURNAL}{entry.pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.get(f"{JOURNAL}add/").status_code == 403
    assert client.post(f"{JOURNAL}add/", {}).status_code in (403, 405)
    assert client.post(f"{JOURNAL}{entry.pk}/change/", {"object_repr": "x"}).status_code == 405
    assert client.get(f"{JOURNAL}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{JOURNAL}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert (
        client.post(JOURNAL, {"action": "delete_selected", "_selected_action": [entry.pk]})
    ).status_code == 405
    entry.refresh_from_db()
    assert entry.object_repr != "x"


def test_the_journal_is_hidden_from_ars_staff_and_citizens(ars_client, client):
    ChapterFactory()
    assert ars_client.get(JOURNAL).status_code == 403
    index = ars_client.get("/admin/").content.decode()
    assert "auditentry" not in index
    client.force_login(UserFactory())
    assert client.get(JOURNAL).status_code == 302  # to the login page: not staff


def test_the_journal_shows_paris_time_author_and_diff(dns_client):
    dns = User.objects.get(is_staff=True)
    contribution = ContributionFactory(chapter=ChapterFactory())
    dns_client.post(
        "/admin/concertation/contribution/",
        {"action": "reject", "_selected_action": [contribution.pk], "reason": "duplicate"},
    )
    html = dns_client.get(JOURNAL).content.decode()
    assert dns.email in html
    assert "Publiée → Rejetée" in html
    entry = entries(contribution)[0]
    from django.utils import timezone

    assert timezone.localtime(entry.created_at).strftime("%d/%m/%Y %H:%M") in html


def test_journal_list_queries_are_flat(dns_client, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            ChapterFactory()  # consultation, chapter, version: several entries each

    assert_flat_queries(JOURNAL, grow, most=16)


@pytest.mark.parametrize("url", [JOURNAL])
def test_anonymous_is_sent_to_login(client, url, db):
    assert client.get(url).status_code == 302
