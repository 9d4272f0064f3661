"""Pages of the Conseil du Numérique en Santé, included under /conseil/ by concertation/urls.py:
no app_name of their own, so their names stay in the `concertation:` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.council_home, name="council_home"),
    path("cellule-ethique/", views.ethics_cell, name="ethics_cell"),
    path("suivre/", views.follow, name="follow_council"),
    path("groupes/<slug:slug>/suivre/", views.follow, name="follow_group"),
    path("reunions/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("groupes/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groupes/<slug:slug>/candidater/", views.group_apply, name="group_apply"),
    path("groupes/<slug:slug>/membres.csv", views.group_members_csv, name="group_members_csv"),
    path(
        "candidatures/<int:pk>/retirer/",
        views.application_withdraw,
        name="application_withdraw",
    ),
]
