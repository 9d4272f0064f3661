"""A missing tool skips its tests on a developer's machine and fails them in CI."""

import pytest
from _pytest.outcomes import Failed, Skipped

from tests.tools import REQUIRE_ENV, missing_tool

pytestmark = pytest.mark.undated


def test_a_missing_tool_skips_in_development(monkeypatch):
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(Skipped, match="java"):
        missing_tool("java")


@pytest.mark.parametrize("value", ["1", "true"])
def test_a_missing_tool_fails_where_every_tool_is_required(monkeypatch, value):
    monkeypatch.setenv(REQUIRE_ENV, value)
    with pytest.raises(Failed, match="java"):
        missing_tool("java")
