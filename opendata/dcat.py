"""The DCAT catalogue (JSON-LD) that data.gouv.fr harvests: one dcat:Dataset per dataset, one
dcat:Distribution per format, each with its absolute download address on the site asked."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from .archive import LICENCE, PUBLISHER, contact
from .datasets import DATASETS

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FREQUENCY = Namespace("http://purl.org/cld/freq/")
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
FORMATS = [
    ("csv", "CSV", "text/csv", "opendata:dataset_csv"),
    ("json", "JSON", "application/json", "opendata:dataset_json"),
]
CONTEXT = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}


def catalogue(*, absolute, modified: datetime.datetime | None) -> Graph:
    """`absolute(path)` makes an absolute URL on the site that was asked (the request's)."""
    modified = (modified or timezone.now()).replace(microsecond=0)
    stamp = Literal(modified.isoformat(), datatype=XSD.dateTime)
    graph = Graph()
    for prefix, namespace in CONTEXT.items():
        graph.bind(prefix, namespace)
    # Canonical (French) addresses whatever the interface language of the request.
    with translation.override("fr"):
        index = absolute(reverse("opendata:index"))
        catalog = URIRef(absolute(reverse("opendata:catalogue")))
        publisher = BNode("publisher")
        graph.add((publisher, RDF.type, FOAF.Organization))
        graph.add((publisher, FOAF.name, Literal(PUBLISHER, lang="fr")))
        graph.add((catalog, RDF.type, DCAT.Catalog))
        graph.add(
            (catalog, DCTERMS.title, Literal(f"Données ouvertes — {settings.SITE_NAME}", lang="fr"))
        )
        graph.add(
            (
                catalog,
                DCTERMS.description,
                Literal(
                    "Les données publiques de la concertation sur la feuille de route du "
                    "numérique en santé.",
                    lang="fr",
                ),
            )
        )
        graph.add((catalog, DCTERMS.publisher, publisher))
        graph.add((catalog, DCTERMS.modified, stamp))
        graph.add((catalog, DCTERMS.license, URIRef(LICENCE["path"])))
        graph.add((catalog, DCTERMS.language, Literal("fr")))
        graph.add((catalog, FOAF.homepage, URIRef(index)))
        point = BNode("contact")
        graph.add((point, RDF.type, VCARD.Kind))
        graph.add((point, VCARD.fn, Literal(PUBLISHER)))
        graph.add((point, VCARD.hasEmail, URIRef(f"mailto:{contact()}")))
        for dataset in DATASETS:
            page = absolute(reverse("opendata:dataset", kwargs={"slug": dataset.slug}))
            node = URIRef(page)
            graph.add((catalog, DCAT.dataset, node))
            graph.add((node, RDF.type, DCAT.Dataset))
            graph.add((node, DCTERMS.identifier, Literal(dataset.slug)))
            graph.add((node, DCTERMS.title, Literal(str(dataset.title), lang="fr")))
            graph.add((node, DCTERMS.description, Literal(str(dataset.description), lang="fr")))
            graph.add((node, DCTERMS.license, URIRef(LICENCE["path"])))
            graph.add((node, DCTERMS.publisher, publisher))
            graph.add((node, DCTERMS.modified, stamp))
            graph.add((node, DCTERMS.accrualPeriodicity, FREQUENCY.daily))
            graph.add((node, DCAT.landingPage, node))
            graph.add((node, DCAT.contactPoint, point))
            graph.add((node, DCAT.keyword, Literal("santé", lang="fr")))
            graph.add((node, DCAT.keyword, Literal("numérique en santé", lang="fr")))
            graph.add((node, DCAT.keyword, Literal("concertation", lang="fr")))
            schema = absolute(reverse("opendata:dataset_schema", kwargs={"slug": dataset.slug}))
            for extension, label, media_type, url_name in FORMATS:
                url = URIRef(absolute(reverse(url_name, kwargs={"slug": dataset.slug})))
                distribution = URIRef(f"{url}#distribution")
                graph.add((node, DCAT.distribution, distribution))
                graph.add((distribution, RDF.type, DCAT.Distribution))
                graph.add(
                    (distribution, DCTERMS.title, Literal(f"{dataset.title} ({label})", lang="fr"))
                )
                graph.add((distribution, DCAT.downloadURL, url))
                graph.add((distribution, DCAT.accessURL, url))
                graph.add((distribution, DCAT.mediaType, URIRef(f"{MEDIA_TYPES}{media_type}")))
                graph.add((distribution, DCTERMS.format, Literal(label)))
                graph.add((distribution, DCTERMS.license, URIRef(LICENCE["path"])))
                graph.add((distribution, DCTERMS.modified, stamp))
                if extension == "csv":
                    graph.add((distribution, DCTERMS.conformsTo, URIRef(schema)))
    return graph


def catalogue_jsonld(**kwargs) -> str:
    return catalogue(**kwargs).serialize(format="json-ld", context=CONTEXT, auto_compact=True)
