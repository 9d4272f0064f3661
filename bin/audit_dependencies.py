#!/usr/bin/env python3
"""pip-audit on the lock files, that never passes silently (issue 15, finding 10).

pip-audit exits 0 when it could not look a package up ("Dependency not found on PyPI and could
not be audited", as on a machine with no route to PyPI's vulnerability data): here that is a
failure, with its reason. Exit status: 0 every package checked and none vulnerable; 1 a known
vulnerability; 2 vulnerability data unreachable for some package, or pip-audit itself failed.

    python bin/audit_dependencies.py requirements.lock requirements-dev.lock
"""

import json
import subprocess
import sys
from pathlib import Path

OK, VULNERABLE, UNCHECKED = 0, 1, 2


def pip_audit_command(lock: str) -> list[str]:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    return [
        str(pip_audit) if pip_audit.exists() else "pip-audit",
        "-r", lock, "--require-hashes", "--disable-pip", "--progress-spinner", "off",
        "--format", "json",
    ]  # fmt: skip


def verdict(lock: str, returncode: int, stdout: str, stderr: str) -> tuple[int, list[str]]:
    """The exit status and the lines to print, from one pip-audit run on `lock`."""
    try:
        report = json.loads(stdout)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        return UNCHECKED, [
            f"{lock}: pip-audit failed (exit {returncode}) and checked nothing:",
            *(stderr.strip().splitlines()[-5:] or ["(no message)"]),
        ]
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    lines = []
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            name = f"{dep['name']} {dep['version']}"
            lines.append(f"{lock}: VULNERABLE {name}: {vuln['id']} ({fixes})")
    if skipped:
        lines.append(
            f"{lock}: vulnerability data NOT reached for {len(skipped)} of {len(dependencies)} "
            f"packages — they were not checked, e.g. {skipped[0]['skip_reason']}"
        )
    if vulnerable:
        return VULNERABLE, lines
    if skipped:
        return UNCHECKED, lines
    if returncode != 0:
        message = stderr.strip()[-500:]
        return UNCHECKED, [*lines, f"{lock}: pip-audit exited {returncode}: {message}"]
    return OK, [f"{lock}: {len(dependencies)} packages checked, no known vulnerability"]


def main(locks: list[str]) -> int:
    worst = OK
    for lock in locks:
        run = subprocess.run(  # noqa: S603 - our own fixed command
            pip_audit_command(lock), capture_output=True, text=True, check=False
        )
        status, lines = verdict(lock, run.returncode, run.stdout, run.stderr)
        print("\n".join(lines))
        worst = max(worst, status)
    if worst == UNCHECKED:
        print("pip-audit could not reach vulnerability data: the audit did NOT pass.")
    return worst


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["requirements.lock", "requirements-dev.lock"]))
