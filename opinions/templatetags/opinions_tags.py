from django import template

from ..selectors import opinion_section

register = template.Library()


@register.inclusion_tag("opinions/section.html")
def opinion_groups(consultation):
    """The « Groupes d'opinion » section of a consultation's results: what was last computed
    (two queries), nothing before the first computation. The page that includes it decides who
    sees it (the results page: the public once closed, the DNS team live)."""
    return {"section": opinion_section(consultation), "consultation": consultation}
