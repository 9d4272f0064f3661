"""RGAA 8.7: in the English interface, the content stays French and says so (`lang="fr"`).

Only the interface is translated: titles, summaries, chapters and contributions are written in
French. A screen reader reads a text in the voice of its nearest `lang`; without the marking it
would read French words with an English voice."""

from html.parser import HTMLParser

import pytest

from concertation.models import Consultation, Contribution, CouncilMeeting, WorkingGroup
from esante.models import Region
from events.models import Event
from roadmap.models import Action, NewsItem, Roadmap
from tests.demo_once import demo_loaded

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class TextLanguages(HTMLParser):
    """Every text node of a page with the language it is in: its nearest `lang` attribute."""

    def __init__(self):
        super().__init__()
        self.stack = []  # (tag, lang)
        self.texts = []  # (text, lang)
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        inherited = self.stack[-1][1] if self.stack else None
        self.stack.append((tag, dict(attrs).get("lang") or inherited))
        if tag in ("script", "style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            opened, _lang = self.stack.pop()
            if opened in ("script", "style", "title"):
                self.skip -= 1
            if opened == tag:
                break

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skip:
            self.texts.append((text, self.stack[-1][1] if self.stack else None))


def languages_of(html):
    parser = TextLanguages()
    parser.feed(html)
    return parser.texts


def assert_marked_french(texts, content, where, proper_names=()):
    """Every piece of the page that is a piece of `content` is read as French (proper names,
    such as the regions', need no marking)."""
    content = " ".join(content.split())
    pieces = [
        (text, lang)
        for text, lang in texts
        if len(text) >= 12 and text in content and text not in proper_names
    ]
    assert pieces, f"{where}: {content[:60]!r} is not on the page"
    wrong = [text for text, lang in pieces if lang != "fr"]
    assert not wrong, f"{where}: French content read as English: {wrong}"


@pytest.fixture(scope="module")
def _demo_once(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def demo(_demo_once, db):
    """Loaded once for the module (tests/demo_once.py)."""


def content_by_page():
    consultation = Consultation.objects.get(slug="feuille-de-route-2023-2027")
    chapter = consultation.chapters.get(number=2)
    paragraph = chapter.current_version.texts.order_by("position").first()
    contribution = Contribution.objects.filter(status="published", chapter__isnull=False).first()
    roadmap = Roadmap.objects.order_by("-start_year").first()
    action = Action.objects.filter(roadmap=roadmap).order_by("number").first()
    event = Event.objects.filter(status="published").order_by("starts_at").first()
    news = NewsItem.objects.order_by("-published_on").first()
    group = WorkingGroup.objects.order_by("name").first()
    meeting = CouncilMeeting.objects.order_by("starts_at").first()
    return {
        "/": [roadmap.title, roadmap.summary],
        consultation.get_absolute_url(): [consultation.title, chapter.title],
        chapter.get_absolute_url(): [chapter.title, consultation.title, paragraph.text],
        contribution.chapter.get_absolute_url(): [contribution.body],
        roadmap.get_absolute_url(): [roadmap.title, action.title],
        action.get_absolute_url(): [action.title, action.summary],
        event.get_absolute_url(): [event.title, event.summary],
        "/evenements/": [event.title],
        news.get_absolute_url(): [news.title, news.summary],
        "/conseil/": [group.name],
        group.get_absolute_url(): [group.name],
        meeting.get_absolute_url(): [meeting.title],
    }


def test_english_pages_mark_the_french_content(client, demo):
    regions = set(Region.objects.values_list("name", flat=True))
    for path, contents in content_by_page().items():
        response = client.get("/en" + path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert '<html lang="en"' in html
        texts = languages_of(html)
        for content in contents:
            assert_marked_french(texts, content, "/en" + path, regions)
        # The interface around it stays English: the main navigation is not marked French.
        assert ("Events", "en") in texts, path


def test_french_pages_need_no_marking(client, demo):
    for path in content_by_page():
        html = client.get(path).content.decode()
        assert '<html lang="fr"' in html
        assert '<span lang="fr">' not in html, path
        assert '<div lang="fr">' not in html, path


def test_the_checker_sees_an_unmarked_change_of_language():
    texts = languages_of(
        '<html lang="en"><body><h1>Chapitre deux : la prévention</h1>'
        '<p><span lang="fr">Axe 1 : prévention</span><br>Read more</p></body></html>'
    )
    assert ("Chapitre deux : la prévention", "en") in texts
    assert ("Axe 1 : prévention", "fr") in texts
    assert ("Read more", "en") in texts
    with pytest.raises(AssertionError, match="read as English"):
        assert_marked_french(texts, "Chapitre deux : la prévention", "test")


def test_the_account_page_marks_the_titles_it_lists(client, demo):
    contribution = Contribution.objects.filter(status="published", chapter__isnull=False).first()
    client.force_login(contribution.author)
    texts = languages_of(client.get("/en/mon-compte/").content.decode())
    assert_marked_french(texts, contribution.chapter.title, "/en/mon-compte/")
