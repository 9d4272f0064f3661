"""bin/audit_dependencies.py: pip-audit on the lock files fails on a known vulnerability and
says so when it could not reach vulnerability data (it never passes silently)."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "bin/audit_dependencies.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


CLEAN = {"name": "django", "version": "5.2.9", "vulns": []}
VULN = {
    "name": "django",
    "version": "5.2.0",
    "vulns": [{"id": "PYSEC-2025-1", "fix_versions": ["5.2.1"], "aliases": [], "description": ""}],
}
SKIPPED = {
    "name": "amqp",
    "skip_reason": "Dependency not found on PyPI and could not be audited: amqp (5.4.2)",
}


def test_every_package_checked_and_clean_passes():
    status, lines = audit.verdict("r.lock", 0, report(CLEAN, CLEAN), "")
    assert status == audit.OK
    assert "2 packages checked" in lines[0]


def test_a_known_vulnerability_fails_and_names_it():
    status, lines = audit.verdict("r.lock", 1, report(CLEAN, VULN), "")
    assert status == audit.VULNERABLE
    assert "PYSEC-2025-1" in lines[0] and "5.2.1" in lines[0]


def test_unreachable_vulnerability_data_is_not_a_pass():
    # What pip-audit 2.10.1 prints here, with exit status 0, when PyPI cannot be reached.
    status, lines = audit.verdict("r.lock", 0, report(SKIPPED, SKIPPED, CLEAN), "")
    assert status == audit.UNCHECKED
    assert "NOT reached for 2 of 3" in lines[0]


def test_a_vulnerability_wins_over_unchecked_packages():
    status, _ = audit.verdict("r.lock", 1, report(SKIPPED, VULN), "")
    assert status == audit.VULNERABLE


@pytest.mark.parametrize("stdout", ["", "not json", "{}", "[]"])
def test_pip_audit_failing_checks_nothing_and_says_so(stdout):
    status, lines = audit.verdict("r.lock", 1, stdout, "ConnectionError: no route to host")
    assert status == audit.UNCHECKED
    assert "checked nothing" in lines[0]
    assert "no route to host" in lines[-1]


def test_main_with_an_unreachable_service(monkeypatch, tmp_path, capsys):
    """A stand-in for pip-audit that meets a dead vulnerability service, as on a closed network."""
    fake = tmp_path / "fake_pip_audit.py"
    fake.write_text(
        "import sys\nsys.stderr.write('requests.exceptions.ConnectionError: "
        "HTTPSConnectionPool(host=pypi.org): Max retries exceeded')\nsys.exit(1)\n"
    )
    monkeypatch.setattr(audit, "pip_audit_command", lambda lock: [sys.executable, str(fake)])
    assert audit.main(["requirements.lock"]) == audit.UNCHECKED
    out = capsys.readouterr().out
    assert "could not reach vulnerability data" in out
    assert "Max retries exceeded" in out
