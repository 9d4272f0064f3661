"""List pages run a fixed number of queries, whatever the amount of content (no N+1).

Each page is measured at two data sizes against the same bound: an N+1 would pass at 5 rows
and fail at 50.
"""

import pytest

from tests.roadmap.factories import (
    ActionFactory,
    AxisFactory,
    MilestoneFactory,
    NewsItemFactory,
    RegionalIndicatorFactory,
    RoadmapFactory,
)

SIZES = [5, 50]


@pytest.fixture
def big_edition(db):
    def build(size):
        roadmap = RoadmapFactory(slug="grande-edition")
        axes = [AxisFactory(roadmap=roadmap, number=n) for n in (1, 2, 3)]
        for n in range(size):
            ActionFactory(axis=axes[n % 3], number=n + 1, status=["planned", "done"][n % 2])
        return roadmap

    return build


@pytest.mark.parametrize("size", SIZES)
def test_edition_page(client, big_edition, size, django_assert_max_num_queries):
    roadmap = big_edition(size)

    with django_assert_max_num_queries(5):
        response = client.get(roadmap.get_absolute_url())

    assert response.status_code == 200
    assert f"{size} actions affichées" in response.content.decode()


@pytest.mark.parametrize("size", SIZES)
def test_filtered_edition_page(client, big_edition, size, django_assert_max_num_queries):
    roadmap = big_edition(size)
    first_axis = roadmap.axes.get(number=1)

    with django_assert_max_num_queries(6):
        response = client.get(roadmap.get_absolute_url(), {"axis": first_axis.pk, "status": "done"})

    assert response.status_code == 200
    assert len(response.context["actions"]) > 0


@pytest.mark.parametrize("size", SIZES)
def test_action_page_with_its_milestones(client, db, size, django_assert_max_num_queries):
    action = ActionFactory()
    MilestoneFactory.create_batch(size, action=action)

    with django_assert_max_num_queries(3):
        response = client.get(action.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count("Jalon de test") == size


@pytest.mark.parametrize("size", SIZES)
def test_news_list(client, db, size, django_assert_max_num_queries):
    NewsItemFactory.create_batch(size, region=None)

    with django_assert_max_num_queries(3):
        response = client.get("/actualites/")

    assert response.status_code == 200
    assert len(response.context["page_obj"].object_list) == min(size, 10)


@pytest.mark.parametrize("size", SIZES)
def test_news_feeds(client, db, size, django_assert_max_num_queries):
    NewsItemFactory.create_batch(size)

    for url in ("/actualites/rss/", "/actualites/atom/"):
        with django_assert_max_num_queries(1):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_region_page_with_its_indicators(client, db, size, django_assert_max_num_queries):
    RegionalIndicatorFactory.create_batch(size)

    with django_assert_max_num_queries(6):
        response = client.get("/regions/normandie/")

    assert response.status_code == 200
    assert response.content.decode().count('class="esante-figure"') == size
