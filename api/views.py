"""/api/v1/: read-only views of what opendata.public publishes (issue 17).

Anonymous, without session nor CSRF (no authentication class at all), JSON only, GET, HEAD
and OPTIONS (anything else: 405). Each list is cursor-paginated in a stable order, filtered by
django-filter; each error is JSON with a French `detail`."""

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import http_date
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import filters, public, serializers
from .filters import MAX_ID
from .pagination import cursor

NOT_FOUND = "Ressource introuvable : vérifiez l'adresse et l'identifiant demandés."
INVALID_PARAMETERS = "Paramètres invalides : voir « errors » pour le détail par paramètre."


def exception_handler(exc, context):
    """DRF's answers, each with a French `detail`; a 400 names its parameters in `errors`."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": INVALID_PARAMETERS, "errors": exc.detail}
    elif isinstance(exc, (exceptions.NotFound, Http404)):
        response.data = {"detail": NOT_FOUND}
    elif isinstance(exc, exceptions.MethodNotAllowed):
        response.data = {
            "detail": f"Méthode {exc.args[0] if exc.args else ''} non autorisée : cette API est "
            "en lecture seule (GET, HEAD, OPTIONS).".replace("  ", " ")
        }
    elif isinstance(exc, exceptions.Throttled):
        response.data = {
            "detail": "Trop de requêtes depuis votre adresse : réessayez dans "
            f"{exc.wait or 60:.0f} secondes (en-tête Retry-After). Pour tout récupérer, "
            "préférez les fichiers de données ouvertes."
        }
    return response


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page. An address
    missing only its final slash is redirected to it, as CommonMiddleware would (this route
    matches first)."""
    if not request.path.endswith("/"):
        match = resolve_or_none(request.path + "/")
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return JsonResponse(
        {"detail": NOT_FOUND}, status=404, json_dumps_params={"ensure_ascii": False}
    )


def resolve_or_none(path: str):
    try:
        return resolve(path)
    except Resolver404:
        return None


class ReadOnly(viewsets.ReadOnlyModelViewSet):
    http_method_names = ["get", "head", "options"]
    lookup_value_regex = r"[0-9]+"

    def get_object(self):
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, "")
        if self.lookup_value_regex == r"[0-9]+" and not 0 < int(value) <= MAX_ID:
            raise exceptions.NotFound
        return super().get_object()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}


def _describe(resource: str, *, list_text: str, detail_text: str, detail_param: str = "id"):
    return extend_schema_view(
        list=extend_schema(summary=f"Liste des {resource}", description=list_text),
        retrieve=extend_schema(
            summary=f"Détail ({resource})",
            description=detail_text,
            parameters=[
                OpenApiParameter(
                    detail_param,
                    OpenApiTypes.INT,
                    OpenApiParameter.PATH,
                    description="Identifiant stable.",
                )
                if detail_param == "id"
                else OpenApiParameter(
                    detail_param,
                    OpenApiTypes.STR,
                    OpenApiParameter.PATH,
                    description="Code INSEE de la région (deux ou trois chiffres).",
                    pattern=r"^[0-9]{2,3}$",
                )
            ],
        ),
    )


@_describe(
    "consultations",
    list_text="Les consultations publiées, les plus récentes d'abord (par identifiant "
    "décroissant).",
    detail_text="Une consultation publiée (404 si elle n'existe pas ou n'est pas publiée).",
)
class ConsultationViewSet(ReadOnly):
    serializer_class = serializers.ConsultationSerializer
    filterset_class = filters.ConsultationFilter
    pagination_class = cursor("-id")

    def get_queryset(self):
        return public.consultations()


@_describe(
    "chapitres",
    list_text="Les chapitres des consultations publiées, avec les paragraphes de leur version "
    "en ligne (texte Markdown et HTML).",
    detail_text="Un chapitre d'une consultation publiée, avec les paragraphes de sa version en "
    "ligne.",
)
class ChapterViewSet(ReadOnly):
    serializer_class = serializers.ChapterSerializer
    filterset_class = filters.ChapterFilter
    pagination_class = cursor("id")

    def get_queryset(self):
        return public.chapters()


@_describe(
    "contributions",
    list_text="Les contributions publiées des consultations publiées, les plus récentes "
    "d'abord. Jamais une contribution en attente, masquée, rejetée, retirée ou retenue pour "
    "données personnelles. L'auteur n'apparaît que par son type d'acteur et sa région, et par "
    "son nom seulement s'il y a consenti et a signé la contribution.",
    detail_text="Une contribution publique (404 sinon).",
)
class ContributionViewSet(ReadOnly):
    serializer_class = serializers.ContributionSerializer
    filterset_class = filters.ContributionFilter
    # created_at is indexed (and leads the chapter indexes): a page is read in index order.
    pagination_class = cursor("-created_at", "-id")

    def get_queryset(self):
        return public.contributions()


@_describe(
    "réponses officielles",
    list_text="Les réponses officielles publiées, les plus récentes d'abord, chacune avec les "
    "identifiants des contributions publiques auxquelles elle répond.",
    detail_text="Une réponse officielle publiée (404 sinon).",
)
class OfficialAnswerViewSet(ReadOnly):
    serializer_class = serializers.OfficialAnswerSerializer
    filterset_class = filters.OfficialAnswerFilter
    pagination_class = cursor("-published_at", "-id")

    def get_queryset(self):
        return public.official_answers()


@_describe(
    "événements",
    list_text="Les événements publiés ou annulés (étapes du Tour des régions, ateliers "
    "citoyens, webinaires), du plus tardif au plus ancien.",
    detail_text="Un événement publié ou annulé (404 sinon). Last-Modified : sa dernière "
    "modification.",
)
class EventViewSet(ReadOnly):
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    pagination_class = cursor("-starts_at", "-id")

    def get_queryset(self):
        return public.events()

    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()
        response = Response(self.get_serializer(event).data)
        # Its own column, kept by Django at every save: a cheap, exact Last-Modified. Lists
        # have none: an event unpublished leaves no later date behind (only the ETag says).
        response["Last-Modified"] = http_date(event.updated_at.timestamp())
        return response


@_describe(
    "régions",
    list_text="Les régions et leurs agences régionales de santé (ARS), par code INSEE.",
    detail_text="Une région, par son code INSEE.",
    detail_param="code",
)
class RegionViewSet(ReadOnly):
    serializer_class = serializers.RegionSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2,3}"
    pagination_class = cursor("code")
    filterset_class = None

    def get_queryset(self):
        return public.regions()


@_describe(
    "actions de la feuille de route",
    list_text="Les actions des feuilles de route publiées, avec leurs jalons.",
    detail_text="Une action d'une feuille de route publiée (404 sinon).",
)
class ActionViewSet(ReadOnly):
    serializer_class = serializers.ActionSerializer
    filterset_class = filters.ActionFilter
    pagination_class = cursor("id")

    def get_queryset(self):
        return public.actions()


class DocsView(TemplateView):
    """Swagger UI (drf-spectacular-sidecar's files, served by the site) under the site's
    Content-Security-Policy: no inline script nor style, started by static/api/docs.js."""

    template_name = "api/docs.html"
