from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from . import accessibility, privacy, views
from .portal.sitemaps import SITEMAPS


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /comptes/",
        "Disallow: /mon-compte/",
        "Disallow: /desabonnement/",
        "Disallow: /evenements/inscription/",
        "Disallow: /en/comptes/",
        "Disallow: /en/mon-compte/",
        "Disallow: /en/evenements/inscription/",
        "Disallow: /en/desabonnement/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def admin_login_redirect(request):
    """/admin/login/?next=… → /comptes/login/?next=… (the admin's `next` kept, if local)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def page(template, title, **context):
    return TemplateView.as_view(
        template_name=template, extra_context={"breadcrumb_data": {"current": title}, **context}
    )


# Outside the language prefix: machine endpoints, links already sent by e-mail, the admin
# (staff work in French).
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    # One sign-in for everyone (issue 15): the admin's own login form would bypass MFA; allauth's
    # page takes the staff member back where they were going.
    path("admin/login/", admin_login_redirect, name="admin_login_redirect"),
    path("admin/", admin.site.urls),
]

# The public site: French at the root, English under /en/.
urlpatterns += i18n_patterns(
    # Home, regions, account: the pages that compose the apps.
    path("", include("esante.portal.urls")),
    # In the language of the e-mail that carries the link (French links stay unprefixed).
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("comptes/", include("allauth.urls")),
    path(
        "mentions-legales/",
        page("pages/legal_notice.html", _("Mentions légales")),
        name="footer-legal-notice",
    ),
    path("donnees-personnelles/", privacy.personal_data_page, name="footer-personal-data"),
    path(
        "accessibilite/",
        page(
            "pages/accessibility.html",
            _("Déclaration d'accessibilité"),
            checked_pages=accessibility.CHECKED_PAGES,
            checked_journeys=accessibility.CHECKED_JOURNEYS,
            axe_core_version=accessibility.AXE_CORE_VERSION,
        ),
        name="footer-accessibility-status",
    ),
    path("plan-du-site/", page("pages/sitemap.html", _("Plan du site")), name="footer-sitemap"),
    path("", include("roadmap.urls")),
    path("", include("concertation.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)

admin.site.site_header = "Concertation e-santé — administration"
admin.site.site_title = "Concertation e-santé"
admin.site.index_title = "Gestion du portail"
