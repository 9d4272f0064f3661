"""The figures of a consultation's results, counted by the database.

Every function runs a fixed number of queries whatever the number of contributions: counts come
from `aggregate()` (with conditional `Count(filter=...)`) or `values().annotate(Count)`, and the
Python loops below run over their result rows (categories, weeks, ten paragraphs), never over
contributions. "Contributions" are the published ones, replies included, as on the consultation's
page; a participant is an author of at least one of them."""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Min, Q
from django.db.models.functions import TruncWeek
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from esante.i18n import date_in_words
from esante.models import StakeholderType

from ..models import (
    AnswerState,
    ChapterVersion,
    Consultation,
    Contribution,
    ParagraphText,
    RewordingOutcome,
    Synthesis,
)
from ..moderation import REASON_LABELS
from .charts import Bar, Column, bar_chart, column_chart, share

PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)
S = Contribution.Status
PUBLISHED = Q(status=S.PUBLISHED)
ANSWERED = PUBLISHED & ~Q(answer_state="")
TOP_PARAGRAPHS = 10


def _published(consultation: Consultation):
    # No default ordering in GROUP BY queries: Meta.ordering would add created_at to them.
    return Contribution.objects.filter(consultation=consultation, status=S.PUBLISHED).order_by()


@dataclass
class Totals:
    contributions: int
    replies: int
    participants: int
    answered: int  # replies included: the answers by state and their list count them all
    answered_top_level: int
    rewordings_taken: int
    by_state: dict[str, int]

    @property
    def top_level(self) -> int:
        return self.contributions - self.replies

    @property
    def answer_rate(self) -> float:
        """Of the contributions on the text, the share answered: the replies between
        participants are a discussion that the team answers under the contribution it is about,
        and counting them would make the rate read lower than what was answered."""
        return share(self.answered_top_level, self.top_level)


def totals(consultation: Consultation) -> Totals:
    """The headline figures and the answers by state: one query."""
    counts = {
        f"state_{state}": Count("pk", filter=ANSWERED & Q(answer_state=state))
        for state in AnswerState.values
    }
    row = Contribution.objects.filter(consultation=consultation).aggregate(
        contributions=Count("pk", filter=PUBLISHED),
        replies=Count("pk", filter=PUBLISHED & Q(parent__isnull=False)),
        participants=Count("author", filter=PUBLISHED, distinct=True),
        answered=Count("pk", filter=ANSWERED),
        answered_top_level=Count("pk", filter=ANSWERED & Q(parent__isnull=True)),
        rewordings_taken=Count(
            "pk",
            filter=PUBLISHED
            & Q(
                rewording_outcome__in=[
                    RewordingOutcome.ACCEPTED,
                    RewordingOutcome.PARTLY_ACCEPTED,
                ]
            ),
        ),
        **counts,
    )
    return Totals(
        contributions=row["contributions"],
        replies=row["replies"],
        participants=row["participants"],
        answered=row["answered"],
        answered_top_level=row["answered_top_level"],
        rewordings_taken=row["rewordings_taken"],
        by_state={state: row[f"state_{state}"] for state in AnswerState.values},
    )


def answers_by_state(consultation: Consultation, figures: Totals):
    """The answered contributions by the position taken, in the order of AnswerState; each bar
    links to the list of those answers. No query: read from totals()."""
    url = reverse("concertation:results_answers", kwargs={"slug": consultation.slug})
    bars = [
        Bar(label=state.label, value=figures.by_state[state.value], url=f"{url}?etat={state.value}")
        for state in AnswerState
    ]
    return bar_chart(bars, total=figures.answered)


def by_stakeholder(consultation: Consultation):
    """Contributions and participants by type of stakeholder, most contributions first."""
    rows = (
        _published(consultation)
        .values("author__stakeholder_type")
        .annotate(n=Count("pk"), people=Count("author", distinct=True))
        .order_by("-n", "author__stakeholder_type")
    )
    labels = dict(StakeholderType.choices)
    bars = [
        Bar(
            label=labels.get(row["author__stakeholder_type"], row["author__stakeholder_type"]),
            value=row["n"],
            extra={"participants": row["people"]},
        )
        for row in rows
    ]
    return bar_chart(bars)


def by_region(consultation: Consultation):
    """Contributions and participants by the region their authors gave, most contributions
    first; authors who gave none last, together."""
    rows = (
        _published(consultation)
        .values("author__region__name")
        .annotate(n=Count("pk"), people=Count("author", distinct=True))
        .order_by("-n", "author__region__name")
    )
    known, unknown = [], []
    for row in rows:
        name = row["author__region__name"]
        bar = Bar(
            label=name or gettext("Région non renseignée"),
            value=row["n"],
            extra={"participants": row["people"]},
        )
        (known if name else unknown).append(bar)
    return bar_chart(known + unknown)


