"""Reads of the concertation pages; each fetches what its template shows in a bounded number
of queries, whatever the number of contributions."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from . import rules as concertation_rules
from .models import (
    Chapter,
    ChapterVersion,
    CharterAcceptance,
    Consultation,
    Contribution,
    ContributorBlock,
    Flag,
    Follow,
    OfficialAnswer,
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


def published_answers() -> QuerySet[OfficialAnswer]:
    """Official answers the public may read, oldest first (a thread reads downwards); drafts
    never leave the admin. With the chapter version that took each into account."""
    return (
        OfficialAnswer.objects.filter(status=OfficialAnswer.Status.PUBLISHED)
        .select_related("version")
        .order_by("published_at", "pk")
    )


def answers_prefetch() -> Prefetch:
    """`contribution.published_answers`: the published answers to each contribution, in one
    query for a whole list."""
    return Prefetch("official_answers", queryset=published_answers(), to_attr="published_answers")


def changes_url(*, chapter: Chapter, version: ChapterVersion | None) -> str:
    """Where a reader sees the change a contribution caused. A version published after the
    consultation closed: its place in the results' "what changed", beside the contributions
    that led to it; an earlier one: its comparison with the one before it, on the chapter's
    versions page. The one place that builds that link (the chapter page, the account page)."""
    if version is None:
        return ""
    consultation = chapter.consultation
    if version.created_at > consultation.closes_at and consultation.is_published:
        url = reverse("concertation:results_changes", kwargs={"slug": consultation.slug})
        return f"{url}#chapitre-{chapter.slug}-v{version.number}"
    url = reverse(
        "concertation:chapter_versions",
        kwargs={"slug": chapter.consultation.slug, "chapter": chapter.slug},
    )
    if version.number > 1:
        url += f"?de={version.number - 1}&a={version.number}"
    return f"{url}#comparaison"


def version_paragraphs(*, version: ChapterVersion, chapter: Chapter) -> list[ParagraphText]:
    """The paragraphs of a version (of `chapter`), each with its count of published
    contributions and the published official answers on the paragraph itself
    (`paragraph_answers`)."""
    texts = list(version.texts.select_related("paragraph").order_by("position"))
    counts = dict(
        Contribution.objects.published()
        .filter(chapter=chapter, paragraph__isnull=False)
        .values_list("paragraph")
        .annotate(n=Count("pk"))
    )
    answers = {}
    for answer in published_answers().filter(chapter=chapter, paragraph__isnull=False):
        answer.changes_url = changes_url(chapter=chapter, version=answer.version)
        answers.setdefault(answer.paragraph_id, []).append(answer)
    for text in texts:
        text.contribution_count = counts.get(text.paragraph_id, 0)
        text.paragraph_answers = answers.get(text.paragraph_id, [])
    return texts


SORTS = {"recent": ["-created_at"], "agreed": ["-agree_count", "-created_at"]}


def chapter_contributions(
    *,
    chapter: Chapter,
    paragraph_id: int | None = None,
    general: bool = False,
    viewer=None,
) -> QuerySet[Contribution]:
    """Top-level contributions the public sees, with their authors, replies and published
    official answers; the viewer's own contributions awaiting moderation too, and whether the
    viewer flagged each one, in the same queries."""
    flagged = Value(False)
    if viewer is not None and viewer.is_authenticated:
        flagged = Exists(Flag.objects.filter(contribution=OuterRef("pk"), user=viewer))
    replies = (
        Contribution.objects.visible_to(viewer)
        .select_related("author", "version")
        .annotate(flagged_by_viewer=flagged)
        .prefetch_related(answers_prefetch())
        .order_by("created_at", "pk")
    )
    queryset = (
        Contribution.objects.visible_to(viewer)
        .top_level()
        .filter(chapter=chapter)
        .select_related("author", "paragraph", "version", "rewording_version")
        .annotate(flagged_by_viewer=flagged)
        .prefetch_related(Prefetch("replies", queryset=replies), answers_prefetch())
    )
    if paragraph_id is not None:
        queryset = queryset.filter(paragraph_id=paragraph_id)
    elif general:
        queryset = queryset.filter(paragraph__isnull=True)
    return queryset


class ThreadPaginator(Paginator):
    """Pages of a chapter's threads that neither count nor skip rows one by one (issue 16).

    - `count`, when given, is the number of threads as the counters say
      (concertation.services.counters), instead of a COUNT over the chapter's rows;
    - a page's rows are fetched by their ids, which a subquery reads from the thread indexes
      alone (models.Contribution.Meta.indexes): page 600 skips 12,000 index entries, not
      12,000 rows. Still one query per page."""

    def __init__(self, object_list, per_page, *, count: int | None = None):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self):
        if self.known_count is not None:
            return self.known_count
        return super().count

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.object_list.filter(pk__in=ids), number, self)


def chapter_page(
    *,
    queryset: QuerySet[Contribution],
    chapter: Chapter,
    paragraph=None,
    filtered: bool,
    viewer,
    number,
    per_page: int,
) -> Page:
    """A page of `queryset` (chapter_contributions, sorted and filtered). Unfiltered, its count
    is the chapter's or the paragraph's thread counter, plus the viewer's own threads awaiting
    moderation there (they alone see them); filtered by kind or stakeholder, counted."""
    count = None
    if not filtered:
        count = paragraph.thread_count if paragraph is not None else chapter.thread_count
        if viewer is not None and viewer.is_authenticated:
            count += (
                Contribution.objects.top_level()
                .filter(
                    chapter=chapter,
                    author=viewer,
                    status=Contribution.Status.PENDING,
                    paragraph=paragraph,
                )
                .count()
            )
    return ThreadPaginator(queryset, per_page, count=count).get_page(number)


# reverse() with this id, then the id swapped for « {pk} »: a pattern per page, not a reverse()
# per contribution and per link (issue 16).
_SENTINEL_PK = 2147483647
CONTRIBUTION_URLS = (
    "reaction",
    "flag",
    "contribution_edit",
    "contribution_withdraw",
    "reply_create",
)


def contribution_url_patterns() -> dict[str, str]:
    """`{{ contribution_urls.flag|with_pk:contribution.pk }}`: the links of each contribution."""
    return {
        name: reverse(f"concertation:{name}", args=[_SENTINEL_PK]).replace(
            str(_SENTINEL_PK), "{pk}"
        )
        for name in CONTRIBUTION_URLS
    }


def attach_context(*, contributions: list[Contribution], user, chapter: Chapter) -> None:
    """Add, in two queries at most, what each shown contribution needs beyond its row:
    the paragraph text a rewording proposal changes, the viewer's own reaction, and the links
    to the change its answers or its rewording led to (no query)."""
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
        _attach_changes(contribution, chapter)
        for reply in contribution.replies.all():
            reply.my_reaction = mine.get(reply.pk)
            _attach_changes(reply, chapter)


def _attach_changes(contribution: Contribution, chapter: Chapter) -> None:
    for answer in contribution.published_answers:
        answer.changes_url = changes_url(chapter=chapter, version=answer.version)
    contribution.rewording_changes_url = (
        changes_url(chapter=chapter, version=contribution.rewording_version)
        if contribution.rewording_version_id
        else ""
    )


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


@dataclass
class ViewerState:
    """What the chapter page needs to know of its viewer on this consultation."""

    verified: bool = False
    block: ContributorBlock | None = None
    charter_accepted: bool = False
    follows: dict = field(default_factory=lambda: {"consultation": False, "chapters": set()})
    can_contribute: bool = False


def viewer_state(*, user, consultation: Consultation, chapter: Chapter) -> ViewerState:
    """The viewer's verified e-mail, active block, charter acceptance and follows of the
    consultation and of `chapter`, in one query (five before, two of them twice: the gate
    and the page each asked). `can_contribute` is the gate `concertation.contribute` read from
    them: a verified e-mail, no active block, the consultation open (tests/concertation/
    test_queries.py compares both for every case). A blocked viewer costs one more query, for
    the block's reason and end."""
    if not user.is_authenticated:
        return ViewerState()
    mine = {"user": OuterRef("pk")}
    now = timezone.now()
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            verified=Exists(
                EmailAddress.objects.filter(**mine, email__iexact=user.email, verified=True)
            ),
            blocked=Exists(
                ContributorBlock.objects.filter(**mine, lifted_at__isnull=True).filter(
                    Q(until__isnull=True) | Q(until__gt=now)
                )
            ),
            charter=Exists(CharterAcceptance.objects.filter(**mine, consultation=consultation)),
            follows_consultation=Exists(Follow.objects.filter(**mine, consultation=consultation)),
            follows_chapter=Exists(Follow.objects.filter(**mine, chapter=chapter)),
        )
        .values("verified", "blocked", "charter", "follows_consultation", "follows_chapter")
        .first()
    )
    if row is None:
        return ViewerState()
    block = concertation_rules.active_block(user) if row["blocked"] else None
    return ViewerState(
        verified=row["verified"],
        block=block,
        charter_accepted=row["charter"],
        follows={
            "consultation": row["follows_consultation"],
            "chapters": {chapter.pk} if row["follows_chapter"] else set(),
        },
        can_contribute=(
            row["verified"] and block is None and consultation.is_published and consultation.is_open
        ),
    )


