"""What changed in the text after the consultation closed, and why.

For each chapter: the version in force at the close (the last one created by then), then each
version published after it, compared with the one before (so that each change is told once, in
the version that made it), paragraph by paragraph through their stable anchors. Beside each
changed paragraph, what led to it: the rewording proposals accepted into that version
(`Contribution.rewording_version`), and the contributions whose published official answer names
that version (`OfficialAnswer.version`). What a version took in elsewhere (on the whole chapter,
or on a paragraph it left unchanged) is listed after its paragraphs.

Five queries whatever the number of chapters, versions and contributions; the word diffs are
computed in Python over the paragraphs of the versions shown."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html

from ..models import (
    ChapterVersion,
    Consultation,
    Contribution,
    OfficialAnswer,
    ParagraphText,
)
from ..versioning import word_diff

ADDED, CHANGED, REMOVED = "added", "changed", "removed"


@dataclass
class ParagraphChange:
    state: str  # added, changed, removed
    paragraph_id: int
    anchor: str
    position: int  # in its version (the earlier one for a removed paragraph)
    html: str  # the word diff, escaped
    url: str  # the paragraph on its chapter's page, in this version (or the last that had it)
    rewordings: list[Contribution] = field(default_factory=list)
    answered: list[Contribution] = field(default_factory=list)
    answers: list[OfficialAnswer] = field(default_factory=list)  # on the paragraph itself


@dataclass
class VersionChanges:
    version: ChapterVersion
    previous: ChapterVersion | None
    changes: list[ParagraphChange]
    unchanged: int
    compare_url: str
    # Taken in by this version, but not on one of the paragraphs it changed:
    rewordings: list[Contribution] = field(default_factory=list)
    answered: list[Contribution] = field(default_factory=list)
    answers: list[OfficialAnswer] = field(default_factory=list)

    @property
    def linked_count(self) -> int:
        return (
            sum(len(c.rewordings) + len(c.answered) for c in self.changes)
            + len(self.rewordings)
            + len(self.answered)
        )


@dataclass
class ChapterChanges:
    chapter: object
    at_closing: ChapterVersion | None
    versions: list[VersionChanges]
    url: str


def _contributions():
    return Contribution.objects.filter(status=Contribution.Status.PUBLISHED).select_related(
        "author", "paragraph", "chapter__consultation"
    )


def consultation_changes(consultation: Consultation) -> list[ChapterChanges]:
    closes_at = consultation.closes_at
    versions = list(
        ChapterVersion.objects.filter(chapter__consultation=consultation)
        .select_related("chapter")
        .defer("body", "chapter__summary")
        .order_by("chapter__number", "number")
    )
    by_chapter = defaultdict(list)
    for version in versions:
        by_chapter[version.chapter_id].append(version)
    # For each chapter, the version in force at the close and those published after it.
    plans = []
    for chapter_versions in by_chapter.values():
        before = [v for v in chapter_versions if v.created_at <= closes_at]
        after = [v for v in chapter_versions if v.created_at > closes_at]
        plans.append((chapter_versions[0].chapter, before[-1] if before else None, after))
    after_ids = [v.pk for _chapter, _closing, after in plans for v in after]
    shown_ids = after_ids + [closing.pk for _c, closing, after in plans if closing and after]
    texts = defaultdict(dict)  # version id -> paragraph id -> ParagraphText
    for text in (
        ParagraphText.objects.filter(version__in=shown_ids)
        .select_related("paragraph")
        .order_by("version", "position")
    ):
        texts[text.version_id][text.paragraph_id] = text
    rewordings = defaultdict(list)
    for contribution in _contributions().filter(rewording_version__in=after_ids).order_by("pk"):
        rewordings[contribution.rewording_version_id].append(contribution)
    answers = defaultdict(list)
    for answer in (
        OfficialAnswer.objects.filter(status=OfficialAnswer.Status.PUBLISHED, version__in=after_ids)
        .order_by("published_at", "pk")
        .prefetch_related(Prefetch("contributions", queryset=_contributions().order_by("pk")))
    ):
        answers[answer.version_id].append(answer)

    result = []
    for chapter, closing, after in plans:
        chapter_url = reverse(
            "concertation:chapter_detail",
            kwargs={"slug": consultation.slug, "chapter": chapter.slug},
        )
        versions_url = reverse(
            "concertation:chapter_versions",
            kwargs={"slug": consultation.slug, "chapter": chapter.slug},
        )
        shown = []
        previous = closing
        for version in after:
            shown.append(
                _version_changes(
                    version,
                    previous,
                    texts,
                    rewordings=rewordings[version.pk],
                    answers=answers[version.pk],
                    current_version_id=chapter.current_version_id,
                    chapter_url=chapter_url,
                    versions_url=versions_url,
                )
            )
            previous = version
        result.append(
            ChapterChanges(chapter=chapter, at_closing=closing, versions=shown, url=chapter_url)
        )
    return result


def _whole(tag: str, text: str) -> str:
    """A paragraph added or removed whole: one <ins> or <del>, its text escaped."""
    return format_html("<{}>{}</{}>", tag, text, tag)


def _paragraph_url(chapter_url, version, anchor, current_version_id) -> str:
    query = f"?paragraphe={anchor}"
    if version.pk != current_version_id:
        query += f"&version={version.number}"
    return f"{chapter_url}{query}#{anchor}"


def _version_changes(
    version,
    previous,
    texts,
    *,
    rewordings,
    answers,
    current_version_id,
    chapter_url,
    versions_url,
) -> VersionChanges:
    old = texts[previous.pk] if previous else {}
    new = texts[version.pk]
    changes, unchanged = [], 0
    for paragraph_id, text in new.items():  # in the new version's order
        before = old.get(paragraph_id)
        if before is not None and before.text == text.text:
            unchanged += 1
            continue
        changes.append(
            ParagraphChange(
                state=CHANGED if before is not None else ADDED,
                paragraph_id=paragraph_id,
                anchor=text.paragraph.anchor,
                position=text.position,
                html=word_diff(before.text, text.text) if before else _whole("ins", text.text),
                url=_paragraph_url(chapter_url, version, text.paragraph.anchor, current_version_id),
            )
        )
    for paragraph_id, text in old.items():
        if paragraph_id not in new:
            changes.append(
                ParagraphChange(
                    state=REMOVED,
                    paragraph_id=paragraph_id,
                    anchor=text.paragraph.anchor,
                    position=text.position,
                    html=_whole("del", text.text),
                    url=_paragraph_url(
                        chapter_url, previous, text.paragraph.anchor, current_version_id
                    ),
                )
            )
    by_paragraph = {change.paragraph_id: change for change in changes}
    result = VersionChanges(
        version=version,
        previous=previous,
        changes=changes,
        unchanged=unchanged,
        compare_url=(
            f"{versions_url}?de={previous.number}&a={version.number}#comparaison"
            if previous
            else versions_url
        ),
    )
    for contribution in rewordings:
        change = by_paragraph.get(contribution.paragraph_id)
        (change.rewordings if change else result.rewordings).append(contribution)
    seen = {contribution.pk for contribution in rewordings}  # listed once, as a rewording
    for answer in answers:
        contributions = list(answer.contributions.all())
        if not contributions and answer.paragraph_id in by_paragraph:
            by_paragraph[answer.paragraph_id].answers.append(answer)
        elif not contributions:
            result.answers.append(answer)
        for contribution in contributions:
            if contribution.pk in seen:
                continue
            seen.add(contribution.pk)
            change = by_paragraph.get(contribution.paragraph_id or answer.paragraph_id)
            (change.answered if change else result.answered).append(contribution)
    return result
