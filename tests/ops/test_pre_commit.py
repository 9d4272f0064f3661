"""The pre-commit configuration (issue 15): valid, runnable offline, and its tools at the versions
pyproject.toml pins, so a commit is checked by the same ruff as `make lint`."""

import re
import tomllib
from pathlib import Path

import pytest
from pre_commit.clientlib import load_config

# A configuration file, not a clock: nothing here depends on the date.
pytestmark = pytest.mark.undated

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CONFIG = PROJECT_ROOT / ".pre-commit-config.yaml"


def dev_pins() -> dict[str, str]:
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())
    requirements = pyproject["project"]["optional-dependencies"]["dev"]
    return dict(re.fullmatch(r"([\w.-]+)==([\w.]+)", req).groups() for req in requirements)


def hooks() -> list[dict]:
    config = load_config(str(CONFIG))  # pre-commit's own schema: raises on an invalid file
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_the_configuration_is_valid_and_needs_no_download_from_github():
    config = load_config(str(CONFIG))

    assert {repo["repo"] for repo in config["repos"]} == {"local"}
    ids = {hook["id"] for hook in hooks()}
    assert {
        "ruff-check",
        "ruff-format",
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "check-toml",
        "check-merge-conflict",
        "check-added-large-files",
        "detect-private-key",
        "makemigrations-check",
    } <= ids


def test_ruff_is_the_version_pyproject_pins():
    ruff = [hook for hook in hooks() if hook["entry"].split()[0] == "ruff"]

    assert {hook["id"] for hook in ruff} == {"ruff-check", "ruff-format"}
    for hook in ruff:
        assert hook["additional_dependencies"] == [f"ruff=={dev_pins()['ruff']}"], hook["id"]


def test_every_pinned_hook_tool_is_the_version_pyproject_pins():
    pins = dev_pins()
    for hook in hooks():
        for requirement in hook["additional_dependencies"]:
            name, version = requirement.split("==")
            assert pins.get(name) == version, (hook["id"], requirement)


def test_the_migrations_check_runs_on_the_development_settings():
    [hook] = [hook for hook in hooks() if hook["id"] == "makemigrations-check"]

    assert "DJANGO_SETTINGS_MODULE=esante.settings.development" in hook["entry"]
    assert "makemigrations --check --dry-run" in hook["entry"]
    assert hook["pass_filenames"] is False
