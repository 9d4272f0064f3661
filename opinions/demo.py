"""The opinion groups of the demo consultations (after the concertation demo, load_demo runs the
apps in INSTALLED_APPS order): computed at once, as the task would."""

from concertation.models import Consultation

from . import services


def load(*, log):
    for consultation in Consultation.objects.filter(
        contributions__reactions__isnull=False
    ).distinct():
        groups = services.opinion_groups_compute(consultation=consultation)
        log(
            f"Groupes d'opinion « {consultation.title} » : {len(groups.groups)} groupe(s), "
            f"{groups.participants} participant(s) comptés sur {groups.voters} ayant réagi."
        )
