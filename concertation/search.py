"""Search of chapters and published contributions (/recherche/).

PostgreSQL: full-text search with the `french_unaccent` configuration (stemming, accents
ignored), ranked, with highlighted excerpts. SQLite (development): every word must appear,
case and accents ignored, with a crude plural folding; excerpts highlighted the same way.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import F, Func, Q, TextField
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from esante.textsearch import fold

from .models import Chapter, Contribution

CONFIG = "french_unaccent"
MAX_RESULTS = 20
START, STOP = "\x02", "\x03"
MAX_QUERY_LENGTH = 200


@dataclass
class Hit:
    title: str
    url: str
    excerpt: SafeString
    kind: str


def _highlight(marked: str) -> SafeString:
    html = escape(marked).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own <mark> tags are added.


def normalise_query(q: str) -> str:
    return " ".join((q or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def search(q: str) -> dict[str, list[Hit]]:
    q = normalise_query(q)
    if not q:
        return {"chapters": [], "contributions": []}
    if settings.IS_POSTGRES:
        return _search_postgres(q)
    return _search_fallback(q)


def _chapters():
    return Chapter.objects.filter(
        consultation__is_published=True, current_version__isnull=False
    ).select_related("consultation", "current_version")


def _contributions():
    return (
        Contribution.objects.published()
        .filter(consultation__is_published=True)
        .select_related("chapter__consultation", "paragraph")
    )


def _search_postgres(q: str) -> dict[str, list[Hit]]:
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    headline = {"config": CONFIG, "start_sel": START, "stop_sel": STOP, "max_words": 35}
    chapter_vector = SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "current_version__body", weight="B", config=CONFIG
    )
    # Filter on the match itself: ts_rank is not 0 for documents that do not match.
    chapters = (
        _chapters()
        .annotate(document=chapter_vector, rank=SearchRank(chapter_vector, query))
        .filter(document=query)
        .annotate(excerpt=SearchHeadline("current_version__body", query, **headline))
        .order_by("-rank")[:MAX_RESULTS]
    )
    contribution_vector = SearchVector("body", config=CONFIG) + SearchVector(
        "proposed_text", config=CONFIG
    )
    contributions = (
        _contributions()
        .annotate(document=contribution_vector, rank=SearchRank(contribution_vector, query))
        .filter(document=query)
        .annotate(excerpt=SearchHeadline("body", query, **headline))
        .order_by("-rank", "-created_at")[:MAX_RESULTS]
    )
    return {
        "chapters": [_chapter_hit(c, _highlight(c.excerpt)) for c in chapters],
        "contributions": [_contribution_hit(c, _highlight(c.excerpt)) for c in contributions],
    }


def _terms(q: str) -> list[str]:
    terms = [t for t in re.findall(r"\w+", fold(q)) if len(t) > 1]
    # Crude plural folding, so that "etablissements" also finds "etablissement".
    return [t[:-1] if len(t) > 4 and t[-1] in "sx" else t for t in terms]


def _fold_expr(field: str):
    return Func(F(field), function="esante_fold", output_field=TextField())


def _fallback_filter(queryset, fields: list[str], terms: list[str]):
    folded = {f"folded_{i}": _fold_expr(field) for i, field in enumerate(fields)}
    queryset = queryset.annotate(**folded)
    for term in terms:
        condition = Q()
        for name in folded:
            condition |= Q(**{f"{name}__contains": term})
        queryset = queryset.filter(condition)
    return queryset


def _excerpt(text: str, terms: list[str], width: int = 220) -> SafeString:
    folded = fold(text)
    spans = []
    for term in terms:
        spans += [(m.start(), m.start() + len(term)) for m in re.finditer(re.escape(term), folded)]
    spans.sort()
    start = max(spans[0][0] - width // 3, 0) if spans else 0
    end = min(start + width, len(text))
    marked, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        marked += [text[cursor:s], START, text[s:e], STOP]
        cursor = e
    marked.append(text[cursor:end])
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return _highlight(prefix + "".join(marked) + suffix)


def _search_fallback(q: str) -> dict[str, list[Hit]]:
    terms = _terms(q)
    if not terms:
        return {"chapters": [], "contributions": []}
    chapters = _fallback_filter(_chapters(), ["title", "current_version__body"], terms)
    contributions = _fallback_filter(_contributions(), ["body", "proposed_text"], terms)
    return {
        "chapters": [
            _chapter_hit(c, _excerpt(c.current_version.body, terms))
            for c in chapters.order_by("consultation", "number")[:MAX_RESULTS]
        ],
        "contributions": [
            _contribution_hit(c, _excerpt(c.body, terms))
            for c in contributions.order_by("-created_at")[:MAX_RESULTS]
        ],
    }


def _chapter_hit(chapter, excerpt) -> Hit:
    return Hit(
        title=f"{chapter.consultation.title} — {chapter}",
        url=chapter.get_absolute_url(),
        excerpt=excerpt,
        kind=gettext("Chapitre"),
    )


def _contribution_hit(contribution, excerpt) -> Hit:
    return Hit(
        title=gettext("%(kind)s sur « %(chapter)s »")
        % {"kind": contribution.get_kind_display(), "chapter": contribution.chapter.title},
        url=contribution.get_absolute_url(),
        excerpt=excerpt,
        kind=contribution.get_kind_display(),
    )
