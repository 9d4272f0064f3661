from django.apps import AppConfig


class ConcertationConfig(AppConfig):
    name = "concertation"
    verbose_name = "Concertation"

    def ready(self):
        from . import notifications

        notifications.register()
