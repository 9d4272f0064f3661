from django.urls import path

from esante.pagecache import cache_public_page

from . import views

app_name = "events"

urlpatterns = [
    path("evenements/", cache_public_page(views.event_list), name="event_list"),
    path("evenements/calendrier.ics", views.calendar_feed, name="calendar_feed"),
    path(
        "evenements/inscription/<str:token>/confirmer/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "evenements/inscription/<str:token>/annuler/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path("evenements/<slug:slug>/", cache_public_page(views.event_detail), name="event_detail"),
    path("evenements/<slug:slug>/inscription/", views.register, name="register"),
    path("evenements/<slug:slug>/evenement.ics", views.event_ics, name="event_ics"),
]
