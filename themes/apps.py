from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    verbose_name = _("Thèmes des contributions")

    def ready(self):
        from django.db.models.signals import post_save

        from concertation.models import Contribution

        from .signals import contribution_saved

        post_save.connect(contribution_saved, sender=Contribution, dispatch_uid="themes_refresh")
