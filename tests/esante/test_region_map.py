"""The map of the regions the home page promises: on the regions page, with its table."""

import re

import pytest
from django.utils.html import escape

from esante.models import Region

MAP = '<ul class="esante-tilemap fr-raw-list" aria-label="Carte schématique des régions">'


def assert_map_of_every_region(html):
    assert MAP in html
    tiles = html.split(MAP)[1].split("</ul>")[0]
    table = html.split('<caption id="tableau-evenements-par-region">')[1].split("</table>")[0]
    for region in Region.objects.all():
        url, name = region.get_absolute_url(), escape(region.name)
        assert f"esante-tilemap__tile--{region.slug}" in tiles
        assert f'<a href="{url}"><span class="esante-tilemap__name">{name}</span>' in tiles
        assert f'<th scope="row"><a href="{url}">{name}</a></th>' in table


@pytest.mark.django_db
def test_the_map_of_the_regions_linked_from_the_home_page_is_there(client):
    home = client.get("/").text
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]*carte des régions[^<]*)</a>', home)
    assert links, "the home page links to the map of the regions"
    for url, _text in links:
        assert_map_of_every_region(client.get(url).text)
    assert_map_of_every_region(client.get("/regions/").text)
    # The map of the events page is the same, shared include.
    assert_map_of_every_region(client.get("/evenements/").text)


@pytest.mark.django_db
def test_each_tile_names_its_number_of_events_for_screen_readers(client):
    html = client.get("/regions/").text
    tiles = html.split(MAP)[1].split("</ul>")[0]
    assert tiles.count('<span class="fr-sr-only"> événement</span>') == Region.objects.count()
    english = client.get("/en/regions/").text
    assert '<h2 id="carte-des-regions">Map of the regions</h2>' in english
    assert '<span class="fr-sr-only"> events</span>' in english
