import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from concertation.models import Consultation
from tests.demo_once import demo_loaded


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker, DEMO_ACCOUNTS=False):
        yield


@pytest.fixture
def demo(_demo_once, db, settings):
    """Loaded once for the module (tests/demo_once.py): tests without it come first."""
    settings.DEMO_ACCOUNTS = False


# Without the demo, so before the first test that uses it (tests/demo_once.py).


def test_robots_txt(client, db):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_public_pages_only(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap, in a test
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert "http://testserver/evenements/tour-des-regions-2023-rouen/" in locations
    assert "http://testserver/concertation/doctrine-technique-2019/" in locations
    assert not any("/admin/" in url or "/comptes/" in url for url in locations)
    # The results of closed consultations only (an open one has none yet: 404 for the public).
    results = {url for url in locations if url.endswith("/resultats/")}
    assert "http://testserver/concertation/doctrine-technique-2019/resultats/" in results
    for url in results:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    open_ = Consultation.objects.published().filter(closes_at__gt=timezone.now())
    for consultation in open_:
        assert f"http://testserver/concertation/{consultation.slug}/resultats/" not in results


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/evenements/tour-des-regions-2023-rouen/", "étape de Rouen"),
        ("/concertation/doctrine-technique-2019/", "Doctrine technique"),
        ("/actualites/tour-des-regions-2023-2027-rouen-actions-regionales/", "Tour des régions"),
    ],
)
def test_open_graph_and_canonical(client, demo, url, title):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    og_title = html.split('<meta property="og:title" content="')[1].split('"')[0]
    assert title in og_title
