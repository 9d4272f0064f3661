from django import template
from django.utils.safestring import mark_safe

from concertation.forms import ReplyForm

register = template.Library()

FIELDS_TEMPLATE = "concertation/includes/reply_form_fields.html"
# In the blank form's ids, swapped for each thread's id (`id_reponse_<pk>_body`).
PK_PLACEHOLDER = "__PK__"


@register.simple_tag
def reply_form_for(reply_forms, contribution):
    """The reply form of a thread whose POST failed (with its errors), else None."""
    return (reply_forms or {}).get(contribution.pk)


@register.simple_tag(takes_context=True)
def blank_reply_form(context, contribution):
    """The inside of a thread's blank reply form. Rendered once per page, then its ids made
    unique by string replacement: twenty reply forms rendered widget by widget were 16 % of a
    signed-in chapter page (issue 16). The view passes `reply_form_cache`, a dict for the
    page; without it (another page), rendered each time."""
    cache = context.get("reply_form_cache")
    markup = cache.get("markup") if cache is not None else None
    if markup is None:
        form = ReplyForm(auto_id=f"id_reponse_{PK_PLACEHOLDER}_%s")
        fields = context.template.engine.get_template(FIELDS_TEMPLATE)
        with context.push(reply_form=form):
            markup = fields.render(context)
        if cache is not None:
            cache["markup"] = markup
    # Labels, the honeypot and the CSRF token: nothing a participant wrote.
    return mark_safe(markup.replace(PK_PLACEHOLDER, str(contribution.pk)))  # noqa: S308
