"""Every interface string in the templates is marked for translation.

The check reads each template with Django's own lexer: literal text outside
``{% translate %}`` / ``{% blocktranslate %}`` (visible text, and the attributes a screen reader
or a browser shows: aria-label, title, alt, placeholder, meta descriptions) fails, as do literal
words passed to ``include … with`` / ``dsfr_*`` tags or to ``|default:``. Acronyms (RSS, ARS,
CSV…) are allowed.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates"
# Legal documents published in French only (the regulation is French); in another interface
# language they show includes/french_only.html and keep lang="fr" on their text.
FRENCH_ONLY = {"pages/legal_notice.html", "pages/personal_data.html", "pages/accessibility.html"}
TEMPLATES = sorted(
    p
    for p in TEMPLATE_DIR.rglob("*")
    if p.suffix in {".html", ".txt", ".xml"}
    and p.is_file()
    and str(p.relative_to(TEMPLATE_DIR)) not in FRENCH_ONLY
)

PLACEHOLDER = "\x00"
WORD = re.compile(r"[A-Za-zÀ-ÿœŒ]{2,}")
ACRONYM = re.compile(r"\b[A-Z]{2,6}s?\b")
ATTRIBUTE = re.compile(r"\b(aria-label|title|alt|placeholder)\s*=\s*\"([^\"]*)\"")
META_TEXT = re.compile(
    r"<meta\s[^>]*(name=\"description\"|property=\"og:(?:title|description)\")[^>]*"
    r"content=\"([^\"]*)\""
)
DOMAIN = re.compile(r"\b[\w-]+(?:\.[\w-]+)+\b")
TAG_LITERAL = re.compile(r"\b\w+=\"([^\"]*)\"")
DEFAULT_LITERAL = re.compile(r"\|default(?:_if_none)?:\"([^\"]*)\"")


def _words(text):
    text = re.sub(r"&[#a-zA-Z0-9]+;", " ", text)
    text = DOMAIN.sub(" ", text)
    text = ACRONYM.sub(" ", text)
    return WORD.findall(text)


def _looks_like_prose(literal):
    return bool(_words(literal)) and (
        " " in literal.strip() or not literal.isascii() or literal[:1].isupper()
    )


def unmarked_strings(source):
    """Return the literal interface strings of a template that are not marked."""
    problems = []
    parts = []
    skip_until = None
    for token in Lexer(source).tokenize():
        content = token.contents
        if token.token_type == TokenType.BLOCK:
            name = content.split()[0] if content else ""
            if skip_until:
                if name == skip_until:
                    skip_until = None
                continue
            # setvar: allauth's builder of CSS classes and ids.
            if name in {"blocktranslate", "blocktrans", "comment", "verbatim", "setvar"}:
                skip_until = "end" + name
            elif content in {"block og_type", "block og_locale"}:
                skip_until = "endblock"  # Open Graph values (article, website), not text
            elif name in {"include", "with"} or name.startswith("dsfr_"):
                problems += [lit for lit in TAG_LITERAL.findall(content) if _looks_like_prose(lit)]
            parts.append(PLACEHOLDER)
        elif skip_until:
            continue
        elif token.token_type == TokenType.VAR:
            problems += [lit for lit in DEFAULT_LITERAL.findall(content) if _looks_like_prose(lit)]
            parts.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT:
            parts.append(content)
    text = "".join(parts)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S | re.I)
    for _name, value in ATTRIBUTE.findall(text) + META_TEXT.findall(text):
        if _words(value.replace(PLACEHOLDER, " ")):
            problems.append(value.replace(PLACEHOLDER, "…"))
    text = re.sub(r"<[^>]*>", PLACEHOLDER, text)
    for chunk in text.split(PLACEHOLDER):
        if _words(chunk):
            problems.append(" ".join(chunk.split()))
    return problems


def test_the_checker_finds_unmarked_text_and_accepts_marked_text():
    assert unmarked_strings("<p>Bonjour</p>") == ["Bonjour"]
    assert unmarked_strings('<a title="Ouvrir">{% translate "x" %}</a>') == ["Ouvrir"]
    assert unmarked_strings('{% include "a.html" with title="Mes données" %}') == ["Mes données"]
    assert unmarked_strings('{{ x|default:"Aucun résultat" }}') == ["Aucun résultat"]
    assert unmarked_strings('<p>{% translate "Bonjour" %} (RSS)</p>') == []
    assert unmarked_strings("{% blocktranslate %}Bonjour {{ n }}{% endblocktranslate %}") == []
    assert unmarked_strings('<a href="{% url "x" %}" class="fr-link">{{ a }}</a>') == []
    assert unmarked_strings("{# Commentaire #}{% comment %}Texte{% endcomment %}") == []
    assert unmarked_strings("{% block og_type %}article{% endblock %}") == []
    assert unmarked_strings("{% setvar css %}fr-btn fr-btn--sm{% endsetvar %}") == []
    assert unmarked_strings('<p>{{ d|date:"l j F Y" }}</p>') == []
    assert unmarked_strings('<meta name="description" content="Un site">') == ["Un site"]
    assert unmarked_strings('<meta name="viewport" content="width=device-width">') == []
    assert unmarked_strings('<a href="https://www.info.gouv.fr">info.gouv.fr</a>') == []


@pytest.mark.parametrize("name", sorted(FRENCH_ONLY))
def test_french_only_documents_say_so_and_keep_their_language(name):
    source = (TEMPLATE_DIR / name).read_text(encoding="utf-8")
    assert '{% include "includes/french_only.html" %}' in source
    assert '<div class="esante-prose" lang="fr">' in source
    assert not unmarked_strings(source.split("{% block content %}")[0])


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATE_DIR)))
def test_template_strings_are_marked_for_translation(path):
    problems = unmarked_strings(path.read_text(encoding="utf-8"))
    assert not problems, f"{path.relative_to(TEMPLATE_DIR)}: not marked for translation: {problems}"
