from django.core.management.base import BaseCommand

from esante.notifications import run_jobs


class Command(BaseCommand):
    help = "Construit et envoie les récapitulatifs dus (quotidiens, hebdomadaires, équipe DNS)."

    def handle(self, *args, **options):
        self.stdout.write(f"{run_jobs('digests')} récapitulatif(s) enregistré(s).")
