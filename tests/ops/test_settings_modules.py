"""Each settings module is imported without side effect (issue 15): no file or directory
created, no connection opened, no process started. What needs var/ creates it when needed.

Settings are read once per process: each case starts a fresh interpreter with a clean
environment, and an audit hook (PEP 578) that records what the import does.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Settings read in fresh interpreters: nothing here depends on the date.
pytestmark = pytest.mark.undated

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Imports the settings as Django does (LazySettings), recording every audit event that writes,
# connects or starts something; prints them as JSON.
PROBE = """
import json, os, sys
sys.dont_write_bytecode = True
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
ALWAYS = {
    "os.mkdir", "os.makedirs", "os.remove", "os.rmdir", "os.rename", "os.replace", "os.truncate",
    "os.symlink", "os.link", "os.chmod", "os.chown", "os.utime", "shutil.copyfile", "shutil.rmtree",
    "socket.connect", "socket.bind", "socket.sendto", "socket.getaddrinfo", "sqlite3.connect",
    "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.fork",
}
seen = []

def hook(event, args):
    if event in ALWAYS:
        seen.append([event, repr(args)[:200]])
    elif event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (flags or 0) & WRITE_FLAGS:
            seen.append([event, repr(args)[:200]])

sys.addaudithook(hook)
from django.conf import settings
settings.INSTALLED_APPS  # imports DJANGO_SETTINGS_MODULE
print(json.dumps({"events": seen, "debug": settings.DEBUG}))
"""

ENVIRONMENTS = {
    "esante.settings.development": {},
    "esante.settings.test": {},
    # Everything a production host sets, services included: still nothing is touched.
    "esante.settings.production": {
        "SECRET_KEY": "a-long-random-value-for-this-test-only",
        "SITE_URL": "https://concertation.example.org",
        "DATABASE_URL": "postgres://esante@127.0.0.1:5432/esante",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "EMAIL_URL": "smtp+tls://user:secret@smtp.example.org:587",
    },
}


def clean_env(**env: str) -> dict[str, str]:
    clean = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    clean.update(env, PYTHONDONTWRITEBYTECODE="1")
    return clean


def python(args: list[str], env: dict[str, str], cwd: Path = PROJECT_ROOT):
    return subprocess.run(  # noqa: S603 - our own interpreter with a fixed argument list.
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("module", sorted(ENVIRONMENTS))
def test_importing_the_settings_touches_nothing(module):
    env = clean_env(DJANGO_SETTINGS_MODULE=module, **ENVIRONMENTS[module])

    result = python(["-c", PROBE], env)

    assert result.returncode == 0, result.stderr
    read = json.loads(result.stdout.splitlines()[-1])
    assert read["events"] == []
    assert read["debug"] is (module == "esante.settings.development")


def test_the_probe_sees_a_directory_made_at_import():
    """The audit hook is not blind: a settings module that makes a directory is caught."""
    probe = PROBE.replace(
        "settings.INSTALLED_APPS",
        "import pathlib, tempfile; pathlib.Path(tempfile.mkdtemp(), 'x').mkdir()",
    )

    result = python(["-c", probe], clean_env(DJANGO_SETTINGS_MODULE="esante.settings.test"))

    events = json.loads(result.stdout.splitlines()[-1])["events"]
    assert [event for event, _ in events if event == "os.mkdir"], events


def test_the_package_itself_is_not_a_settings_module():
    """DJANGO_SETTINGS_MODULE=esante.settings (the single module of earlier versions) says which
    module to choose, instead of failing later on an empty SECRET_KEY."""
    result = python(["-c", PROBE], clean_env(DJANGO_SETTINGS_MODULE="esante.settings"))

    assert result.returncode != 0
    assert "choose esante.settings.production, esante.settings.development" in result.stderr


def test_development_commands_work_on_a_clean_clone(tmp_path):
    """`make run` on a fresh clone (or after `make clean`): manage.py, not the settings, makes
    var/ for the SQLite database."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", "var", "node_modules", ".git", "tests", "__pycache__", "locale", "static"
    )
    shutil.copytree(PROJECT_ROOT, copy, ignore=ignore)
    code = "from django.db import connection; connection.ensure_connection(); print('connected')"

    result = python(["manage.py", "shell", "-c", code], clean_env(), cwd=copy)

    assert result.returncode == 0, result.stderr
    assert "connected" in result.stdout
    assert (copy / "var" / "db.sqlite3").is_file()


# --- The README's « Configuration » table lists every variable the settings read ---------------

# env.str("NAME", ...), env.int('NAME'), env.db("NAME"), env("NAME"), os.environ.get("NAME")...
READ = re.compile(r"""(?:\benv(?:\.\w+)?|environ\.get|getenv)\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def variables_read() -> set[str]:
    return {
        name
        for path in (PROJECT_ROOT / "esante" / "settings").glob("*.py")
        for name in READ.findall(path.read_text())
    }


def variables_documented() -> set[str]:
    readme = (PROJECT_ROOT / "README.md").read_text()
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    first_cells = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    return {name for cell in first_cells for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", cell)}


def test_every_variable_the_settings_read_is_in_the_readme_configuration_table():
    read = variables_read()
    assert {"SECRET_KEY", "SITE_URL", "DJANGO_HSTS_SECONDS", "EMAIL_HOST"} <= read  # the finder

    assert sorted(read - variables_documented()) == []


def test_the_readme_configuration_table_lists_no_variable_the_settings_ignore():
    assert sorted(variables_documented() - variables_read()) == []
