"""The DCAT catalogue that data.gouv.fr harvests parses, and lists every dataset with a download
address for each of its formats, absolute on the site that served the catalogue."""

import pytest
from rdflib import RDF, Graph, URIRef, namespace

from opendata.datasets import DATASETS

pytestmark = pytest.mark.django_db


HOST = "donnees.example.test:8443"


def test_the_catalogue_parses_and_holds_every_dataset(client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "donnees.example.test"]
    response = client.get("/donnees/catalogue.jsonld", HTTP_HOST=HOST)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.content, format="json-ld")
    assert len(list(graph.subjects(RDF.type, namespace.DCAT.Catalog))) == 1
    datasets = set(graph.subjects(RDF.type, namespace.DCAT.Dataset))
    assert len(datasets) == len(DATASETS)
    origin = f"http://{HOST}"
    for dataset in DATASETS:
        node = URIRef(f"{origin}/donnees/{dataset.slug}/")
        assert node in datasets
        assert graph.value(node, namespace.DCTERMS.title) is not None
        assert str(graph.value(node, namespace.DCTERMS.license)).startswith(
            "https://www.etalab.gouv.fr/"
        )
        assert graph.value(node, namespace.DCTERMS.accrualPeriodicity) is not None
        assert graph.value(node, namespace.DCTERMS.modified) is not None
        urls = {
            str(graph.value(distribution, namespace.DCAT.downloadURL))
            for distribution in graph.objects(node, namespace.DCAT.distribution)
        }
        assert urls == {
            f"{origin}/donnees/{dataset.slug}.csv",
            f"{origin}/donnees/{dataset.slug}.json",
        }
        for distribution in graph.objects(node, namespace.DCAT.distribution):
            assert graph.value(distribution, namespace.DCAT.mediaType) is not None
    # The addresses it gives are served.
    first = DATASETS[0]
    assert client.get(f"/donnees/{first.slug}.csv", HTTP_HOST=HOST).status_code == 200


def test_the_english_catalogue_gives_the_same_canonical_addresses(client):
    graph = Graph().parse(data=client.get("/en/donnees/catalogue.jsonld").content, format="json-ld")
    urls = {str(url) for url in graph.objects(None, namespace.DCAT.downloadURL)}
    assert "http://testserver/donnees/contributions.csv" in urls
    assert not [url for url in urls if "/en/" in url]
