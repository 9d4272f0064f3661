# The tables of targets are one line each, and the look-alike letters are what is tested:
# ruff: noqa: E501, RUF001
"""The hostile-input suite of issue 15: hundreds of hostile values through the public forms and
query parameters. For each: no 5xx; nothing unsafe rendered (no executable href or src, no
script from the input); nothing stored broken (no NUL or control character in the database).

Each value goes through one form field and one query parameter, in rotation over the targets
(every target gets dozens of values), so the suite stays well under a minute on SQLite. It prints
how many values and requests it tried."""

import html
import itertools
import re

import pytest
from django.urls import reverse

from concertation.council.models import Application
from concertation.models import Contribution, Flag
from events.models import Registration
from tests.concertation.factories import ChapterFactory, ContributionFactory, WorkingGroupFactory
from tests.esante.factories import UserFactory
from tests.events.factories import EventFactory

# What it asserts (no 5xx, nothing unsafe rendered or stored) cannot depend on the date: .ci/run
# leaves it out of its reruns at other instants (it is the slowest module of the suite).
pytestmark = pytest.mark.undated

XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "[clic](jav&#x09;ascript:alert(1))",
    "[clic](jav\tascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "<a href=javascript:alert(1)>x</a>",
    "<iframe src=//evil.tld>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "<<script>script>alert(1)<</script>/script>",
    "{{ 7*7 }}{% debug %}",
    "<style>@import 'https://evil.tld/x.css';</style>",
    '[a](https://evil.tld "title" onclick=alert(1))',
    "<details open ontoggle=alert(1)>",
    "`<script>`",
]
SQL = [
    "' OR '1'='1",
    "'; DROP TABLE concertation_contribution; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)--",
    "admin'--",
    "1 UNION SELECT password FROM esante_user",
    "%' AND 1=0 UNION SELECT NULL--",
    "\\'; --",
]
PATHS = [
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/passwd%00.png",
    "....//....//etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "file:///etc/passwd",
]
CONTROL = [
    "texte\x00nul",
    "\x00",
    "texte\x07cloche",
    "texte\x1bescape",
    "texte\x7fdel",
    "texte\x85nel",
    "texte\x9bcsi",
    "ligne\rseule",
]
HEADERS = [
    "Jean\r\nBcc: victime@evil.tld",
    "Jean\nSubject: gagné",
    "victime@example.org\r\nCc: autre@evil.tld",
    "Jean%0d%0aBcc:x@evil.tld",
]
UNICODE = [
    "\u202eevil.tld/gnp.exe",
    "Jean\u202eDupont",
    "\u2066isolé\u2069",
    "pаypal.com",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "zéro\u200blargeur",
    "\ufeffBOM",
    "😀" * 50,
    "\U000e0041tag",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
]
BASE = XSS + SQL + PATHS + CONTROL + HEADERS + UNICODE
# Each base value alone, inside a sentence, doubled, and upper-cased: what filters must catch
# wherever the value sits.
VALUES = list(
    dict.fromkeys(
        itertools.chain.from_iterable((v, f"Bonjour {v} fin.", v + v, v.upper()) for v in BASE)
    )
)
INVALID_UTF8 = [b"\xff\xfe", b"caf\xe9", b"\xc0\xaf", b"\xed\xa0\x80"]
ONE_MB = "a" * (1024 * 1024)

