"""« N jours restants » counts days on the Paris calendar, whatever the hour or the clock change."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from concertation.models import Consultation

PARIS = ZoneInfo("Europe/Paris")


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("closes_at", "now", "days"),
    [
        # The evening before a close at noon: one day left, not « dernier jour ».
        (paris(2027, 1, 15, 12, 0), paris(2027, 1, 14, 20, 0), 1),
        (paris(2027, 1, 15, 12, 0), paris(2027, 1, 15, 0, 5), 0),
        # The morning two days before a close late at night: two days, not one.
        (paris(2027, 1, 15, 23, 59), paris(2027, 1, 13, 9, 0), 2),
        # Closing at midnight sharp: the 15th was the last day.
        (paris(2027, 1, 16, 0, 0), paris(2027, 1, 15, 10, 0), 0),
        (paris(2027, 1, 16, 0, 0), paris(2027, 1, 14, 23, 0), 1),
        # New Year in Paris while UTC is still in December.
        (
            paris(2027, 1, 2, 23, 59),
            datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),
            1,
        ),
        # The night the clocks go forward (a 23-hour day).
        (paris(2027, 3, 29, 8, 0), datetime.datetime(2027, 3, 28, 1, 30, tzinfo=datetime.UTC), 1),
        # Across a leap day.
        (paris(2028, 3, 1, 18, 0), paris(2028, 2, 28, 18, 0), 2),
    ],
)
def test_days_left_on_the_paris_calendar(closes_at, now, days):
    consultation = Consultation(opens_at=paris(2026, 1, 1, 0, 0), closes_at=closes_at)
    assert consultation.days_left_at(now) == days


@pytest.mark.django_db
def test_the_card_says_one_day_left_the_evening_before_a_close_at_noon(client):
    from tests.concertation.factories import ConsultationFactory

    with time_machine.travel(paris(2027, 1, 14, 20, 0), tick=False):
        ConsultationFactory(title="Ferme à midi", closes_at=paris(2027, 1, 15, 12, 0))
        html = client.get("/concertation/").content.decode()
    card = html.split("Ferme à midi", 1)[1].split("fr-card__body")[0]
    assert "1 jour restant" in card
    assert "dernier jour" not in card
