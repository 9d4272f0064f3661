from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcertationConfig(AppConfig):
    name = "concertation"
    verbose_name = _("Concertation")

    def ready(self):
        from . import notifications
        from .council import notifications as council_notifications

        notifications.register()
        council_notifications.register()
