"""What the State publishes as open data (/donnees/) and through the API (/api/v1/): one
definition for both, so that a row kept out of one is kept out of the other (issue 17).

Only what the site itself shows the public, and less: a contribution is there when it is
published in a published consultation and was never held for personal data; hidden, rejected,
withdrawn and pending ones never are. Its author is a stakeholder type and a region, plus their
public name only when they consented (`User.name_in_open_data`) and signed the contribution.
No e-mail address, organisation or declaration of interests, ever: every field below is named.
"""

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When

from concertation.models import (
    Chapter,
    ChapterVersion,
    Consultation,
    Contribution,
    OfficialAnswer,
    ParagraphText,
)
from esante.models import DELETED_USER_EMAIL, Region
from events.models import Event
from roadmap.models import Action, RegionalIndicator

PUBLISHED = Contribution.Status.PUBLISHED


def _author_is(condition: Q):
    return ~Q(author__email=DELETED_USER_EMAIL) & condition


# The three author columns, computed by the database (exports stream `values()` rows, the API
# reads model instances: both get the same three annotations).
AUTHOR_NAME = Case(
    When(
        _author_is(
            Q(is_anonymous=False, author__name_in_open_data=True) & ~Q(author__display_name="")
        ),
        then=F("author__display_name"),
    ),
    default=Value(""),
    output_field=CharField(),
)
AUTHOR_STAKEHOLDER_TYPE = Case(
    When(_author_is(Q()), then=F("author__stakeholder_type")),
    default=Value(""),
    output_field=CharField(),
)
AUTHOR_REGION = Case(
    When(_author_is(Q(author__region__isnull=False)), then=F("author__region__code")),
    default=Value(""),
    output_field=CharField(),
)

# A reply's parent, named only when it is public itself: the id of a hidden or withdrawn parent
# would say that something is there (and dangle in the open data's foreign keys).
PUBLIC_PARENT_ID = Case(
    When(
        Q(parent__status=PUBLISHED) & ~Q(parent__held_reason=Contribution.HeldReason.PERSONAL_DATA),
        then=F("parent_id"),
    ),
    default=None,
    output_field=IntegerField(),
)


def consultations() -> QuerySet[Consultation]:
    return Consultation.objects.filter(is_published=True)


def chapters() -> QuerySet[Chapter]:
    """Chapters of published consultations that have a text online (as the chapter page)."""
    return Chapter.objects.filter(consultation__is_published=True, current_version__isnull=False)


def contributions() -> QuerySet[Contribution]:
    """Published contributions of published consultations, never one held for personal data,
    each with `author_name`, `author_stakeholder_type` and `author_region` (INSEE code)."""
    return (
        Contribution.objects.filter(status=PUBLISHED, consultation__is_published=True)
        .exclude(held_reason=Contribution.HeldReason.PERSONAL_DATA)
        .annotate(
            author_name=AUTHOR_NAME,
            author_stakeholder_type=AUTHOR_STAKEHOLDER_TYPE,
            author_region=AUTHOR_REGION,
        )
    )


def official_answers() -> QuerySet[OfficialAnswer]:
    """Published answers of published consultations. Which contributions an answer answers is
    public only for public contributions: filter the `contributions` relation with
    `contributions()`."""
    return OfficialAnswer.objects.filter(
        status=OfficialAnswer.Status.PUBLISHED, consultation__is_published=True
    )


def events() -> QuerySet[Event]:
    """Published events, and cancelled ones (shown as cancelled on the site)."""
    return Event.objects.published()


def chapter_versions() -> QuerySet[ChapterVersion]:
    """Every version of a public chapter: the site keeps the old ones readable (`?version=N`)."""
    return ChapterVersion.objects.filter(
        chapter__consultation__is_published=True, chapter__current_version__isnull=False
    )


def paragraph_texts() -> QuerySet[ParagraphText]:
    """The text of each paragraph in each version of a public chapter."""
    return ParagraphText.objects.filter(
        version__chapter__consultation__is_published=True,
        version__chapter__current_version__isnull=False,
    )


def answered_contributions():
    """Which public answer answers which public contribution (the many-to-many rows)."""
    return OfficialAnswer.contributions.through.objects.filter(
        officialanswer__in=official_answers(), contribution__in=contributions()
    )


def regions() -> QuerySet[Region]:
    return Region.objects.all()


def regional_indicators() -> QuerySet[RegionalIndicator]:
    """The figures of published programmes."""
    return RegionalIndicator.objects.filter(programme__is_published=True)


def roadmap_actions() -> QuerySet[Action]:
    """The actions of published roadmap editions."""
    return Action.objects.filter(roadmap__is_published=True)
