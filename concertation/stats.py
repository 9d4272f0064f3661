"""The figures of the consultations (contributions, participants, chapters), counted once per
change of the public content instead of at every request (issue 16).

The home page, the consultation list and a consultation's page showed them by annotating the
consultations with three distinct counts over a join of contributions and chapters: at 500,000
contributions, 357 ms of SQL at each request. They are now kept in the cache under the content
generation of esante.pagecache: every change of a public row (a contribution published, hidden,
withdrawn, an account deleted...) bumps it, and the next page that needs the figures counts
them again, in the consultations' own query (correlated subqueries, one per figure, each over
one consultation's rows by an index, no join), and stores them. Between changes a page reads
them in the same cache round trip as the generation, whatever the number of contributions, and
runs the same queries as on a miss. A consultation's page keeps its chapters' figures the same
way, under a key of its own.

Chosen over counters of the consultation kept by the lifecycle: the number of participants is a
count of DISTINCT authors, which a counter cannot keep without a row per (consultation, author);
a cached aggregate cannot drift from the rows. Chosen over a periodic Celery task: the figures
are exact at the next request after a change, with no beat to run. Exact: participants are the
distinct authors of published contributions, replies included (the « Contributeur anonyme » of
deleted accounts counts once). The cost moves to the first request after each change: a recount
of the published contributions (at 140,000, about 0.2 to 0.4 s).

When the cache does not answer (Redis down), the figures are counted at each request, as before
but without the join.
"""

from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from esante import pagecache

from .models import Chapter, Consultation, Contribution

CACHE_KEY = "concertation:figures"
FIGURES = ("contribution_count", "participant_count", "chapter_count")


def _count(rows, aggregate):
    """A correlated subquery counting `rows` of the consultation, 0 when there are none."""
    counted = rows.filter(consultation=OuterRef("pk")).order_by().values("consultation")
    return Coalesce(
        Subquery(counted.annotate(n=aggregate).values("n"), output_field=IntegerField()),
        Value(0),
    )


def _annotations() -> dict:
    published = Contribution.objects.filter(status=Contribution.Status.PUBLISHED)
    return {
        "contribution_count": _count(published, Count("pk")),
        "participant_count": _count(published, Count("author_id", distinct=True)),
        "chapter_count": _count(Chapter.objects.all(), Count("pk")),
    }


def _stored(key: str) -> tuple[int | None, object]:
    """The current generation and what was counted under it at `key`, if any (one round trip)."""
    if not pagecache.cache_usable():
        return None, None
    try:
        found = cache.get_many([pagecache.GENERATION_KEY, key])
    except Exception:
        pagecache.cache_failed()
        return None, None
    current = found.get(pagecache.GENERATION_KEY)
    if current is None:
        return pagecache.generation(), None
    stored = found.get(key)
    return current, (stored[1] if stored is not None and stored[0] == current else None)


def _store(current: int | None, key: str, value) -> None:
    if current is None:
        return
    try:
        cache.set(key, (current, value), timeout=None)
    except Exception:
        pagecache.cache_failed()


def _figures(consultation) -> tuple[int, int, int]:
    return tuple(getattr(consultation, name) for name in FIGURES)


def _attach(consultation, figures: tuple[int, int, int]) -> None:
    for name, value in zip(FIGURES, figures, strict=True):
        setattr(consultation, name, value)


def consultation_list() -> list[Consultation]:
    """The published consultations by closing date, with their figures."""
    current, figures = _stored(CACHE_KEY)
    consultations = Consultation.objects.published().order_by("closes_at")
    if figures is not None:
        consultations = list(consultations)
        for consultation in consultations:
            _attach(consultation, figures.get(consultation.pk, (0, 0, 0)))
        return consultations
    # Counted in the same query: the page runs as many queries with the figures cached or not.
    consultations = list(consultations.annotate(**_annotations()))
    _store(current, CACHE_KEY, {c.pk: _figures(c) for c in consultations})
    return consultations


def consultation_get(*, slug: str) -> Consultation:
    """A published consultation with its chapters in order, and the figures of both."""
    key = f"{CACHE_KEY}:{slug}"
    current, stored = _stored(key)
    consultations = Consultation.objects.published()
    chapters = Chapter.objects.order_by("number")
    if stored is None:
        consultations = consultations.annotate(**_annotations())
        published = Contribution.objects.filter(
            chapter=OuterRef("pk"), status=Contribution.Status.PUBLISHED
        ).order_by()
        chapters = chapters.annotate(
            contribution_count=Coalesce(
                Subquery(
                    published.values("chapter").annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            )
        )
    consultation = get_object_or_404(
        consultations.prefetch_related(Prefetch("chapters", queryset=chapters)), slug=slug
    )
    if stored is None:
        by_chapter = {c.pk: c.contribution_count for c in consultation.chapters.all()}
        _store(current, key, (_figures(consultation), by_chapter))
    else:
        figures, by_chapter = stored
        _attach(consultation, figures)
        for chapter in consultation.chapters.all():
            chapter.contribution_count = by_chapter.get(chapter.pk, 0)
    return consultation
