"""/donnees/ and the page of each dataset: every dataset listed with its schema page, every
field described; their queries do not depend on the number of rows."""

import json

import pytest
from django.urls import reverse

from opendata.datasets import DATASETS
from opendata.tasks import export_opendata
from tests.concertation.factories import ChapterFactory, ContributionFactory

pytestmark = pytest.mark.django_db


def test_the_index_lists_every_dataset_with_its_schema_page_and_downloads(client):
    html = client.get("/donnees/").content.decode()
    for dataset in DATASETS:
        for url_name in ("dataset", "dataset_csv", "dataset_json", "dataset_schema"):
            assert f'href="{reverse(f"opendata:{url_name}", args=[dataset.slug])}"' in html
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in html
    assert 'href="/donnees/catalogue.jsonld"' in html
    assert "virgule" in html and "UTF-8" in html
    # No archive yet: no link to it.
    assert 'href="/donnees/archive.zip"' not in html


def test_the_index_shows_the_latest_archive_and_the_row_counts(client):
    ChapterFactory()
    ContributionFactory.create_batch(3)
    # Served from the anonymous page cache from then on: a new archive must replace it.
    assert 'href="/donnees/archive.zip"' not in client.get("/donnees/").content.decode()
    assert 'href="/donnees/archive.zip"' not in client.get("/donnees/").content.decode()
    export_opendata.delay()
    html = client.get("/donnees/").content.decode()
    assert 'href="/donnees/archive.zip"' in html
    assert "ZIP \u2013" in html


@pytest.mark.parametrize("dataset", DATASETS, ids=lambda d: d.slug)
def test_each_dataset_page_describes_every_field(client, dataset):
    response = client.get(f"/donnees/{dataset.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    for field in dataset.fields:
        assert f"<code>{field.name}</code>" in html
        for code, _label in field.choices:
            assert f"<code>{code}</code>" in html
    schema = json.loads(client.get(f"/donnees/{dataset.slug}/schema.json").content)
    assert [f["name"] for f in schema["fields"]] == dataset.names
    assert all(f["description"] for f in schema["fields"])


def test_an_unknown_dataset_is_a_404(client):
    assert client.get("/donnees/inconnu/").status_code == 404
    assert client.get("/donnees/inconnu.csv").status_code == 404


@pytest.mark.parametrize("contributions", [1, 30])
def test_the_pages_queries_do_not_depend_on_the_rows(
    client, django_assert_num_queries, contributions
):
    ContributionFactory.create_batch(contributions)
    export_opendata.delay()
    for url in ("/donnees/", "/donnees/contributions/", "/donnees/catalogue.jsonld"):
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200
