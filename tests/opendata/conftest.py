"""The open data tests write their archives in a storage folder of their own (tmp_path), and
each starts without any archive served."""

import io
import zipfile

import pytest

from opendata import archive
from opendata.datasets import DATASETS


@pytest.fixture(autouse=True)
def _opendata_storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    archive.forget()
    yield
    archive.forget()


def download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def live_files(client) -> dict[str, bytes]:
    """Every dataset's CSV and JSON as downloaded (streamed live while no archive exists)."""
    files = {}
    for dataset in DATASETS:
        for extension in ("csv", "json"):
            files[f"{dataset.slug}.{extension}"] = download(
                client, f"/donnees/{dataset.slug}.{extension}"
            )
    return files


def archive_files(client) -> dict[str, bytes]:
    """Every member of /donnees/archive.zip, after a run of the daily task."""
    from opendata.tasks import export_opendata

    export_opendata.delay()
    body = download(client, "/donnees/archive.zip")
    with zipfile.ZipFile(io.BytesIO(body)) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}
