"""Writes on the texts put to consultation: creating a chapter and publishing its versions
(the paragraph matching that keeps anchors lives in `concertation.versioning`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from esante.models import User

from ..models import Chapter, ChapterVersion, Consultation, Paragraph, ParagraphText
from ..versioning import match_paragraphs, new_anchor, split_paragraphs


@transaction.atomic
def chapter_revise(
    *, chapter: Chapter, body: str, note: str = "", by: User | None = None
) -> ChapterVersion:
    """Publish a new version of a chapter; unchanged (or lightly edited) paragraphs keep their
    anchors so that contributions made on them stay attached."""
    texts = split_paragraphs(body)
    if not texts:
        raise ValidationError(gettext("Le texte du chapitre est vide."), code="empty")
    # Lock the chapter: two editors revising at once must not both create version N.
    chapter = Chapter.objects.select_for_update().get(pk=chapter.pk)
    previous = chapter.current_version
    if previous is not None and previous.body.strip() == body.strip():
        return previous
    old = []
    if previous is not None:
        old = [(t.paragraph.anchor, t.text) for t in previous.texts.select_related("paragraph")]
    anchors = match_paragraphs(old, texts)
    number = (previous.number + 1) if previous else 1
    version = ChapterVersion.objects.create(
        chapter=chapter, number=number, body=body.strip(), note=note, created_by=by
    )
    existing = {p.anchor: p for p in chapter.paragraphs.all()}
    taken = set(existing)
    rows = []
    for position, (text, anchor) in enumerate(zip(texts, anchors, strict=True), start=1):
        paragraph = existing.get(anchor) if anchor else None
        if paragraph is None:
            paragraph = Paragraph.objects.create(chapter=chapter, anchor=new_anchor(taken))
        rows.append(
            ParagraphText(version=version, paragraph=paragraph, position=position, text=text)
        )
    for row in rows:
        row.fill_rendered()  # bulk_create skips save(), which renders.
    ParagraphText.objects.bulk_create(rows)
    chapter.current_version = version
    chapter.save(update_fields=["current_version"])
    return version


@transaction.atomic
def chapter_create(
    *,
    consultation: Consultation,
    number: int,
    title: str,
    slug: str,
    body: str,
    summary: str = "",
    by: User | None = None,
) -> Chapter:
    chapter = Chapter.objects.create(
        consultation=consultation, number=number, title=title, slug=slug, summary=summary
    )
    chapter_revise(chapter=chapter, body=body, note="Version initiale", by=by)
    chapter.refresh_from_db()
    return chapter
