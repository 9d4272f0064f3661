from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse
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


def admin_view_on_site(request, content_type_id, object_id):
    """The admin's « Voir sur le site » redirect, for the objects this staff member may see in
    the admin only: Django's own answers any staff member, which told an ARS team the address
    (the slug, hence the title) of another region's draft events (issue 15, authorisation
    matrix)."""
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model_admin = admin.site._registry.get(content_type.model_class()) if content_type else None
    obj = model_admin.get_object(request, object_id) if model_admin else None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)


def page(template, title, **context):
    return TemplateView.as_view(
        template_name=template, extra_context={"breadcrumb_data": {"current": title}, **context}
    )


# Outside the language prefix: machine endpoints, links already sent by e-mail, the admin
# (staff work in French).
# A database away gets a 503 page asking to try again (esante.views.server_error).
handler500 = "esante.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap_xml"),
    # One sign-in for everyone (issue 15): the admin's own login form would bypass MFA; allauth's
    # page takes the staff member back where they were going.
    path("admin/login/", admin_login_redirect, name="admin_login_redirect"),
    # Before the admin's own (same address, same name in its namespace for reverse()).
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_view_on_site),
        name="admin_view_on_site",
    ),
    path("admin/", admin.site.urls),
    # The read-only public API (issue 17): machines read it in one language.
    path("api/v1/", include("api.urls")),
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
    path("donnees/", include("opendata.urls")),
    path("", include("themes.urls")),
    path("", include("opinions.urls")),
    path("", include("duplicates.urls")),
    prefix_default_language=False,
)

admin.site.site_header = "Concertation e-santé — administration"
admin.site.site_title = "Concertation e-santé"
admin.site.index_title = "Gestion du portail"
