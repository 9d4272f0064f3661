"""Roadmap content in the admin: edited by the DNS team, read by ARS teams, closed to others."""

from decimal import Decimal

import pytest
from django.urls import reverse

from esante.models import Region
from roadmap.models import Action, Axis, NewsItem, Programme, RegionalIndicator, Roadmap
from tests.roadmap.factories import (
    ActionFactory,
    AxisFactory,
    MilestoneFactory,
    NewsItemFactory,
    ProgrammeFactory,
    RegionalIndicatorFactory,
    RoadmapFactory,
)

# Milestones have no admin page of their own: they are edited inline on their action.
MODELS = {
    "roadmap": (Roadmap, "title"),
    "axis": (Axis, "title"),
    "action": (Action, "title"),
    "programme": (Programme, "name"),
    "regionalindicator": (RegionalIndicator, "label"),
    "newsitem": (NewsItem, "title"),
}


@pytest.fixture
def content(db):
    roadmap = RoadmapFactory(title="Feuille de route Alpha", slug="alpha")
    RoadmapFactory(
        title="Feuille de route Bêta",
        slug="beta",
        start_year=2019,
        end_year=2022,
        status=Roadmap.Status.COMPLETED,
        is_published=False,
    )
    axis = AxisFactory(roadmap=roadmap, number=1, title="Cadre de confiance")
    cyber = ActionFactory(
        axis=axis, number=1, title="Cybersécurité des établissements", status="done", progress=100
    )
    ActionFactory(axis=axis, number=2, title="Télésanté", status="planned", lead="DGOS")
    MilestoneFactory(action=cyber, title="Centre de ressources régional")
    sun_es = ProgrammeFactory(name="Ségur Usage Numérique", acronym="SUN-ES", slug="sun-es")
    ProgrammeFactory(name="ESMS Numérique", slug="esms-numerique")
    RegionalIndicatorFactory(programme=sun_es, label="Structures accompagnées")
    RegionalIndicatorFactory(
        programme=sun_es,
        label="Enveloppe régionale",
        region=Region.objects.get(slug="bretagne"),
        value=Decimal("6.6"),
        unit="M€",
    )
    NewsItemFactory(
        title="Étape de Rouen du Tour des régions",
        kind=NewsItem.Kind.PRESS_RELEASE,
        region=Region.objects.get(slug="normandie"),
    )
    NewsItemFactory(title="Ouverture de la concertation", kind=NewsItem.Kind.NEWS)
    return {
        "roadmap": roadmap,
        "axis": axis,
        "action": cyber,
        "programme": sun_es,
        "regionalindicator": RegionalIndicator.objects.get(label="Structures accompagnées"),
        "newsitem": NewsItem.objects.get(kind=NewsItem.Kind.PRESS_RELEASE),
    }


def admin_url(model, action="changelist", obj=None):
    args = [obj.pk] if obj is not None else []
    return reverse(f"admin:roadmap_{model}_{action}", args=args)


