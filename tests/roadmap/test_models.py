"""Roadmap models: French display of figures, database constraints, publication of news."""

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

NBSP = "\u00a0"  # between a figure and its unit, as the code writes it


def utc(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=datetime.UTC)


PARIS_2023_02_02_NOON = utc(2023, 2, 2, 11, 0)


@pytest.mark.parametrize(
    ("qualifier", "value", "unit", "expected"),
    [
        ("", "81", "structures", f"81{NBSP}structures"),
        ("more_than", "6.6", "M€", f"plus de 6,6{NBSP}M€"),
        ("nearly", "10.6", "M€", f"près de 10,6{NBSP}M€"),
        ("", "64", "%", f"64{NBSP}%"),
        ("more_than", "400", "référents", f"plus de 400{NBSP}référents"),
        ("about", "27", "projets", f"environ 27{NBSP}projets"),
        ("", "1234", "projets", f"1{NBSP}234{NBSP}projets"),
        ("", "1234567.5", "€", f"1{NBSP}234{NBSP}567,5{NBSP}€"),
        ("", "12", "", "12"),
    ],
)
def test_display_value_reads_as_french_readers_write_it(qualifier, value, unit, expected):
    indicator = RegionalIndicator(qualifier=qualifier, value=Decimal(value), unit=unit)

    assert indicator.display_value == expected


def test_display_value_of_a_saved_figure_drops_the_stored_trailing_zeros(db):
    # The column keeps two decimals: 6.6 comes back as Decimal("6.60") and 81 as "81.00".
    more = RegionalIndicatorFactory(qualifier="more_than", value=Decimal("6.6"), unit="M€")
    exact = RegionalIndicatorFactory(value=Decimal("81"), unit="structures")
    more.refresh_from_db()
    exact.refresh_from_db()

    assert more.display_value == f"plus de 6,6{NBSP}M€"
    assert exact.display_value == f"81{NBSP}structures"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12.75", f"12,75{NBSP}%"), ("0.99", f"0,99{NBSP}%"), ("99.95", f"99,95{NBSP}%")],
)
def test_display_value_never_misstates_a_figure_with_two_decimals(value, expected):
    # The model stores two decimals; showing 99.95 % as "99,9 %" publishes a wrong figure.
    indicator = RegionalIndicator(value=Decimal(value), unit="%")

    assert indicator.display_value == expected


def test_progress_above_100_percent_is_rejected_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(progress=101)

    action = ActionFactory(progress=100)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(progress=150)
    action.refresh_from_db()
    assert action.progress == 100


def test_an_action_number_is_unique_within_its_roadmap_only(db):
    action = ActionFactory(number=7)

    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(axis=action.axis, number=7)
    # Another axis of the same roadmap does not make the number free again.
    other_axis = AxisFactory(roadmap=action.roadmap)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(axis=other_axis, number=7)

    # The same number in another edition is fine: #MaSanté2022 and 2023-2027 both have an action 7.
    assert ActionFactory(number=7).roadmap != action.roadmap
    assert Action.objects.filter(number=7).count() == 2


def test_an_axis_number_is_unique_within_its_roadmap(db):
    axis = AxisFactory(number=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        AxisFactory(roadmap=axis.roadmap, number=1)


def test_a_roadmap_cannot_end_before_it_starts(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoadmapFactory(start_year=2027, end_year=2023)

    assert RoadmapFactory(start_year=2023, end_year=2023).period == "2023-2023"


def test_an_indicator_is_unique_per_programme_region_label_and_date(db):
    indicator = RegionalIndicatorFactory(label="Structures accompagnées")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegionalIndicatorFactory(
            programme=indicator.programme, label="Structures accompagnées", date=indicator.date
        )
    # A later measure of the same figure is a new row: the history is kept.
    RegionalIndicatorFactory(
        programme=indicator.programme,
        label="Structures accompagnées",
        date=indicator.date + datetime.timedelta(days=30),
    )


def titles(queryset):
    return sorted(item.title for item in queryset)


@time_machine.travel(PARIS_2023_02_02_NOON, tick=False)
def test_published_news_hides_future_dated_and_unpublished_items(db):
    NewsItemFactory(title="Hier", published_on=datetime.date(2023, 2, 1))
    NewsItemFactory(title="Aujourd'hui", published_on=datetime.date(2023, 2, 2))
    NewsItemFactory(title="Demain", published_on=datetime.date(2023, 2, 3))
    NewsItemFactory(title="Brouillon", published_on=datetime.date(2023, 1, 1), is_published=False)

    assert titles(NewsItem.objects.published()) == ["Aujourd'hui", "Hier"]
    assert NewsItem.objects.count() == 4


def test_a_news_item_is_published_on_its_date_in_paris_time(db):
    NewsItemFactory(title="Communiqué", published_on=datetime.date(2023, 2, 2))

    # 22:59 UTC is 23:59 in Paris on 1 February: not yet.
    with time_machine.travel(
        datetime.datetime(2023, 2, 1, 22, 59, tzinfo=datetime.UTC), tick=False
    ):
        assert titles(NewsItem.objects.published()) == []
    # 23:30 UTC is already 00:30 on 2 February in Paris, the portal's time zone.
    with time_machine.travel(
        datetime.datetime(2023, 2, 1, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        assert titles(NewsItem.objects.published()) == ["Communiqué"]


@time_machine.travel(PARIS_2023_02_02_NOON, tick=False)
def test_future_and_unpublished_news_stay_off_every_public_page(client, db):
    NewsItemFactory(title="Communiqué publié", published_on=datetime.date(2023, 2, 2))
    future = NewsItemFactory(
        title="Communiqué sous embargo", published_on=datetime.date(2023, 3, 1)
    )
    draft = NewsItemFactory(title="Brouillon interne", is_published=False)

    for url in ("/", "/actualites/", "/actualites/rss/", "/actualites/atom/"):
        html = client.get(url).content.decode()
        assert "Communiqué publié" in html, url
        assert "Sous embargo" not in html, url
        assert "Brouillon interne" not in html, url
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404

    with time_machine.travel(utc(2023, 3, 1, 11, 0), tick=False):
        assert client.get(future.get_absolute_url()).status_code == 200
