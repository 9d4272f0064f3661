from django.urls import include, path

from esante.pagecache import cache_public_page

from . import views

app_name = "concertation"

urlpatterns = [
    path("concertation/", cache_public_page(views.consultation_list), name="consultation_list"),
    path(
        "concertation/contributions/<int:pk>/repondre/",
        views.reply_create,
        name="reply_create",
    ),
    path("concertation/contributions/<int:pk>/reagir/", views.reaction, name="reaction"),
    path("concertation/contributions/<int:pk>/signaler/", views.flag, name="flag"),
    path(
        "concertation/contributions/<int:pk>/modifier/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path(
        "concertation/contributions/<int:pk>/retirer/",
        views.contribution_withdraw,
        name="contribution_withdraw",
    ),
    path(
        "concertation/<slug:slug>/",
        cache_public_page(views.consultation_detail),
        name="consultation_detail",
    ),
    path("concertation/<slug:slug>/suivre/", views.follow, name="follow_consultation"),
    # Before the chapter pages: their <slug:chapter> would take « resultats ».
    path("concertation/<slug:slug>/resultats/", include("concertation.results.urls")),
    path(
        "concertation/<slug:slug>/<slug:chapter>/",
        cache_public_page(views.chapter_detail),
        name="chapter_detail",
    ),
    path(
        "concertation/<slug:slug>/<slug:chapter>/contribuer/",
        views.contribution_create,
        name="contribution_create",
    ),
    path("concertation/<slug:slug>/<slug:chapter>/suivre/", views.follow, name="follow_chapter"),
    path(
        "concertation/<slug:slug>/<slug:chapter>/versions/",
        cache_public_page(views.chapter_versions),
        name="chapter_versions",
    ),
    path("recherche/", views.search, name="search"),
    path("conseil/", include("concertation.council.urls")),
]
