"""Markdown written by staff or users becomes safe HTML: formatting kept, active content dropped."""

from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString

from esante.markdown import render_markdown
from tests.roadmap.factories import ActionFactory, NewsItemFactory

ATTACKS = [
    "<script>alert('xss')</script>",
    '<img src="x" onerror="alert(\'xss\')">',
    "<svg onload=alert('xss')>",
    '<p onclick="alert(\'xss\')" onmouseover="steal()">texte</p>',
    "[cliquez](javascript:alert('xss'))",
    "<a href=\"JaVaScRiPt:alert('xss')\">lien</a>",
    "<a href=\"jav&#x09;ascript:alert('xss')\">lien</a>",
    "[données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://example.org"></iframe>',
    "<style>body { display: none }</style>",
    "<scr<script>ipt>alert('xss')</script>",
    "\"><script>alert('xss')</script>",
]


class ElementCollector(HTMLParser):
    """The elements a browser would build: escaped text such as "&lt;svg&gt;" is not one."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.mark.parametrize("attack", ATTACKS)
def test_active_content_is_dropped(attack):
    html = str(render_markdown(f"Avant {attack} après"))

    elements = ElementCollector(html).elements
    tags = {tag for tag, _ in elements}
    assert not tags & {"script", "img", "svg", "iframe", "style"}
    for _, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")]
        assert "style" not in attrs
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript:", "data:"))
    assert "<script" not in html.lower()
    assert "Avant" in html and "après" in html


def test_script_content_is_not_shown_as_text_either():
    assert str(render_markdown("<script>alert(1)</script>Bonjour")).strip() == "<p>Bonjour</p>"


def test_javascript_link_keeps_its_text_but_loses_its_target():
    html = str(render_markdown("[cliquez](javascript:alert(1))"))

    assert "cliquez" in html
    assert "href" not in html


def test_attributes_outside_the_allow_list_are_removed_from_allowed_tags():
    html = str(render_markdown('<a href="https://esante.gouv.fr" style="x" target="_blank">ok</a>'))

    assert 'href="https://esante.gouv.fr"' in html
    assert "style=" not in html and "target=" not in html


def test_basic_formatting_is_kept():
    text = """\
## Sécurité des systèmes d'information

Un texte **important** et *nuancé*, avec `du code`.

- premier point
- second point

1. étape un
2. étape deux

> Une citation.

| Programme | Structures |
|-----------|------------|
| SUN-ES    | 81         |
"""
    html = str(render_markdown(text))

    assert "<h2>Sécurité des systèmes d'information</h2>" in html
    assert "<strong>important</strong>" in html
    assert "<em>nuancé</em>" in html
    assert "<code>du code</code>" in html
    assert "<ul>\n<li>premier point</li>\n<li>second point</li>\n</ul>" in html
    assert "<ol>\n<li>étape un</li>\n<li>étape deux</li>\n</ol>" in html
    assert "<blockquote>" in html
    assert "<table>" in html and "<th>Programme</th>" in html and "<td>81</td>" in html


def test_safe_links_are_kept_and_do_not_leak_the_opener():
    html = str(
        render_markdown(
            '[La feuille de route](https://esante.gouv.fr/feuille "titre") '
            "et [écrire](mailto:contact@esante.gouv.fr)"
        )
    )

    assert (
        '<a href="https://esante.gouv.fr/feuille" title="titre" rel="noopener noreferrer">'
        "La feuille de route</a>" in html
    )
    assert '<a href="mailto:contact@esante.gouv.fr" rel="noopener noreferrer">écrire</a>' in html


def test_result_is_marked_safe_and_empty_text_gives_nothing():
    assert isinstance(render_markdown("*a*"), SafeString)
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


def test_pages_render_staff_markdown_sanitised(client, db):
    attack = "Texte **gras**.\n\n<script>alert('xss')</script>\n\n[lien](javascript:alert(1))"
    news = NewsItemFactory(body=attack)
    action = ActionFactory(body=attack)

    for url in (news.get_absolute_url(), action.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<strong>gras</strong>" in html
        assert "alert('xss')" not in html
        assert "javascript:" not in html

    feed = client.get("/actualites/rss/").content.decode()
    assert "alert(&#x27;xss&#x27;)" not in feed and "alert('xss')" not in feed
    assert "javascript:" not in feed


def test_a_table_scrolls_in_its_own_box_reachable_with_the_keyboard():
    html = str(render_markdown("| Type | Nombre |\n|---|---|\n| Citoyens | 41 |\n"))
    assert html.startswith('<div class="esante-table-scroll" tabindex="0"><table>')
    assert html.rstrip().endswith("</table></div>")
    # A table smuggled as raw HTML with attributes is sanitised first, never wrapped unbalanced.
    html = str(render_markdown('<table onclick="x"><tr><td>a</td></tr></table>'))
    assert "onclick" not in html and html.count("<div") == html.count("</div>")
