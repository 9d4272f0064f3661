from django.urls import path

from esante.pagecache import cache_public_page

from . import feeds, views

app_name = "roadmap"

urlpatterns = [
    path("feuille-de-route/", cache_public_page(views.roadmap_list), name="roadmap_list"),
    path(
        "feuille-de-route/<slug:slug>/",
        cache_public_page(views.roadmap_detail),
        name="roadmap_detail",
    ),
    path(
        "feuille-de-route/<slug:slug>/actions/<int:number>/",
        cache_public_page(views.action_detail),
        name="action_detail",
    ),
    path("actualites/", cache_public_page(views.news_list), name="news_list"),
    path("actualites/rss/", feeds.NewsFeed(), name="news_rss"),
    path("actualites/atom/", feeds.NewsAtomFeed(), name="news_atom"),
    path("actualites/<slug:slug>/", cache_public_page(views.news_detail), name="news_detail"),
]
