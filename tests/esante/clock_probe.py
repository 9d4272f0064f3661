"""Run by test_session_clock.py in a pytest of its own (its name keeps it out of collection)."""

import os
from pathlib import Path

from django.utils import timezone


def test_write_the_time_seen():
    Path(os.environ["CLOCK_PROBE_OUT"]).write_text(timezone.now().isoformat())
