import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction

from roadmap.models import Action, NewsItem, RegionalIndicator
from tests.roadmap.factories import (
    ActionFactory,
    AxisFactory,
    NewsItemFactory,
    RegionalIndicatorFactory,
    RoadmapFactory,
)


@pytest.fixture
def edition(db):
    roadmap = RoadmapFactory(slug="edition")
    axis1 = AxisFactory(roadmap=roadmap, number=1, title="Axe un")
    axis2 = AxisFactory(roadmap=roadmap, number=2, title="Axe deux")
    ActionFactory(axis=axis1, number=1, title="Alpha prévue", status=Action.Status.PLANNED)
    ActionFactory(axis=axis1, number=2, title="Bravo réalisée", status=Action.Status.DONE)
    ActionFactory(axis=axis2, number=3, title="Charlie réalisée", status=Action.Status.DONE)
    return roadmap


def titles(response):
    return [a.title for a in response.context["actions"]]


def test_actions_filtered_by_axis_status_and_both(client, edition):
    axis1 = edition.axes.get(number=1)
    url = edition.get_absolute_url()
    assert titles(client.get(url, {"axis": axis1.pk})) == ["Alpha prévue", "Bravo réalisée"]
    assert titles(client.get(url, {"status": "done"})) == ["Bravo réalisée", "Charlie réalisée"]
    both = client.get(url, {"axis": axis1.pk, "status": "done"})
    assert titles(both) == ["Bravo réalisée"]


@pytest.mark.parametrize("query", [{"axis": "abc"}, {"status": "zz"}, {"axis": "999999"}])
def test_malformed_filters_give_the_unfiltered_list_and_a_message(client, edition, query):
    response = client.get(edition.get_absolute_url(), query)
    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert "n'est pas reconnue" in response.content.decode()


def test_axis_of_another_roadmap_is_not_accepted(client, edition):
    other_axis = AxisFactory()
    response = client.get(edition.get_absolute_url(), {"axis": other_axis.pk})
    assert len(titles(response)) == 3
    assert "n'est pas reconnue" in response.content.decode()


@pytest.mark.parametrize("size", [5, 50])
def test_edition_page_queries_do_not_grow_with_actions(
    client, db, size, django_assert_max_num_queries
):
    roadmap = RoadmapFactory(slug="big")
    axes = [AxisFactory(roadmap=roadmap, number=n) for n in (1, 2, 3)]
    for n in range(size):
        ActionFactory(axis=axes[n % 3], number=n + 1)
    with django_assert_max_num_queries(8):
        assert client.get(roadmap.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [5, 50])
def test_news_list_queries_do_not_grow(client, db, size, django_assert_max_num_queries):
    NewsItemFactory.create_batch(size)
    with django_assert_max_num_queries(6):
        assert client.get("/actualites/").status_code == 200


def test_indicator_values_read_as_in_french(db):
    assert RegionalIndicatorFactory(value=Decimal("81"), unit="structures").display_value == (
        "81\xa0structures"
    )
    more = RegionalIndicatorFactory(value=Decimal("6.6"), unit="M€", qualifier="more_than")
    assert more.display_value == "plus de 6,6\xa0M€"
    nearly = RegionalIndicatorFactory(value=Decimal("10.6"), unit="M€", qualifier="nearly")
    assert nearly.display_value == "près de 10,6\xa0M€"
    assert RegionalIndicator.Qualifier.ABOUT.label == "environ"


def test_database_constraints(db):
    action = ActionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(progress=101)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(axis=action.axis, number=action.number)


def test_future_and_unpublished_news_are_not_public(client, db):
    with time_machine.travel(datetime.datetime(2023, 2, 3, 12, 0, tzinfo=datetime.UTC)):
        NewsItemFactory(title="Publiée", published_on=datetime.date(2023, 2, 2))
        NewsItemFactory(title="Future", published_on=datetime.date(2023, 3, 1))
        NewsItemFactory(title="Brouillon", is_published=False)
        assert [n.title for n in NewsItem.objects.published()] == ["Publiée"]
        assert client.get("/actualites/").content.decode().count("Future") == 0


ROADMAP_MODELS = ["roadmap", "axis", "action", "programme", "regionalindicator", "newsitem"]


@pytest.mark.parametrize("model", ROADMAP_MODELS)
def test_dns_staff_edit_roadmap_content_in_the_admin(dns_client, edition, model):
    # Milestones are edited inline on their action.
    assert dns_client.get(f"/admin/roadmap/{model}/").status_code == 200
    assert dns_client.get(f"/admin/roadmap/{model}/add/").status_code == 200


def test_admin_search_and_filters(dns_client, edition):
    response = dns_client.get("/admin/roadmap/action/", {"q": "Bravo"})
    assert [a.title for a in response.context["cl"].result_list] == ["Bravo réalisée"]
    response = dns_client.get("/admin/roadmap/action/", {"status__exact": "done"})
    assert response.context["cl"].result_count == 2


def test_ars_team_cannot_edit_national_roadmap_content(ars_client, edition):
    action = edition.actions.get(number=1)
    url = f"/admin/roadmap/action/{action.pk}/change/"
    assert ars_client.get(url).status_code == 200  # read-only view
    response = ars_client.post(
        url,
        {
            "roadmap": edition.pk,
            "axis": action.axis_id,
            "number": 1,
            "title": "Piraté",
            "summary": "x",
            "status": "done",
            "progress": 100,
            "milestones-TOTAL_FORMS": 0,
            "milestones-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.title == "Alpha prévue"
    assert ars_client.get("/admin/roadmap/action/add/").status_code == 403
    assert (
        ars_client.post(f"/admin/roadmap/action/{action.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Action.objects.filter(pk=action.pk).exists()


def test_admin_is_closed_to_anonymous_and_ordinary_users(client, user, edition):
    response = client.get("/admin/roadmap/action/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(user)
    response = client.get("/admin/roadmap/action/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
