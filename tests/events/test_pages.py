import datetime

import pytest
from django.utils import timezone

from events.models import Event
from tests.demo_once import demo_loaded
from tests.events.factories import EventFactory


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker, DEMO_ACCOUNTS=True):
        yield


@pytest.fixture
def demo(_demo_once, db, settings):
    """Loaded once for the module (tests/demo_once.py): tests without it come first."""
    settings.DEMO_ACCOUNTS = True


# Without the demo, so before the first test that uses it (tests/demo_once.py).


def test_seats_left_shown(client, db):
    event = EventFactory(
        capacity=10, registration_closes_at=timezone.now() + datetime.timedelta(days=5)
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Places restantes :</strong> 10 sur 10" in html


def titles(response, key):
    return [e.title for e in response.context[key]]


def test_demo_holds_the_source_documents(demo):
    tour_2019 = Event.objects.filter(slug__startswith="tour-de-france-e-sante-2019")
    assert {e.region.slug for e in tour_2019} == {
        "hauts-de-france", "normandie", "bretagne", "bourgogne-franche-comte", "occitanie"
    }  # fmt: skip
    assert all(230 <= e.attendance <= 600 for e in tour_2019)
    workshop = Event.objects.get(slug="atelier-citoyens-toulouse-2019")
    assert workshop.personas.count() == 5 and workshop.starts_at.date() == datetime.date(
        2019, 10, 1
    )
    rouen = Event.objects.get(slug="tour-des-regions-2023-rouen")
    assert rouen.attendance == 100 and "SUN-ES" in rouen.report
    assert rouen.programmes.count() == 3
    upcoming = Event.objects.get(slug="tour-des-regions-normandie-prochaine-etape")
    assert upcoming.registration_state() == "open"


def test_list_sections_and_filters(client, demo):
    response = client.get("/evenements/")
    assert titles(response, "upcoming") == [
        "Tour des régions — prochaine étape normande : cybersécurité des établissements"
    ]
    assert len(response.context["past"]) == 7
    normandie = client.get("/evenements/", {"region": "normandie", "mois": "2023-02"})
    assert titles(normandie, "past") == [
        "Tour des régions de la feuille de route 2023-2027 — étape de Rouen"
    ]
    workshops = client.get("/evenements/", {"type": "workshop"})
    assert titles(workshops, "past") == ["Premier atelier citoyens — Toulouse"]
    bad = client.get("/evenements/", {"region": "atlantide", "mois": "2023-13", "type": "x"})
    assert bad.status_code == 200
    assert "n'est pas reconnu" in bad.content.decode()
    assert len(bad.context["past"]) == 7


def test_map_and_its_table_alternative(client, demo):
    response = client.get("/evenements/")
    html = response.content.decode()
    assert "esante-tilemap__tile--normandie" in html
    assert 'id="tableau-evenements-par-region">Nombre d\'événements par région</caption>' in html
    # One response for both: a second one is served from the anonymous page cache, unrendered.
    normandie = next(r for r in response.context["regions"] if r.slug == "normandie")
    assert (normandie.upcoming_count, normandie.past_count) == (1, 2)


def test_region_page_lists_events_beside_indicators(client, demo):
    html = client.get("/regions/normandie/").content.decode()
    assert "étape de Rouen" in html and "plus de 6,6\xa0M€" in html
    assert "calendrier.ics?region=normandie" in html


def test_event_pages(client, demo):
    rouen = client.get("/evenements/tour-des-regions-2023-rouen/").content.decode()
    assert "Thomas Deroche" in rouen and "100 participants" in rouen
    workshop = client.get("/evenements/atelier-citoyens-toulouse-2019/").content.decode()
    assert "profils types" in workshop and "Les résultats seront publiés prochainement" in workshop
    assert client.get("/evenements/inconnu/").status_code == 404
