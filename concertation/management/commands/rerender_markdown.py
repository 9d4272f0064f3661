"""Render again the stored HTML of contributions, official answers and paragraph texts written
with an older MARKDOWN_VERSION (esante.markdown): run it after raising that version, when the
renderer or the sanitiser's allow-list changed. Safe to run twice (the second finds nothing);
--all renders every row again. Also counts the chapters' thread counters again (--recount)."""

from django.core.management.base import BaseCommand

from concertation import services
from concertation.models import Contribution, OfficialAnswer, ParagraphText
from esante.markdown import MARKDOWN_VERSION

BATCH = 500


class Command(BaseCommand):
    help = "Render again the stored HTML of Markdown texts written with an older renderer."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every row, whatever its version")
        parser.add_argument("--recount", action="store_true", help="recount thread counters too")

    def handle(self, *args, **options):
        for model in (Contribution, OfficialAnswer, ParagraphText):
            rows = model.objects.all()
            if not options["all"]:
                rows = rows.exclude(markdown_version=MARKDOWN_VERSION)
            fields = [*model.RENDERED.values(), "markdown_version"]
            done, last = 0, 0
            while True:
                batch = list(
                    rows.filter(pk__gt=last).order_by("pk").only("pk", *model.RENDERED)[:BATCH]
                )
                if not batch:
                    break
                for row in batch:
                    row.fill_rendered()
                model.objects.bulk_update(batch, fields)
                done += len(batch)
                last = batch[-1].pk
            self.stdout.write(f"{model._meta.verbose_name_plural}: {done}")
        if options["recount"]:
            services.counters_refresh()
            self.stdout.write("counters recounted")
