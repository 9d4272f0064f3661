from django.core.management.base import BaseCommand

from esante.notifications import run_jobs


class Command(BaseCommand):
    help = "Enregistre et envoie les rappels dus (clôtures, candidatures, événements)."

    def handle(self, *args, **options):
        self.stdout.write(f"{run_jobs('reminders')} rappel(s) enregistré(s).")
