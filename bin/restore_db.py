#!/usr/bin/env python3
"""Restore a backup of bin/backup_db.py into a NEW database (README « Sauvegarde et restauration »).

    python3 bin/restore_db.py var/backups/esante-esante-20270301-0200Z.dump --into esante_restauree
    python3 bin/restore_db.py var/backups/esante-sqlite-20270301-0200Z.sqlite3 --into var/r.sqlite3

PostgreSQL archive (`pg_dump -Fc`): the database `--into` is created on the server of
DATABASE_URL (same host, port, user and options; `--into` may also be a whole postgres:// URL),
then `pg_restore --no-owner --exit-on-error --single-transaction` fills it: every object
belongs to the restoring user, and the first error stops everything and leaves nothing
half-restored (the new database is dropped again). SQLite copy: the file is copied to `--into`
by SQLite's backup API and checked.

An existing database or file is never overwritten unless `--replace` is given. Restoring into a
new database and then pointing DATABASE_URL at it, site and worker stopped, keeps the damaged
database for investigation and makes going back a one-line change. Standard library only.
Exit status: 0 restored, 1 failed, 2 wrong usage or refused. Messages in French, then English.
"""

import argparse
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from backup_db import (
    FAILED,
    OK,
    USAGE,
    Failure,
    database_url,
    engine,
    libpq_url,
    require,
    run,
    say,
)

POSTGRESQL_MAGIC = b"PGDMP"  # the first bytes of a pg_dump custom-format archive
SQLITE_MAGIC = b"SQLite format 3\x00"


def kind_of(dump: Path) -> str:
    with dump.open("rb") as file:
        head = file.read(16)
    if head.startswith(POSTGRESQL_MAGIC):
        return "postgresql"
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    raise Failure(
        f"{dump} n'est ni une archive `pg_dump -Fc` ni une copie SQLite.\n"
        f"  ({dump} is neither a pg_dump custom-format archive nor an SQLite copy.)",
        USAGE,
    )


def target_url(server_url: str, into: str) -> str:
    """`into` as a libpq URL: a whole URL, or a database name on DATABASE_URL's server."""
    if "://" in into:
        return libpq_url(into)
    return libpq_url(urlsplit(server_url)._replace(path="/" + quote(into)).geturl())


