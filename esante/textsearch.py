"""Accent- and case-insensitive matching for the SQLite development database.

PostgreSQL uses its `french_unaccent` text search configuration instead. On SQLite a SQL
function `esante_fold` (registered on every new connection) folds text the way `fold` does,
character by character so that positions in the folded text match the original.
"""

import unicodedata
from functools import lru_cache

from django.db.backends.signals import connection_created


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.lower() if len(base) == 1 else char.lower()


def fold(text: str | None) -> str:
    return "".join(_fold_char(char) for char in text or "")


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("esante_fold", 1, fold, deterministic=True)


def connect():
    connection_created.connect(register_sqlite_functions, dispatch_uid="esante_fold")
