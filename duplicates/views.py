"""The near-duplicates of a text being written, as an HTML fragment the contribution form shows
(static/duplicates/near.js). Public like the chapter page, which shows the same contributions."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from concertation import selectors
from esante import ratelimits

from . import services

# Characters of the text read at most: beyond, the comparison would not change its verdict.
MAX_TEXT = 5_000


class _Limit(ratelimits.Limit):
    """A limit whose rate has a default here (the settings may not name it)."""

    DEFAULTS = {"DUPLICATES_RATE_PER_USER": "40/m", "DUPLICATES_RATE_PER_IP": "120/m"}

    @property
    def rate(self) -> str:
        return getattr(settings, self.rate_setting, self.DEFAULTS[self.rate_setting])


_TITLE = _("Trop de recherches de contributions proches")
_MESSAGE = _(
    "Les contributions proches de votre texte sont recherchées au plus quelques dizaines de "
    "fois par minute. Votre texte n'est pas perdu : continuez à écrire, la recherche reprendra "
    "dans une minute."
)
DUPLICATES_USER = _Limit(
    "duplicates-user", "DUPLICATES_RATE_PER_USER", "user", ratelimits.OPEN, _TITLE, _MESSAGE
)
DUPLICATES_IP = _Limit(
    "duplicates-ip", "DUPLICATES_RATE_PER_IP", "ip", ratelimits.OPEN, _TITLE, _MESSAGE
)


def _refused(request):
    """ratelimits.refuse counts POSTs only; this endpoint is a GET, counted the same way (the
    cache down, it stays open: a suggestion lost is no harm)."""
    for limit in (DUPLICATES_USER, DUPLICATES_IP):
        try:
            usage = get_usage(
                request,
                group=limit.group,
                key=ratelimits._key(limit, ""),
                rate=limit.rate,
                method=ALL,
                increment=True,
            )
        except Exception:
            usage = None
        if usage and usage.get("should_limit") and usage.get("time_left", 0) != -1:
            refusal = ratelimits.Refusal(limit, max(int(usage["time_left"]), 1))
            return ratelimits.too_many(request, refusal)
    return None


@never_cache
@require_GET
def near(request, slug, chapter):
    chapter = selectors.chapter_get(consultation_slug=slug, chapter_slug=chapter)
    text = request.GET.get("texte", "")[:MAX_TEXT]
    if len(text.strip()) < services.MIN_LENGTH:
        return HttpResponseBadRequest(
            gettext(
                "Écrivez au moins %(count)s caractères pour chercher des contributions proches."
            )
            % {"count": services.MIN_LENGTH},
            content_type="text/plain; charset=utf-8",
        )
    if limited := _refused(request):
        return limited
    paragraph = None
    if anchor := request.GET.get("paragraphe", ""):
        paragraph = chapter.paragraphs.filter(anchor=anchor).first()
        if paragraph is None:
            return HttpResponseBadRequest(
                gettext("Ce paragraphe n'existe pas dans ce chapitre."),
                content_type="text/plain; charset=utf-8",
            )
    found = services.near_duplicates(text=text, chapter=chapter, paragraph=paragraph)
    if not found:
        return HttpResponse("", content_type="text/html; charset=utf-8")
    response = render(request, "duplicates/near.html", {"contributions": found})
    response["X-Robots-Tag"] = "noindex"
    return response
