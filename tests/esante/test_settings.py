"""Production settings refuse to start without a secret; development settings start without one.

Settings are read once per process, so each case starts a fresh interpreter with a clean
environment: only what Python needs to run, never the variables of the machine or of CI.
"""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SETUP = "import django; from django.conf import settings; django.setup()"


def start_django(**env: str) -> subprocess.CompletedProcess:
    clean = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    clean.update(env, DJANGO_SETTINGS_MODULE="esante.settings")
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


def test_debug_off_is_the_default_so_a_bare_environment_refuses_to_start():
    result = start_django()

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_development_settings_start_without_secret_key():
    result = start_django(DJANGO_DEBUG="true")

    assert result.returncode == 0, result.stderr


def test_production_settings_start_with_a_secret_key():
    result = start_django(DJANGO_DEBUG="false", SECRET_KEY="a-long-random-value-for-this-test-only")

    assert result.returncode == 0, result.stderr
