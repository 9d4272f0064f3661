"""The English interface is written in English: its punctuation, its words.

French puts a space before « : ; ! ? » and uses guillemets; English does neither. A French
punctuation mark left outside a msgid (« Reformulation proposée (…) : ») shows in English
pages too, so the pages are read as well as the catalogue, French content set aside.
"""

import datetime
import re
from html.parser import HTMLParser

import polib
import pytest
from django.core.management import call_command

from concertation.models import Contribution
from esante.accessibility import CHECKED_PAGES
from roadmap.models import Action
from tests.esante.test_i18n import PO

# A space (plain, no-break or narrow no-break) before : ; ! ?, or a guillemet.
FRENCH_TYPOGRAPHY = re.compile(r"[ \u00a0\u202f][:;!?](?=\s|<|$)|[«»]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


def test_the_english_catalogue_has_no_french_typography():
    wrong = []
    for entry in polib.pofile(str(PO)).translated_entries():
        texts = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        wrong += [(entry.msgid, text) for text in texts if FRENCH_TYPOGRAPHY.search(text)]
    assert not wrong, wrong[:10]


def test_the_french_pilotes_are_co_chairs_or_pilot_projects_in_english():
    """A working group's « pilotes » chair it; the ethics unit's « pilotes » are pilot projects.
    "Lead" is kept for a roadmap action's « pilote », the body in charge of it."""
    wrong = [
        (entry.msgid, entry.msgstr or entry.msgstr_plural)
        for entry in polib.pofile(str(PO)).translated_entries()
        if re.search(r"\bpilotes?\b", entry.msgid, re.IGNORECASE)
        and entry.msgctxt != "action de la feuille de route"
        and not all(path.startswith("roadmap/") for path, _line in entry.occurrences)
        and re.search(r"\blead", str(entry.msgstr or entry.msgstr_plural), re.IGNORECASE)
    ]
    assert not wrong, wrong


class EnglishText(HTMLParser):
    """The text of a page, with every element marked `lang="fr"` (content) replaced by "§"."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            inherited = self.stack[-1][1] if self.stack else None
            self.stack.append((tag, dict(attrs).get("lang") or inherited))

    def handle_endtag(self, tag):
        while tag not in VOID and self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tag, lang = self.stack[-1] if self.stack else (None, None)
        if tag not in ("script", "style", "title"):
            self.parts.append("§" if lang == "fr" else data)


def french_typography_in(html):
    parser = EnglishText()
    parser.feed(html)
    text = "".join(parser.parts)
    return [m.group(0) for m in re.finditer(rf".{{0,40}}(?:{FRENCH_TYPOGRAPHY.pattern})", text)]


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_english_pages_have_no_french_typography_outside_the_french_content(client, demo):
    rewording = Contribution.objects.filter(kind="rewording", status="published").first()
    action = Action.objects.order_by("pk").first()
    action.milestones.create(title="Premier jalon", due_on=datetime.date(2026, 6, 30))
    urls = [url for _name, url in CHECKED_PAGES if not url.startswith("/en/")]
    rewording_url = rewording.get_absolute_url().split("#")[0]
    urls += [rewording_url, action.get_absolute_url()]
    # An untranslated msgid is French in an English page: test_i18n_english reports it; only
    # the English text is judged here.
    untranslated = [" ".join(e.msgid.split()) for e in polib.pofile(str(PO)).untranslated_entries()]
    wrong = {}
    for url in urls:
        response = client.get(f"/en{url}")
        assert response.status_code == 200, url
        found = [
            text
            for text in french_typography_in(response.text)
            if not any(" ".join(text.split()) in msgid for msgid in untranslated)
        ]
        if found:
            wrong[url] = found
    assert not wrong, wrong
    english = client.get(f"/en{rewording_url}").text
    assert "Proposed rewording (<del>deleted</del>, <ins>added</ins>):" in english


def test_the_breadcrumb_starts_at_home_in_the_language_of_the_page(client, db):
    english = client.get("/en/regions/").text
    assert '<a class="fr-breadcrumb__link" href="/en/">Home</a>' in english
    assert "Home page" not in english
    assert 'aria-label="you are here:"' in english
    french = client.get("/regions/").text
    assert '<a class="fr-breadcrumb__link" href="/">Accueil</a>' in french
    assert 'aria-label="vous êtes ici :"' in french
