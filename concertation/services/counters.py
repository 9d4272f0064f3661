"""The counters a chapter page reads instead of counting rows (issue 16): on each chapter and
each paragraph, its published contributions (replies included: « 12 contributions ») and its
threads, the top-level contributions its list shows and pages through (published, hidden or
withdrawn; the chapter's are those on no paragraph).

They move with a contribution's state, in the transaction that moves it:
concertation.services.lifecycle calls `counters_move()` for every transition, the creation
included. Anything that changes states or deletes contributions in bulk (esante.privacy, the demo
loaders, a data migration) calls `counters_refresh()`, which counts them again from the rows;
`manage.py recount_contributions` does it for every chapter."""

from collections.abc import Iterable

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest

from ..models import Chapter, Contribution, Paragraph

PUBLISHED = Contribution.Status.PUBLISHED
# What a chapter's list shows to the public (querysets.ContributionQuerySet.visible).
THREAD_STATES = frozenset(
    {Contribution.Status.PUBLISHED, Contribution.Status.HIDDEN, Contribution.Status.WITHDRAWN}
)


def counters_move(*, contribution: Contribution, before: str | None, after: str | None) -> None:
    """`contribution` went from `before` to `after` (None: not there, being created or deleted)."""
    published = (after == PUBLISHED) - (before == PUBLISHED)
    thread = 0
    if contribution.parent_id is None:
        thread = (after in THREAD_STATES) - (before in THREAD_STATES)
    if not published and not thread:
        return
    chapter_changes = {}
    if published:
        chapter_changes["published_count"] = _moved("published_count", published)
    if thread and contribution.paragraph_id is None:
        chapter_changes["thread_count"] = _moved("thread_count", thread)
    if chapter_changes:
        Chapter.objects.filter(pk=contribution.chapter_id).update(**chapter_changes)
    if contribution.paragraph_id is not None:
        paragraph_changes = {}
        if published:
            paragraph_changes["published_count"] = _moved("published_count", published)
        if thread:
            paragraph_changes["thread_count"] = _moved("thread_count", thread)
        Paragraph.objects.filter(pk=contribution.paragraph_id).update(**paragraph_changes)


def _moved(field: str, delta: int):
    # In the UPDATE itself (F()): two writers on one chapter never lose a count. Never below
    # zero: a counter a bulk change left behind must not make a reader's transition fail; the
    # next counters_refresh() sets it right.
    return Greatest(F(field) + delta, Value(0))


def counters_refresh(*, chapter_ids: Iterable[int] | None = None) -> None:
    """Count again, from the contributions, the counters of these chapters (all: None) and of
    their paragraphs. Two UPDATE statements, whatever the number of chapters."""
    refresh_counters(Chapter, Paragraph, Contribution, chapter_ids=chapter_ids)


def refresh_counters(chapter_model, paragraph_model, contribution_model, *, chapter_ids=None):
    """counters_refresh() on given model classes: a data migration passes its historical ones."""
    states = sorted(THREAD_STATES)

    def count(**filters):
        rows = (
            contribution_model.objects.filter(**filters)
            .order_by()
            .values(next(iter(filters)))
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    chapters = chapter_model.objects.all()
    paragraphs = paragraph_model.objects.all()
    if chapter_ids is not None:
        chapter_ids = list(chapter_ids)
        chapters = chapters.filter(pk__in=chapter_ids)
        paragraphs = paragraphs.filter(chapter_id__in=chapter_ids)
    chapters.update(
        published_count=count(chapter=OuterRef("pk"), status=PUBLISHED),
        thread_count=count(
            chapter=OuterRef("pk"),
            status__in=states,
            parent__isnull=True,
            paragraph__isnull=True,
        ),
    )
    paragraphs.update(
        published_count=count(paragraph=OuterRef("pk"), status=PUBLISHED),
        thread_count=count(paragraph=OuterRef("pk"), status__in=states, parent__isnull=True),
    )


def counters_expected(*, chapter: Chapter) -> dict:
    """The counters as the rows say (tests and checks compare them with the stored ones)."""
    rows = Contribution.objects.filter(chapter=chapter)
    states = sorted(THREAD_STATES)
    published = Q(status=PUBLISHED)
    thread = Q(status__in=states, parent__isnull=True)
    expected = {
        "chapter": (
            rows.filter(published).count(),
            rows.filter(thread, paragraph__isnull=True).count(),
        )
    }
    for paragraph in chapter.paragraphs.annotate(
        published=Count("contributions", filter=Q(contributions__status=PUBLISHED)),
        threads=Count(
            "contributions",
            filter=Q(contributions__status__in=states, contributions__parent__isnull=True),
        ),
    ):
        expected[paragraph.anchor] = (paragraph.published, paragraph.threads)
    return expected


def counters_stored(*, chapter: Chapter) -> dict:
    chapter = Chapter.objects.get(pk=chapter.pk)
    stored = {"chapter": (chapter.published_count, chapter.thread_count)}
    for paragraph in chapter.paragraphs.all():
        stored[paragraph.anchor] = (paragraph.published_count, paragraph.thread_count)
    return stored
