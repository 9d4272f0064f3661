"""The demo of `make run` loaded once for the tests of a module that read it, instead of once
per test (a second or more each on PostgreSQL): in a transaction opened by the module's first
test that asks for it and rolled back after the module's last test. Each test runs in a
savepoint inside it (pytest-django's `db`), so what one test writes, the next never sees.

A module's tests that need a database without the demo come before its first test that uses
the demo: from that one to the end of the module, the demo is in the database. No transactional
test (`django_db(transaction=True)`, live_server) in such a module: its flush would run inside
the module's transaction.
"""

import contextlib
from io import StringIO

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# tests/conftest.py sets the fast hasher for each test; a module-wide fixture runs before it.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class _Rollback(Exception):
    pass


@contextlib.contextmanager
def demo_loaded(django_db_blocker, *, clock=None, **settings):
    """Inside: the demo loaded as `load_demo` does (`clock`: a time-machine travel to load it
    under; `settings`: overridden while it loads and inside); yields what the command printed."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, **settings),
        contextlib.suppress(_Rollback),
        transaction.atomic(),
    ):
        out = StringIO()
        with clock or contextlib.nullcontext():
            call_command("load_demo", stdout=out)
        yield out.getvalue()
        raise _Rollback