def form_data(response) -> dict:
    """The POST data of an admin change form as the browser would send it unchanged."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None:
                data[key] = ""
            elif isinstance(value, bool):
                if value:
                    data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def results(response) -> list[str]:
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


# --- DNS team ---------------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_dns_team_opens_every_changelist_change_and_add_page(dns_client, content, model):
    assert dns_client.get(admin_url(model)).status_code == 200
    change = dns_client.get(admin_url(model, "change", content[model]))
    assert change.status_code == 200
    assert 'name="_save"' in change.content.decode()
    assert dns_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_dns_team_saves_a_change(dns_client, content, model):
    model_class, text_field = MODELS[model]
    obj = content[model]
    url = admin_url(model, "change", obj)
    data = form_data(dns_client.get(url))
    data[text_field] = "Intitulé modifié par la DNS"

    response = dns_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert getattr(model_class.objects.get(pk=obj.pk), text_field) == "Intitulé modifié par la DNS"


def test_milestones_are_edited_inline_on_their_action(dns_client, content):
    action = content["action"]
    response = dns_client.get(admin_url("action", "change", action))

    html = response.content.decode()
    assert 'name="milestones-TOTAL_FORMS"' in html
    assert "Centre de ressources régional" in html


def test_admin_index_lists_the_roadmap_models_for_the_dns_team(dns_client, content):
    html = dns_client.get("/admin/").content.decode()

    for model in MODELS:
        assert f'href="{admin_url(model)}"' in html


@pytest.mark.parametrize(
    ("model", "query", "expected"),
    [
        ("roadmap", "Bêta", ["Feuille de route Bêta"]),
        ("axis", "confiance", ["Axe 1 : Cadre de confiance"]),
        ("action", "Cybersécurité", ["Action 1 : Cybersécurité des établissements"]),
        ("action", "DGOS", ["Action 2 : Télésanté"]),
        ("programme", "SUN-ES", ["SUN-ES"]),
        ("regionalindicator", "Bretagne", ["Bretagne — Enveloppe régionale"]),
        ("newsitem", "Rouen", ["Étape de Rouen du Tour des régions"]),
        ("newsitem", "introuvable", []),
    ],
)
def test_dns_team_searches(dns_client, content, model, query, expected):
    assert results(dns_client.get(admin_url(model), {"q": query})) == expected


@pytest.mark.parametrize(
    ("model", "params", "expected"),
    [
        ("action", {"status__exact": "done"}, ["Action 1 : Cybersécurité des établissements"]),
        ("action", {"status__exact": "planned"}, ["Action 2 : Télésanté"]),
        ("roadmap", {"is_published__exact": "0"}, ["Feuille de route Bêta"]),
        ("roadmap", {"status__exact": "completed"}, ["Feuille de route Bêta"]),
        ("newsitem", {"kind__exact": "press_release"}, ["Étape de Rouen du Tour des régions"]),
    ],
)
def test_dns_team_filters(dns_client, content, model, params, expected):
    assert results(dns_client.get(admin_url(model), params)) == expected


def test_dns_team_filters_indicators_by_region(dns_client, content):
    bretagne = Region.objects.get(slug="bretagne")

    response = dns_client.get(admin_url("regionalindicator"), {"region__id__exact": bretagne.pk})

    assert results(response) == ["Bretagne — Enveloppe régionale"]


def test_dns_team_updates_statuses_from_the_action_list(dns_client, content):
    changelist = dns_client.get(admin_url("action"))
    actions = list(changelist.context["cl"].result_list)
    data = {
        "form-TOTAL_FORMS": str(len(actions)),
        "form-INITIAL_FORMS": str(len(actions)),
        "_save": "Enregistrer",
    }
    for i, action in enumerate(actions):
        data |= {f"form-{i}-id": action.pk, f"form-{i}-status": "done", f"form-{i}-progress": 100}

    assert dns_client.post(admin_url("action"), data).status_code == 302
    assert set(Action.objects.values_list("status", flat=True)) == {"done"}


# --- ARS teams: read only ---------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS)
def test_ars_team_reads_national_content(ars_client, content, model):
    assert ars_client.get(admin_url(model)).status_code == 200
    change = ars_client.get(admin_url(model, "change", content[model]))
    assert change.status_code == 200
    html = change.content.decode()
    assert 'name="_save"' not in html
    assert admin_url(model, "delete", content[model]) not in html


@pytest.mark.parametrize("model", MODELS)
def test_ars_team_cannot_add_national_content(ars_client, content, model):
    model_class, _ = MODELS[model]
    count = model_class.objects.count()

    assert ars_client.get(admin_url(model, "add")).status_code == 403
    assert ars_client.post(admin_url(model, "add"), {}).status_code == 403
    assert model_class.objects.count() == count


@pytest.mark.parametrize("model", MODELS)
def test_ars_team_cannot_change_national_content(client, dns_staff, ars_staff, content, model):
    model_class, text_field = MODELS[model]
    obj = content[model]
    url = admin_url(model, "change", obj)
    # The very data the DNS team would save successfully (see test_dns_team_saves_a_change).
    client.force_login(dns_staff)
    data = form_data(client.get(url))
    data[text_field] = "Modifié par une ARS"
    before = getattr(obj, text_field)

    client.force_login(ars_staff)
    response = client.post(url, data)

    assert response.status_code == 403
    assert getattr(model_class.objects.get(pk=obj.pk), text_field) == before


@pytest.mark.parametrize("model", MODELS)
def test_ars_team_cannot_delete_national_content(ars_client, content, model):
    model_class, _ = MODELS[model]
    obj = content[model]

    assert ars_client.get(admin_url(model, "delete", obj)).status_code == 403
    assert ars_client.post(admin_url(model, "delete", obj), {"post": "yes"}).status_code == 403
    # No bulk action is offered to an ARS team: a forged one just shows the list again.
    response = ars_client.post(
        admin_url(model), {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    assert response.status_code == 200 and 'name="action"' not in response.content.decode()
    assert model_class.objects.filter(pk=obj.pk).exists()


def test_ars_team_cannot_update_statuses_from_the_action_list(ars_client, content):
    action = content["action"]
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": action.pk,
        "form-0-status": "planned",
        "form-0-progress": 0,
        "_save": "Enregistrer",
    }

    response = ars_client.post(admin_url("action"), data)

    assert response.status_code == 403
    action.refresh_from_db()
    assert (action.status, action.progress) == ("done", 100)


# --- Everybody else ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/admin/", "changelist", "change"])
def test_anonymous_visitors_are_sent_to_the_admin_login(client, content, path):
    url = {
        "changelist": admin_url("action"),
        "change": admin_url("action", "change", content["action"]),
    }.get(path, path)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_a_verified_user_without_staff_status_cannot_reach_the_admin(client, user, content):
    client.force_login(user)

    for url in ("/admin/", admin_url("action"), admin_url("action", "change", content["action"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert client.post(admin_url("action", "add"), {"title": "x"}).status_code == 302
    assert not Action.objects.filter(title="x").exists()


def test_the_admin_login_refuses_a_user_without_staff_status(client, user, content):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": user.email, "password": "motdepasse-de-test-42", "next": "/admin/"},
    )

    # The admin's own form is gone (issue 15): one sign-in page for all, allauth's, with MFA.
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=%2Fadmin%2F"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_staff_of_no_team_sees_no_roadmap_content(client, content):
    from tests.esante.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))

    assert client.get(admin_url("action")).status_code == 403
    assert client.get(admin_url("action", "change", content["action"])).status_code == 403
