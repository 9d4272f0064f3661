"""PostgreSQL restarted during a burst of contributions (issue 15, « No data lost »): the site's
own connection goes through a relay the test cuts for three seconds, as a restart does (open
connections broken, new ones refused). Requests meanwhile get the French 503 page asking to
try again; every request answered 302 saved its contribution with its receipt, no other was
half-written; everything works after. It reports what it tried and what was kept."""

import itertools
import threading
import time
from collections import Counter

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from concertation import services
from concertation.models import Contribution
from esante.models import Notification
from tests.concertation.factories import ChapterFactory
from tests.esante.factories import UserFactory
from tests.integration.conftest import TcpProxy
from tests.tools import missing_tool

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_database_through_a_relay():
    """This process's connection to the test database, through a relay the test can cut. The
    site runs as in production, with a broker: a request records its e-mails and returns, the
    drain sends them (eagerly, without REDIS_URL, the request itself would send them and wait
    for the database to mark them, a worker's patience)."""
    if connection.vendor != "postgresql":
        missing_tool("a database restart is a PostgreSQL fault (DATABASE_URL=postgres://...)")
    from esante.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(original[0] or "127.0.0.1", int(original[1] or 5432))
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    try:
        yield proxy
    finally:
        app.conf.task_always_eager = eager
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = original
        proxy.cut()


def test_a_database_restart_during_a_burst_loses_nothing(
    site_database_through_a_relay, settings, ci_report
):
    proxy = site_database_through_a_relay
    settings.CONTRIBUTION_RATE_PER_USER = "1000/m"
    settings.CONTRIBUTION_RATE_PER_IP = "1000/m"
    chapter = ChapterFactory()
    author = UserFactory()
    services.charter_accept(user=author, consultation=chapter.consultation)
    client = Client(raise_request_exception=False)
    client.force_login(author)
    url = reverse(
        "concertation:contribution_create", args=[chapter.consultation.slug, chapter.slug]
    )

    statuses: Counter = Counter()
    refused_pages = []

    def post(n):
        # What a WSGI server does around each request (the test client does not): a connection
        # the restart broke is dropped, the next query opens a new one.
        close_old_connections()
        response = client.post(url, {"kind": "comment", "body": f"Avis n°{n}"})
        statuses[response.status_code] += 1
        if response.status_code == 503:
            refused_pages.append(response)
        return response.status_code

    # Posting without pause when the restart comes (at 0.5 s, wherever a request stands), until
    # the site notices; then five more while it is down, and five once it is back.
    cutter = threading.Timer(0.5, proxy.cut)
    cutter.start()
    numbers = itertools.count()
    deadline = time.monotonic() + 30
    while post(next(numbers)) != 503:
        assert time.monotonic() < deadline, f"the restart was never met: {dict(statuses)}"
    cutter.join()
    assert [post(next(numbers)) for _ in range(5)] == [503] * 5
    proxy.restore()
    assert [post(next(numbers)) for _ in range(5)] == [302] * 5
    n = next(numbers)

    saved = Contribution.objects.filter(author=author)
    receipts = Notification.objects.filter(email=author.email, kind="contribution_receipt")
    ci_report(
        f"database restart under a burst: posted {n} ({dict(statuses)}), "
        f"saved {saved.count()}, receipts {receipts.count()}"
    )
    assert set(statuses) <= {302, 503}, statuses
    assert statuses[503] >= 6 and statuses[302] >= 5
    for response in refused_pages:
        assert response["Retry-After"]
        assert "Réessayez dans une minute" in response.content.decode()
    # Every 302 saved one contribution; no 503 saved any; each has its receipt.
    assert saved.count() == statuses[302]
    assert receipts.count() == saved.count()
