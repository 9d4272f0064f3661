"""Every `next` accepts only this site's paths (issue 15): the hostile targets below, on every
endpoint that takes one (allauth login and logout, the admin login's redirect)."""

from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.urls import reverse

from tests.esante.factories import UserFactory

HOSTILE = [
    "//evil.tld",
    "/\\evil.tld",
    "https:evil.tld",
    "%2F%2Fevil.tld",
    "\t//evil.tld",
    "https://testserver@evil.tld",
    "javascript:alert(1)",
    "https://evil.tld/",
    "///evil.tld",
    "/\t/evil.tld",
    "\\\\evil.tld",
    "http:/\\/\\evil.tld",
]


def is_local(location: str) -> bool:
    """Where a browser goes from a page of this site: still this site, over http(s)."""
    # Browsers drop tabs and line breaks and read backslashes as slashes, as WHATWG URL says.
    cleaned = location.replace("\t", "").replace("\n", "").replace("\\", "/")
    resolved = urlsplit(urljoin("http://testserver/comptes/login/", cleaned))
    return resolved.scheme == "http" and resolved.netloc == "testserver"


@pytest.mark.parametrize("target", HOSTILE)
def test_login_next(client, db, target):
    user = UserFactory()
    user.set_password("un-mot-de-passe-solide-42")
    user.save()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "un-mot-de-passe-solide-42", "next": target},
    )
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_logout_next(client, db, target):
    client.force_login(UserFactory())
    response = client.post(reverse("account_logout"), {"next": target})
    assert response.status_code == 302
    assert is_local(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", HOSTILE)
def test_admin_login_next(client, db, target):
    response = client.get("/admin/login/", {"next": target})
    assert response.status_code == 302
    assert is_local(response["Location"])
    (kept,) = parse_qs(urlsplit(response["Location"]).query)["next"]
    assert is_local(kept), kept
