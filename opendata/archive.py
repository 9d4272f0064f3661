"""The daily archive of the open data, and the files the downloads serve (issue 17).

Each run writes a new GENERATION: every dataset's CSV, JSON and Table Schema, the Data Package
(`datapackage.json`), a README and a data card, and one zip of them all, into a folder of its
own in the default storage (`donnees/<generation>/`: the disk of MEDIA_ROOT on one host, an S3
bucket shared by several). Its `manifest.json` (rows and sizes) is written last: a generation
without one is incomplete and never served, so the previous one stays served until the new one
is whole. The two latest complete generations are kept, older ones deleted.

The rows are read in one read-only REPEATABLE READ transaction on PostgreSQL: a contribution
published during the export cannot show in one file and be missing from another, so every
foreign key of the package resolves. Files are written to a local temporary folder first, row
by row, then copied to the storage: memory stays flat whatever the number of rows.

Per-dataset downloads are served from the latest generation, not computed for each request:
a 500,000-row CSV on demand per anonymous request would be a denial of service for the cost of
a loop. Until a first archive exists, they are streamed live (opendata.views).
"""

import datetime
import json
import logging
import secrets
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager, nullcontext
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from esante import pagecache

from . import exports
from .datasets import DATASETS, Dataset

logger = logging.getLogger(__name__)

PREFIX = "donnees/"
ARCHIVE_NAME = "donnees-concertation-esante.zip"
MANIFEST = "manifest.json"
KEEP = 2
# Seconds a process trusts the latest manifest it read before looking again (one listing of
# the storage folder per process and per minute at most).
MANIFEST_SECONDS = 60.0

LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
PUBLISHER = "Délégation au numérique en santé (DNS), ministère chargé de la santé"


def contact() -> str:
    return getattr(settings, "OPENDATA_CONTACT", "donnees-concertation@esante.gouv.fr")


def schema_name(dataset: Dataset) -> str:
    return f"{dataset.slug}.schema.json"


def datapackage(generated_at: datetime.datetime) -> dict:
    """The frictionless Data Package: one resource per CSV, its schema in the file beside it."""
    with translation.override("fr"):
        return {
            "name": "concertation-esante",
            "title": f"Données ouvertes de la {settings.SITE_NAME}",
            "description": (
                "Consultations, textes, contributions publiées, réponses officielles, "
                "événements, régions, indicateurs régionaux et actions de la feuille de route "
                "du numérique en santé."
            ),
            "licenses": [LICENCE],
            "contributors": [{"title": PUBLISHER, "role": "publisher", "email": contact()}],
            "created": generated_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "resources": [
                {
                    "name": dataset.slug,
                    "title": str(dataset.title),
                    "description": str(dataset.description),
                    "path": f"{dataset.slug}.csv",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "dialect": exports.CSV_DIALECT,
                    "schema": schema_name(dataset),
                }
                for dataset in DATASETS
            ],
        }


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@contextmanager
def _snapshot():
    """One consistent view of the database for the whole export (PostgreSQL)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        # Only the first statement of a transaction may set its isolation (not so in a test,
        # which runs inside one already).
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_files(folder: Path, *, progress: Callable | None = None) -> dict:
    """Write every file of a generation into `folder`, the zip last; return the manifest
    (without its storage names). `progress(dataset)` returns a tqdm-like bar or None."""
    generated_at = timezone.now().replace(microsecond=0)
    datasets = {}
    with _snapshot():
        for dataset in DATASETS:
            datasets[dataset.slug] = _write_dataset(folder, dataset, progress)
    (folder / "datapackage.json").write_text(_dump(datapackage(generated_at)), encoding="utf-8")
    context = {
        "datasets": [(dataset, datasets[dataset.slug]) for dataset in DATASETS],
        # Strings, in UTC: the templates' date filter would show Paris time.
        "generated_at": f"{generated_at:%Y-%m-%d %H:%M} UTC",
        "generated_on": f"{generated_at:%Y-%m-%d}",
        "licence": LICENCE,
        "publisher": PUBLISHER,
        "contact": contact(),
        "site_url": settings.SITE_URL,
        "dialect": exports.CSV_DIALECT,
        "SITE_NAME": settings.SITE_NAME,
    }
    with translation.override("fr"):
        for name, template in (("README.md", "readme.md"), ("FICHE-DONNEES.md", "fiche.md")):
            text = render_to_string(f"opendata/archive/{template}", context)
            (folder / name).write_text(text, encoding="utf-8")
    members = sorted(path.name for path in folder.iterdir())
    with zipfile.ZipFile(folder / ARCHIVE_NAME, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in members:
            archive.write(folder / name, arcname=name)
    return {
        "generated_at": generated_at.isoformat(),
        "datasets": datasets,
        "files": members,
        "archive": {"name": ARCHIVE_NAME, "size": (folder / ARCHIVE_NAME).stat().st_size},
    }


def _write_dataset(folder: Path, dataset: Dataset, progress: Callable | None) -> dict:
    csv_format, json_format = exports.CsvFormat(dataset), exports.JsonFormat(dataset)
    rows = 0
    bar = progress(dataset) if progress else None
    with (
        bar if bar is not None else nullcontext(),
        open(folder / f"{dataset.slug}.csv", "w", encoding="utf-8", newline="") as csv_file,
        open(folder / f"{dataset.slug}.json", "w", encoding="utf-8", newline="") as json_file,
    ):
        csv_file.write(csv_format.head())
        json_file.write(json_format.head())
        for row in dataset.rows():
            csv_file.write(csv_format.line(row))
            json_file.write(json_format.line(row))
            rows += 1
            if bar is not None and rows % 1000 == 0:
                bar.update(1000)
        csv_file.write(csv_format.tail())
        json_file.write(json_format.tail())
        if bar is not None:
            bar.update(rows % 1000)
    (folder / schema_name(dataset)).write_text(_dump(dataset.table_schema()), encoding="utf-8")
    return {
        "rows": rows,
        "csv_size": (folder / f"{dataset.slug}.csv").stat().st_size,
        "json_size": (folder / f"{dataset.slug}.json").stat().st_size,
    }


def write_zip(path: Path, *, progress: Callable | None = None) -> dict:
    """The archive alone, at `path` (manage.py export_opendata --output): written beside it
    under a temporary name, then renamed, so `path` is never a half-written file."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="opendata-") as tmp:
        manifest = write_files(Path(tmp), progress=progress)
        partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
        try:
            shutil.copyfile(Path(tmp) / ARCHIVE_NAME, partial)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def publish(*, progress: Callable | None = None) -> dict:
    """Write a new generation to the storage; the downloads switch to it once it is whole."""
    # Sorted by time, to the microsecond: two runs in the same second keep their order.
    generation = f"{timezone.now():%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(3)}"
    folder_name = f"{PREFIX}{generation}/"
    with tempfile.TemporaryDirectory(prefix="opendata-") as tmp:
        folder = Path(tmp)
        manifest = write_files(folder, progress=progress)
        stored = {}
        for name in [*manifest["files"], ARCHIVE_NAME]:
            with open(folder / name, "rb") as handle:
                stored[name] = default_storage.save(f"{folder_name}{name}", File(handle))
    manifest["generation"] = generation
    manifest["stored"] = stored
    default_storage.save(f"{folder_name}{MANIFEST}", ContentFile(_dump(manifest).encode()))
    _latest.forget()
    # The cached pages of /donnees/ give the latest archive's date, rows and size.
    pagecache.content_changed()
    _prune(keep=generation)
    logger.info("Open data archive %s written: %s", generation, manifest["archive"])
    return manifest


