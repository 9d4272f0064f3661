"""`manage.py check --deploy` with the production settings (esante.settings.production) reports
nothing (issue 15).

Settings are read once per process: each case starts a fresh interpreter with a clean
environment (only what Python needs, never the machine's or CI's variables).
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

# Settings read in fresh interpreters: nothing here depends on the date.
pytestmark = pytest.mark.undated

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SITE = "concertation.example.org"


def production(**overrides: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="esante.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        SITE_URL=f"https://{SITE}",
        ALLOWED_HOSTS=SITE,
        # As in production: django-ratelimit's check of a shared cache is not silenced then.
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter with a fixed argument list.
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)


def test_check_deploy_reports_nothing_with_production_settings():
    result = deploy_check(production())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_settings_refuse_debug():
    """DJANGO_DEBUG=true with the production settings stops the start, rather than being ignored
    or showing debug pages."""
    result = deploy_check(production(DJANGO_DEBUG="true"))

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG=true with the production settings" in result.stderr


def test_a_production_process_without_a_settings_module_gets_the_production_settings():
    """gunicorn and Celery default to the production settings: one that forgets
    DJANGO_SETTINGS_MODULE still refuses to start without its secret."""
    for entry_point in ("esante.wsgi", "esante.asgi", "esante.celery"):
        env = production()
        del env["DJANGO_SETTINGS_MODULE"], env["SECRET_KEY"]

        code = f"import {entry_point}; from django.conf import settings; settings.DEBUG"
        result = run(["-c", code], env)

        assert result.returncode != 0, entry_point
        assert "SECRET_KEY is not set" in result.stderr, (entry_point, result.stderr)


def test_check_deploy_catches_a_production_site_served_over_http():
    """A public address in http:// turns the HTTPS defaults off: the check says so."""
    result = deploy_check(production(SITE_URL=f"http://{SITE}"))

    assert result.returncode != 0
    output = result.stdout + result.stderr
    for check in ("security.W008", "security.W012", "security.W016"):
        assert check in output, output


def test_check_deploy_catches_a_forced_insecure_setting():
    result = deploy_check(production(DJANGO_SECURE_COOKIES="false", DJANGO_HSTS_SECONDS="0"))

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "security.W012" in output  # SESSION_COOKIE_SECURE
    assert "security.W004" in output  # SECURE_HSTS_SECONDS


PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
names = [
    "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER",
]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def read_settings(env: dict[str, str]) -> dict:
    result = run(["-c", PRINT_SETTINGS], env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_is_https_only_and_served_under_its_own_name_only():
    env = production()
    del env["ALLOWED_HOSTS"]  # unset: the name of SITE_URL only

    values = read_settings(env)

    assert values["ALLOWED_HOSTS"] == [SITE]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SESSION_COOKIE_SECURE"] is values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is values["SECURE_HSTS_PRELOAD"] is True


def test_make_run_serves_plain_http():
    """`make run`'s environment (manage.py's development settings, the Makefile's RUN_ENV): no
    redirection to an HTTPS port nobody listens on."""
    env = production(
        DJANGO_SETTINGS_MODULE="esante.settings.development",
        DJANGO_DEBUG="true",
        SITE_URL="http://127.0.0.1:8000",
    )
    del env["SECRET_KEY"], env["REDIS_URL"], env["ALLOWED_HOSTS"]

    values = read_settings(env)

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SESSION_COOKIE_SECURE"] is False