def psql(url: str, sql: str, **variables: str) -> str:
    """Run `sql` (psql :'variables' quoted by psql itself) on `url`; its output, unaligned."""
    command = [require("psql"), "--no-psqlrc", "--quiet", "--tuples-only", "--no-align"]
    command += ["--set=ON_ERROR_STOP=1", "--dbname", url, "--file", "-"]
    command += [f"--set={name}={value}" for name, value in variables.items()]
    # The SQL is ours; values go through psql's own quoting (:'name', :"name").
    result = subprocess.run(  # noqa: S603
        command, input=sql, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise Failure(
            f"Échec de psql sur le serveur (psql failed):\n{result.stderr.strip()}", FAILED
        )
    return result.stdout.strip()


def restore_postgresql(dump: Path, into: str, *, replace: bool) -> None:
    pg_restore = require("pg_restore")
    target = target_url(database_url(), into)
    name = urlsplit(target).path.lstrip("/")
    maintenance = urlsplit(target)._replace(path="/postgres").geturl()
    exists = psql(
        maintenance, "SELECT count(*) FROM pg_database WHERE datname = :'name';", name=name
    )
    if exists != "0":
        if not replace:
            raise Failure(
                f"La base « {name} » existe déjà : rien n'a été touché. Restaurez dans une base "
                f"nouvelle (--into un_autre_nom), ou ajoutez --replace pour la supprimer et la "
                f"remplacer.\n  (Database {name!r} already exists: nothing was touched. Restore "
                f"into a new one, or add --replace to drop and replace it.)",
                USAGE,
            )
        say(
            f"--replace : suppression de la base existante « {name} » (le site et le worker "
            f"doivent être arrêtés).",
            f"--replace: dropping the existing database {name!r} (site and worker stopped).",
        )
        psql(maintenance, 'DROP DATABASE :"name";', name=name)
    psql(maintenance, 'CREATE DATABASE :"name";', name=name)
    say(f"Base « {name} » créée ; restauration de {dump}…", f"Created {name!r}; restoring…")
    command = [pg_restore, "--no-owner", "--exit-on-error", "--single-transaction"]
    try:
        run([*command, "--dbname", target, str(dump)], "pg_restore")
    except Failure:
        psql(maintenance, 'DROP DATABASE :"name";', name=name)
        say(
            f"Restauration interrompue : la base « {name} » a été supprimée, rien n'est à moitié "
            f"restauré.",
            f"Restore stopped: database {name!r} dropped again, nothing half-restored.",
        )
        raise
    counts = psql(
        target,
        "SELECT (SELECT count(*) FROM concertation_contribution), "
        "(SELECT count(*) FROM esante_user);",
    ).split("|")
    say(
        f"Restauration terminée dans « {name} » : {counts[0]} contributions, {counts[1]} comptes.\n"
        f"Pour l'utiliser : arrêtez le site et le worker, mettez DATABASE_URL sur cette base, "
        f"redémarrez.",
        f"Restored into {name!r}. To use it: stop site and worker, point DATABASE_URL at it, "
        f"restart.",
    )


def restore_sqlite(dump: Path, into: str, *, replace: bool) -> None:
    target = Path(into)
    if target.exists() and not replace:
        raise Failure(
            f"Le fichier {target} existe déjà : rien n'a été touché (--replace pour l'écraser).\n"
            f"  ({target} already exists: nothing was touched; --replace overwrites it.)",
            USAGE,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source, copy = sqlite3.connect(f"file:{dump}?mode=ro", uri=True), sqlite3.connect(partial)
    try:
        with copy:
            source.backup(copy)
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        contributions = copy.execute("SELECT count(*) FROM concertation_contribution").fetchone()
    except sqlite3.Error as error:
        check, contributions = str(error), None
    finally:
        source.close()
        copy.close()
    if check != "ok":
        partial.unlink(missing_ok=True)
        raise Failure(f"Copie SQLite invalide : {check}\n  (Invalid SQLite copy.)")
    partial.replace(target)  # in one step: the target is never half-written
    say(
        f"Restauration terminée : {target} ({contributions[0]} contributions). Pour l'utiliser : "
        f"DATABASE_URL=sqlite:///{target.resolve()}",
        f"Restored into {target}.",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Restaure une sauvegarde dans une NOUVELLE base "
        "(Restore a backup into a NEW database).",
    )
    parser.add_argument("dump", type=Path, help="archive pg_dump -Fc ou copie SQLite")
    parser.add_argument(
        "--into",
        required=True,
        help="nom de la nouvelle base PostgreSQL (sur le serveur de DATABASE_URL) ou URL "
        "postgres:// complète ; chemin du fichier pour SQLite (new database name, URL or file)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="supprime et remplace la base ou le fichier s'il existe (drop and replace it)",
    )
    args = parser.parse_args(argv)
    try:
        if not args.dump.is_file():
            raise Failure(f"Fichier introuvable : {args.dump}\n  (File not found.)", USAGE)
        kind = kind_of(args.dump)
        if kind == "postgresql":
            if engine(database_url()) != "postgresql" and "://" not in args.into:
                raise Failure(
                    "Archive PostgreSQL : donnez DATABASE_URL (le serveur) ou une URL "
                    "postgres:// dans --into.\n  (A PostgreSQL archive: set DATABASE_URL or give "
                    "a postgres:// URL to --into.)",
                    USAGE,
                )
            restore_postgresql(args.dump, args.into, replace=args.replace)
        else:
            restore_sqlite(args.dump, args.into, replace=args.replace)
    except Failure as failure:
        print(failure, file=sys.stderr)
        return failure.status
    return OK


if __name__ == "__main__":
    sys.exit(main())
