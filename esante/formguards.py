"""What every public form refuses or hides, whatever the form: control characters, and a
honeypot field for robots.

- Control characters (C0 but tab and line breaks, DEL, C1) and the bidirectional embedding,
  override and isolate controls (U+202A to U+202E, U+2066 to U+2069: « Trojan source » spoofing of
  what a text seems to say) have no place in a name, an address or a contribution; stored, they
  break exports, e-mails and PostgreSQL (NUL). One-line fields refuse line breaks and tabs too
  (a line break in a name is a mail header injection attempt).
- The honeypot: a text field people never see nor reach (off-screen, `inert`, `aria-hidden`,
  out of the tab order, no autofill, a label saying to leave it empty for the rare assistive
  technology that still reads it). Robots filling every field fill it; such a submission is
  dropped with a neutral answer (`honeypot_tripped`).
"""

import logging
import re

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy

logger = logging.getLogger(__name__)

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LINE_RE = re.compile(r"[\r\n\t]")
HONEYPOT = "site_web"

CONTROL_MESSAGE = gettext_lazy(
    "Le texte contient un caractère de contrôle ou invisible non autorisé : retirez-le."
)
LINE_MESSAGE = gettext_lazy("Ce champ tient sur une ligne : retirez les sauts de ligne.")


def control_error(value: str, *, multiline: bool = True) -> str | None:
    """Why `value` is refused, or None."""
    if CONTROL_RE.search(value):
        return str(CONTROL_MESSAGE)
    if not multiline and LINE_RE.search(value):
        return str(LINE_MESSAGE)
    return None


class HoneypotInput(forms.TextInput):
    is_honeypot = True

    def render(self, name, value, attrs=None, renderer=None):
        input_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div class="esante-hp" aria-hidden="true" inert>'
            '<label for="{}">{}</label>'
            '<input type="text" name="{}" id="{}" value="" tabindex="-1" autocomplete="off">'
            "</div>",
            input_id,
            gettext("Ne remplissez pas ce champ : il sert à repérer les envois automatisés."),
            name,
            input_id,
        )


def honeypot_tripped(data) -> bool:
    """Whether a robot filled the hidden field (logged, without the submitted values)."""
    if data.get(HONEYPOT):
        logger.info("Honeypot field filled: submission dropped")
        return True
    return False


class GuardedForm(forms.Form):
    """A public form: refuses control characters in every text field (and line breaks in the
    one-line ones), and carries the honeypot unless `honeypot = False`."""

    honeypot = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.honeypot:
            self.fields[HONEYPOT] = forms.CharField(required=False, label="", widget=HoneypotInput)

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if not isinstance(value, str) or name == HONEYPOT:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            if error := control_error(value, multiline=multiline):
                self.add_error(name, error)
        # Read by the views from the raw data (honeypot_tripped); never passed on to a service.
        cleaned.pop(HONEYPOT, None)
        return cleaned


# --- Query strings -------------------------------------------------------------------------------

DATE_PART_RE = re.compile(r"__(year|month|day)(__[a-z]+)?$")
SANE_DATE_PART_RE = re.compile(r"[0-9]{1,4}")


def hostile_query_error(query) -> str | None:
    """Why a query string cannot be used at all, or None. A NUL byte reaches PostgreSQL as an
    error (a 500), wherever a view or an admin filter looks it up; a date part of 20 digits
    overflows the date hierarchy of the admin (finding 8 of issue 15)."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return str(gettext_lazy("L'adresse demandée contient un caractère nul."))
        if DATE_PART_RE.search(key) and not all(SANE_DATE_PART_RE.fullmatch(v) for v in values):
            return str(gettext_lazy("L'adresse demandée contient une date invalide."))
    return None


class HostileQueryMiddleware:
    """Answers 400 (a French page) to an admin query string its list filters cannot use safely
    (Django's own filters pass values straight to the database). The public pages handle
    their parameters themselves, with a French warning and the unfiltered list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith("/admin/")
            and request.META.get("QUERY_STRING")
            and (error := hostile_query_error(request.GET))
        ):
            from django.shortcuts import render

            title = gettext("Adresse invalide")
            return render(
                request,
                "refused.html",
                {"title": title, "message": error, "breadcrumb_data": {"current": title}},
                status=400,
            )
        return self.get_response(request)
