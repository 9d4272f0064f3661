import datetime
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from esante.markdown import render_markdown

from . import selectors

FEED_SIZE = 30
PARIS = ZoneInfo("Europe/Paris")


class NewsFeed(Feed):
    title = _("Concertation e-santé — actualités et communiqués")
    link = reverse_lazy("roadmap:news_list")
    description = _(
        "Actualités et communiqués de presse de la feuille de route du numérique en santé."
    )

    def items(self):
        return selectors.news_list()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return render_markdown(f"{item.summary}\n\n{item.body}")

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.published_on, datetime.time(9), tzinfo=PARIS)

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
