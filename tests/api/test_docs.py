"""The OpenAPI document and the documentation page: described in French, under the Licence
Ouverte, and a page that works under the site's strict Content-Security-Policy (nothing
inline; every script and style served by the site itself)."""

import re

from tests.security.test_csp import assert_strict, inline_code

API = "/api/v1"


def test_openapi_document(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    info = document["info"]
    assert info["license"]["name"].startswith("Licence Ouverte 2.0")
    assert info["contact"]["name"]
    assert "Licence Ouverte" in info["description"]
    assert len(document["paths"]) == 14
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            assert method == "get", where  # read-only: nothing else documented
            assert operation["summary"] and operation["description"], where
            for parameter in operation.get("parameters", []):
                assert parameter.get("description"), (where, parameter["name"])
            assert {"304", "429"} <= set(operation["responses"]), where
    for name, component in document["components"]["schemas"].items():
        for field, spec in component.get("properties", {}).items():
            if "$ref" in spec or "allOf" in spec:
                continue
            assert spec.get("description"), (name, field)


def test_docs_page_under_the_strict_policy(client, db):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    assert_strict(response, f"{API}/docs/")
    assert inline_code(response) == []
    html = response.content.decode()
    assert 'lang="fr"' in html
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(url.endswith("swagger-ui-bundle.js") for url in assets)
    assert any(url.endswith("api/docs.js") for url in assets)
    for url in assets:
        assert url.startswith("/static/"), url  # this origin, no CDN
        assert client.get(url).status_code == 200, url
    assert f'data-schema-url="{API}/openapi.json"' in html
