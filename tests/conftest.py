"""Fixtures shared by the whole suite, and the session clock.

The session clock: `pytest --clock=2027-03-01T10:00Z` (or `ESANTE_TEST_CLOCK=...`) runs the whole
session as if it started at that instant, the clock ticking from there (time-machine). Most tests
create their data "now" and render it, so their result could depend on the day they run; .ci/run
reruns the page-rendering tests at a first of the month, New Year in Paris while UTC is still in
December, the night the clocks go forward and a leap day, so the suite proves it does not care.
"""

import datetime
import os
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.esante.factories import ArsStaffFactory, DnsStaffFactory, UserFactory
from tests.security.mfa import mfa_login

CLOCK_ENV = "ESANTE_TEST_CLOCK"


def parse_clock(value: str) -> datetime.datetime:
    """An ISO 8601 instant with its offset ("Z" for UTC): a naive one would be ambiguous."""
    moment = datetime.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise pytest.UsageError(
            f"--clock / {CLOCK_ENV}: give the offset, e.g. 2027-03-01T10:00Z (got {value!r})"
        )
    return moment


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get(CLOCK_ENV) or None,
        help=(
            "run the whole session from this instant, the clock ticking "
            f"(ISO 8601 with offset, e.g. 2027-03-01T10:00Z; also ${CLOCK_ENV})"
        ),
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "real_mfa: force_login(staff) opens a session without MFA (tests of the enforcement)",
    )
    value = config.getoption("--clock")
    if not value:
        return
    traveller = time_machine.travel(parse_clock(value), tick=True)
    traveller.start()
    config.stash[_clock_key] = traveller


# The longest modules and tests (tens of seconds each), started first: with pytest-xdist, one of
# them picked up last keeps its worker busy alone while the other has finished.
SLOW_FIRST = (
    "tests/concertation/test_answers.py::test_publishing_a_thousand",
    "tests/esante/test_crawl.py",
    "tests/security/test_hostile_input.py",
    "tests/security/test_authorisation_matrix.py",
    "tests/api/test_schemathesis.py",
    "tests/esante/test_html_validity.py",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    # A stable sort: the order within each module, hence its module-scoped fixtures, is kept.
    # First: pytest-django's own sort, after it, still puts the transactional tests last (they
    # empty the database, data migrations' rows included).
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))


