"""The concertation demo content of `load_demo`: what the issue names."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from concertation.models import Consultation, Contribution, ParagraphText
from tests.demo_once import demo_loaded

PARIS = ZoneInfo("Europe/Paris")
DOCTRINE = "doctrine-technique-2019"
ROADMAP = "feuille-de-route-2023-2027"


def load_demo():
    call_command("load_demo", stdout=StringIO())


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def demo(_demo_once, db):
    """Loaded once for the module (tests/demo_once.py): tests that load it themselves first."""


# Loading twice changes nothing: tests/esante/test_load_demo.py, for every app.


def test_roadmap_consultation_reopens_in_development(db, settings):
    settings.DEMO_ACCOUNTS = True
    load_demo()
    roadmap = Consultation.objects.get(slug=ROADMAP)
    assert roadmap.state == Consultation.State.OPEN
    assert roadmap.closes_at > timezone.now() + datetime.timedelta(days=30)
    assert roadmap.chapters.count() == 4


def test_doctrine_is_closed_with_the_chapters_of_the_source_document(demo):
    doctrine = Consultation.objects.get(slug=DOCTRINE)
    assert doctrine.is_published and doctrine.state == Consultation.State.CLOSED
    assert doctrine.published_on == datetime.date(2019, 9, 30)
    assert timezone.localtime(doctrine.opens_at, PARIS).date() == datetime.date(2019, 9, 30)
    assert list(doctrine.chapters.order_by("number").values_list("number", "title")) == [
        (1, "Sécurité des systèmes d'information"),
        (2, "Interopérabilité"),
        (3, "MSSanté"),
        (4, "Services numériques de coordination pour les parcours de santé"),
    ]
    for chapter in doctrine.chapters.all():
        # The security chapter was revised after the close (see the results tests below).
        expected = 2 if chapter.slug == "securite-des-systemes-d-information" else 1
        assert chapter.current_version.number == expected
        assert chapter.current_version.texts.count() >= 2


def test_roadmap_consultation_has_its_four_axes(demo):
    roadmap = Consultation.objects.get(slug=ROADMAP)
    chapters = list(roadmap.chapters.order_by("number"))
    assert [c.number for c in chapters] == [1, 2, 3, 4]
    assert all(c.current_version is not None for c in chapters)
    assert timezone.localtime(roadmap.closes_at, PARIS).date() == datetime.date(2023, 3, 14)
    assert roadmap.state == Consultation.State.CLOSED
    # The first axis was revised: its contributions show on two versions.
    assert chapters[0].versions.count() == 2


def test_demo_has_contributions_replies_reactions_and_a_flag(demo):
    assert Contribution.objects.filter(parent__isnull=False).exists()
    assert Contribution.objects.filter(status="hidden").exclude(moderation_reason="").exists()
    assert Contribution.objects.filter(kind="rewording").exclude(proposed_text="").exists()
    assert Contribution.objects.filter(flag_count__gt=0, flags__isnull=False).exists()
    # The counters agree with the rows they count (counted by the database: a few hundred rows).
    counted = Contribution.objects.annotate(
        agreed=Count("reactions", filter=Q(reactions__value="agree"), distinct=True),
        disagreed=Count("reactions", filter=Q(reactions__value="disagree"), distinct=True),
        flagged=Count("flags", distinct=True),
    )
    wrong = counted.exclude(
        agree_count=F("agreed"), disagree_count=F("disagreed"), flag_count=F("flagged")
    )
    assert not wrong.exists()
    on_paragraphs = Contribution.objects.filter(paragraph__isnull=False)
    assert not on_paragraphs.exclude(paragraph__chapter=F("chapter")).exists()
    shown = ParagraphText.objects.filter(
        version=OuterRef("version"), paragraph=OuterRef("paragraph")
    )
    assert not on_paragraphs.exclude(Exists(shown)).exists()
    assert not Contribution.objects.exclude(version__chapter=F("chapter")).exists()
    assert (
        not Contribution.objects.filter(parent__isnull=False)
        .exclude(parent__chapter=F("chapter"))
        .exists()
    )


def test_demo_pages_render(client, demo):
    for consultation in Consultation.objects.all():
        assert client.get(consultation.get_absolute_url()).status_code == 200
        for chapter in consultation.chapters.all():
            response = client.get(chapter.get_absolute_url())
            assert response.status_code == 200
    html = client.get("/concertation/").content.decode()
    assert "Doctrine technique du numérique en santé" in html
    assert "Feuille de route du numérique en santé 2023-2027" in html