def user_contributions(*, user) -> QuerySet[Contribution]:
    """Everything this user wrote, newest first, whatever became of it (published, awaiting
    moderation, hidden, rejected, withdrawn: the author sees their own trail), with the
    published official answers to each and the chapter versions they led to."""
    return (
        Contribution.objects.filter(author=user)
        .select_related("chapter__consultation", "paragraph", "rewording_version")
        .prefetch_related(answers_prefetch())
        .order_by("-created_at", "-pk")
    )


def attach_trail(*, contributions: list[Contribution]) -> None:
    """For the account page: on each of the author's contributions, the links to the change its
    answers or its rewording led to, and the answers published on its paragraph as a whole
    (`paragraph_answers`, one query for the page) that do not already answer it."""
    paragraph_ids = {c.paragraph_id for c in contributions if c.paragraph_id}
    on_paragraph = {}
    if paragraph_ids:
        for answer in published_answers().filter(paragraph_id__in=paragraph_ids):
            on_paragraph.setdefault(answer.paragraph_id, []).append(answer)
    for contribution in contributions:
        _attach_changes(contribution, contribution.chapter)
        own = {a.pk for a in contribution.published_answers}
        contribution.paragraph_answers = [
            a for a in on_paragraph.get(contribution.paragraph_id, []) if a.pk not in own
        ]
        for answer in contribution.paragraph_answers:
            answer.changes_url = changes_url(chapter=contribution.chapter, version=answer.version)


def user_follows(*, user) -> QuerySet[Follow]:
    """What the user follows: consultations, chapters, working groups, the whole council."""
    return (
        Follow.objects.filter(user=user)
        .select_related("consultation", "chapter__consultation", "working_group")
        .order_by("-created_at", "-pk")
    )
