"""sitemap.xml: the public pages search engines should know, composed from every app."""

from django.contrib.sitemaps import Sitemap
from django.db.models.functions import Now
from django.urls import reverse

from concertation.models import Chapter, Consultation, WorkingGroup
from esante.models import Region
from events.models import Event
from roadmap.models import Action, NewsItem, Roadmap

LIMIT = 5000


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "roadmap:roadmap_list",
            "concertation:consultation_list",
            "concertation:council_home",
            "events:event_list",
            "roadmap:news_list",
            "region_list",
            "opendata:index",
            "footer-accessibility-status",
            "footer-legal-notice",
            "footer-personal-data",
        ]

    def location(self, item):
        return reverse(item)


class QuerySitemap(Sitemap):
    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset[:LIMIT]


class ResultsSitemap(QuerySitemap):
    """The results of the closed consultations (open ones have none yet)."""

    def location(self, item):
        return reverse("concertation:results", kwargs={"slug": item.slug})


SITEMAPS = {
    "pages": StaticSitemap(),
    "feuilles-de-route": QuerySitemap(Roadmap.objects.published()),
    "actions": QuerySitemap(
        Action.objects.filter(roadmap__is_published=True).select_related("roadmap")
    ),
    "actualites": QuerySitemap(NewsItem.objects.published()),
    "consultations": QuerySitemap(Consultation.objects.published()),
    "resultats": ResultsSitemap(Consultation.objects.published().filter(closes_at__lte=Now())),
    "chapitres": QuerySitemap(
        Chapter.objects.filter(consultation__is_published=True).select_related("consultation")
    ),
    "groupes": QuerySitemap(WorkingGroup.objects.filter(is_published=True)),
    "evenements": QuerySitemap(Event.objects.published()),
    "regions": QuerySitemap(Region.objects.all()),
}
