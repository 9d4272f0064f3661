"""Benchmark (not a test): write the open data archive (issue 17) at national scale, 500,000
contributions by default, and print one JSON line: seconds, peak memory of the exporting
process (its maximum resident set size), rows and archive size. Target: under 200 MB however
many rows. `make bench` runs it against a throwaway PostgreSQL database.

    BENCH_CONTRIBUTIONS=500000 .venv/bin/python tests/bench/bench_opendata.py
    BENCH_CONTRIBUTIONS=10000 .venv/bin/python tests/bench/bench_opendata.py   # quick

The data comes from bench/dataset.py (COPY; minutes at full scale). BENCH_REUSE=1 keeps the
database of a previous run of the same size instead of generating it again. The export runs as
`manage.py export_opendata --output`, in a process of its own, so that its peak memory is its
own and not the generator's.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DB = os.environ.get("BENCH_DATABASE", "esante_bench_opendata")
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB}")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "esante.settings.test")
os.environ.pop("REDIS_URL", None)
TARGET_MB = 200


def psql(*arguments: str, database: str = "postgres") -> str:
    return subprocess.run(  # noqa: S603 - the PostgreSQL client, fixed arguments
        [shutil.which("psql"), "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-qAt",
         *arguments],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip


def contributions_in_database() -> int | None:
    # DB is this script's own setting (BENCH_DATABASE), not outside input.
    if psql("-c", f"SELECT 1 FROM pg_database WHERE datname = '{DB}'") != "1":  # noqa: S608
        return None
    try:
        return int(psql("-c", "SELECT count(*) FROM concertation_contribution", database=DB))
    except subprocess.CalledProcessError:
        return None


def prepare(contributions: int) -> float:
    """The database, with `contributions` generated rows; the seconds it took."""
    started = time.monotonic()
    existing = contributions_in_database() if os.environ.get("BENCH_REUSE") else None
    if existing is not None and abs(existing - contributions) <= contributions * 0.05:
        print(f"reusing {DB}: {existing:,} contributions", file=sys.stderr)
        return 0.0
    psql("-c", f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    psql("-c", f"CREATE DATABASE {DB}")
    subprocess.run(  # noqa: S603 - this interpreter and the project's own script
        [sys.executable, str(ROOT / "bench" / "dataset.py"), "--migrate",
         "--contributions", str(contributions)],
        check=True, cwd=ROOT,
    )  # fmt: skip
    return time.monotonic() - started


def export(output: Path) -> tuple[float, float]:
    """(seconds, peak resident set size in MB) of `manage.py export_opendata --output`."""
    started = time.monotonic()
    process = subprocess.Popen(  # noqa: S603 - this interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), "export_opendata", "--output", str(output),
         "--no-progress"],
        cwd=ROOT, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"export_opendata failed with status {process.returncode}")
    # ru_maxrss is in kilobytes on Linux.
    return time.monotonic() - started, usage.ru_maxrss / 1024


def main():
    contributions = int(os.environ.get("BENCH_CONTRIBUTIONS", "500000"))
    generated_in = prepare(contributions)
    with tempfile.TemporaryDirectory(prefix="bench-opendata-") as tmp:
        output = Path(tmp) / "donnees.zip"
        seconds, peak_mb = export(output)
        size_mb = output.stat().st_size / 2**20
        import zipfile

        with zipfile.ZipFile(output) as archive:
            package = json.loads(archive.read("datapackage.json"))
            contributions_csv = archive.getinfo("contributions.csv").file_size / 2**20
    exported = contributions_in_database()
    result = {
        "bench": "opendata_archive",
        "contributions_in_database": exported,
        "datasets": len(package["resources"]),
        "seconds": round(seconds, 1),
        "rows_per_second": round(exported / seconds) if exported else None,
        "peak_rss_mb": round(peak_mb, 1),
        "target_peak_rss_mb": TARGET_MB,
        "target_met": peak_mb < TARGET_MB,
        "archive_mb": round(size_mb, 1),
        "contributions_csv_mb": round(contributions_csv, 1),
        "data_generated_in_seconds": round(generated_in, 1),
    }
    print(json.dumps(result))
    if not result["target_met"]:
        raise SystemExit(f"peak memory {peak_mb:.0f} MB, over the {TARGET_MB} MB target")


if __name__ == "__main__":
    main()
