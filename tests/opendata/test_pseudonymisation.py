"""What the open data must never publish, proven on every way out: the CSV and the JSON as
downloaded, and every file of the daily archive (issue 17; decidim#13248, #13707)."""

import csv
import io
import json

import pytest

from esante.models import User

from .builders import corpus
from .conftest import archive_files, live_files

pytestmark = pytest.mark.django_db

SOURCES = ["csv", "json", "archive"]


@pytest.fixture
def data():
    return corpus()


def exported(client, source) -> dict[str, bytes]:
    if source == "archive":
        return archive_files(client)
    return {name: body for name, body in live_files(client).items() if name.endswith(source)}


def everything(files) -> str:
    return "\n".join(body.decode() for body in files.values())


def contribution_rows(files) -> list[dict]:
    """The contributions, as dicts of strings (the JSON's nulls as empty strings)."""
    rows = []
    if "contributions.csv" in files:
        rows = list(csv.DictReader(io.StringIO(files["contributions.csv"].decode())))
    if "contributions.json" in files:
        from_json = [
            {key: "" if value is None else str(value) for key, value in row.items()}
            for row in json.loads(files["contributions.json"])
        ]
        assert not rows or len(rows) == len(from_json)
        rows = rows or from_json
    assert rows
    return rows


def row_of(files, contribution) -> dict:
    (row,) = [row for row in contribution_rows(files) if row["id"] == str(contribution.pk)]
    return row


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("status", ["pending", "hidden", "rejected", "withdrawn"])
def test_a_contribution_not_published_is_never_exported(client, data, source, status):
    files = exported(client, source)
    assert f" {status.upper()}-MARK." not in everything(files)
    ids = {row["id"] for row in contribution_rows(files)}
    assert str(data.contributions[status].pk) not in ids
    assert str(data.contributions["signed"].pk) in ids


@pytest.mark.parametrize("source", SOURCES)
def test_a_contribution_held_for_personal_data_is_never_exported(client, data, source):
    files = exported(client, source)
    assert "PERSONAL_DATA-MARK" not in everything(files)
    held = str(data.contributions["personal_data"].pk)
    assert held not in {row["id"] for row in contribution_rows(files)}


@pytest.mark.parametrize("source", SOURCES)
def test_an_unpublished_consultation_is_never_exported(client, data, source):
    text = everything(exported(client, source))
    for marker in ("UNPUBLISHED-CONSULTATION", "UNPUBLISHED-CHAPTER", "UNPUBLISHED-MARK"):
        assert marker not in text
    assert "Consultation publique" in text


@pytest.mark.parametrize("source", SOURCES)
def test_no_email_address_of_anybody_is_ever_exported(client, data, source):
    text = everything(exported(client, source)).lower()
    addresses = [email.lower() for email in User.objects.values_list("email", flat=True)]
    assert len(addresses) >= 3
    for address in [*addresses, "inscrite-secrete@example.org"]:
        assert address not in text
    assert "INSCRITE" not in everything(exported(client, source))


@pytest.mark.parametrize("source", SOURCES)
def test_organisation_and_declaration_of_interests_are_never_exported(client, data, source):
    text = everything(exported(client, source))
    for secret in (
        "ORGANISME-SECRET",
        "DECLARATION-SECRETE",
        "AUTRE-ORGANISME",
        "AUTRE-DECLARATION",
    ):
        assert secret not in text


@pytest.mark.parametrize("source", SOURCES)
def test_the_author_name_only_with_consent_and_a_signed_contribution(client, data, source):
    files = exported(client, source)
    made = data.contributions
    assert row_of(files, made["signed"])["author_name"] == "Nom-Consentant"
    # The same consenting author, contributing anonymously: no name.
    assert row_of(files, made["anonymous"])["author_name"] == ""
    # A signed contribution of an author who did not consent: no name, anywhere.
    assert row_of(files, made["refused"])["author_name"] == ""
    assert "Nom-Refusant" not in everything(files)
    # Without the name, the author is a stakeholder type and a region.
    refused = row_of(files, made["refused"])
    assert (refused["author_stakeholder_type"], refused["author_region"]) == ("citizen", "28")
    signed = row_of(files, made["signed"])
    assert signed["author_stakeholder_type"] == "health_professional"


@pytest.mark.parametrize("source", SOURCES)
def test_the_deleted_account_placeholder_shows_no_type_nor_region(client, data, source):
    row = row_of(exported(client, source), data.contributions["placeholder"])
    assert row["author_name"] == row["author_stakeholder_type"] == row["author_region"] == ""


@pytest.mark.parametrize("source", SOURCES)
def test_a_reply_to_a_hidden_contribution_does_not_point_to_it(client, data, source):
    files = exported(client, source)
    orphan = row_of(files, data.contributions["orphan_reply"])
    assert orphan["is_reply"] in ("true", "True")
    assert orphan["parent_id"] == ""
    reply = row_of(files, data.contributions["reply"])
    assert reply["parent_id"] == str(data.contributions["signed"].pk)