def by_chapter(consultation: Consultation):
    """Every chapter in its order, with its contributions, participants and answers."""
    chapters = consultation.chapters.annotate(
        n=Count("contributions", filter=Q(contributions__status=S.PUBLISHED)),
        people=Count(
            "contributions__author", filter=Q(contributions__status=S.PUBLISHED), distinct=True
        ),
        answered=Count(
            "contributions",
            filter=Q(contributions__status=S.PUBLISHED) & ~Q(contributions__answer_state=""),
        ),
    ).order_by("number")
    bars = [
        Bar(
            label=f"{chapter.number}. {chapter.title}",
            value=chapter.n,
            url=reverse(
                "concertation:chapter_detail",
                kwargs={"slug": consultation.slug, "chapter": chapter.slug},
            ),
            extra={"participants": chapter.people, "answered": chapter.answered},
        )
        for chapter in chapters
    ]
    return bar_chart(bars)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def by_week(consultation: Consultation, *, now: datetime.datetime | None = None):
    """Contributions per week (Monday to Sunday, Paris time), every week of the consultation
    shown, those without any too; live, up to this week."""
    counts = {
        timezone.localtime(row["week"], PARIS).date(): row["n"]
        for row in _published(consultation)
        .annotate(week=TruncWeek("created_at", tzinfo=PARIS))
        .values("week")
        .annotate(n=Count("pk"))
        .order_by("week")
    }
    now = now or timezone.now()
    first = _monday(timezone.localdate(consultation.opens_at, PARIS))
    last_day = min(consultation.last_day, timezone.localdate(now, PARIS))
    last = _monday(max(last_day, first))
    if counts:  # contributions dated outside the consultation (imported ones) still show
        first, last = min(first, *counts), max(last, *counts)
    columns = []
    week = first
    while week <= last:
        columns.append(
            Column(
                label=gettext("Semaine du %(date)s") % {"date": date_in_words(week, "j F Y")},
                short_label=formats.date_format(week, "d/m"),
                value=counts.get(week, 0),
            )
        )
        week += datetime.timedelta(days=7)
    return column_chart(columns)


@dataclass
class HotParagraph:
    chapter_number: int
    chapter_title: str
    position: int | None  # in the chapter's current version; None if it was removed since
    excerpt: str
    contributions: int
    participants: int
    url: str


def top_paragraphs(consultation: Consultation, *, limit: int = TOP_PARAGRAPHS):
    """The paragraphs with the most published contributions, with their text: two queries."""
    rows = list(
        _published(consultation)
        .filter(paragraph__isnull=False)
        .values(
            "paragraph",
            "paragraph__anchor",
            "chapter__number",
            "chapter__title",
            "chapter__slug",
            "chapter__current_version",
        )
        .annotate(n=Count("pk"), people=Count("author", distinct=True))
        .order_by("-n", "chapter__number", "paragraph")[:limit]
    )
    # Their latest text (and position in the current version), newest version first.
    texts = {}
    for text in (
        ParagraphText.objects.filter(paragraph__in=[row["paragraph"] for row in rows])
        .order_by("paragraph", "-version__number")
        .values("paragraph", "version", "version__number", "position", "text")
    ):
        texts.setdefault(text["paragraph"], text)
    hot = []
    for row in rows:
        text = texts.get(row["paragraph"]) or {}
        current = text.get("version") == row["chapter__current_version"]
        chapter_url = reverse(
            "concertation:chapter_detail",
            kwargs={"slug": consultation.slug, "chapter": row["chapter__slug"]},
        )
        anchor = row["paragraph__anchor"]
        # A paragraph gone from the current version is read in the last version that had it.
        version = "" if current or not text else f"&version={text['version__number']}"
        hot.append(
            HotParagraph(
                chapter_number=row["chapter__number"],
                chapter_title=row["chapter__title"],
                position=text.get("position") if current else None,
                excerpt=text.get("text", ""),
                contributions=row["n"],
                participants=row["people"],
                url=f"{chapter_url}?paragraphe={anchor}{version}#{anchor}",
            )
        )
    return hot


def changed_chapters(consultation: Consultation) -> int:
    """How many chapters have a version published after the close."""
    return (
        ChapterVersion.objects.filter(
            chapter__consultation=consultation, created_at__gt=consultation.closes_at
        )
        .values("chapter")
        .distinct()
        .count()
    )


