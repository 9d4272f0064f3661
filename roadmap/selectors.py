"""Reads of the roadmap pages, each with the joins its template needs (flat query counts)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from esante.models import Region

from .models import Action, Axis, NewsItem, Programme, RegionalIndicator, Roadmap


def roadmap_list() -> QuerySet[Roadmap]:
    return (
        Roadmap.objects.published()
        .annotate(
            action_count=Count("actions", distinct=True),
            axis_count=Count("axes", distinct=True),
            done_count=Count(
                "actions", filter=Q(actions__status=Action.Status.DONE), distinct=True
            ),
        )
        .order_by("-start_year")
    )  # Explicit: a GROUP BY query drops Meta.ordering for .first().


def current_roadmap() -> Roadmap | None:
    """The edition the home page leads with: the newest published one."""
    return roadmap_list().first()


def roadmap_get(*, slug: str) -> Roadmap:
    return get_object_or_404(
        Roadmap.objects.published().prefetch_related(
            Prefetch("axes", queryset=Axis.objects.annotate(action_count=Count("actions")))
        ),
        slug=slug,
    )


def roadmap_actions(*, roadmap: Roadmap) -> QuerySet[Action]:
    return roadmap.actions.select_related("axis").order_by("number")


def action_get(*, roadmap_slug: str, number: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("roadmap", "axis").prefetch_related("milestones"),
        roadmap__slug=roadmap_slug,
        roadmap__is_published=True,
        number=number,
    )


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.published().select_related("roadmap")


def news_list() -> QuerySet[NewsItem]:
    return NewsItem.objects.published().select_related("region")


def news_get(*, slug: str) -> NewsItem:
    return get_object_or_404(news_list(), slug=slug)


def region_indicators(*, region: Region) -> QuerySet[RegionalIndicator]:
    return (
        RegionalIndicator.objects.filter(region=region, programme__is_published=True)
        .select_related("programme")
        .order_by("programme__name", "label")
    )


def region_indicator_counts() -> dict[int, int]:
    rows = (
        RegionalIndicator.objects.filter(programme__is_published=True)
        .values("region")
        .annotate(n=Count("pk"))
    )
    return {row["region"]: row["n"] for row in rows}
