"""The site pages that compose the apps (home, regions, sitemap, account) run as many queries
with 2 as with 12 of everything they show."""

import pytest

from esante.models import Region
from tests.concertation.factories import (
    ApplicationFactory,
    ChapterFactory,
    ContributionFactory,
    WorkingGroupFactory,
    paragraph_at,
)
from tests.events.factories import EventFactory
from tests.roadmap.factories import ActionFactory, NewsItemFactory, RegionalIndicatorFactory


def grow_portal(n):
    """n more of everything: open consultations with contributions, events in Normandie and
    Bretagne, past and upcoming, regional news, programmes with figures, roadmap actions."""
    normandie, bretagne = Region.objects.get(slug="normandie"), Region.objects.get(slug="bretagne")
    for _ in range(n):
        chapter = ChapterFactory()
        ContributionFactory(chapter=chapter)
        ContributionFactory(chapter=chapter, paragraph=paragraph_at(chapter, 1))
        EventFactory(region=normandie)
        EventFactory(region=normandie, days=-30)
        EventFactory(region=bretagne)
        NewsItemFactory(region=normandie)
        RegionalIndicatorFactory(region=normandie)
        RegionalIndicatorFactory(region=bretagne)
        ActionFactory()
        WorkingGroupFactory()


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/", 5),
        ("/regions/", 3),
        ("/regions/normandie/", 5),
        ("/sitemap.xml", 17),
    ],  # one per section
)
def test_site_pages_queries_do_not_grow(client, db, assert_flat_queries, url, most):
    assert_flat_queries(url, grow_portal, most=most)


def test_account_page_queries_do_not_grow(client, user, assert_flat_queries):
    """The member's contributions (on chapters and paragraphs), follows of consultations and
    chapters, applications to working groups."""
    client.force_login(user)

    def grow(n):
        for _ in range(n):
            chapter = ChapterFactory()
            ContributionFactory(chapter=chapter, author=user)
            ContributionFactory(chapter=chapter, author=user, paragraph=paragraph_at(chapter, 2))
            chapter.consultation.follows.create(user=user)
            chapter.follows.create(user=user)
            ApplicationFactory(user=user)

    # 9: the contributions are paginated (a count), with their official answers and those on
    # their paragraphs (tests/esante/test_account_trail.py measures them answered).
    response = assert_flat_queries("/mon-compte/", grow, most=9)
    assert response.content.decode().count("#contribution-") == 20  # the latest twenty
