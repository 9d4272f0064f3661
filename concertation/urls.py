from django.urls import include, path

from . import views

app_name = "concertation"

urlpatterns = [
    path("concertation/", views.consultation_list, name="consultation_list"),
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
    path("concertation/<slug:slug>/", views.consultation_detail, name="consultation_detail"),
    path("concertation/<slug:slug>/suivre/", views.follow, name="follow_consultation"),
    # Before the chapter pages: their <slug:chapter> would take « resultats ».
    path("concertation/<slug:slug>/resultats/", include("concertation.results.urls")),
    path("concertation/<slug:slug>/<slug:chapter>/", views.chapter_detail, name="chapter_detail"),
    path(
        "concertation/<slug:slug>/<slug:chapter>/contribuer/",
        views.contribution_create,
        name="contribution_create",
    ),
    path("concertation/<slug:slug>/<slug:chapter>/suivre/", views.follow, name="follow_chapter"),
    path(
        "concertation/<slug:slug>/<slug:chapter>/versions/",
        views.chapter_versions,
        name="chapter_versions",
    ),
    path("recherche/", views.search, name="search"),
    path("conseil/", include("concertation.council.urls")),
]