def _generations() -> list[str]:
    try:
        folders, _files = default_storage.listdir(PREFIX)
    except FileNotFoundError:
        return []
    return sorted(folders, reverse=True)


def _prune(*, keep: str) -> None:
    """Delete all but the KEEP latest complete generations (and leftovers of failed runs older
    than the latest complete one). A download already under way on another host keeps its open
    file on a local disk; on S3 it may be cut, once a day, for a generation two days old."""
    complete = [name for name in _generations() if _read_manifest(name) is not None]
    kept = set(complete[:KEEP]) | {keep}
    oldest_kept = min(kept)
    for name in _generations():
        # A newer folder without a manifest may be a run still under way: left alone.
        if name in kept or name > oldest_kept:
            continue
        folder = f"{PREFIX}{name}/"
        _folders, files = default_storage.listdir(folder)
        for file_name in files:
            default_storage.delete(f"{folder}{file_name}")
        # FileSystemStorage leaves the empty folder behind; S3 has no folders.
        location = getattr(default_storage, "location", None)
        if location:
            shutil.rmtree(Path(location) / folder, ignore_errors=True)


def _read_manifest(generation: str) -> dict | None:
    try:
        with default_storage.open(f"{PREFIX}{generation}/{MANIFEST}", "rb") as handle:
            return json.loads(handle.read())
    except (FileNotFoundError, ValueError):
        return None


class _Latest:
    """The latest complete generation's manifest, kept MANIFEST_SECONDS by each process."""

    def __init__(self):
        self.value: dict | None = None
        self.read_at = 0.0

    def forget(self) -> None:
        self.read_at = 0.0

    def get(self) -> dict | None:
        now = time.monotonic()
        if self.read_at and now - self.read_at < MANIFEST_SECONDS:
            return self.value
        self.value = None
        for generation in _generations():
            manifest = _read_manifest(generation)
            if manifest is not None:
                self.value = manifest
                break
        self.read_at = now
        return self.value


_latest = _Latest()


def latest() -> dict | None:
    """The manifest of the archive being served, or None before the first one."""
    return _latest.get()


def forget() -> None:
    _latest.forget()


def open_file(manifest: dict, name: str):
    """A stored file of the served generation, opened for reading."""
    return default_storage.open(manifest["stored"][name], "rb")
