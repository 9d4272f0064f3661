"""Liveness and readiness checks behind /healthz."""

import redis
from django.conf import settings
from django.db import DatabaseError, connections


def check_database(alias: str = "default", handler=connections) -> str | None:
    """Return None when the database answers, else a short error description."""
    try:
        with handler[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return exc.__class__.__name__
    return None


def check_redis(url: str) -> str | None:
    client = redis.Redis.from_url(
        url,
        socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
    )
    try:
        client.ping()
    except (redis.RedisError, OSError) as exc:
        return exc.__class__.__name__
    finally:
        client.close()
    return None


def run_checks(db_handler=connections) -> tuple[bool, dict]:
    checks: dict[str, dict] = {}
    error = check_database(handler=db_handler)
    checks["database"] = {"status": "error", "error": error} if error else {"status": "ok"}
    if settings.REDIS_URL:
        error = check_redis(settings.REDIS_URL)
        checks["redis"] = {"status": "error", "error": error} if error else {"status": "ok"}
    else:
        checks["redis"] = {"status": "not_configured"}
    healthy = all(check["status"] != "error" for check in checks.values())
    return healthy, checks
