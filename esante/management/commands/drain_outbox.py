from django.core.management.base import BaseCommand

from esante import outbox


class Command(BaseCommand):
    help = (
        "Publie les courriels en attente (et ceux confiés au broker depuis trop longtemps) : "
        "ce que fait la tâche périodique drain_outbox."
    )

    def handle(self, *args, **options):
        total = 0
        while n := outbox.publish():
            total += n
        self.stdout.write(f"{total} courriel(s) publié(s).")
