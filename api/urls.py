"""/api/v1/: the read-only public API (issue 17). Outside the language prefix: machines read
it in one language (French, api.middleware)."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"


class Router(DefaultRouter):
    # No `.json` twin of every address: JSON is all there is.
    include_format_suffixes = False


router = Router()
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register("chapitres", views.ChapterViewSet, basename="chapter")
router.register("contributions", views.ContributionViewSet, basename="contribution")
router.register("reponses", views.OfficialAnswerViewSet, basename="answer")
router.register("evenements", views.EventViewSet, basename="event")
router.register("regions", views.RegionViewSet, basename="region")
router.register("actions", views.ActionViewSet, basename="action")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    *router.urls,
    # Last: any other address under /api/v1/ is a JSON 404.
    re_path(r"^.*$", views.not_found),
]