def published_synthesis(consultation: Consultation) -> Synthesis | None:
    return Synthesis.objects.filter(consultation=consultation, is_published=True).first()


def file_size(size: int | None) -> str:
    """« 1,2 Mo », « 350 Ko »: decimal units, as the DSFR's download links give them; the
    number and its unit never split over two lines (a non-breaking space, added here: a
    "\u00a0" written in the message would not be the one the catalogue extracts)."""
    if size is None:
        return ""
    if size >= 1_000_000:
        text = gettext("%(size)s Mo") % {"size": formats.number_format(size / 1e6, 1)}
    elif size >= 1_000:
        text = gettext("%(size)s Ko") % {"size": formats.number_format(size / 1e3, 0)}
    else:
        text = ngettext("%(size)s octet", "%(size)s octets", size) % {"size": size}
    return text.replace(" ", "\u00a0")


def document_size(synthesis: Synthesis) -> int | None:
    """The size of the synthesis' PDF, from the storage (no query); None if it is missing."""
    if not synthesis.document:
        return None
    try:
        return synthesis.document.size
    except OSError:
        return None


# --- For the DNS team only, live --------------------------------------------------------------


@dataclass
class ModerationFigures:
    received: int
    pending: int
    held_personal_data: int
    held_flags: int
    oldest_pending: datetime.datetime | None
    moderated: int
    median_delay: datetime.timedelta | None
    hidden: int
    rejected: int
    reasons: list[Bar]

    @property
    def removed_rate(self) -> float:
        return share(self.hidden + self.rejected, self.received)


def moderation(consultation: Consultation) -> ModerationFigures:
    """The moderation queue, the median time to moderate and what was taken down, by reason:
    three queries."""
    contributions = Contribution.objects.filter(consultation=consultation).order_by()
    pending = Q(status=S.PENDING)
    row = contributions.aggregate(
        received=Count("pk"),
        pending=Count("pk", filter=pending),
        held_personal_data=Count(
            "pk", filter=pending & Q(held_reason=Contribution.HeldReason.PERSONAL_DATA)
        ),
        held_flags=Count("pk", filter=pending & Q(held_reason=Contribution.HeldReason.FLAGS)),
        oldest_pending=Min("created_at", filter=pending),
        moderated=Count("pk", filter=Q(moderated_at__isnull=False)),
        hidden=Count("pk", filter=Q(status=S.HIDDEN)),
        rejected=Count("pk", filter=Q(status=S.REJECTED)),
    )
    reasons = []
    for reason in (
        contributions.filter(status__in=[S.HIDDEN, S.REJECTED])
        .values("moderation_reason")
        .annotate(
            n=Count("pk"),
            hidden=Count("pk", filter=Q(status=S.HIDDEN)),
            rejected=Count("pk", filter=Q(status=S.REJECTED)),
        )
        .order_by("-n", "moderation_reason")
    ):
        code = reason["moderation_reason"]
        reasons.append(
            Bar(
                label=REASON_LABELS.get(code, code) if code else gettext("Motif non précisé"),
                value=reason["n"],
                extra={"hidden": reason["hidden"], "rejected": reason["rejected"]},
            )
        )
    chart = bar_chart(reasons, total=row["received"])
    return ModerationFigures(
        **row,
        median_delay=_median_delay(contributions, row["moderated"]),
        reasons=chart.bars,
    )


def _median_delay(contributions, moderated: int) -> datetime.timedelta | None:
    """The median of moderated_at - created_at, read in the database: the one or two middle
    rows of the moderated contributions ordered by that delay (no median aggregate is common
    to SQLite and PostgreSQL)."""
    if not moderated:
        return None
    middle = list(
        contributions.filter(moderated_at__isnull=False)
        .annotate(delay=F("moderated_at") - F("created_at"))
        .order_by("delay", "pk")
        .values_list("delay", flat=True)[(moderated - 1) // 2 : moderated // 2 + 1]
    )
    return sum(middle, datetime.timedelta()) / len(middle)


def duration_in_words(delay: datetime.timedelta | None) -> str:
    """« 3 jours 4 h », « 2 h 05 », « 12 min »."""
    if delay is None:
        return "—"
    minutes = max(int(delay.total_seconds() // 60), 0)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return ngettext("%(days)s jour %(hours)s h", "%(days)s jours %(hours)s h", days) % {
            "days": days,
            "hours": hours,
        }
    if hours:
        return gettext("%(hours)s h %(minutes)02d") % {"hours": hours, "minutes": minutes}
    return gettext("%(minutes)s min") % {"minutes": minutes}
