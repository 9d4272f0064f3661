"""The Conseil du Numérique en Santé: a user applies, staff accept in the admin, the user gets
the e-mail and appears as a member; every refusal the issue names."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from concertation.models import Application, CouncilMeeting, WorkingGroup
from tests.concertation.factories import ApplicationFactory, WorkingGroupFactory
from tests.esante.factories import UserFactory


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Fracture numérique", slug="fracture-numerique")


@pytest.fixture
def applicant(client, db):
    user = UserFactory(display_name="Camille Aidante", organisation="Association X")
    client.force_login(user)
    return user


def apply(client, group, **data):
    payload = {
        "organisation": "Association X",
        "stakeholder_type": "association",
        "motivation": "J'accompagne des personnes éloignées du numérique.",
        "contribution": "Dix ans de terrain.",
        "consent_public": "on",
        **data,
    }
    return client.post(reverse("concertation:group_apply", args=[group.slug]), payload)


def test_apply_accept_email_and_membership(
    client, group, applicant, dns_staff, django_capture_on_commit_callbacks
):
    assert "Envoyer ma candidature" in client.get(group.get_absolute_url()).content.decode()
    assert apply(client, group).status_code == 302
    application = Application.objects.get()
    assert (application.user, application.status) == (applicant, "pending")
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Votre candidature : <strong>en cours d&#x27;examen</strong>" in page

    client.force_login(dns_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/concertation/application/",
            {
                "action": "accept",
                "_selected_action": [application.pk],
                "message": "Bienvenue dans le groupe !",
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "accepted" and application.decided_by == dns_staff
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [applicant.email]
    assert "acceptée" in message.subject and "Bienvenue dans le groupe !" in message.body

    client.logout()
    page = client.get(group.get_absolute_url()).content.decode()
    assert "Camille Aidante" in page
    client.force_login(applicant)
    account = client.get("/mon-compte/").content.decode()
    assert "Fracture numérique" in account and "membre" in account


def test_members_without_consent_are_not_named(client, group, applicant, dns_staff):
    apply(client, group, consent_public="")
    Application.objects.update(status="accepted")
    page = client.get(group.get_absolute_url()).content.decode()
    assert "1 membre" in page and "Camille Aidante" not in page.split("<h2>Membres</h2>")[1]


def test_decline_with_message(
    client, group, applicant, dns_client, django_capture_on_commit_callbacks
):
    apply(client, group)
    application = Application.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        dns_client.post(
            "/admin/concertation/application/",
            {
                "action": "decline",
                "_selected_action": [application.pk],
                "message": "Groupe complet.",
            },
        )
    application.refresh_from_db()
    assert application.status == "declined"
    assert "non retenue" in mail.outbox[0].subject and "Groupe complet." in mail.outbox[0].body


def test_admin_filters(dns_client, group, db):
    ApplicationFactory(group=group, stakeholder_type="industry")
    for query in ({"group__id__exact": group.pk}, {"status__exact": "pending"},
                  {"stakeholder_type__exact": "industry"}):  # fmt: skip
        response = dns_client.get("/admin/concertation/application/", query)
        assert response.context["cl"].result_count == 1


@pytest.mark.parametrize(
    "setup",
    [{"applications_close_at": timezone.now() - datetime.timedelta(days=1)}, {"status": "closed"}],
)
def test_closed_groups_refuse(client, group, applicant, setup):
    WorkingGroup.objects.filter(pk=group.pk).update(**setup)
    response = apply(client, group)
    assert response.status_code == 400
    assert "Les candidatures à ce groupe de travail sont closes." in response.content.decode()
    assert not Application.objects.exists()


def test_twice_refused(client, group, applicant):
    apply(client, group)
    response = apply(client, group)
    assert response.status_code == 400
    assert "déjà candidaté" in response.content.decode()
    assert Application.objects.count() == 1


def test_unverified_accounts_refused(client, group):
    client.force_login(UserFactory(verified=False))
    response = apply(client, group)
    assert response.status_code == 302
    assert "Confirmez votre adresse" in client.get(response["Location"]).content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("motivation", ["", "    ", "x" * 3001])
def test_empty_or_oversized_motivation_refused(client, group, applicant, motivation):
    response = apply(client, group, motivation=motivation)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_withdraw_own_only(client, group, applicant):
    apply(client, group)
    application = Application.objects.get()
    intruder = UserFactory()
    client.force_login(intruder)
    url = reverse("concertation:application_withdraw", args=[application.pk])
    assert client.post(url).status_code == 403
    application.refresh_from_db()
    assert application.status == "pending"
    client.force_login(applicant)
    client.post(url)
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_member_export_for_leads_and_dns_only(client, group, applicant, dns_staff):
    apply(client, group)
    Application.objects.update(status="accepted")
    url = reverse("concertation:group_members_csv", args=[group.slug])
    assert client.get(url).status_code == 403
    lead = UserFactory()
    group.leads.add(lead)
    client.force_login(lead)
    assert applicant.email in client.get(url).content.decode("utf-8-sig")
    client.force_login(dns_staff)
    assert client.get(url).status_code == 200


def test_demo_council(client, db, settings):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo")
    dates = {m.starts_at.date() for m in CouncilMeeting.objects.all()}
    assert dates == {
        datetime.date(2019, 6, 27),
        datetime.date(2020, 2, 20),
        datetime.date(2022, 12, 14),
    }
    assert WorkingGroup.objects.count() == 5
    assert [g.slug for g in WorkingGroup.objects.all() if g.accepts_applications()] == [
        "developpement-durable-et-numerique"
    ]
    page = client.get("/conseil/").content.decode()
    assert "Formation" in page and "Cellule d" in page
    assert client.get("/conseil/cellule-ethique/").status_code == 200
    assert client.get("/conseil/reunions/conseil-2019-06-27/").status_code == 200
