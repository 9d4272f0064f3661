"""The demo consultations have themes (issue 18 acceptance): the open and the closed one."""

import pytest

from concertation.models import Consultation
from tests.demo_once import demo_loaded
from themes import services
from themes.models import Theme, ThemeModel
from themes.selectors import public_themes


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


def test_the_closed_demo_consultation_has_themes(_demo_once, db, ci_report):
    slug = "doctrine-technique-2019"
    consultation = Consultation.objects.get(slug=slug)
    model = ThemeModel.objects.get(consultation=consultation)
    themes = Theme.objects.filter(consultation=consultation, merged_into__isnull=True)
    assert themes.count() >= 3
    assert sum(t.size for t in themes) >= 0.9 * model.contributions
    ci_report(
        f"themes of the demo « {slug} »: "
        + " | ".join(", ".join(t.top_terms[:4]) for t in themes.order_by("-size"))
    )


def test_the_open_demo_consultation_has_themes_once_it_has_enough_contributions(_demo_once, db):
    """The demo writes 3 contributions on the open consultation: under the minimum, so no
    themes yet (the admin says so); with enough of them, the refresh computes its themes."""
    consultation = Consultation.objects.get(slug="feuille-de-route-2023-2027")
    published = consultation.contributions.filter(status="published", parent__isnull=True)
    if published.count() < services.MIN_CONTRIBUTIONS:
        assert not ThemeModel.objects.filter(consultation=consultation).exists()
    else:
        assert Theme.objects.filter(consultation=consultation).count() >= 3


def test_the_closed_demo_consultation_shows_them_publicly(_demo_once, db):
    closed = Consultation.objects.get(slug="doctrine-technique-2019")
    assert closed.state == Consultation.State.CLOSED
    assert len(public_themes(closed)) >= 3
