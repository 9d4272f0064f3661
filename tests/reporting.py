"""Counts the suite prints at its end, in CI as on a developer's machine.

Some tests must say what they tried (the hostile-input suite, the authorisation matrix, the
fault and RGPD tests: issue 15). A `print` inside a test is captured by pytest, and under
pytest-xdist a worker's output never reaches the terminal at all. So such a test calls the
`ci_report` fixture instead; the lines travel with the test's report (its user_properties,
which xdist sends back to the controller) and are printed once, in a section of their own
after the results: « what the suite tried ». Loaded by pyproject's addopts (`-p tests.reporting`).
"""

import pytest

KEY = "ci-report"
_lines: list[tuple[str, str]] = []


@pytest.fixture
def ci_report(request):
    """`ci_report("hostile-input suite: 214 values...")`: a line for the end of the run."""

    def report(text: str) -> None:
        request.node.user_properties.append((KEY, text.strip()))

    return report


def pytest_runtest_logreport(report):
    if report.when != "teardown":
        return
    for key, value in getattr(report, "user_properties", ()):
        if key == KEY:
            _lines.append((report.nodeid, value))


def pytest_terminal_summary(terminalreporter):
    if not _lines:
        return
    terminalreporter.section("what the suite tried")
    for nodeid, text in _lines:
        terminalreporter.write_line(f"{text}    [{nodeid}]")
