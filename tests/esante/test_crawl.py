"""The demo of `make run`, crawled link by link: no page answers 5xx, no internal link is broken.

.ci/run runs this again with the session clock (tests/conftest.py) at a first of the month, New
Year in Paris while UTC is still in December, the night the clocks go forward and a leap day: the
demo is loaded at that instant, as `make run` would load it, then every page is read.
"""

import re
from collections import deque
from html import unescape
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from esante.models import User
from tests.demo_once import demo_loaded

CITIZEN = "citoyenne@demo.esante.local"
# Pages that are not content: staff, actions a GET must not trigger, machine endpoints whose
# own tests cover them. Links to them are still checked to exist, not followed.
NOT_FOLLOWED = re.compile(r"^/(en/)?(admin/|comptes/logout|static/|media/)")
MAX_PAGES = 2000


# The links of a page, read with regular expressions rather than html.parser (a fifth of the
# crawl's time went into parsing): the tags <a> and <link>, their attributes quoted or not,
# comments, scripts and styles left out as an HTML parser leaves them.
SKIPPED = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)
LINK_TAG = re.compile(r"""<(a|link)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
REL_PAGES = ("alternate", "canonical", "next", "prev")
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def links_of(html: str) -> list[str]:
    """The href of every <a>, and of every <link> to another page (alternate, canonical, next,
    prev), in the order of the page, entities decoded."""
    links = []
    for tag, attributes in LINK_TAG.findall(SKIPPED.sub("", html)):
        attrs = {}
        for name, double, single, bare in ATTRIBUTE.findall(attributes):
            attrs[name.lower()] = unescape(double or single or bare)
        if tag.lower() == "link" and attrs.get("rel") not in REL_PAGES:
            continue
        if attrs.get("href"):
            links.append(attrs["href"])
    return links


def internal_links(base: str, html: str) -> list[str]:
    found = []
    for href in links_of(html):
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue  # another site: mailto:, tel:, the press releases' sources
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, starts) -> tuple[dict[str, int], dict[str, str]]:
    """Every page reachable from `starts` by GET: its status, and where each URL was found."""
    statuses, found_on = {}, {}
    queue = deque(starts)
    for url in starts:
        found_on[url] = "(start)"
    while queue and len(statuses) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code in (301, 302) and not NOT_FOLLOWED.match(url):
            target = urlsplit(response["Location"])
            location = target.path + (f"?{target.query}" if target.query else "")
            if location not in found_on and not target.netloc:
                found_on[location] = url
                queue.append(location)
            continue
        content_type = response.get("Content-Type", "")
        if NOT_FOLLOWED.match(url) or not (
            content_type.startswith("text/html") or content_type.startswith("application/xml")
        ):
            continue
        body = response.content.decode()
        links = internal_links(url, body)
        if content_type.startswith("application/xml"):  # sitemap.xml
            links = [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body)]
        for link in links:
            if link not in found_on:
                found_on[link] = url
                queue.append(link)
    assert not queue, f"more than {MAX_PAGES} pages: raise MAX_PAGES or look for a link loop"
    return statuses, found_on


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    # As `make run` loads it: development settings, demo accounts, the reopened consultation.
    # Once for both crawls (tests/demo_once.py).
    with demo_loaded(django_db_blocker, DEMO_ACCOUNTS=True):
        yield


@pytest.fixture
def demo(_demo_once, db, settings):
    settings.DEMO_ACCOUNTS = True


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "citizen"])
def test_every_page_of_the_demo_answers_without_error(client, demo, signed_in):
    client.raise_request_exception = False  # a 500 is counted, and the crawl goes on
    if signed_in:
        client.force_login(User.objects.get(email=CITIZEN))
    statuses, found_on = crawl(client, ["/", "/en/", "/sitemap.xml", "/robots.txt"])

    errors = {url: code for url, code in statuses.items() if code >= 500}
    assert not errors, [
        f"{url} → {code} (linked from {found_on[url]})" for url, code in errors.items()
    ]
    broken = {url: code for url, code in statuses.items() if code == 404}
    assert not broken, [f"{url} → 404 (linked from {found_on[url]})" for url in broken]
    pages = [url for url, code in statuses.items() if code == 200]
    # Every kind of page was reached, in both languages.
    for prefix in (
        "/concertation/",
        "/evenements/",
        "/feuille-de-route/",
        "/conseil/",
        "/regions/",
    ):
        assert any(url.startswith(prefix) for url in pages), prefix
        assert any(url.startswith("/en" + prefix) for url in pages), prefix
    if signed_in:
        assert "/mon-compte/" in pages and "/en/mon-compte/" in pages
