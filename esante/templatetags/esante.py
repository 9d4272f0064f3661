from django import template

from esante.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


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
