from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path
from django.views.generic import TemplateView

from . import views
from .sitemaps import SITEMAPS


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comptes/",
        "Disallow: /mon-compte/",
        "Disallow: /desabonnement/",
        "Disallow: /evenements/inscription/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page(template, title):
    return TemplateView.as_view(
        template_name=template, extra_context={"breadcrumb_data": {"current": title}}
    )


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("mon-compte/", views.account, name="account"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("comptes/", include("allauth.urls")),
    path(
        "mentions-legales/",
        page("pages/legal_notice.html", "Mentions légales"),
        name="footer-legal-notice",
    ),
    path(
        "donnees-personnelles/",
        page("pages/personal_data.html", "Données personnelles"),
        name="footer-personal-data",
    ),
    path(
        "accessibilite/",
        page("pages/accessibility.html", "Déclaration d'accessibilité"),
        name="footer-accessibility-status",
    ),
    path("plan-du-site/", page("pages/sitemap.html", "Plan du site"), name="footer-sitemap"),
    path("", include("roadmap.urls")),
    path("", include("concertation.urls")),
    path("", include("events.urls")),
    path("admin/", admin.site.urls),
]

admin.site.site_header = "Concertation e-santé — administration"
admin.site.site_title = "Concertation e-santé"
admin.site.index_title = "Gestion du portail"
