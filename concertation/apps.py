from django.apps import AppConfig


class ConcertationConfig(AppConfig):
    name = "concertation"
    verbose_name = "Concertation"
