"""The near-duplicates of a text being written, as an HTML fragment the contribution form shows
(static/duplicates/near.js). Public like the chapter page, which shows the same contributions."""

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from concertation import selectors
from esante import ratelimits

from . import services

# Characters of the text read at most: beyond, the comparison would not change its verdict.
MAX_TEXT = 5_000


_TITLE = _("Trop de recherches de contributions proches")
_MESSAGE = _(
    "Les contributions proches de votre texte sont recherchées au plus quelques dizaines de "
    "fois par minute. Votre texte n'est pas perdu : continuez à écrire, la recherche reprendra "
    "dans une minute."
)
# A GET, counted like the site's writes; the cache down, it stays open (a suggestion lost is no
# harm).
DUPLICATES_USER = ratelimits.Limit(
    "duplicates-user", "DUPLICATES_RATE_PER_USER", "user", ratelimits.OPEN, _TITLE, _MESSAGE,
    methods=("GET",), default_rate="40/m",
)  # fmt: skip
DUPLICATES_IP = ratelimits.Limit(
    "duplicates-ip", "DUPLICATES_RATE_PER_IP", "ip", ratelimits.OPEN, _TITLE, _MESSAGE,
    methods=("GET",), default_rate="120/m",
)  # fmt: skip


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
    if limited := ratelimits.refuse(request, DUPLICATES_USER, DUPLICATES_IP):
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
