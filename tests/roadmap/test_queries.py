"""Every public page of the roadmap runs as many queries with 2 as with 12 of what it shows."""

import pytest

from esante.models import Region
from tests.roadmap.factories import (
    ActionFactory,
    AxisFactory,
    MilestoneFactory,
    NewsItemFactory,
    RoadmapFactory,
)


@pytest.fixture
def edition(db):
    roadmap = RoadmapFactory(slug="grande-edition")
    axes = [AxisFactory(roadmap=roadmap, number=n) for n in (1, 2, 3)]
    return roadmap, axes


def test_roadmap_list_queries_do_not_grow(client, db, assert_flat_queries):
    def grow(n):
        for _ in range(n):
            ActionFactory.create_batch(2, axis=AxisFactory(), status="done")

    assert_flat_queries("/feuille-de-route/", grow, most=2)


@pytest.mark.parametrize("query", ["", "?axis=first&status=done"])
def test_edition_page_queries_do_not_grow(client, edition, assert_flat_queries, query):
    roadmap, axes = edition
    url = roadmap.get_absolute_url() + query.replace("first", str(axes[0].pk))
    statuses = ["planned", "done"]

    def grow(n):
        for _ in range(n):
            count = roadmap.actions.count()
            ActionFactory(axis=axes[count % 3], number=count + 1, status=statuses[count // 3 % 2])

    response = assert_flat_queries(url, grow, most=5 if query else 4)
    assert response.context["actions"]


def test_action_page_queries_do_not_grow(client, db, assert_flat_queries):
    action = ActionFactory()

    response = assert_flat_queries(
        action.get_absolute_url(), lambda n: MilestoneFactory.create_batch(n, action=action), most=2
    )
    assert response.content.decode().count("Jalon de test") == 12


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/actualites/", 2),
        ("/actualites/rss/", 1),
        ("/actualites/atom/", 1),
        ("/actualites/communique-de-rouen/", 1),
    ],
)
def test_news_pages_queries_do_not_grow(client, db, assert_flat_queries, url, most):
    regions = list(Region.objects.all()[:2])
    NewsItemFactory(slug="communique-de-rouen", region=regions[0])

    def grow(n):
        for i in range(n):
            NewsItemFactory(region=regions[i % 2] if i % 3 else None)

    assert_flat_queries(url, grow, most=most)
