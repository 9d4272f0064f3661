from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from . import views


def page(template, title):
    return TemplateView.as_view(
        template_name=template, extra_context={"breadcrumb_data": {"current": title}}
    )


urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
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
