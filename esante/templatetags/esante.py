from django import template

from esante.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


INPUT_CLASSES = {"select": "fr-select", "selectmultiple": "fr-select"}


@register.simple_tag
def dsfr_widget(bound_field):
    """Render a form widget with the DSFR classes and the ids of its hint and error texts."""
    widget = bound_field.field.widget
    kind = widget.__class__.__name__.lower()
    if kind in ("checkboxinput", "radioselect", "checkboxselectmultiple"):
        css = ""
    else:
        css = INPUT_CLASSES.get(kind, "fr-input")
        if bound_field.errors:
            css += " fr-select--error" if css == "fr-select" else " fr-input--error"
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
