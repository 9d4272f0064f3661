"""Backups (issue 15, « No data lost »): bin/backup_db.py dumps the database, bin/restore_db.py
restores the dump into a NEW database, and every contribution is found there, word for word.

The PostgreSQL test runs on committed data (a transactional test: pg_dump is another session
and sees nothing of an open test transaction) and on the test database itself, through the
scripts exactly as README « Sauvegarde et restauration » tells an operator to run them.
"""

import hashlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from concertation import services as concertation_services
from concertation.models import AnswerState, Contribution, Flag, Follow, Reaction
from tests.concertation.factories import ChapterFactory, ConsultationFactory
from tests.esante.factories import DnsStaffFactory, UserFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.tools import missing_tool

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "bin" / "backup_db.py"
RESTORE = ROOT / "bin" / "restore_db.py"
# A dump and its restore do not depend on the date: out of .ci/run's reruns at other instants.
pytestmark = pytest.mark.undated

# Text the dump must carry byte for byte: accents, quotes, a tab, emoji, a right-to-left mark.
AWKWARD = '« L\'accès » — "dossier"\tpatient 🩺 \u200f; DROP TABLE x; -- \\N\n\nfin'


def run(script: Path, *args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own scripts
        [sys.executable, str(script), *args],
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def source_url() -> str:
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{quote(db['USER'] or '', safe='')}{password}@{host}/{quote(db['NAME'])}"


def require_postgresql_tools():
    if connection.vendor != "postgresql":
        missing_tool(
            "the backup test restores a pg_dump archive: it needs PostgreSQL "
            "(DATABASE_URL=postgres://...; CI runs it there)"
        )
    for tool in ("pg_dump", "pg_restore", "psql"):
        if not shutil.which(tool):
            missing_tool(f"{tool} is not installed (`apt-get install postgresql-client`)")


def make_contributions() -> list[Contribution]:
    """A few hundred contributions over several chapters of two consultations, with replies,
    reactions, flags, follows, official answers, an event and its registrations."""
    authors = [UserFactory() for _ in range(12)]
    chapters = [ChapterFactory(consultation=c) for c in ConsultationFactory.create_batch(2)]
    chapters += [ChapterFactory(consultation=chapters[0].consultation) for _ in range(2)]
    rows = [
        Contribution(
            consultation_id=chapter.consultation_id,
            chapter=chapter,
            version=chapter.current_version,
            author=authors[n % len(authors)],
            body=f"Contribution {n} sur {chapter.title}. {AWKWARD}",
            status=Contribution.Status.PUBLISHED,
        )
        for n in range(240)
        for chapter in [chapters[n % len(chapters)]]
    ]
    top = Contribution.objects.bulk_create(rows)
    replies = Contribution.objects.bulk_create(
        Contribution(
            consultation_id=parent.consultation_id,
            chapter_id=parent.chapter_id,
            version_id=parent.version_id,
            parent=parent,
            author=authors[(n + 1) % len(authors)],
            body=f"Réponse {n} à la contribution {parent.pk}.",
            status=Contribution.Status.PUBLISHED,
        )
        for n, parent in enumerate(top[:60])
    )
    Reaction.objects.bulk_create(
        Reaction(contribution=c, user=authors[n % 5], value=Reaction.Value.AGREE)
        for n, c in enumerate(top[:100])
    )
    Flag.objects.bulk_create(
        Flag(contribution=c, user=authors[-1], reason=Flag.Reason.SPAM) for c in top[:10]
    )
    Follow.objects.bulk_create(Follow(user=u, chapter=chapters[0]) for u in authors)
    staff = DnsStaffFactory()
    answers = [
        concertation_services.answer_draft(
            actor=staff,
            contributions=[c],
            state=AnswerState.TAKEN,
            body=f"Réponse officielle : {AWKWARD}",
        )
        for c in top[:8]
        if c.chapter_id == chapters[0].pk
    ]
    concertation_services.answers_publish(actor=staff, answer_ids=[a.pk for a in answers])
    RegistrationFactory.create_batch(5, event=EventFactory(capacity=50))
    return [*top, *replies]


def row_counts(cursor) -> dict[str, int]:
    """Every table of the public schema and its number of rows."""
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
    )
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts


