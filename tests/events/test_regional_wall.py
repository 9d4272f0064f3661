"""An "Équipe ARS" member linked to Normandie tries every way across the regional wall."""

import datetime

import pytest
from django.utils import timezone

from esante.models import Region
from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory

ADMIN = "/admin/events/event/"


def event_form(event=None, **overrides):
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=20))
    data = {
        "kind": "tour_stop",
        "title": "Étape de Caen",
        "slug": "etape-caen",
        "region": Region.objects.get(slug="normandie").pk,
        "status": "published",
        "city": "Caen",
        "venue": "",
        "address": "",
        "online_url": "",
        "starts_at_0": start.strftime("%d/%m/%Y"),
        "starts_at_1": "09:00:00",
        "ends_at_0": start.strftime("%d/%m/%Y"),
        "ends_at_1": "17:00:00",
        "summary": "Une étape.",
        "body": "",
        "capacity": "100",
        "registration_opens_at_0": "",
        "registration_opens_at_1": "",
        "registration_closes_at_0": "",
        "registration_closes_at_1": "",
        "attendance": "",
        "report": "",
        "results": "",
    }
    for prefix in ("agenda", "speakers", "personas", "documents", "registrations"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    if event is not None:
        data |= {
            "title": event.title,
            "slug": event.slug,
            "region": event.region_id,
            "registrations-INITIAL_FORMS": event.registrations.count(),
            "registrations-TOTAL_FORMS": event.registrations.count(),
        }
        for i, registration in enumerate(event.registrations.all()):
            data[f"registrations-{i}-id"] = registration.pk
            data[f"registrations-{i}-event"] = event.pk
    data.update(overrides)
    return data


@pytest.fixture
def events(db):
    normandie = EventFactory(region_slug="normandie", title="Étape normande")
    bretagne = EventFactory(region_slug="bretagne", title="Étape bretonne")
    RegistrationFactory(event=bretagne, email="breton@example.org")
    RegistrationFactory(event=normandie, email="normand@example.org")
    return {"normandie": normandie, "bretagne": bretagne}


def test_ars_normandie_publishes_an_event_of_its_region(ars_client):
    response = ars_client.post(f"{ADMIN}add/", event_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.get(slug="etape-caen").region.slug == "normandie"


def test_listing_shows_only_own_region(ars_client, events):
    response = ars_client.get(ADMIN)
    assert [e.title for e in response.context["cl"].result_list] == ["Étape normande"]
    regions = ars_client.get(f"{ADMIN}add/").context["adminform"].form.fields["region"].queryset
    assert [r.slug for r in regions] == ["normandie"]


def test_change_view_by_url_id_is_refused(ars_client, events):
    """Another region's event is outside the ARS team's queryset: the admin answers as for an
    unknown id (back to the admin index), whatever the method."""
    other = events["bretagne"]
    for response in (
        ars_client.get(f"{ADMIN}{other.pk}/change/"),
        ars_client.post(f"{ADMIN}{other.pk}/change/", event_form(other, title="Piraté")),
        ars_client.post(f"{ADMIN}{other.pk}/delete/", {"post": "yes"}),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    other.refresh_from_db()
    assert other.title == "Étape bretonne"


def test_creating_or_moving_an_event_to_another_region_is_refused(ars_client, events):
    bretagne = Region.objects.get(slug="bretagne")
    response = ars_client.post(f"{ADMIN}add/", event_form(region=bretagne.pk))
    assert response.status_code == 200
    assert not Event.objects.filter(slug="etape-caen").exists()

    own = events["normandie"]
    response = ars_client.post(f"{ADMIN}{own.pk}/change/", event_form(own, region=bretagne.pk))
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.region.slug == "normandie"


def test_bulk_actions_cannot_reach_other_regions(ars_client, events):
    targets = [events["normandie"].pk, events["bretagne"].pk]
    ars_client.post(ADMIN, {"action": "cancel", "_selected_action": targets})
    statuses = dict(Event.objects.values_list("title", "status"))
    assert statuses == {"Étape normande": "cancelled", "Étape bretonne": "published"}


def test_exports_contain_only_own_registrants(ars_client, events):
    response = ars_client.post(
        ADMIN,
        {
            "action": "export_registrants",
            "_selected_action": [events["normandie"].pk, events["bretagne"].pk],
        },
    )
    content = response.content.decode("utf-8-sig")
    assert "normand@example.org" in content and "breton@example.org" not in content
    assert ars_client.get(f"{ADMIN}{events['bretagne'].pk}/inscrits.csv").status_code == 404
    own = ars_client.get(f"{ADMIN}{events['normandie'].pk}/inscrits.csv")
    assert "normand@example.org" in own.content.decode("utf-8-sig")


def test_registrants_admin_and_inlines_are_walled(ars_client, events):
    response = ars_client.get("/admin/events/registration/")
    assert [r.email for r in response.context["cl"].result_list] == ["normand@example.org"]
    other = Registration.objects.get(email="breton@example.org")
    response = ars_client.get(f"/admin/events/registration/{other.pk}/change/")
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    page = ars_client.get(f"{ADMIN}{events['normandie'].pk}/change/").content.decode()
    assert "normand@example.org" in page and "breton@example.org" not in page


def test_dns_staff_see_every_region(dns_client, events):
    response = dns_client.get(ADMIN)
    assert {e.title for e in response.context["cl"].result_list} == {
        "Étape normande",
        "Étape bretonne",
    }


def test_csv_export_neutralises_formulas(dns_client, events):
    RegistrationFactory(event=events["bretagne"], name="=HYPERLINK(1)")
    content = dns_client.get(f"{ADMIN}{events['bretagne'].pk}/inscrits.csv").content.decode(
        "utf-8-sig"
    )
    assert "'=HYPERLINK(1)" in content


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_at_1": "08:00:00"}, "ends_at"),
        (
            {"registration_closes_at_0": "01/01/2099", "registration_closes_at_1": "10:00:00"},
            "registration_closes_at",
        ),
    ],
)
def test_date_validation(dns_client, db, overrides, field):
    response = dns_client.post(f"{ADMIN}add/", event_form(**overrides))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Event.objects.exists()
