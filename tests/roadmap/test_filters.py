"""Filters of an edition's actions: by axis, by status, both; shareable; never a 500."""

import re

import pytest

from roadmap.models import Action
from tests.roadmap.factories import ActionFactory, AxisFactory, RoadmapFactory

WARNING = "Une valeur de filtre n'est pas reconnue"
ACTION_ROW = re.compile(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>')
ALL = ["Alpha prévue", "Bravo réalisée", "Charlie réalisée", "Delta en cours"]


@pytest.fixture
def edition(db):
    roadmap = RoadmapFactory(slug="edition-test", title="Édition de test")
    prevention = AxisFactory(roadmap=roadmap, number=1, title="Prévention")
    access = AxisFactory(roadmap=roadmap, number=2, title="Accès aux soins")
    ActionFactory(axis=prevention, number=1, title="Alpha prévue", status=Action.Status.PLANNED)
    ActionFactory(axis=prevention, number=2, title="Bravo réalisée", status=Action.Status.DONE)
    ActionFactory(axis=access, number=3, title="Charlie réalisée", status=Action.Status.DONE)
    ActionFactory(axis=access, number=4, title="Delta en cours", status=Action.Status.IN_PROGRESS)
    return roadmap


def axis(roadmap, number):
    return roadmap.axes.get(number=number)


def listed(response) -> list[str]:
    """The action titles of the table, in page order, read from the HTML a visitor gets."""
    assert response.status_code == 200
    return ACTION_ROW.findall(response.content.decode())


def test_unfiltered_page_lists_every_action_without_warning(client, edition):
    response = client.get(edition.get_absolute_url())

    assert listed(response) == ALL
    assert "4 actions affichées" in response.content.decode()
    assert WARNING not in response.content.decode()


def test_filter_by_axis(client, edition):
    response = client.get(edition.get_absolute_url(), {"axis": axis(edition, 1).pk})

    assert listed(response) == ["Alpha prévue", "Bravo réalisée"]
    assert WARNING not in response.content.decode()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("done", ["Bravo réalisée", "Charlie réalisée"]),
        ("planned", ["Alpha prévue"]),
        ("in_progress", ["Delta en cours"]),
    ],
)
def test_filter_by_status(client, edition, status, expected):
    response = client.get(edition.get_absolute_url(), {"status": status})

    assert listed(response) == expected
    assert WARNING not in response.content.decode()


def test_filters_combine(client, edition):
    url = edition.get_absolute_url()

    assert listed(client.get(url, {"axis": axis(edition, 2).pk, "status": "done"})) == [
        "Charlie réalisée"
    ]
    empty = client.get(url, {"axis": axis(edition, 1).pk, "status": "in_progress"})
    assert listed(empty) == []
    assert "Aucune action ne correspond à ces critères." in empty.content.decode()


def test_empty_values_mean_no_filter(client, edition):
    response = client.get(edition.get_absolute_url(), {"axis": "", "status": ""})

    assert listed(response) == ALL
    assert WARNING not in response.content.decode()


def test_a_filtered_list_is_shareable_by_its_address(client, edition):
    second = axis(edition, 2)
    url = f"{edition.get_absolute_url()}?axis={second.pk}&status=done"

    first_visit = client.get(url)
    # Another visitor, with no cookie at all, opening the same address sees the same list.
    client.cookies.clear()
    shared_visit = client.get(url)

    assert listed(first_visit) == listed(shared_visit) == ["Charlie réalisée"]
    html = shared_visit.content.decode()
    # The filter form submits by GET and shows the chosen values, so the address bar holds them.
    assert 'method="get"' in html
    assert f'<option value="{second.pk}" selected>' in html
    assert '<option value="done" selected>' in html
    assert f'href="{edition.get_absolute_url()}#actions">Retirer les filtres</a>' in html


def test_axis_links_of_the_edition_filter_the_list(client, edition):
    first = axis(edition, 1)
    html = client.get(edition.get_absolute_url()).content.decode()

    assert f'href="?axis={first.pk}#actions"' in html
    assert listed(client.get(f"{edition.get_absolute_url()}?axis={first.pk}")) == [
        "Alpha prévue",
        "Bravo réalisée",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"axis": "abc"},
        {"axis": "999999"},
        {"axis": "-1"},
        {"axis": "1.5"},
        {"axis": "99999999999999999999999"},
        {"axis": "\x00"},
        {"status": "zz"},
        {"status": "DONE"},
        {"status": "<script>alert(1)</script>"},
        {"status": "\x00"},
    ],
    ids=lambda query: "-".join(f"{k}={v!r}" for k, v in query.items()),
)
def test_malformed_values_give_the_unfiltered_list_and_a_french_warning(client, edition, query):
    response = client.get(edition.get_absolute_url(), query)

    assert listed(response) == ALL
    html = response.content.decode()
    assert WARNING in html
    assert "la liste n'est pas filtrée sur ce critère" in html
    assert "<script>alert(1)</script>" not in html


def test_axis_of_another_roadmap_is_not_accepted(client, edition):
    foreign_axis = AxisFactory(roadmap=RoadmapFactory(slug="autre-edition"), number=1)
    ActionFactory(axis=foreign_axis, number=1, title="Action étrangère")

    response = client.get(edition.get_absolute_url(), {"axis": foreign_axis.pk})

    assert listed(response) == ALL
    html = response.content.decode()
    assert WARNING in html
    assert "Action étrangère" not in html


def test_a_malformed_criterion_does_not_cancel_the_valid_one(client, edition):
    url = edition.get_absolute_url()

    bad_axis = client.get(url, {"axis": "abc", "status": "done"})
    assert listed(bad_axis) == ["Bravo réalisée", "Charlie réalisée"]
    assert WARNING in bad_axis.content.decode()

    bad_status = client.get(url, {"axis": axis(edition, 1).pk, "status": "zz"})
    assert listed(bad_status) == ["Alpha prévue", "Bravo réalisée"]
    assert WARNING in bad_status.content.decode()


def test_unknown_parameters_are_ignored_without_warning(client, edition):
    response = client.get(edition.get_absolute_url(), {"utm_source": "lettre", "page": "2"})

    assert listed(response) == ALL
    assert WARNING not in response.content.decode()
