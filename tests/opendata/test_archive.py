"""The daily archive: scheduled by beat, written by the task and by the command, served once
whole (the previous one until then), and the downloads are its files."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from opendata import archive
from opendata.datasets import DATASETS
from opendata.tasks import export_opendata

from .builders import corpus
from .conftest import download, live_files

pytestmark = pytest.mark.django_db


def test_beat_schedules_the_archive_every_night():
    from esante.celery import app

    app.finalize()
    entries = [e for e in app.conf.beat_schedule.values() if e["task"] == export_opendata.name]
    assert len(entries) == 1
    schedule = entries[0]["schedule"]
    assert schedule.hour == {4} and schedule.minute == {15}


def test_the_command_writes_the_files_the_site_serves(client, tmp_path):
    corpus()
    live = live_files(client)  # Before any archive: streamed from the database.
    output = tmp_path / "donnees.zip"
    call_command("export_opendata", "--output", str(output), "--no-progress", stdout=io.StringIO())
    with zipfile.ZipFile(output) as zipped:
        written = {name: zipped.read(name) for name in zipped.namelist()}
    assert archive.latest() is None  # --output does not publish.
    for dataset in DATASETS:
        assert f"{dataset.slug}.schema.json" in written
    assert {"datapackage.json", "README.md", "FICHE-DONNEES.md"} <= set(written)
    for name, body in live.items():
        assert written[name] == body, name

    call_command("export_opendata", "--no-progress", stdout=io.StringIO())  # Publishes.
    manifest = archive.latest()
    assert (
        manifest["datasets"]["contributions"]["rows"] == 6
    )  # signed, anonymous, refused, placeholder, two replies
    for name, body in live.items():
        response = client.get(f"/donnees/{name}")
        assert response["ETag"] == f'"{manifest["generation"]}-{name}"'
        assert download(client, f"/donnees/{name}") == body, name
    served = zipfile.ZipFile(io.BytesIO(download(client, "/donnees/archive.zip")))
    assert {name: served.read(name) for name in live} == {name: written[name] for name in live}


def test_a_download_is_revalidated_with_its_etag(client):
    corpus()
    export_opendata.delay()
    first = client.get("/donnees/contributions.csv")
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and first["Last-Modified"]
    again = client.get("/donnees/contributions.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_no_archive_yet_means_404_for_it_and_live_files(client):
    assert client.get("/donnees/archive.zip").status_code == 404
    response = client.get("/donnees/regions.csv")
    assert response.status_code == 200 and response.streaming
    assert "ETag" not in response


def test_the_previous_archive_is_served_until_the_new_one_is_whole(client):
    corpus()
    first = archive.publish()["generation"]
    # A run under way (or one that died): its folder has files but no manifest yet.
    default_storage.save(
        f"donnees/99991231T000000Z-abcdef/{archive.ARCHIVE_NAME}", ContentFile(b"x")
    )
    archive.forget()
    assert archive.latest()["generation"] == first
    assert zipfile.ZipFile(io.BytesIO(download(client, "/donnees/archive.zip"))).testzip() is None

    second = archive.publish()["generation"]
    third = archive.publish()["generation"]
    assert archive.latest()["generation"] == third
    folders, _files = default_storage.listdir("donnees/")
    # The two latest kept, the first deleted; the unfinished run, newer, left alone.
    assert sorted(folders) == sorted([second, third, "99991231T000000Z-abcdef"])


def test_the_archive_holds_a_readme_and_a_data_card_in_french(client):
    corpus()
    export_opendata.delay()
    zipped = zipfile.ZipFile(io.BytesIO(download(client, "/donnees/archive.zip")))
    readme = zipped.read("README.md").decode()
    card = zipped.read("FICHE-DONNEES.md").decode()
    assert "Licence Ouverte" in readme and "`author_stakeholder_type`" in readme
    for heading in ("**Quoi**", "**Licence**", "**Fréquence de mise à jour**", "**Contact**"):
        assert heading in card
