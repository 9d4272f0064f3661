"""A strict Content-Security-Policy on every page type, and pages that need nothing more (issue 15).

The browser suite (tests/e2e/conftest.py) fails on any violation the browser reports; these
tests check the header and the markup without a browser: every page type of the accessibility
statement (esante.accessibility.CHECKED_PAGES, with the demo content), signed-in pages, the
admin and error pages.
"""

import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from concertation.models import Contribution
from esante.accessibility import CHECKED_PAGES
from esante.models import User
from events.models import Event

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "demo-esante-2026"


def directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parsed = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        parsed[name] = values
    return parsed


def assert_strict(response, path):
    policy = directives(response)
    scripts = policy.get("script-src", policy["default-src"])
    assert scripts == ["'self'"], (path, scripts)
    assert policy["default-src"] == ["'self'"], path
    assert policy.get("style-src", policy["default-src"]) == ["'self'"], path
    assert policy["object-src"] == ["'none'"], path
    assert policy["base-uri"] == ["'self'"], path
    assert policy["form-action"] == ["'self'"], path
    assert policy["frame-ancestors"] == ["'none'"], path
    assert set(policy["img-src"]) == {"'self'", "data:"}, path
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"], path
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], path


class InlineCode(HTMLParser):
    """What a policy without 'unsafe-inline' blocks: inline scripts (JSON data blocks are not
    run, so not blocked), event handler attributes, javascript: links, style elements and
    attributes."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script":
            runs = (attrs.get("type") or "text/javascript") not in ("application/json",)
            self._script = {"src": attrs.get("src"), "runs": runs, "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script["runs"] and not self._script["src"] and self._script["text"].strip():
                self.found.append(f"inline <script>: {self._script['text'].strip()[:60]!r}")
            self._script = None


def inline_code(response) -> list[str]:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser.found


def test_the_markup_checker_sees_what_the_policy_blocks():
    """The checker below must not pass by seeing nothing."""
    parser = InlineCode()
    parser.feed(
        '<button onclick="x()">a</button><p style="color:red">b</p><script>alert(1)</script>'
        '<a href=" JavaScript:alert(1)">c</a><style>p{}</style>'
        '<script src="/static/js/site.js"></script>'
        '<script type="application/json">{"a": 1}</script>'
    )
    assert len(parser.found) == 5, parser.found


@pytest.fixture
def demo(settings):
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo", stdout=io.StringIO())


def test_every_page_type_has_a_strict_policy_and_nothing_inline(client, demo):
    pages = [path for _label, path in CHECKED_PAGES]
    pages += ["/cette-page-n-existe-pas/", "/admin/login/"]
    problems = []
    for path in pages:
        response = client.get(path, follow=True)
        assert response.status_code in (200, 404), (path, response.status_code)
        assert_strict(response, path)
        problems += [f"{path}: {found}" for found in inline_code(response)]
    assert not problems, "\n".join(problems)


def test_signed_in_pages_have_a_strict_policy_and_nothing_inline(client, demo):
    client.force_login(User.objects.get(email="citoyenne@demo.esante.local"))
    problems = []
    for path in (
        "/mon-compte/",
        "/",
        dict(CHECKED_PAGES)["Chapitre et contributions"],
        "/comptes/email/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response, path)
        problems += [f"{path}: {found}" for found in inline_code(response)]
    assert not problems, "\n".join(problems)


def test_admin_pages_have_a_strict_policy_and_nothing_inline(dns_client, demo):
    paths = [
        "/admin/",
        "/admin/concertation/contribution/",
        f"/admin/concertation/contribution/{Contribution.objects.first().pk}/change/",
        "/admin/concertation/officialanswer/",
        "/admin/concertation/officialanswer/add/",
        "/admin/events/event/",
        "/admin/events/event/add/",
        f"/admin/events/event/{Event.objects.first().pk}/change/",
    ]
    problems = []
    for path in paths:
        response = dns_client.get(path)
        assert response.status_code == 200, path
        assert_strict(response, path)
        problems += [f"{path}: {found}" for found in inline_code(response)]
    assert not problems, "\n".join(problems)
