"""The results of a consultation, included under /concertation/<slug>/resultats/ by
concertation/urls.py (before the chapter pages, whose slug would match « resultats »): no
app_name of their own, so their names stay in the `concertation:` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.results, name="results"),
    path("reponses/", views.answered, name="results_answers"),
    path("changements/", views.changes, name="results_changes"),
    path("synthese.pdf", views.synthesis_document, name="results_synthesis_document"),
]
