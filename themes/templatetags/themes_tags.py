from django import template

from ..selectors import public_themes

register = template.Library()


@register.inclusion_tag("themes/results_section.html")
def themes_section(consultation):
    """« Thèmes des contributions » on a closed consultation's results page (issue 18)."""
    return {"consultation": consultation, "themes": public_themes(consultation)}
