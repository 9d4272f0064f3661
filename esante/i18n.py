"""The language switcher: the same page in each interface language.

French pages have no prefix, English ones live under /en/ (``i18n_patterns`` with
``prefix_default_language=False``). Only the interface is translated, not the content.
"""

import datetime
import re

from django.conf import settings
from django.urls import translate_url
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info


def interface_is_french():
    return (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE


def french_lang_attribute():
    """` lang="fr"` for an element holding French content when the interface is not French."""
    if interface_is_french():
        return ""
    return format_html(' lang="{}"', settings.LANGUAGE_CODE)


def french(text):
    """Content (a title, a summary, a place) written in French, escaped for HTML. In the French
    interface it is printed as is; in another interface language it is wrapped in
    `<span lang="fr">` (RGAA 8.7: every change of language is marked; proper names need none)."""
    if text in (None, ""):
        return ""
    if interface_is_french():
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", french_lang_attribute(), text)


def languages(request):
    current = get_language()
    query = request.META.get("QUERY_STRING", "")
    alternates = []
    for code, _name in settings.LANGUAGES:
        path = translate_url(request.path, code)
        info = get_language_info(code)
        alternates.append(
            {
                "code": code,
                "name": info["name_local"],
                "path": path,  # for <link rel="alternate">, like the canonical URL
                "url": f"{path}?{query}" if query else path,
                "current": code == current,
            }
        )
    current_entry = next((a for a in alternates if a["current"]), alternates[0])
    return {"language_alternates": alternates, "language_current": current_entry}


def site_language(code) -> str:
    """`code` if the site speaks it ("en-gb" counts as "en"), else the site's language."""
    codes = {c for c, _name in settings.LANGUAGES}
    code = (code or "").lower()
    for candidate in (code, code.split("-")[0]):
        if candidate in codes:
            return candidate
    return settings.LANGUAGE_CODE


def email_language(*preferences) -> str:
    """The language to write an e-mail in: the first preference set (a stored choice, then the
    account's), else French. The content quoted in it stays French whatever the language."""
    for preference in preferences:
        if preference:
            return site_language(preference)
    return settings.LANGUAGE_CODE


def date_in_words(value, fmt) -> str:
    """`value` in Paris time, formatted as Django's `|date` does, with the French ordinal on the
    first of the month: « 1er mars 2026 ». `fmt` may be a lazy translation (`_("j F Y")`): it is
    made a `str` before any string function sees it (a lazy format made every 1st a 500)."""
    if value in (None, ""):
        return ""
    fmt = str(fmt)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if getattr(value, "day", None) == 1 and interface_is_french():
        fmt = re.sub(r"(?<!\\)j", r"j\\e\\r", fmt)  # the unescaped day letter, not « \j »
    try:
        return formats.date_format(value, fmt)
    except AttributeError:  # not a date: printed as nothing, as `|date` does
        return ""
