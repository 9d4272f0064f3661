"""/healthz: liveness and readiness, against real (reachable, refused or silent) services."""

import functools
import os
import socket
import time

import pytest
from django.db.utils import ConnectionHandler

from esante.health import run_checks

CLOSED_PORT = 1  # Nothing listens on port 1 here: connections are refused at once.


def get_health(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    # A load balancer or a proxy must never answer from a cached "ok".
    assert "no-cache" in response["Cache-Control"]
    return response


def postgres_handler(port: int) -> ConnectionHandler:
    """A database connection set up as production's, towards 127.0.0.1:<port>."""
    return ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": "esante",
                "USER": "postgres",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "OPTIONS": {"connect_timeout": 1},
            }
        }
    )


@pytest.fixture
def silent_port():
    """A port that accepts TCP connections and never answers: a frozen server."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def use_database(monkeypatch, handler):
    monkeypatch.setattr(
        "esante.views.run_checks", functools.partial(run_checks, db_handler=handler)
    )


def test_ok_with_the_database_and_redis_not_configured(client, db, settings):
    settings.REDIS_URL = ""

    response = get_health(client)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"status": "ok"}, "redis": {"status": "not_configured"}},
    }


def test_503_when_redis_refuses_connections(client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{CLOSED_PORT}/0"

    response = get_health(client)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["redis"]["status"] == "error"
    assert body["checks"]["redis"]["error"]  # the exception class, for the operator


def test_503_within_the_timeout_when_redis_is_frozen(client, db, settings, silent_port):
    settings.REDIS_URL = f"redis://127.0.0.1:{silent_port}/0"
    settings.REDIS_SOCKET_TIMEOUT = 0.5

    started = time.monotonic()
    response = get_health(client)

    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["status"] == "error"
    assert time.monotonic() - started < 5


def test_ok_with_the_real_redis(client, db, settings):
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set: CI runs this check against its real Redis")
    settings.REDIS_URL = url

    response = get_health(client)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": {"status": "ok"}, "redis": {"status": "ok"}},
    }


def test_503_when_the_database_refuses_connections(client, db, settings, monkeypatch):
    settings.REDIS_URL = ""
    broken = postgres_handler(CLOSED_PORT)
    use_database(monkeypatch, broken)
    try:
        response = get_health(client)
    finally:
        broken.close_all()

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"] == {"status": "error", "error": "OperationalError"}
    assert body["checks"]["redis"] == {"status": "not_configured"}


def test_503_within_the_timeout_when_the_database_is_frozen(
    client, db, settings, monkeypatch, silent_port
):
    settings.REDIS_URL = ""
    frozen = postgres_handler(silent_port)
    use_database(monkeypatch, frozen)
    started = time.monotonic()
    try:
        response = get_health(client)
    finally:
        frozen.close_all()

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "status": "error",
        "error": "OperationalError",
    }
    assert time.monotonic() - started < 10
