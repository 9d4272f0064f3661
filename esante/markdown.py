"""Markdown to safe HTML: python-markdown renders, nh3 keeps only an allow-list.

Texts shown in lists (contributions, official answers, paragraphs) are rendered once, when
written, and their HTML stored beside their source (concertation.models.rendered): rendering
them at display time was 37 % of a chapter page's time (issue 16). `MARKDOWN_VERSION` is stored
with that HTML: raise it when the renderer or the allow-list changes, then run
`manage.py rerender_markdown`, which renders again every row stored with an older version."""

import threading

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

# Raise it whenever what render_markdown() returns changes (extensions, allow-list, markup).
MARKDOWN_VERSION = 1

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "th", "td", "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}


SCROLL_OPEN = '<div class="esante-table-scroll" tabindex="0"><table>'

# Building a Markdown instance loads its extensions each time: python-markdown recommends one
# instance reused with reset(). An instance keeps state while it converts, hence one per thread
# (gunicorn threads, Celery).
_local = threading.local()


def _converter() -> md.Markdown:
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = md.Markdown(extensions=["extra", "sane_lists"], output_format="html")
        _local.converter = converter
    return converter


def render_markdown(text: str) -> SafeString:
    """Render user or staff Markdown; raw HTML, scripts and javascript: links are dropped."""
    if not text:
        return mark_safe("")
    converter = _converter()
    try:
        html = converter.convert(text)
    finally:
        converter.reset()
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # A wide table scrolls in its own box, reachable with the keyboard, never the whole page
    # (WCAG 1.4.10 at 320 px). Markup added after the sanitiser: ours, with no user input.
    cleaned = cleaned.replace("<table>", SCROLL_OPEN).replace("</table>", "</table></div>")
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just sanitised it against an allow-list.


def stored_html(html: str) -> SafeString:
    """HTML read back from a column render_markdown() filled (`body_html`, `text_html`...): the
    one place that marks it safe, because only the sanitiser above ever writes those columns
    (concertation.models.rendered); never call it on anything else."""
    return mark_safe(html or "")  # noqa: S308 - written by render_markdown() only.
