"""Load the demo content of every app: `python manage.py load_demo`.

Each app may have a `demo` module with a `load(*, log)` function; they run in INSTALLED_APPS
order (core first, then roadmap, concertation, events), so later apps can use earlier content.
Every loader is idempotent: it keys content on natural keys and only creates what is missing.
"""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Charge le contenu de démonstration (idempotent : le relancer ne change rien)."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():
            if not module_has_submodule(app_config.module, "demo"):
                continue
            demo = import_module(f"{app_config.name}.demo")
            with transaction.atomic():
                demo.load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration chargé."))
