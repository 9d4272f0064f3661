"""Reads of the concertation pages; each fetches what its template shows in a bounded number
of queries, whatever the number of contributions."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from .models import (
    Chapter,
    ChapterVersion,
    Consultation,
    Contribution,
    Flag,
    Follow,
    ParagraphText,
)

PUBLISHED_TOP = Q(contributions__status="published", contributions__parent__isnull=True)


def consultation_list() -> QuerySet[Consultation]:
    return Consultation.objects.published().with_counts().order_by("closes_at")


def consultation_get(*, slug: str) -> Consultation:
    chapters = Chapter.objects.annotate(
        contribution_count=Count("contributions", filter=Q(contributions__status="published"))
    ).order_by("number")
    return get_object_or_404(
        Consultation.objects.published()
        .with_counts()
        .prefetch_related(Prefetch("chapters", queryset=chapters)),
        slug=slug,
    )


def chapter_get(*, consultation_slug: str, chapter_slug: str) -> Chapter:
    return get_object_or_404(
        Chapter.objects.select_related("consultation", "current_version"),
        consultation__slug=consultation_slug,
        consultation__is_published=True,
        slug=chapter_slug,
        current_version__isnull=False,
    )


def chapter_version_get(*, chapter: Chapter, number: int | None) -> ChapterVersion:
    if number is None:
        return chapter.current_version
    return get_object_or_404(chapter.versions, number=number)


def version_paragraphs(*, version: ChapterVersion) -> list[ParagraphText]:
    """The paragraphs of a version, each with its count of published contributions."""
    texts = list(version.texts.select_related("paragraph").order_by("position"))
    counts = dict(
        Contribution.objects.published()
        .filter(chapter_id=version.chapter_id, paragraph__isnull=False)
        .values_list("paragraph")
        .annotate(n=Count("pk"))
    )
    for text in texts:
        text.contribution_count = counts.get(text.paragraph_id, 0)
    return texts


SORTS = {"recent": ["-created_at"], "agreed": ["-agree_count", "-created_at"]}


def chapter_contributions(
    *,
    chapter: Chapter,
    paragraph_id: int | None = None,
    general: bool = False,
    viewer=None,
) -> QuerySet[Contribution]:
    """Top-level contributions the public sees, with their authors and replies; the viewer's
    own contributions awaiting moderation too, and whether the viewer flagged each one, in
    the same queries."""
    flagged = Value(False)
    if viewer is not None and viewer.is_authenticated:
        flagged = Exists(Flag.objects.filter(contribution=OuterRef("pk"), user=viewer))
    replies = (
        Contribution.objects.visible_to(viewer)
        .select_related("author", "version")
        .annotate(flagged_by_viewer=flagged)
        .order_by("created_at", "pk")
    )
    queryset = (
        Contribution.objects.visible_to(viewer)
        .top_level()
        .filter(chapter=chapter)
        .select_related("author", "paragraph", "version")
        .annotate(flagged_by_viewer=flagged)
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    if paragraph_id is not None:
        queryset = queryset.filter(paragraph_id=paragraph_id)
    elif general:
        queryset = queryset.filter(paragraph__isnull=True)
    return queryset


def attach_context(*, contributions: list[Contribution], user) -> None:
    """Add, in two queries at most, what each shown contribution needs beyond its row:
    the paragraph text a rewording proposal changes, and the viewer's own reaction."""
    pairs = {
        (c.version_id, c.paragraph_id)
        for c in contributions
        if c.kind == Contribution.Kind.REWORDING and c.paragraph_id
    }
    originals = {}
    if pairs:
        q = Q()
        for version_id, paragraph_id in pairs:
            q |= Q(version_id=version_id, paragraph_id=paragraph_id)
        originals = {
            (t.version_id, t.paragraph_id): t.text for t in ParagraphText.objects.filter(q)
        }
    mine = {}
    if user.is_authenticated:
        ids = [c.pk for c in contributions] + [r.pk for c in contributions for r in c.replies.all()]
        mine = dict(
            user.reactions.filter(contribution_id__in=ids).values_list("contribution", "value")
        )
    for contribution in contributions:
        contribution.original_text = originals.get(
            (contribution.version_id, contribution.paragraph_id), ""
        )
        contribution.my_reaction = mine.get(contribution.pk)
        for reply in contribution.replies.all():
            reply.my_reaction = mine.get(reply.pk)


def follows_of(*, user, consultation: Consultation) -> dict:
    if not user.is_authenticated:
        return {"consultation": False, "chapters": set()}
    rows = Follow.objects.filter(user=user).filter(
        Q(consultation=consultation) | Q(chapter__consultation=consultation)
    )
    return {
        "consultation": any(r.consultation_id for r in rows),
        "chapters": {r.chapter_id for r in rows if r.chapter_id},
    }


def user_contributions(*, user, limit: int = 20) -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(author=user)
        .select_related("chapter__consultation", "paragraph")
        .order_by("-created_at")[:limit]
    )


def user_follows(*, user) -> QuerySet[Follow]:
    return Follow.objects.filter(user=user).select_related("consultation", "chapter__consultation")