def fingerprints(cursor) -> dict[int, str]:
    cursor.execute("SELECT id, body FROM concertation_contribution")
    return {pk: hashlib.sha256(body.encode()).hexdigest() for pk, body in cursor.fetchall()}


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_a_new_database_holds_every_contribution(tmp_path):
    require_postgresql_tools()
    import psycopg

    written = make_contributions()
    assert len(written) == 300
    url = source_url()
    target = f"{connection.settings_dict['NAME']}_restored"
    server = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://", 1)

    def drop_target():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')

    drop_target()  # left by an interrupted earlier run
    dump = tmp_path / "esante.dump"
    try:
        backup = run(BACKUP, "--output", str(dump), database_url=url)
        assert backup.returncode == 0, backup.stderr
        assert "Sauvegarde PostgreSQL écrite et relue" in backup.stdout
        assert dump.stat().st_mode & 0o077 == 0, "a dump of personal data readable by others"

        restore = run(RESTORE, str(dump), "--into", target, database_url=url)
        assert restore.returncode == 0, restore.stderr
        assert f"Restauration terminée dans « {target} » : 300 contributions" in restore.stdout

        with connection.cursor() as cursor:
            expected_rows, expected_texts = row_counts(cursor), fingerprints(cursor)
        with psycopg.connect(f"{server}/{target}") as restored, restored.cursor() as cursor:
            assert fingerprints(cursor) == expected_texts
            assert row_counts(cursor) == expected_rows
            # New rows get fresh ids after a restore: the sequences came with the data.
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('concertation_contribution', 'id'))"
            )
            assert cursor.fetchone()[0] > max(expected_texts)
        assert {c.pk for c in written} <= set(expected_texts)
        assert expected_rows["concertation_officialanswer"] >= 1
        assert expected_rows["events_registration"] == 5
        print(
            f"restored {len(expected_texts)} contributions and {sum(expected_rows.values())} "
            f"rows of {len(expected_rows)} tables into {target}: all found"
        )

        # An existing database is never overwritten unless asked to.
        again = run(RESTORE, str(dump), "--into", target, database_url=url)
        assert again.returncode == 2
        assert "existe déjà : rien n'a été touché" in again.stderr
        replaced = run(RESTORE, str(dump), "--into", target, "--replace", database_url=url)
        assert replaced.returncode == 0, replaced.stderr
    finally:
        drop_target()


def test_sqlite_backup_and_restore_into_a_new_file(tmp_path):
    """SQLite (the development default) the same way: the online backup API copies the file,
    the restore writes a new file and refuses an existing one without --replace."""
    source = tmp_path / "db.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE concertation_contribution (id INTEGER PRIMARY KEY, body TEXT)")
        db.executemany(
            "INSERT INTO concertation_contribution (body) VALUES (?)",
            [(f"Contribution {n} {AWKWARD}",) for n in range(50)],
        )
    db.close()
    url = f"sqlite:///{source}"  # sqlite:////absolute/path, as esante/settings.py builds it
    copy, restored = tmp_path / "copy.sqlite3", tmp_path / "restored.sqlite3"

    backup = run(BACKUP, "--output", str(copy), database_url=url)
    assert backup.returncode == 0, backup.stderr
    assert ".backup" in backup.stdout
    assert copy.stat().st_mode & 0o077 == 0
    assert run(BACKUP, "--output", str(copy), database_url=url).returncode == 2  # never overwrites

    restore = run(RESTORE, str(copy), "--into", str(restored), database_url=url)
    assert restore.returncode == 0, restore.stderr
    assert "50 contributions" in restore.stdout
    with sqlite3.connect(source) as a, sqlite3.connect(restored) as b:
        query = "SELECT id, body FROM concertation_contribution ORDER BY id"
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
    a.close()
    b.close()

    before = source.read_bytes()
    refused = run(RESTORE, str(copy), "--into", str(source), database_url=url)
    assert refused.returncode == 2
    assert "existe déjà" in refused.stderr
    assert source.read_bytes() == before
