"""What the API publishes beyond opendata/public.py, which defines the rest (issue 17).

opendata.public is THE definition of what is public (consultations, chapters, contributions,
answers, events) and the API reads it as is. Two resources of the API are not open data files
there: the regions (public reference data) and the actions of the published roadmaps; they
are defined here, next to the querysets that shape opendata's for the API (joins and
prefetches only: never a row more than opendata.public gives)."""

from django.db.models import Case, F, IntegerField, Prefetch, Q, When

from concertation.models import Contribution, ParagraphText
from esante.models import Region
from opendata import public
from roadmap.models import Action, Roadmap


def regions():
    return Region.objects.all()


def actions():
    """Actions of the published roadmaps (roadmap.querysets.PublishedQuerySet)."""
    return (
        Action.objects.filter(roadmap__in=Roadmap.objects.published())
        .select_related("roadmap", "axis")
        .prefetch_related("milestones")
    )


def consultations():
    return public.consultations().select_related("roadmap")


def chapters():
    """With their current version and its paragraphs (Markdown and the HTML stored with it):
    three queries a page, whatever the number of chapters and paragraphs."""
    return (
        public.chapters()
        .select_related("consultation", "current_version")
        .prefetch_related(
            Prefetch(
                "current_version__texts",
                queryset=ParagraphText.objects.select_related("paragraph").order_by("position"),
            )
        )
    )


# A reply's parent is named only when it is public itself: a hidden or withdrawn parent's id
# would say that something is there.
_PUBLIC_PARENT = Case(
    When(
        Q(parent__status=Contribution.Status.PUBLISHED)
        & ~Q(parent__held_reason=Contribution.HeldReason.PERSONAL_DATA),
        then=F("parent_id"),
    ),
    default=None,
    output_field=IntegerField(),
)


def contributions():
    return (
        public.contributions()
        .annotate(public_parent_id=_PUBLIC_PARENT)
        .select_related("chapter__consultation", "paragraph", "version")
    )


def official_answers():
    """Each with `public_contributions`: the public contributions it answers, and only those."""
    return (
        public.official_answers()
        .select_related("chapter__consultation", "paragraph")
        .prefetch_related(
            Prefetch(
                "contributions",
                queryset=public.contributions().only("id").order_by("id"),
                to_attr="public_contributions",
            )
        )
    )


def events():
    return public.events().select_related("region")
