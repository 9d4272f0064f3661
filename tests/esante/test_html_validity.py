"""Valid HTML on every page type: the Nu Html Checker (vnu, the W3C validator) reads one page of
each type, in French and in English, anonymous and signed in, and must report no error.

The checker comes from npm (`vnu-jar`, pinned in package-lock.json; `make test` installs it)
and runs on Debian's Java (`.ci/run` installs `default-jre-headless`). It runs once for all the
pages: starting the JVM costs seconds.

The demo content is dated from today: the test pins no date of its own, so the session clock
(tests/conftest.py, `pytest --clock=...`) can run it on the awkward days too (a first of the
month, New Year, a change of time). `<time datetime>` then carries a "now" with microseconds,
which HTML refuses unless they are dropped.
"""

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template import loader
from django.utils import timezone, translation

from concertation import services as concertation_services
from concertation.models import Chapter, Contribution, CouncilMeeting, WorkingGroup
from esante.accessibility import CHECKED_PAGES
from esante.models import User
from esante.notifications import registry, unsubscribe_token
from esante.portal.sitemaps import SITEMAPS, StaticSitemap
from events import services as event_services
from events.models import Event
from tests.tools import missing_tool

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CITIZEN = "citoyenne@demo.esante.local"  # a demo account (esante/demo.py)


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        missing_tool(
            "Java not found, needed by the Nu Html Checker: "
            "`apt-get install default-jre-headless` (.ci/run installs it)"
        )
    if not VNU_JAR.exists():
        missing_tool(
            f"{VNU_JAR.relative_to(settings.BASE_DIR)} not found: "
            "`npm ci --ignore-scripts` at the project root (`make test` runs it)"
        )
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]


def _both_languages(path: str) -> tuple[str, str]:
    """The French and English URLs of a page. Reversed URLs follow the language the last
    request activated in this thread, so `path` may be either."""
    french = path.removeprefix("/en") if path.startswith("/en/") else path
    return french, "/en" + french


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "accueil"


class Pages:
    """Fetches pages with the test client and writes each one to a file for the checker."""

    def __init__(self, client, folder: Path):
        self.client = client
        self.folder = folder
        self.files: dict[str, str] = {}  # file name -> what it is

    def save(self, label: str, html: str) -> None:
        name = f"{len(self.files):03d}-{_slug(label)}.html"
        (self.folder / name).write_text(html, encoding="utf-8")
        self.files[name] = label

    def get(self, path: str, *, status: int = 200, both_languages: bool = True) -> None:
        for url in _both_languages(path) if both_languages else (path,):
            response = self.client.get(url)
            assert response.status_code == status, f"GET {url}: {response.status_code}"
            self.save(f"GET {url}", response.content.decode())

    def post(self, path: str, data: dict, *, status: int) -> None:
        """A form sent back with errors: the page shows them next to the fields."""
        for url in _both_languages(path):
            response = self.client.post(url, data)
            assert response.status_code == status, f"POST {url}: {response.status_code}"
            self.save(f"POST {url}", response.content.decode())


def _public_paths() -> list[str]:
    """The page types of the accessibility statement, then one page of each sitemap section
    (all of its fixed pages), so a new page type listed there is checked too."""
    paths = [path for _label, path in CHECKED_PAGES if not path.startswith("/en/")]
    with translation.override("fr"):
        for sitemap in SITEMAPS.values():
            items = list(sitemap.items())
            for item in items if isinstance(sitemap, StaticSitemap) else items[:1]:
                paths.append(sitemap.location(item))
    return list(dict.fromkeys(paths))


