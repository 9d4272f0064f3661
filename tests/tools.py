"""Tests that need a tool outside Python (Java, GNU gettext, Chromium, redis-server).

On a developer's machine a missing tool skips those tests, saying why and how to get it. CI
installs every tool and sets ESANTE_REQUIRE_EVERY_TOOL=1 (.ci/run): there a missing tool fails
the test instead, so a broken installation can never pass as a green run.
"""

import os

import pytest

REQUIRE_ENV = "ESANTE_REQUIRE_EVERY_TOOL"


def every_tool_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0", "false")


def missing_tool(reason: str):
    """Skip (development) or fail (CI) the current test because a tool is missing."""
    if every_tool_required():
        pytest.fail(f"{reason} ({REQUIRE_ENV} is set: every tool must be installed)")
    pytest.skip(reason)
