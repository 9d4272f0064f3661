from django.apps import AppConfig


class EsanteConfig(AppConfig):
    name = "esante"
    verbose_name = "Portail (comptes et régions)"

    def ready(self):
        from . import textsearch

        textsearch.connect()
