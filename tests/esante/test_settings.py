"""Production settings (esante.settings.production) refuse to start without a secret or a
public address; development settings (esante.settings.development) start without them.

Settings are read once per process, so each case starts a fresh interpreter with a clean
environment: only what Python needs to run, never the variables of the machine or of CI.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Settings read in fresh interpreters: nothing here depends on the date.
pytestmark = pytest.mark.undated

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SETUP = "import django; from django.conf import settings; django.setup()"


def start_django(module: str = "production", **env: str) -> subprocess.CompletedProcess:
    clean = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    clean.update(env, DJANGO_SETTINGS_MODULE=f"esante.settings.{module}")
    return subprocess.run(  # noqa: S603 - our own interpreter with a fixed argument list.
        [sys.executable, "-c", SETUP],
        cwd=PROJECT_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = start_django(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_an_empty_secret_key_counts_as_missing():
    result = start_django(DJANGO_DEBUG="false", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_bare_environment_refuses_to_start_with_the_production_settings():
    result = start_django()

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_settings_start_without_secret_key():
    result = start_django("development")

    assert result.returncode == 0, result.stderr


def test_production_settings_start_with_a_secret_key_and_a_site_url():
    result = start_django(
        DJANGO_DEBUG="false",
        SECRET_KEY="a-long-random-value-for-this-test-only",
        SITE_URL="https://concertation.example.org",
    )

    assert result.returncode == 0, result.stderr


# --- SITE_URL: the origin of every link in e-mails ---------------------------------------------

SECRET = "a-long-random-value-for-this-test-only"


def site_settings(module: str = "production", **env: str) -> dict:
    """SITE_URL, ALLOWED_HOSTS and allauth's link scheme as a fresh process reads them."""
    code = (
        f"{SETUP}; import json; print(json.dumps({{'site_url': settings.SITE_URL, "
        "'hosts': settings.ALLOWED_HOSTS, 'scheme': settings.ACCOUNT_DEFAULT_HTTP_PROTOCOL}))"
    )
    clean = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    clean.update(env, DJANGO_SETTINGS_MODULE=f"esante.settings.{module}")
    result = subprocess.run(  # noqa: S603 - our own interpreter with a fixed argument list.
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("site_url", [None, ""])
def test_production_settings_refuse_to_start_without_site_url(site_url):
    env = {"DJANGO_DEBUG": "false", "SECRET_KEY": SECRET}
    if site_url is not None:
        env["SITE_URL"] = site_url
    result = start_django(**env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SITE_URL is not set" in result.stderr


@pytest.mark.parametrize(
    "site_url",
    [
        "concertation.example.org",  # no scheme
        "//concertation.example.org",
        "ftp://concertation.example.org",
        "https://",
        "https://concertation.example.org/concertation",  # a path: reverse() would drop it
        "https://concertation.example.org/?x=1",
        "https://concertation.example.org:port",
        "https://concertation.example.org:70000",
        "https://user:secret@concertation.example.org",
    ],
)
@pytest.mark.parametrize("module", ["production", "development"])
def test_a_site_url_that_is_not_an_origin_is_refused(site_url, module):
    result = start_django(module, SECRET_KEY=SECRET, SITE_URL=site_url)

    assert result.returncode != 0
    assert "SITE_URL must be an absolute http(s) address with no path" in result.stderr


def test_one_trailing_slash_is_dropped_and_the_host_is_served():
    read = site_settings(
        DJANGO_DEBUG="false", SECRET_KEY=SECRET, SITE_URL="https://concertation.example.org:8443/"
    )

    assert read == {
        "site_url": "https://concertation.example.org:8443",
        "hosts": ["concertation.example.org"],
        "scheme": "https",
    }


def test_allowed_hosts_set_explicitly_win_over_the_site_url():
    read = site_settings(
        DJANGO_DEBUG="false",
        SECRET_KEY=SECRET,
        SITE_URL="https://concertation.example.org",
        ALLOWED_HOSTS="concertation.example.org,www.concertation.example.org",
    )

    assert read["hosts"] == ["concertation.example.org", "www.concertation.example.org"]


def test_development_links_lead_to_the_port_served():
    assert site_settings("development")["site_url"] == "http://127.0.0.1:8000"
    read = site_settings("development", PORT="8123")
    assert read["site_url"] == "http://127.0.0.1:8123"
    assert read["scheme"] == "http"
    assert "localhost" in read["hosts"] and "127.0.0.1" in read["hosts"]
    # A development SITE_URL of its own is served too (a machine on the local network).
    read = site_settings("development", PORT="8123", SITE_URL="http://[::1]:8001")
    assert read["site_url"] == "http://[::1]:8001" and "[::1]" in read["hosts"]


def test_make_run_passes_the_site_url_of_its_port():
    """`make run` serves PORT and tells the settings so, unless SITE_URL is already set."""
    make, shell = shutil.which("make"), shutil.which("sh")
    if not make:
        pytest.skip("make is not installed")
    printed = subprocess.run(  # noqa: S603 - make with a fixed argument list, nothing executed.
        [make, "--dry-run", "run", "PORT=8123"],
        cwd=PROJECT_ROOT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    [runserver] = [line for line in printed.splitlines() if "runserver 127.0.0.1:8123" in line]
    # The variables make puts before the server, then `env` instead of the server.
    assignments = runserver.split(" .venv/bin/python", 1)[0]
    for env, expected in (
        ({}, "http://127.0.0.1:8123"),
        ({"SITE_URL": "https://concertation.example.org"}, "https://concertation.example.org"),
    ):
        environment = subprocess.run(  # noqa: S603 - the shell, on make's own command line.
            [shell, "-c", f"{assignments} env"],
            env={"PATH": os.environ["PATH"], **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.splitlines()
        assert f"SITE_URL={expected}" in environment
