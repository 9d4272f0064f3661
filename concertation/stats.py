"""The figures of the consultations (contributions, participants, chapters), without counting
a consultation's contributions at each request (issue 16).

The home page, the consultation list and a consultation's page showed them by annotating the
consultations with three distinct counts over a join of contributions and chapters: at 500,000
contributions, 357 ms of SQL at each request, then (cached per change of the content) 2 s at
the first request after each change, which at the peak of a consultation is every request.

- **Contributions** (replies included) are the sum of the chapters' published counters, which
  the lifecycle keeps in the transaction of each change (concertation.services.counters): exact
  at once, a sum over a few chapter rows. A chapter's own figure is its counter.
- **Participants** are the DISTINCT authors of published contributions (replies included; the
  « Contributeur anonyme » of deleted accounts counts once), which no counter can keep without a
  row per (consultation, author): counted by the database (2 s at 500,000), at most once every
  PARTICIPANTS_MAX_AGE seconds. A change of the content makes the next page count the cheap
  figures again; participants counted less than PARTICIPANTS_MAX_AGE seconds ago are kept, and
  older ones are counted again by one request only (a lock in the cache): the others meanwhile
  show the previous figure. So the participants shown may be up to a minute behind a change.
- Everything is kept in the cache under the content generation of esante.pagecache: between
  changes a page reads the figures in the same cache round trip as the generation, whatever the
  number of contributions, and runs the same queries as on a miss.

When the cache does not answer (Redis down), the figures are counted at each request, as before
but without the join.
"""

import time

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from esante import pagecache

from .models import Chapter, Consultation, Contribution

CACHE_KEY = "concertation:figures"
FIGURES = ("contribution_count", "participant_count", "chapter_count")
# Participants are counted again at most this often (seconds), whatever the changes.
PARTICIPANTS_MAX_AGE = 60


def _count(rows, aggregate):
    """A correlated subquery aggregating `rows` of the consultation, 0 when there are none."""
    counted = rows.filter(consultation=OuterRef("pk")).order_by().values("consultation")
    return Coalesce(
        Subquery(counted.annotate(n=aggregate).values("n"), output_field=IntegerField()),
        Value(0),
    )


def _annotations(*, known=None) -> dict:
    """Contributions and chapters counted; participants too, except for the consultations in
    `known` (whose kept figure the caller puts back): -1 for them, and the database does not
    run their subquery (a CASE evaluates only the branch it takes)."""
    chapters = Chapter.objects.all()
    published = Contribution.objects.filter(status=Contribution.Status.PUBLISHED)
    participants = _count(published, Count("author_id", distinct=True))
    if known is not None:
        participants = Case(
            When(pk__in=list(known), then=Value(-1)),
            default=participants,
            output_field=IntegerField(),
        )
    return {
        "contribution_count": _count(chapters, Sum("published_count")),
        "participant_count": participants,
        "chapter_count": _count(chapters, Count("pk")),
    }


def _stored(key: str) -> tuple[int | None, tuple | None]:
    """The current generation and what is stored at `key`: (generation, participants counted
    at, figures), whatever its generation (one round trip)."""
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
    return current, stored if isinstance(stored, tuple) and len(stored) == 3 else None


def _store(current: int | None, key: str, counted_at: float, value) -> None:
    if current is None:
        return
    try:
        cache.set(key, (current, counted_at, value), timeout=None)
    except Exception:
        pagecache.cache_failed()


def _kept_participants(key: str, stored: tuple | None) -> tuple[float, object] | None:
    """(counted at, figures) of the participants stored at `key`, if they may be shown again:
    counted less than PARTICIPANTS_MAX_AGE seconds ago, or being counted by another request."""
    if stored is None:
        return None
    _generation, counted_at, figures = stored
    if time.time() - counted_at < PARTICIPANTS_MAX_AGE:
        return counted_at, figures
    try:
        recounting_elsewhere = not cache.add(f"{key}:recount", 1, timeout=PARTICIPANTS_MAX_AGE)
    except Exception:
        return None
    return (counted_at, figures) if recounting_elsewhere else None


def _figures(consultation) -> tuple[int, int, int]:
    return tuple(getattr(consultation, name) for name in FIGURES)


def _attach(consultation, figures: tuple[int, int, int]) -> None:
    for name, value in zip(FIGURES, figures, strict=True):
        setattr(consultation, name, value)


def consultation_list() -> list[Consultation]:
    """The published consultations by closing date, with their figures."""
    current, stored = _stored(CACHE_KEY)
    consultations = Consultation.objects.published().order_by("closes_at")
    if stored is not None and stored[0] == current:
        consultations = list(consultations)
        for consultation in consultations:
            _attach(consultation, stored[2].get(consultation.pk, (0, 0, 0)))
        return consultations
    # Counted in the same query: the page runs as many queries with the figures cached or not.
    kept = _kept_participants(CACHE_KEY, stored)
    known = kept[1] if kept is not None else None
    consultations = list(consultations.annotate(**_annotations(known=known)))
    counted_at = time.time()
    if kept is not None:
        counted_at = kept[0]
        for consultation in consultations:
            if consultation.participant_count == -1:
                consultation.participant_count = known[consultation.pk][1]
    _store(current, CACHE_KEY, counted_at, {c.pk: _figures(c) for c in consultations})
    return consultations


def consultation_get(*, slug: str) -> Consultation:
    """A published consultation with its chapters in order, and the figures of both (a
    chapter's contributions: its counter)."""
    key = f"{CACHE_KEY}:{slug}"
    current, stored = _stored(key)
    consultations = Consultation.objects.published()
    fresh = stored is not None and stored[0] == current
    kept = None if fresh else _kept_participants(key, stored)
    if not fresh:
        annotations = _annotations()
        if kept is not None:  # this consultation's participants are kept: not counted
            annotations["participant_count"] = Value(-1, output_field=IntegerField())
        consultations = consultations.annotate(**annotations)
    chapters = Chapter.objects.order_by("number")
    consultation = get_object_or_404(
        consultations.prefetch_related(Prefetch("chapters", queryset=chapters)), slug=slug
    )
    for chapter in consultation.chapters.all():
        chapter.contribution_count = chapter.published_count
    if fresh:
        _attach(consultation, stored[2])
        return consultation
    counted_at = time.time()
    if kept is not None:
        counted_at, previous = kept
        consultation.participant_count = previous[1]
    _store(current, key, counted_at, _figures(consultation))
    return consultation
