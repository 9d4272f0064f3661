from django import template

from concertation.forms import ReplyForm

register = template.Library()


@register.simple_tag
def reply_form_for(reply_forms, contribution):
    """The reply form of a thread: the one with errors if that POST failed, else a blank one
    whose field ids are unique on the page."""
    form = (reply_forms or {}).get(contribution.pk)
    if form is None:
        form = ReplyForm(auto_id=f"id_reponse_{contribution.pk}_%s")
    return form
