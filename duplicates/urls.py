"""The public addresses of the duplicates app (issue 18), inside the language prefix."""

from django.urls import path

from . import views

app_name = "duplicates"

urlpatterns = [
    path("concertation/<slug:slug>/<slug:chapter>/proches/", views.near, name="near"),
]
