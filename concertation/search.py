"""Search of chapters and published contributions (/recherche/).

PostgreSQL: full-text search with the `french_unaccent` configuration (stemming, accents
ignored) on vectors stored beside the texts and kept by triggers (migration 0010), ranked with
`ts_rank_cd`, with highlighted excerpts computed for the shown page only. SQLite
(development): every word must appear, case and accents ignored, with a crude plural folding;
excerpts highlighted the same way, newest first.

A fixed number of queries per page, whatever the number of contributions: on PostgreSQL three
(the chapters; the candidates with their ranks; the shown contributions with their excerpts),
on SQLite two (the chapters, and the page of contributions with their total).
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Func, Q, TextField, Window
from django.db.models.expressions import CombinedExpression
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from esante.textsearch import fold

from .models import Chapter, Contribution

CONFIG = "french_unaccent"
MAX_CHAPTERS = 20
PER_PAGE = 20
# A word found in most contributions (« santé ») matches hundreds of thousands of them: ranking
# them all reads every vector (seconds at 500,000). Only the most recent MAX_CANDIDATES matches
# are ranked; PostgreSQL finds them by walking the created_at index backwards when the words
# are common, through the GIN index when they are rare, in a few milliseconds either way. The
# page says so when the ceiling is reached.
MAX_CANDIDATES = 1000
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


@dataclass
class Results:
    chapters: list[Hit] = field(default_factory=list)
    contributions: list[Hit] = field(default_factory=list)
    # The page of contributions shown: its number and the total (at most MAX_CANDIDATES).
    page: Page = None
    capped: bool = False
    query: str = ""  # The query string of the page links, without the page.

    def __post_init__(self):
        if self.page is None:
            self.page = _page(0, 1)

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def page_range(self):
        return self.page.paginator.get_elided_page_range(self.page.number)


def normalise_query(q: str) -> str:
    return " ".join((q or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def page_number(value) -> int:
    try:
        return min(max(int(value), 1), -(-MAX_CANDIDATES // PER_PAGE))
    except (TypeError, ValueError, OverflowError):
        return 1


def _page(total: int, number: int) -> Page:
    """A page of `total` results: numbers and links only, the rows are fetched separately."""
    return Paginator(range(total), PER_PAGE).get_page(number)


def search(q: str, page: int = 1) -> Results:
    q = normalise_query(q)
    if not q:
        return Results()
    number = page_number(page)
    results = _search_postgres(q, number) if settings.IS_POSTGRES else _search_fallback(q, number)
    results.query = urlencode({"q": q})
    return results


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


def _search_postgres(q: str, number: int) -> Results:
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    headline = {"config": CONFIG, "start_sel": START, "stop_sel": STOP, "max_words": 35}
    # The title (weight A) is parsed at each query: a few hundred short strings. The body's
    # vector is stored (weight B). Every chapter is read: there are few of them.
    chapter_vector = CombinedExpression(
        SearchVector("title", weight="A", config=CONFIG),
        "||",
        F("current_version__search_vector"),
        output_field=SearchVectorField(),
    )
    # Filter on the match itself: ts_rank is not 0 for documents that do not match.
    chapters = (
        _chapters()
        .defer("current_version__search_vector")
        .annotate(document=chapter_vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query, cover_density=True),
            # One fragment around the words: half the time of the default over a whole chapter.
            excerpt=SearchHeadline(
                "current_version__body", query, **headline, min_words=15, max_fragments=1
            ),
        )
        .order_by("-rank", "consultation", "number")[:MAX_CHAPTERS]
    )
    # The candidates: the most recent matches, from the GIN index (partial on published ones:
    # the same `status = 'published'` predicate) or the created_at index, as the planner
    # estimates the words' frequency; ranked in the same pass, over the vector just read. Their
    # ranks and ids only, newest first (1,000 small rows; a date per row would cost more to
    # convert than the query): sorting them here spares PostgreSQL reading 1,000 rows again by
    # primary key to rank them (issue 16: 30 ms of 60 at 500,000 contributions).
    candidates = list(
        Contribution.objects.published()
        .filter(consultation__is_published=True, search_vector=query)
        .annotate(rank=SearchRank(F("search_vector"), query, cover_density=True))
        .order_by("-created_at")
        .values_list("rank", "pk")[:MAX_CANDIDATES]
    )
    total = len(candidates)
    start = (number - 1) * PER_PAGE
    if start >= total and number > 1:  # A page past the last (a stale link): the first.
        return _search_postgres(q, 1)
    # By rank, then the most recent first (their order in the list: sorted() is stable).
    ranked = sorted(candidates, key=lambda candidate: -candidate[0])
    shown = [pk for _, pk in ranked[start : start + PER_PAGE]]
    # The shown rows, with their excerpts: ts_headline parses 20 texts, not 1,000.
    by_pk = (
        _contributions()
        .filter(pk__in=shown)
        .defer("search_vector")
        .annotate(excerpt=SearchHeadline("body", query, **headline))
        .in_bulk()
        if shown
        else {}
    )
    rows = [by_pk[pk] for pk in shown if pk in by_pk]
    return Results(
        chapters=[_chapter_hit(c, _highlight(c.excerpt)) for c in chapters],
        contributions=[_contribution_hit(c, _highlight(c.excerpt)) for c in rows],
        page=_page(total, number),
        capped=total >= MAX_CANDIDATES,
    )


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


def _search_fallback(q: str, number: int) -> Results:
    terms = _terms(q)
    if not terms:
        return Results()
    chapters = _fallback_filter(_chapters(), ["title", "current_version__body"], terms)
    contributions = _fallback_filter(_contributions(), ["body", "proposed_text"], terms)
    start = (number - 1) * PER_PAGE
    rows = list(
        contributions.annotate(total=Window(Count("*"))).order_by("-created_at", "-pk")[
            start : start + PER_PAGE
        ]
    )
    rows = rows[: max(MAX_CANDIDATES - start, 0)]  # The same ceiling as PostgreSQL's.
    if not rows and number > 1:  # A page past the last (a stale link): the first.
        return _search_fallback(q, 1)
    total = min(rows[0].total, MAX_CANDIDATES) if rows else 0
    return Results(
        chapters=[
            _chapter_hit(c, _excerpt(c.current_version.body, terms))
            for c in chapters.order_by("consultation", "number")[:MAX_CHAPTERS]
        ],
        contributions=[_contribution_hit(c, _excerpt(c.body, terms)) for c in rows],
        page=_page(total, number),
        capped=total >= MAX_CANDIDATES,
    )


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