def _collect(client, folder: Path) -> dict[str, str]:
    pages = Pages(client, folder)
    chapter = Chapter.objects.select_related("consultation").get(
        slug="axe-1-prevention-et-citoyen-acteur"
    )
    citizen = User.objects.get(email=CITIZEN)
    event = Event.objects.published().filter(starts_at__gt=timezone.now()).first()
    group = next(
        g for g in WorkingGroup.objects.filter(is_published=True) if g.accepts_applications()
    )

    # Anonymous visitors.
    for path in _public_paths():
        pages.get(path)
    pages.get(CouncilMeeting.objects.filter(is_published=True).first().get_absolute_url())
    pages.get("/recherche/?q=zzzzzz")  # no result
    pages.get(f"{chapter.get_absolute_url()}?paragraphe={chapter.paragraphs.first().anchor}")
    pages.get("/page-qui-n-existe-pas/", status=404)
    kind = next(code for code, kind in registry.kinds.items() if not kind.transactional)
    pages.get(f"/desabonnement/{unsubscribe_token(CITIZEN, kind)}/")
    pages.get("/desabonnement/jeton-invalide/", status=400)
    registration = event_services.registration_request(
        event=event, name="Camille Visiteuse", email="camille@example.org"
    )
    pages.get(registration.get_confirm_url())
    pages.get(registration.get_cancel_url())
    pages.post(f"{event.get_absolute_url()}inscription/", {"email": "x"}, status=400)
    pages.post("/comptes/signup/", {"email": "pas-un-courriel"}, status=200)
    pages.post("/comptes/login/", {"login": CITIZEN, "password": "faux"}, status=200)
    pages.get("/comptes/password/reset/")
    client.post("/comptes/password/reset/", {"email": CITIZEN})
    pages.get("/comptes/password/reset/done/")
    link = re.search(r"https?://[^/\s]+(/comptes/password/reset/key/\S+/)", mail.outbox[-1].body)
    # allauth keeps the key in the session and redirects to a URL without it.
    pages.get(client.get(link[1])["Location"])
    pages.get("/comptes/confirm-email/")
    for language in ("fr", "en"):
        with translation.override(language):
            pages.save(f"500.html ({language})", loader.get_template("500.html").render())

    # Signed in: the chapter with its forms and one's own contribution, the account page with
    # something in each of its lists, a page showing a message.
    client.force_login(citizen)
    own = concertation_services.contribution_create(
        user=citizen,
        chapter=chapter,
        body="Une contribution de la démonstration, modifiable pendant quelques minutes.",
        accept_charter=True,
    )
    other = (
        Contribution.objects.filter(status=Contribution.Status.PUBLISHED, parent=None)
        .exclude(author=citizen)
        .first()
    )
    event_services.registration_request(event=event, user=citizen)
    concertation_services.follow_toggle(user=citizen, chapter=chapter)
    pages.get(chapter.get_absolute_url())
    pages.post(f"{chapter.get_absolute_url()}contribuer/", {"body": ""}, status=400)
    pages.get(f"{chapter.get_absolute_url()}?paragraphe={chapter.paragraphs.first().anchor}")
    pages.get(f"/concertation/contributions/{own.pk}/modifier/")
    pages.get(f"/concertation/contributions/{other.pk}/signaler/")
    pages.get(f"/concertation/contributions/{other.pk}/modifier/", status=403)
    pages.get(event.get_absolute_url())
    pages.get(group.get_absolute_url())
    pages.post(f"{group.get_absolute_url()}candidater/", {}, status=400)
    concertation_services.application_create(
        user=citizen, group=group, motivation="Contribuer aux travaux du groupe."
    )
    pages.get(group.get_absolute_url())
    pages.get("/mon-compte/")
    client.post(f"{chapter.consultation.get_absolute_url()}suivre/")
    pages.get(chapter.consultation.get_absolute_url(), both_languages=False)  # the message
    pages.get("/comptes/email/")
    pages.get("/comptes/password/change/")
    pages.get("/comptes/logout/")
    return pages.files


def _errors(command: list[str], folder: Path, files: dict[str, str]) -> list[str]:
    result = subprocess.run(  # noqa: S603 - Java and the pinned checker, on our own files.
        [*command, *sorted(str(folder / name) for name in files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu gave no JSON report (exit {result.returncode}): {result.stderr[:2000]}")
    found = []
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(message.get("url", "")).name
        found.append(
            f"{files.get(name, name)} ({name}) line {message.get('lastLine', '?')}: "
            f"{message.get('message')}"
        )
    return found


@pytest.mark.django_db
def test_every_page_type_is_valid_html(client, settings, tmp_path):
    command = _vnu_command()
    settings.DEMO_ACCOUNTS = True
    call_command("load_demo", stdout=io.StringIO())
    files = _collect(client, tmp_path)
    errors = _errors(command, tmp_path, files)
    assert not errors, f"{len(errors)} HTML errors in {len(files)} pages:\n" + "\n".join(errors)
