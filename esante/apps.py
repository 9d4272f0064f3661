from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EsanteConfig(AppConfig):
    name = "esante"
    verbose_name = _("Portail (comptes et régions)")

    def ready(self):
        from . import textsearch

        textsearch.connect()
