from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from esante.i18n import french

from . import selectors
from .filters import ActionFilter

NEWS_PER_PAGE = 10


def roadmap_list(request):
    return render(
        request,
        "roadmap/roadmap_list.html",
        {
            "roadmaps": selectors.roadmap_list(),
            "programmes": selectors.programme_list(),
            "breadcrumb_data": {"current": gettext("Feuille de route")},
        },
    )


def roadmap_detail(request, slug):
    roadmap = selectors.roadmap_get(slug=slug)
    action_filter = ActionFilter(
        request.GET or None, queryset=selectors.roadmap_actions(roadmap=roadmap), roadmap=roadmap
    )
    actions = action_filter.qs
    return render(
        request,
        "roadmap/roadmap_detail.html",
        {
            "roadmap": roadmap,
            "filter": action_filter,
            # Unknown filter values are ignored (the list stays unfiltered for them) and said so.
            "filter_errors": action_filter.is_bound and not action_filter.is_valid(),
            "actions": actions,
            "breadcrumb_data": {
                "links": [
                    {"url": reverse("roadmap:roadmap_list"), "title": gettext("Feuille de route")}
                ],
                "current": french(roadmap.title),
            },
        },
    )


def action_detail(request, slug, number):
    action = selectors.action_get(roadmap_slug=slug, number=number)
    return render(
        request,
        "roadmap/action_detail.html",
        {
            "action": action,
            "breadcrumb_data": {
                "links": [
                    {"url": reverse("roadmap:roadmap_list"), "title": gettext("Feuille de route")},
                    {
                        "url": action.roadmap.get_absolute_url(),
                        "title": french(action.roadmap.title),
                    },
                ],
                "current": gettext("Action %(number)s") % {"number": action.number},
            },
        },
    )


def news_list(request):
    page = Paginator(selectors.news_list(), NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "roadmap/news_list.html",
        {"page_obj": page, "breadcrumb_data": {"current": gettext("Actualités")}},
    )


def news_detail(request, slug):
    item = selectors.news_get(slug=slug)
    return render(
        request,
        "roadmap/news_detail.html",
        {
            "item": item,
            "breadcrumb_data": {
                "links": [{"url": reverse("roadmap:news_list"), "title": gettext("Actualités")}],
                "current": french(item.title),
            },
        },
    )
