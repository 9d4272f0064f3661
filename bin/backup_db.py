#!/usr/bin/env python3
"""Back up the database of DATABASE_URL to one file (README « Sauvegarde et restauration »).

    python3 bin/backup_db.py                       # var/backups/esante-<base>-<UTC time>.dump
    python3 bin/backup_db.py --output /srv/backups/esante.dump

PostgreSQL: `pg_dump --format=custom`, the whole database (schema, data, the `unaccent`
extension and the French search configuration) in one compressed archive that `pg_restore`
reads, table by table if need be; the archive is checked (`pg_restore --list`) before the
script says it is done. SQLite (the development default when DATABASE_URL is unset): a
consistent copy of the file by SQLite's online backup API, what `sqlite3 db.sqlite3 ".backup
copy.sqlite3"` does, safe while the site runs.

A backup holds every account's personal data: the file is created readable by its owner only
(mode 600). Standard library only, so it runs with the system's python3, without the project's
virtualenv. Exit status: 0 written and checked, 1 failed, 2 wrong usage. Messages in French,
then English. bin/restore_db.py restores a file into a new database.
"""

import argparse
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
# esante/settings.py reads the same default when DATABASE_URL is unset.
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'db.sqlite3'}"
BACKUP_DIR = ROOT / "var" / "backups"
# The schemes django-environ reads as PostgreSQL; libpq (pg_dump, psql) knows only the first two.
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}
OK, FAILED, USAGE = 0, 1, 2


class Failure(Exception):
    """A message for the operator, and the exit status."""

    def __init__(self, message: str, status: int = FAILED):
        super().__init__(message)
        self.status = status


def say(french: str, english: str) -> None:
    print(f"{french}\n  ({english})", flush=True)


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def engine(url: str) -> str:
    scheme = urlsplit(url).scheme
    if scheme in POSTGRES_SCHEMES:
        return "postgresql"
    if scheme == "sqlite":
        return "sqlite"
    raise Failure(
        f"DATABASE_URL : base « {scheme} » non prise en charge, seulement PostgreSQL et SQLite.\n"
        f"  (DATABASE_URL: unsupported database {scheme!r}, only PostgreSQL and SQLite.)",
        USAGE,
    )


def libpq_url(url: str) -> str:
    """The URL as pg_dump, pg_restore and psql read it (they ignore django-environ's aliases)."""
    return urlsplit(url)._replace(scheme="postgresql").geturl()


def database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


def sqlite_path_of(url: str) -> Path:
    """As django-environ reads it: sqlite:////absolute/path, sqlite:///relative/path."""
    return Path(unquote(urlsplit(url).path)[1:])


def require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise Failure(
            f"« {tool} » est introuvable : installez les outils clients de PostgreSQL "
            f"(paquet postgresql-client, de la version majeure du serveur ou plus récente).\n"
            f"  ({tool} not found: install the PostgreSQL client tools, postgresql-client, of the "
            f"server's major version or newer.)"
        )
    return found


def run(command: list[str], what: str) -> subprocess.CompletedProcess:
    # The command is ours; only file names and the operator's own DATABASE_URL go in it.
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise Failure(
            f"Échec de {what} (code {result.returncode}) :\n  ({what} failed)\n"
            + (result.stderr.strip() or result.stdout.strip() or "(aucun message / no message)")
        )
    return result


def default_output(url: str) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%SZ")
    if engine(url) == "sqlite":
        return BACKUP_DIR / f"esante-sqlite-{stamp}.sqlite3"
    return BACKUP_DIR / f"esante-{database_name(url)}-{stamp}.dump"


def private_file(path: Path) -> None:
    """Create `path` empty, readable and writable by its owner only, before anything is in it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        raise Failure(
            f"{path} existe déjà : une sauvegarde n'en écrase jamais une autre.\n"
            f"  ({path} already exists: a backup never overwrites another one.)",
            USAGE,
        )
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def backup_postgresql(url: str, output: Path) -> None:
    pg_dump, pg_restore = require("pg_dump"), require("pg_restore")
    private_file(output)
    try:
        run(
            [pg_dump, "--format=custom", "--file", str(output), "--dbname", libpq_url(url)],
            "pg_dump",
        )
        listing = run([pg_restore, "--list", str(output)], "pg_restore --list").stdout
    except Failure:
        output.unlink(missing_ok=True)  # never leave a half-written archive that looks usable
        raise
    tables = sum(1 for line in listing.splitlines() if " TABLE DATA " in line)
    say(
        f"Sauvegarde PostgreSQL écrite et relue : {output} ({output.stat().st_size} octets, "
        f"{tables} tables de données, base « {database_name(url)} »).",
        f"PostgreSQL backup written and read back: {output}, {tables} tables of data.",
    )


def backup_sqlite(url: str, output: Path) -> None:
    source_path = sqlite_path_of(url)
    if not source_path.exists():
        raise Failure(
            f"Fichier SQLite introuvable : {source_path}\n  (SQLite file not found.)", USAGE
        )
    say(
        "SQLite : copie cohérente du fichier par l'API de sauvegarde en ligne de SQLite "
        '(ce que fait `sqlite3 db.sqlite3 ".backup copie.sqlite3"`), sans arrêter le site.',
        "SQLite: a consistent copy of the file by SQLite's online backup API (sqlite3 .backup).",
    )
    private_file(output)
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(output)
    try:
        with target:
            source.backup(target)
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        source.close()
        target.close()
    if check != "ok":
        output.unlink(missing_ok=True)
        raise Failure(f"La copie est invalide : {check}\n  (The copy is corrupt.)")
    say(
        f"Sauvegarde SQLite écrite et vérifiée : {output} ({output.stat().st_size} octets).",
        f"SQLite backup written and checked: {output}.",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Sauvegarde la base de DATABASE_URL (Back up the database of DATABASE_URL).",
    )
    parser.add_argument(
        "--output",
        type=Path,
        help="fichier à écrire, jamais écrasé (file to write, never overwritten); "
        "défaut/default: var/backups/esante-<base>-<date UTC>.dump",
    )
    args = parser.parse_args(argv)
    try:
        url = database_url()
        output = args.output or default_output(url)
        if engine(url) == "postgresql":
            backup_postgresql(url, output)
        else:
            backup_sqlite(url, output)
    except Failure as failure:
        print(failure, file=sys.stderr)
        return failure.status
    return OK


if __name__ == "__main__":
    sys.exit(main())
