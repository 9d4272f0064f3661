from django.core.management.base import BaseCommand

from esante import outbox


class Command(BaseCommand):
    help = "Publie les messages en attente de l'outbox (tâches Celery)."

    def handle(self, *args, **options):
        total = 0
        while n := outbox.publish():
            total += n
        self.stdout.write(f"{total} message(s) publié(s).")