def pytest_unconfigure(config):
    traveller = config.stash.get(_clock_key, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    value = config.getoption("--clock")
    if not value:
        return None
    from zoneinfo import ZoneInfo

    moment = parse_clock(value)
    paris = moment.astimezone(ZoneInfo("Europe/Paris"))
    return f"session clock: {moment.isoformat()} (Paris {paris.isoformat()}), ticking"


_clock_key = pytest.StashKey[time_machine.travel]()


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, whose requests run their on-commit callbacks (the outbox sending its
    e-mails, without a broker) as they do outside the test's transaction."""

    class CommittingClient:
        def __getattr__(self, name):
            return getattr(client, name)

        def get(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.get(*args, **kwargs)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return CommittingClient()


@pytest.fixture(autouse=True)
def staff_force_login_passes_mfa(request):
    """`client.force_login(staff)` stands for a staff member who signed in properly: password
    and TOTP code (issue 15, StaffSecurityMiddleware). Tests of the MFA enforcement itself opt
    out with `@pytest.mark.real_mfa` and get a plain force_login (a session without MFA)."""
    if request.node.get_closest_marker("real_mfa"):
        yield
        return
    from django.test import Client

    from esante.auth import is_staff_member

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if is_staff_member(user):
            mfa_login(_Plain(self, original), user)

    # Not the `monkeypatch` fixture: a test calling monkeypatch.undo() would undo this too.
    with mock.patch.object(Client, "force_login", force_login):
        yield


class _Plain:
    """A client whose force_login is Django's own (mfa_login calls it)."""

    def __init__(self, client, original):
        self._client, self._original = client, original

    def force_login(self, user, backend=None):
        self._original(self._client, user, backend)

    def __getattr__(self, name):
        return getattr(self._client, name)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def dns_staff(db):
    return DnsStaffFactory()


@pytest.fixture
def ars_staff(db):
    """An "Équipe ARS" member who publishes for Normandie only."""
    return ArsStaffFactory()


@pytest.fixture
def dns_client(client, dns_staff):
    """Signed in as staff sign in: password, then their TOTP code (issue 15: staff MFA)."""
    return mfa_login(client, dns_staff)


@pytest.fixture
def ars_client(client, ars_staff):
    return mfa_login(client, ars_staff)


@pytest.fixture
def assert_flat_queries(client, django_assert_max_num_queries, settings):
    """`check(url, grow, most=...)` GETs `url` at two data sizes, `grow(n)` adding n more rows of
    what the page shows: the page must run the same number of queries at both sizes (an N+1 runs
    one more per row) and no more than `most`. The client is signed in or not by the caller.
    The queries of the page as rendered: from the anonymous page cache it runs none at all
    (tests/esante/test_page_cache.py)."""
    settings.PAGE_CACHE_ENABLED = False

    def check(url: str, grow, *, most: int, sizes: tuple[int, int] = (2, 12)):
        counts = []
        for added, size in zip((0, *sizes), sizes, strict=False):
            grow(size - added)
            if not counts:
                client.get(url)  # the caches of the process (content types, site settings)
            with django_assert_max_num_queries(most) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            counts.append(len(captured))
        assert counts[0] == counts[1], (
            f"{url}: {counts[0]} queries at {sizes[0]}, {counts[1]} at {sizes[1]}"
        )
        return response

    return check


@pytest.fixture(scope="session", autouse=True)
def _redis_database_of_this_worker():
    """Each pytest-xdist worker has a test database of its own; it needs a Redis database of its
    own too: tests empty the cache (FLUSHDB) and rate limits count per user id (the same ids in
    every worker's database) and per 127.0.0.1. Worker gwN uses the database N below REDIS_URL's."""
    from django.conf import settings as django_settings
    from django.test import override_settings

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    cache = django_settings.CACHES["default"]
    if not worker or not str(cache.get("LOCATION", "")).startswith("redis"):
        yield
        return
    url = urlsplit(cache["LOCATION"])
    database = (int(url.path.strip("/") or 0) - int(worker.removeprefix("gw"))) % 16
    location = url._replace(path=f"/{database}").geturl()
    with override_settings(
        CACHES={**django_settings.CACHES, "default": {**cache, "LOCATION": location}}
    ):
        yield


@pytest.fixture(autouse=True)
def _celery_eager():
    """Unit tests run Celery tasks in-process, even where CI sets REDIS_URL; integration tests
    that need the real broker and worker switch this off."""
    from esante.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _site_language():
    """A request under /en/ leaves English active in this thread (servers reactivate a
    language for every request; tests that render outside a request would inherit it)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_test_settings(settings):
    """Two production costs that tests need not pay for every test: the default password
    hasher (~0.3 s a user) and WhiteNoise scanning every static file whenever a test client
    is created (~0.4 s; with autorefresh it finds them on request). Nothing observable changes.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: rate limits and cached pages of one test never
    reach the next (each xdist worker has its own cache: its own Redis database)."""
    from django.core.cache import cache

    from esante.pagecache import local_pages

    yield
    local_pages.forget()  # The pages this process keeps of its own (issue 16).
    try:
        cache.clear()
    except Exception as exc:  # A test that stopped Redis: the next one finds it empty anyway.
        print(f"cache not cleared: {exc!r}")


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests (threads, live server, worker processes) end with a flush that also
    empties the reference data the migrations loaded (regions, staff groups): put it back."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from esante.models import Region

    if not Region.objects.exists():
        migration = import_module("esante.migrations.0002_load_regions_and_staff_groups")
        migration.load_reference_data(apps, None)
