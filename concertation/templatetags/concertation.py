from django import template

from concertation.moderation import REASON_LABELS
from concertation.versioning import word_diff

register = template.Library()


@register.simple_tag
def rewording_diff(original, proposed):
    return word_diff(original or "", proposed or "")


@register.filter
def moderation_reason(code):
    return REASON_LABELS.get(code, "")
