"""The themes of the demo consultations (load_demo runs the apps in INSTALLED_APPS order, after
the concertation demo): computed at once, as the task would. A second run fits nothing again:
the refresh only assigns contributions that have no theme yet."""

from concertation.models import Consultation

from . import services
from .models import Theme


def load(*, log):
    for consultation in Consultation.objects.filter(
        slug__in=["doctrine-technique-2019", "feuille-de-route-2023-2027"]
    ).order_by("opens_at"):
        services.themes_refresh(consultation=consultation)
        count = Theme.objects.filter(
            consultation=consultation, merged_into__isnull=True, size__gt=0
        ).count()
        log(
            f"Thèmes « {consultation.title} » : {count} thème(s) "
            f"(au moins {services.MIN_CONTRIBUTIONS} contributions publiées sur le texte)."
        )
