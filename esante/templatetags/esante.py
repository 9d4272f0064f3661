import datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html

from esante.i18n import date_in_words, french, french_lang_attribute, interface_is_french
from esante.markdown import render_markdown, stored_html
from esante.models import StakeholderType

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown content, always written in French: marked `lang="fr"` in another interface
    language (RGAA 8.7), so a screen reader switches voice for it."""
    html = render_markdown(text)
    if interface_is_french() or not html:
        return html
    return format_html("<div{}>{}</div>", french_lang_attribute(), html)


@register.filter(name="stored_markdown")
def stored_markdown_filter(html):
    """`{{ contribution.body_html|stored_markdown }}`: Markdown rendered when it was written
    (concertation.models.rendered), shown as `|markdown` shows it, with no rendering."""
    html = stored_html(html)
    if interface_is_french() or not html:
        return html
    return format_html("<div{}>{}</div>", french_lang_attribute(), html)


@register.filter(is_safe=False)
def with_pk(pattern, pk):
    """`{{ contribution_urls.flag|with_pk:contribution.pk }}`: a link from a pattern the view
    reversed once (concertation.selectors.contribution_url_patterns)."""
    return pattern.replace("{pk}", str(pk)) if pattern else ""


_STAKEHOLDER_LABELS = dict(StakeholderType.choices)


@register.filter
def stakeholder_label(value):
    """`get_stakeholder_type_display` without its per-call dictionary of choices."""
    return _STAKEHOLDER_LABELS.get(value, value)


@register.filter(name="fr", is_safe=True)
def french_content(value):
    """`{{ chapter.title|fr }}`: see esante.i18n.french."""
    return french(value)


@register.filter(name="date_ordinal", expects_localtime=True)
def date_with_ordinal(value, arg=None):
    """`|date`, with the French ordinal on the first of the month: « 1er mars 2026 »
    (esante.i18n.date_in_words)."""
    if arg is None:
        return date_filter(value)
    return date_in_words(value, arg)


@register.filter
def html_datetime(value):
    """`<time datetime="{{ moment|html_datetime }}">`: local time (Paris) to the second, with
    its offset: « 2026-12-01T03:52:42+01:00 ». `|date:"c"` also prints the microseconds, which
    HTML refuses (three decimals at most)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


@register.simple_tag
def dsfr_widget(bound_field):
    """Render a form widget with the DSFR classes and the ids of its hint and error texts."""
    kind = getattr(bound_field.field.widget, "input_type", "")
    if kind in ("checkbox", "radio"):
        css = ""
    elif kind == "select":
        css = "fr-select" + (" fr-select--error" if bound_field.errors else "")
    else:
        css = "fr-input" + (" fr-input--error" if bound_field.errors else "")
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    attrs = {}
    if css:
        attrs["class"] = css
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)


register.simple_tag(french_lang_attribute, name="french_lang_attr")
