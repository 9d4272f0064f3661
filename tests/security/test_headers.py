"""Security headers on every kind of response, HTTPS only behind the proxy, forged hosts refused,
signed-in pages never stored by a cache (issue 15).

The suite serves http://testserver (SITE_URL), so the HTTPS defaults of production are off here:
the tests that need them switch them on, or send `secure=True` as the proxy would say it.
"""

import pytest

from tests.esante.factories import UserFactory

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 3600


def assert_security_headers(response):
    headers = response.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer", "strict-origin")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(
        feature.strip().split("=", 1) for feature in headers["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()", feature
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


@pytest.fixture
def citizen_client(client):
    client.force_login(UserFactory())
    return client


def test_public_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert_security_headers(response)


def test_not_found_page(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert_security_headers(response)


def test_signed_in_pages(citizen_client):
    for path in ("/mon-compte/", "/"):
        response = citizen_client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_admin_pages(dns_client):
    for path in ("/admin/", "/admin/concertation/contribution/"):
        response = dns_client.get(path)
        assert response.status_code == 200, path
        assert_security_headers(response)


def test_admin_login_page(client):
    response = client.get("/admin/login/", follow=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_hsts_on_https_responses_only(client):
    secure = client.get("/", secure=True)
    assert secure.headers["Strict-Transport-Security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )
    # Over plain HTTP a browser ignores it, and `make run` must not pin itself to HTTPS.
    assert "Strict-Transport-Security" not in client.get("/").headers


def test_plain_http_is_redirected_to_https_and_the_proxy_header_is_trusted(client, settings):
    settings.SECURE_SSL_REDIRECT = True  # the production default (SITE_URL in https://)

    plain = client.get("/concertation/?page=2")
    assert plain.status_code == 301
    assert plain.headers["Location"] == "https://testserver/concertation/?page=2"

    behind_the_proxy = client.get("/concertation/", headers={"X-Forwarded-Proto": "https"})
    assert behind_the_proxy.status_code == 200
    # The load balancer's health probe stays on plain HTTP.
    assert client.get("/healthz").status_code in (200, 503)


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "testserver.evil.example",
        "evil.example:80",
        "testserver@evil.example",
        "evil.example#testserver",
    ],
)
def test_a_forged_host_header_gets_400(client, host):
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400


def test_the_account_page_is_never_stored(citizen_client):
    response = citizen_client.get("/mon-compte/")

    cache_control = {part.strip() for part in response.headers["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert "public" not in cache_control


def test_every_page_served_to_a_signed_in_person_is_never_stored(citizen_client):
    # The header names the person on every page, not only on /mon-compte/.
    for path in ("/", "/concertation/", "/cette-page-n-existe-pas/"):
        response = citizen_client.get(path)
        assert "no-store" in response.headers.get("Cache-Control", ""), path


def test_staff_pages_are_never_stored(dns_client):
    response = dns_client.get("/admin/concertation/contribution/")
    assert "no-store" in response.headers["Cache-Control"]


def test_anonymous_pages_stay_cacheable(client):
    """The rule is for signed-in people only: public pages keep what their views say."""
    response = client.get("/")
    assert "no-store" not in response.headers.get("Cache-Control", "")
