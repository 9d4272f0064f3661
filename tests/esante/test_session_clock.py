"""`pytest --clock=…` runs a whole session at a chosen instant (see tests/conftest.py)."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from time_machine import escape_hatch

from tests.conftest import parse_clock

# Probe sessions of their own, each with its own clock.
pytestmark = pytest.mark.undated

BASE = Path(settings.BASE_DIR)


def run_probe(tmp_path, *args, env_clock=None):
    out = tmp_path / "now.txt"
    env = {**os.environ, "CLOCK_PROBE_OUT": str(out)}
    # The probe needs no service: never let it touch this session's test database or Redis.
    for name in ("ESANTE_TEST_CLOCK", "DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    if env_clock:
        env["ESANTE_TEST_CLOCK"] = env_clock
    result = subprocess.run(  # noqa: S603 (our own interpreter and test file)
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            *args,
            "tests/esante/clock_probe.py",
        ],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return datetime.datetime.fromisoformat(out.read_text()), result.stdout


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_whole_session_runs_at_the_chosen_instant(tmp_path, how):
    instant = "2026-12-31T23:30Z"
    if how == "option":
        seen, _ = run_probe(tmp_path, f"--clock={instant}")
    else:
        seen, _ = run_probe(tmp_path, env_clock=instant)
    start = parse_clock(instant)
    # The clock ticks from the instant: the probe runs a few seconds after the session starts.
    assert start <= seen < start + datetime.timedelta(minutes=2)


def test_without_a_clock_the_session_runs_now(tmp_path):
    seen, _ = run_probe(tmp_path)
    # The real time, even when this session itself runs with a clock.
    clock = escape_hatch.datetime.datetime if escape_hatch.is_travelling() else datetime.datetime
    real_now = clock.now(datetime.UTC)
    assert abs(seen - real_now) < datetime.timedelta(minutes=2)


def test_an_instant_without_its_offset_is_refused():
    with pytest.raises(pytest.UsageError, match="offset"):
        parse_clock("2027-03-01T10:00")
    assert parse_clock("2027-03-28T01:30Z").utcoffset() == datetime.timedelta(0)
