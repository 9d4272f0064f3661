"""The API's querysets (issue 17): opendata.public's, which define what is public for the
open data files and the API alike, with the joins and prefetches of the API's pages only:
never a row more than opendata.public gives."""

from django.db.models import Prefetch

from concertation.models import ParagraphText
from opendata import public


def regions():
    return public.regions()


def actions():
    """Actions of the published roadmaps, with their milestones."""
    return public.roadmap_actions().select_related("roadmap", "axis").prefetch_related("milestones")


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


def contributions():
    return (
        public.contributions()
        .annotate(public_parent_id=public.PUBLIC_PARENT_ID)
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
