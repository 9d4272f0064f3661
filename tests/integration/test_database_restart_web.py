"""PostgreSQL restarted during a burst of contributions (issue 15, « No data lost »): the site's
own connection goes through a relay the test cuts for three seconds, as a restart does (open
connections broken, new ones refused). Requests meanwhile get the French 503 page asking to
try again; every request answered 302 saved its contribution with its receipt, no other was
half-written; everything works after. It reports what it tried and what was kept."""

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

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site_database_through_a_relay():
    """This process's connection to the test database, through a relay the test can cut."""
    if connection.vendor != "postgresql":
        pytest.skip("a database restart is a PostgreSQL fault (CI runs it there)")
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(original[0] or "127.0.0.1", int(original[1] or 5432))
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    try:
        yield proxy
    finally:
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

    def restart():
        time.sleep(1.0)
        proxy.cut()
        time.sleep(3.0)
        proxy.restore()

    outage = threading.Thread(target=restart)
    statuses: Counter = Counter()
    refused_pages = []
    outage.start()
    deadline = time.monotonic() + 6.0
    n = 0
    while time.monotonic() < deadline:
        # What a WSGI server does around each request (the test client does not): a connection
        # the restart broke is dropped, the next query opens a new one.
        close_old_connections()
        response = client.post(url, {"kind": "comment", "body": f"Avis n°{n}"})
        statuses[response.status_code] += 1
        if response.status_code == 503:
            refused_pages.append(response)
        n += 1
        time.sleep(0.05)
    outage.join()
    close_old_connections()
    after = client.post(url, {"kind": "comment", "body": "Après le redémarrage"})

    saved = Contribution.objects.filter(author=author)
    receipts = Notification.objects.filter(email=author.email, kind="contribution_receipt")
    ci_report(
        f"database restart under a burst: posted {n} ({dict(statuses)}), "
        f"saved {saved.count() - 1} before the last post, receipts {receipts.count() - 1}"
    )
    assert set(statuses) <= {302, 503}, statuses
    assert statuses[503] > 0, "the cut was not met: the test proved nothing"
    assert statuses[302] > 0
    for response in refused_pages:
        assert response["Retry-After"]
        assert "Réessayez dans une minute" in response.content.decode()
    assert after.status_code == 302
    # Every 302 saved one contribution; no 503 saved any; each has its receipt.
    assert saved.count() == statuses[302] + 1
    assert receipts.count() == saved.count()
