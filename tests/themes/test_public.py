"""The themes on a closed consultation's results page (issue 18): visible themes with their
method explained, hidden and merged ones never public, nothing while the consultation is open,
and queries that do not grow with the number of themes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.concertation.factories import ConsultationFactory
from tests.themes.conftest import corpus_rows
from themes import selectors, services
from themes.models import Theme


def results(client, consultation):
    response = client.get(f"/concertation/{consultation.slug}/resultats/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def themed(consultation, write):
    write(corpus_rows())
    services.themes_fit(consultation=consultation)
    return list(Theme.objects.filter(consultation=consultation).order_by("-size", "pk"))


def test_the_closed_consultation_shows_its_visible_themes(client, consultation, themed):
    first, second, *_ = themed
    first.label = "Interopérabilité des logiciels"
    first.save()
    services.themes_hide(themes=[second], hidden=True)
    page = results(client, consultation)
    assert "Thèmes des contributions" in page
    assert "Comment ces thèmes sont-ils calculés ?" in page
    assert "Limites : la méthode compte des mots" in page
    assert "Interopérabilité des logiciels" in page
    assert f'id="theme-{first.pk}"' in page
    assert f'id="theme-{second.pk}"' not in page
    example = first.memberships.filter(representative=True).first().contribution
    assert example.get_absolute_url().replace("&", "&amp;") in page


def test_merged_themes_are_shown_once_in_their_target(client, consultation, themed):
    services.themes_merge(themes=[themed[1]], into=themed[0])
    page = results(client, consultation)
    assert f'id="theme-{themed[0].pk}"' in page
    assert f'id="theme-{themed[1].pk}"' not in page


def test_nothing_before_the_consultation_closes(db):
    open_consultation = ConsultationFactory()
    assert selectors.public_themes(open_consultation) == []


def test_the_section_reads_its_themes_in_two_queries(consultation, themed):
    with CaptureQueriesContext(connection) as few:
        assert len(selectors.public_themes(consultation)) == 4
    services.themes_merge(themes=[themed[3]], into=themed[2])
    with CaptureQueriesContext(connection) as fewer:
        themes = selectors.public_themes(consultation)
        assert all(t.examples[0].get_absolute_url() for t in themes)
    assert len(few) == len(fewer) == 2