UNSAFE_ATTR = re.compile(
    r"""(?:href|src|action|formaction|xlink:href)\s*=\s*["']?([^"'\s>]*)""", re.I
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def executable_links(page: str) -> list[str]:
    found = []
    for raw in UNSAFE_ATTR.findall(page):
        url = re.sub(r"[\x00-\x20]", "", html.unescape(raw)).lower()
        if url.startswith(("javascript:", "vbscript:", "data:text/html")):
            found.append(raw)
    return found


def scripts_from_input(page: str) -> list[str]:
    return [s for s in re.findall(r"<script[^>]*>(.*?)</script>", page, re.S) if "alert(" in s]


@pytest.fixture
def site(db, settings):
    for name in (
        "CONTRIBUTION_RATE_PER_USER",
        "CONTRIBUTION_RATE_PER_IP",
        "REACTION_RATE_PER_USER",
        "FLAG_RATE_PER_USER",
        "REGISTRATION_RATE_PER_IP",
        "REGISTRATION_RATE_PER_EMAIL",
        "APPLICATION_RATE_PER_USER",
    ):
        setattr(settings, name, "100000/h")
    chapter = ChapterFactory()
    return {
        "chapter": chapter,
        "target": ContributionFactory(chapter=chapter),
        "event": EventFactory(capacity=None),
        "group": WorkingGroupFactory(),
    }


def test_hostile_values_everywhere(client, site, ci_report):
    chapter, target, event = site["chapter"], site["target"], site["event"]
    member = UserFactory()
    create = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )
    forms = [
        ("contribution", True, create, lambda v: {"kind": "comment", "body": v, "accept_charter": "on"}),
        ("rewording", True, create, lambda v: {"kind": "rewording", "body": "Voici.", "proposed_text": v, "paragraph": v, "accept_charter": "on"}),
        ("reply", True, reverse("concertation:reply_create", args=[target.pk]), lambda v: {"body": v, "accept_charter": "on"}),
        ("flag", True, reverse("concertation:flag", args=[target.pk]), lambda v: {"reason": "spam", "note": v}),
        ("reaction", True, reverse("concertation:reaction", args=[target.pk]), lambda v: {"value": v}),
        ("registration-name", False, reverse("events:register", args=[event.slug]), lambda v: {"name": v, "email": "camille@example.org"}),
        ("registration-email", False, reverse("events:register", args=[event.slug]), lambda v: {"name": "Camille", "email": v}),
        ("application", True, reverse("concertation:group_apply", args=[site["group"].slug]), lambda v: {"stakeholder_type": v, "organisation": v, "motivation": v, "contribution": v}),
        ("profile", True, reverse("account"), lambda v: {"display_name": v, "organisation": v}),
    ]  # fmt: skip
    pages = [
        (reverse("events:event_list"), ["region", "type", "mois"]),
        (reverse("events:calendar_feed"), ["region"]),
        (chapter.get_absolute_url(), ["version", "paragraphe", "page", "tri", "type", "acteur"]),
        (reverse("concertation:chapter_versions", args=[chapter.consultation.slug, chapter.slug]), ["de", "a"]),
        (reverse("concertation:search"), ["q"]),
        ("/feuille-de-route/", ["page"]),
        ("/actualites/", ["page"]),
        ("/conseil/", ["page"]),
    ]  # fmt: skip
    params = [(url, p) for url, names in pages for p in names]
    requests = 0
    failures = []
    form_cycle = itertools.cycle(forms)
    param_cycle = itertools.cycle(params)
    client.force_login(member)
    signed_in = True
    for value in VALUES:
        name, needs_login, url, data = next(form_cycle)
        if needs_login != signed_in:
            client.force_login(member) if needs_login else client.logout()
            signed_in = needs_login
        response = client.post(url, data(value))
        requests += 1
        if response.status_code >= 500:
            failures.append((name, value, response.status_code))
        page_url, param = next(param_cycle)
        response = client.get(page_url, {param: value})
        requests += 1
        if response.status_code >= 500:
            failures.append((f"{page_url}?{param}", value, response.status_code))
        elif response["Content-Type"].startswith("text/html"):
            page = response.content.decode()
            if executable_links(page) or scripts_from_input(page):
                failures.append((f"{page_url}?{param}", value, "unsafe render"))
    # Invalid UTF-8 and a 1 MB body, through every form.
    for name, needs_login, url, data in forms:
        client.force_login(member) if needs_login else client.logout()
        for raw in INVALID_UTF8:
            body = b"&".join(k.encode() + b"=" + raw for k in data("x"))
            response = client.generic(
                "POST", url, body, content_type="application/x-www-form-urlencoded"
            )
            requests += 1
            if response.status_code >= 500:
                failures.append((name, raw, response.status_code))
        response = client.post(url, data(ONE_MB))
        requests += 1
        if response.status_code >= 500:
            failures.append((name, "1 MB", response.status_code))
    for url, _names in pages:
        response = client.get(url + "?q=%FF%FE&page=%C0%AF")
        requests += 1
        if response.status_code >= 500:
            failures.append((url, "invalid UTF-8 query", response.status_code))

    # What was stored renders safely, and holds no control character.
    client.logout()
    for url in (chapter.get_absolute_url(), event.get_absolute_url()):
        page = client.get(url).content.decode()
        assert not executable_links(page), executable_links(page)
        assert not scripts_from_input(page)
    stored = itertools.chain(
        Contribution.objects.values_list("body", "proposed_text"),
        Flag.objects.values_list("note"),
        Registration.objects.values_list("name", "email"),
        Application.objects.values_list("organisation", "motivation", "contribution"),
        type(member).objects.values_list("display_name", "organisation"),
    )
    broken = [row for row in stored if any(CONTROL_RE.search(v or "") for v in row)]
    ci_report(
        f"hostile-input suite: {len(VALUES)} values (+{len(INVALID_UTF8)} invalid UTF-8, "
        f"1 MB body), {requests} requests, {len(forms)} forms, {len(params)} query parameters"
    )
    assert not failures, failures[:20]
    assert not broken, broken[:5]
    assert len(VALUES) >= 200
