"""The three pages of a consultation's results: figures and synthesis, the answered
contributions, and what changed in the text since the close. Public once the consultation is
closed; the DNS team sees them live, with the moderation figures on the first."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from esante.i18n import french
from esante.rules import is_dns_team

from ..models import Chapter, Consultation, Contribution
from ..rules import can_view_results
from . import changes as changes_module
from . import figures
from .filters import AnsweredFilter

ANSWERS_PER_PAGE = 25


def _consultation(request, slug) -> Consultation:
    """The consultation, if this visitor may see its results: a 404, not a 403, for the
    public before the close (the page does not exist yet for them)."""
    consultation = get_object_or_404(Consultation.objects.published(), slug=slug)
    if not can_view_results(request.user, consultation):
        raise Http404
    return consultation


def _context(request, consultation, *, current: str, section: str) -> dict:
    """What every results page shows: the consultation, whether the figures are live, the
    print variant (?impression=1: the print stylesheet on screen too), the breadcrumb."""
    results_url = reverse("concertation:results", kwargs={"slug": consultation.slug})
    links = [
        {"url": reverse("concertation:consultation_list"), "title": gettext("Concertation")},
        {"url": consultation.get_absolute_url(), "title": french(consultation.title)},
    ]
    if section != "results":
        links.append({"url": results_url, "title": gettext("Résultats")})
    return {
        "consultation": consultation,
        "live": consultation.state != Consultation.State.CLOSED,
        "printing": request.GET.get("impression") == "1",
        "section": section,
        "breadcrumb_data": {"links": links, "current": current},
    }


def results(request, slug):
    consultation = _consultation(request, slug)
    totals = figures.totals(consultation)
    synthesis = figures.published_synthesis(consultation)
    context = _context(request, consultation, current=gettext("Résultats"), section="results")
    context.update(
        {
            "totals": totals,
            "stakeholders": figures.by_stakeholder(consultation),
            "regions": figures.by_region(consultation),
            "chapters": figures.by_chapter(consultation),
            "weeks": figures.by_week(consultation),
            "states": figures.answers_by_state(consultation, totals),
            "top_paragraphs": figures.top_paragraphs(consultation),
            "changed_chapters": figures.changed_chapters(consultation),
            "synthesis": synthesis,
            "synthesis_size": figures.file_size(
                figures.document_size(synthesis) if synthesis else None
            ),
            "moderation": None,
            "now": timezone.now(),
        }
    )
    if is_dns_team(request.user):
        moderation = figures.moderation(consultation)
        context["moderation"] = moderation
        context["median_delay"] = figures.duration_in_words(moderation.median_delay)
    return render(request, "concertation/results/results.html", context)


def answered(request, slug):
    """Every answered contribution, by chapter, with the position taken; filtered by position
    and chapter, paginated: three queries whatever their number (chapters, count, page)."""
    consultation = _consultation(request, slug)
    # Not through consultation.chapters: the related manager would read each row's deferred
    # consultation_id, one query per chapter.
    chapters = list(
        Chapter.objects.filter(consultation=consultation)
        .order_by("number")
        .only("number", "title", "slug")
    )
    queryset = (
        Contribution.objects.filter(consultation=consultation, status=Contribution.Status.PUBLISHED)
        .exclude(answer_state="")
        .select_related("author", "paragraph", "chapter__consultation")
        .order_by("chapter__number", "-answered_at", "-pk")
    )
    answer_filter = AnsweredFilter(request.GET or None, queryset=queryset, chapters=chapters)
    page = Paginator(answer_filter.qs, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    context = _context(
        request, consultation, current=gettext("Réponses officielles"), section="answers"
    )
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "filter": answer_filter,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "query": query.urlencode(),
        }
    )
    return render(request, "concertation/results/answers.html", context)


def changes(request, slug):
    consultation = _consultation(request, slug)
    context = _context(request, consultation, current=gettext("Ce qui a changé"), section="changes")
    context["chapters"] = changes_module.consultation_changes(consultation)
    context["changed"] = [chapter for chapter in context["chapters"] if chapter.versions]
    return render(request, "concertation/results/changes.html", context)


def synthesis_document(request, slug):
    """The synthesis's PDF, served by the site itself: the same address in development and in
    production, public exactly when the synthesis is, with no web-server rule for the media
    folder (where staff uploads are never listed nor served)."""
    consultation = _consultation(request, slug)
    synthesis = figures.published_synthesis(consultation)
    if synthesis is None or not synthesis.document:
        raise Http404
    try:
        document = synthesis.document.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        document, content_type="application/pdf", filename=f"synthese-{consultation.slug}.pdf"
    )
