from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from tqdm import tqdm

from opendata import archive


class Command(BaseCommand):
    help = (
        "Écrit l'archive des données ouvertes (/donnees/) : la publie, comme la tâche "
        "quotidienne, ou l'écrit seulement dans le fichier donné par --output."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="écrire l'archive (.zip) dans ce fichier au lieu de la publier sur le site",
        )
        parser.add_argument("--no-progress", action="store_true", help="sans barre de progression")

    def handle(self, *args, output=None, no_progress=False, verbosity=1, **options):
        progress = None
        if not no_progress and verbosity > 0:

            def progress(dataset):
                return tqdm(
                    total=dataset.count(),
                    desc=dataset.slug,
                    unit=" lignes",
                    file=self.stderr._out,
                    leave=True,
                )

        if output is not None:
            if not output.parent.is_dir():
                raise CommandError(f"Le dossier {output.parent} n'existe pas.")
            manifest = archive.write_zip(output, progress=progress)
            where = str(output)
        else:
            manifest = archive.publish(progress=progress)
            where = f"{archive.PREFIX}{manifest['generation']}/ (stockage du site)"
        rows = sum(figures["rows"] for figures in manifest["datasets"].values())
        size = filesizeformat(manifest["archive"]["size"])
        self.stdout.write(f"Archive écrite : {where}, {rows} lignes, {size}.")
