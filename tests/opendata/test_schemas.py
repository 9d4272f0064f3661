"""Every CSV validates against the Table Schema published beside it (frictionless), on data
full of awkward values; the archive's Data Package validates as a whole, foreign keys included."""

import csv
import io
import json

import pytest
from frictionless import Dialect, Package, Resource, Schema
from frictionless.formats import CsvControl

from opendata.datasets import DATASETS

from .builders import AWKWARD, FORMULA, awkward_corpus
from .conftest import archive_files, download, live_files

pytestmark = pytest.mark.django_db


def errors(report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_csv_validates_against_its_published_schema(client, tmp_path):
    awkward_corpus()
    files = live_files(client)
    for dataset in DATASETS:
        path = tmp_path / f"{dataset.slug}.csv"
        path.write_bytes(files[path.name])
        descriptor = json.loads(download(client, f"/donnees/{dataset.slug}/schema.json"))
        assert descriptor == dataset.table_schema()
        descriptor.pop("foreignKeys", None)  # Checked across files with the whole package below.
        resource = Resource(
            path=path.name,
            basepath=str(tmp_path),
            schema=Schema.from_descriptor(descriptor),
            dialect=Dialect(controls=[CsvControl(delimiter=",")]),
        )
        report = resource.validate()
        assert report.valid, (dataset.slug, errors(report))
        assert report.tasks[0].stats["rows"] >= 1, dataset.slug
    # The awkward values came back exact, formulas included.
    contributions = list(csv.DictReader(io.StringIO(files["contributions.csv"].decode())))
    assert {row["body"] for row in contributions} == {AWKWARD, FORMULA}
    assert json.loads(files["evenements.json"])[0]["title"] == AWKWARD
    assert json.loads(files["evenements.json"])[0]["summary"] == FORMULA


def test_the_archive_is_a_valid_data_package(client, tmp_path):
    awkward_corpus()
    for name, body in archive_files(client).items():
        (tmp_path / name).write_bytes(body)
    package = Package(str(tmp_path / "datapackage.json"))
    assert sorted(package.resource_names) == sorted(dataset.slug for dataset in DATASETS)
    report = package.validate()
    assert report.valid, [(task.name, errors(task)) for task in report.tasks if not task.valid]


def test_json_and_csv_hold_the_same_rows(client):
    awkward_corpus()
    files = live_files(client)
    for dataset in DATASETS:
        from_csv = list(csv.DictReader(io.StringIO(files[f"{dataset.slug}.csv"].decode())))
        from_json = json.loads(files[f"{dataset.slug}.json"])
        assert [list(row) for row in from_json] == [dataset.names] * len(from_json)
        assert [str(row[dataset.names[0]]) for row in from_json] == [
            row[dataset.names[0]] for row in from_csv
        ], dataset.slug
