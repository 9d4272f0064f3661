"""`make bench`: the national-scale benchmark of issue 16, end to end, on one machine.

1. A throwaway PostgreSQL database (created, then dropped), migrated and filled by
   bench/dataset.py (--scale, or BENCH_SCALE; 1 = 500,000 contributions).
2. In this process, through Django's test client: SQL queries and server time of each page,
   from the 10-contribution chapter to the 20,000-contribution one, the cache empty then warm;
   each page's bytes are saved (var/bench/pages/) for the floor and for nginx.
3. The site served as in production: gunicorn (3 workers of 8 threads: GUNICORN_* below),
   esante.settings.bench (production plus the floor view), whitenoise, the Redis cache, DEBUG
   off; nginx serving the saved copies.
   wrk, another process on loopback, loads each page, its floor and its nginx copy in turn
   (interleaved, several rounds): requests/s, p50/p95/p99, the ratios; the workers' resident
   memory before and after.
4. 20 signed-in writers posting contributions at once (threads, each its own session and CSRF
   token): the POST's p50/p95.
5. The digests' build rate (tests/bench/bench_digests.py).
6. bench/results/latest.{json,md,svg}, and the README's « Performances » table between its
   markers.

    BENCH_SCALE=0.02 .venv/bin/python bench/run.py          # a quick run, about 3 minutes
    .venv/bin/python bench/run.py --scale 1                  # the national figures

Needs PostgreSQL (DATABASE server of BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432),
Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379/7: its database is emptied), nginx and wrk
(`make bench` installs them with apt-get when missing and allowed).
"""

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).absolute().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var" / "bench"
PAGES_DIR = VAR / "pages"
README = ROOT / "README.md"
README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
DATABASE = os.environ.get("BENCH_DATABASE_NAME", "esante_bench_pages")
WRITERS = 20
# gunicorn as the bench serves the site: threaded workers, so that a request waiting on
# PostgreSQL (a commit's fsync), Redis or the network does not make the others queue. Measured
# on 2 cores with 20 writers posting back to back (issue 16): 2 sync workers p50 700 ms / p95 775;
# 3 workers x 8 threads p50 215-260 ms / p95 390-530 (threads >= writers / workers). Reads are
# CPU-bound under the GIL either way: the pages' figures do not move much.
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "3"))
GUNICORN_THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "8"))

# The targets (issue 16).
TARGET_ANONYMOUS_RATIO = 0.80
TARGET_SIGNED_IN_RATIO = 0.25
TARGET_MAX_QUERIES = 15
TARGET_POST_P95_MS = 100
TARGET_P99_OVER_P50 = 3.0
TARGET_BIG_OVER_SMALL = 1.2

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, "bytes": %d, '
    .. '"p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    summary.bytes, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def fr(number) -> str:
    """A number as French text writes it: 20 000 (a narrow no-break space between thousands)."""
    return f"{number:,}".replace(",", "\u202f")


def fail(message: str) -> None:
    print(f"\nmake bench: {message}\n", file=sys.stderr)
    raise SystemExit(2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    fail(f"{what} did not start on port {port}")


def check_services() -> None:
    """PostgreSQL and Redis reachable, nginx and wrk installed: a clear message otherwise."""
    import psycopg

    try:
        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg.Error as exc:
        fail(
            f"PostgreSQL is required ({POSTGRES}: {exc}). Start it, or point BENCH_POSTGRES at "
            "a server where this user may create databases. SQLite is not measured: its figures "
            "would say nothing of production."
        )
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=3).close()
    except OSError as exc:
        fail(f"Redis is required ({REDIS_URL}: {exc}): the production cache is measured.")
    for tool in ("nginx", "wrk"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            fail(f"{tool} is missing: apt-get install -y nginx wrk (Debian, Ubuntu).")


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def machine() -> dict:
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    if commit := os.environ.get("BENCH_COMMIT"):  # a run on an exported tree (git archive)
        return _machine(cpu, mem_kb, commit)
    git = shutil.which("git") or "git"
    commit = subprocess.run(  # noqa: S603 - fixed arguments
        [git, "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(  # noqa: S603 - fixed arguments
        [git, "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    return _machine(cpu, mem_kb, commit + ("+uncommitted changes" if dirty else ""))


def _machine(cpu: str, mem_kb: int, commit: str) -> dict:
    return {
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "commit": commit,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# --- In process: queries and server time -------------------------------------------------


def page_list(data: dict) -> list[dict]:
    pages = data["pages"]
    big = data["figures"]["big_chapter"]
    return [
        {"name": "home", "label": "accueil", "path": "/"},
        {"name": "consultations", "label": "/concertation/", "path": "/concertation/"},
        {"name": "consultation", "label": "une consultation", "path": pages["consultation"]},
        {"name": "chapter-small", "label": "chapitre, 10 contributions",
         "path": pages["small_chapter"]},
        {"name": "chapter-big", "label": f"chapitre, {fr(big)} contributions",
         "path": pages["big_chapter"]},
        {"name": "chapter-big-agreed", "label": "même chapitre, tri par accord",
         "path": pages["big_chapter"] + "?tri=-agreed"},
        {"name": "chapter-big-deep", "label": "même chapitre, page 50",
         "path": pages["big_chapter"] + "?page=50"},
        {"name": "chapter-big-signed-in", "label": "même chapitre, connecté",
         "path": pages["big_chapter"], "signed_in": True},
        {"name": "search", "label": "/recherche/?q=interopérabilité",
         "path": "/recherche/?q=interop%C3%A9rabilit%C3%A9"},
        {"name": "events", "label": "/evenements/", "path": "/evenements/"},
    ]  # fmt: skip


def measure_in_process(pages: list[dict], reader_id: int, repeat: int) -> None:
    """Queries (cache empty, then warm) and server time of each page, in this process."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from esante.models import User
    from esante.pagecache import local_pages

    PAGES_DIR.mkdir(parents=True, exist_ok=True)
    reader = User.objects.get(pk=reader_id)
    # A first pass, not measured: templates compiled, code imported, as in a running worker.
    warm_client = Client()
    warm_client.force_login(reader)
    for page in pages:
        (warm_client if page.get("signed_in") else Client()).get(page["path"])
    for page in pages:
        client = Client()
        if page.get("signed_in"):
            client.force_login(reader)
        # Cache empty: the median of 3 requests, each after the cache is emptied (what a page
        # costs to build); then warm: whatever the site caches is used.
        cold_times, sql_times = [], []
        for _ in range(3):
            cache.clear()
            local_pages.forget()  # the page cache's copies in this process, too
            with CaptureQueriesContext(connection) as cold:
                started = time.perf_counter()
                response = client.get(page["path"])
                cold_times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                fail(f"{page['path']} answered {response.status_code} in process")
            sql_times.append(sum(float(q["time"]) for q in cold.captured_queries) * 1000)
        cold_ms, sql_ms = statistics.median(cold_times), statistics.median(sql_times)
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as warm:
                started = time.perf_counter()
                client.get(page["path"])
                times.append((time.perf_counter() - started) * 1000)
        page.update(
            queries_cold=len(cold.captured_queries),
            queries_warm=len(warm.captured_queries),
            cold_ms=round(cold_ms, 1),
            cold_sql_ms=round(sql_ms, 1),
            warm_median_ms=round(statistics.median(times), 1),
            bytes=len(response.content),
        )
        if not page.get("signed_in"):
            (PAGES_DIR / f"{page['name']}.html").write_bytes(response.content)
        print(
            f"  {page['name']:<24} {page['queries_cold']:>3} queries cold "
            f"({page['cold_ms']:.0f} ms, {page['cold_sql_ms']:.0f} ms SQL), "
            f"{page['queries_warm']:>3} warm ({page['warm_median_ms']:.0f} ms), "
            f"{page['bytes'] / 1024:.0f} KB"
        )
    # The signed-in page's floor and nginx copy: the same bytes as the anonymous one.
    for page in pages:
        if page.get("signed_in"):
            anonymous = next(p for p in pages if p["path"] == page["path"] and p is not page)
            page["copy"] = anonymous["name"]
    cache.clear()


def profile_slowest(pages: list[dict], reader_id: int) -> dict:
    """One request of the slowest page (warm) under cProfile: where its time goes, written to
    bench/results/profile-slowest.txt (the 40 heaviest functions, cumulative time)."""
    import cProfile
    import io
    import pstats

    from django.test import Client

    from esante.models import User

    page = max(pages, key=lambda p: p["warm_median_ms"])
    client = Client()
    if page.get("signed_in"):
        client.force_login(User.objects.get(pk=reader_id))
    client.get(page["path"])
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(page["path"])
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(40)
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = f"cProfile of {page['path']} ({page['name']}), warm, one request\n\n{out.getvalue()}"
    (RESULTS / "profile-slowest.txt").write_text(text)
    return {"page": page["name"], "path": page["path"], "file": "profile-slowest.txt"}


def session_cookie(user_id: int) -> str:
    from django.test import Client

    from esante.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client.cookies["sessionid"].value


# --- Servers ---------------------------------------------------------------------------------


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn, fixed arguments
        [sys.executable, "-m", "gunicorn", "esante.wsgi",
         "--workers", str(GUNICORN_WORKERS), "--threads", str(GUNICORN_THREADS),
         "--worker-class", "gthread" if GUNICORN_THREADS > 1 else "sync",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    wait_port(port, "gunicorn")
    return process


def start_nginx(port: int, workdir: Path) -> subprocess.Popen:
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    default_type text/html;
    server {{
        listen 127.0.0.1:{port};
        root {PAGES_DIR};
    }}
}}
"""
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(  # noqa: S603 - the system's nginx, our configuration
        [nginx, "-c", str(conf)], start_new_session=True
    )
    wait_port(port, "nginx")
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_rss_mb(master: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(round(int(line.split()[1]) / 1024, 1))
    return sizes


def wrk(url: str, seconds: int, script: Path, cookie: str | None = None) -> dict:
    command = [shutil.which("wrk"), "-t1", "-c4", f"-d{seconds}s", "--timeout", "30s",
               "-s", str(script), url]  # fmt: skip
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(  # noqa: S603 - the system's wrk
        command, capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def load(pages, *, site: int, nginx: int, seconds: int, rounds: int, cookie: str) -> None:
    """Each page, its floor and its nginx copy, one after the other, `rounds` times: the machine's
    state (other processes, caches) weighs the same on the three."""
    import requests

    script = VAR / "report.lua"
    script.write_text(WRK_SCRIPT)
    for page in pages:
        copy = page.get("copy", page["name"])
        targets = {
            "page": f"http://127.0.0.1:{site}{page['path']}",
            "floor": f"http://127.0.0.1:{site}/__floor__/{copy}",
            "nginx": f"http://127.0.0.1:{nginx}/{copy}.html",
        }
        runs = {key: [] for key in targets}
        for _ in range(rounds):
            for key, url in targets.items():
                signed = cookie if page.get("signed_in") and key == "page" else None
                runs[key].append(wrk(url, seconds, script, signed))
                # wrk stops with requests in flight; gunicorn still works them off. Wait until
                # it is idle, or the next target is measured against the last one's backlog.
                for _ in range(3):
                    requests.get(targets["floor"], timeout=300)
        for key, results in runs.items():
            best = max(results, key=lambda r: r["rps"])
            page[key] = {
                "rps": round(statistics.median(r["rps"] for r in results), 1),
                "p50_ms": round(best["p50_us"] / 1000, 1),
                "p95_ms": round(best["p95_us"] / 1000, 1),
                "p99_ms": round(best["p99_us"] / 1000, 1),
                "errors": sum(r["errors"] + r["non2xx"] for r in results),
            }
        # The references must hold; the page itself may fail or time out under load: that is
        # a result (its errors are in the table), not a reason to lose the whole run.
        if page["floor"]["errors"] or page["nginx"]["errors"]:
            fail(f"{page['name']}: the floor or nginx failed under load: {targets}")
        if not (page["floor"]["rps"] and page["nginx"]["rps"]):
            fail(f"{page['name']}: no answer from the floor or nginx: {targets}")
        # A page slower than the run's length completes no request: 0 req/s, said as such.
        page["ratio_floor"] = round(page["page"]["rps"] / page["floor"]["rps"], 3)
        page["ratio_nginx"] = round(page["page"]["rps"] / page["nginx"]["rps"], 4)
        print(
            f"  {page['name']:<24} {page['page']['rps']:>7.1f} req/s "
            f"(p50 {page['page']['p50_ms']} ms, p99 {page['page']['p99_ms']} ms) | floor "
            f"{page['floor']['rps']:.0f} ({page['ratio_floor']:.0%}) | nginx "
            f"{page['nginx']['rps']:.0f}"
        )


def post_load(*, site: int, chapter_path: str, cookies: list[str], posts: int) -> dict:
    """WRITERS threads, each signed in with its own session, posting `posts` contributions at
    once on the big chapter: the latency of each POST (302 expected)."""
    import requests

    url = f"http://127.0.0.1:{site}{chapter_path}"
    latencies, statuses, lock = [], {}, threading.Lock()
    barrier = threading.Barrier(len(cookies))

    def writer(n: int, cookie: str) -> None:
        session = requests.Session()
        session.cookies.set("sessionid", cookie, domain="127.0.0.1")
        page = session.get(url, timeout=60)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if token is None:
            raise RuntimeError(f"no CSRF token on {url} (status {page.status_code})")
        barrier.wait()
        for i in range(posts):
            data = {
                "csrfmiddlewaretoken": token.group(1),
                "kind": "comment",
                "body": f"Contribution de charge {n}-{i} sur l'interopérabilité des logiciels.",
                "paragraph": "",
            }
            started = time.perf_counter()
            response = session.post(
                url + "contribuer/", data=data, allow_redirects=False, timeout=60,
                headers={"Referer": url},
            )  # fmt: skip
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

    threads = [
        threading.Thread(target=writer, args=(n, cookie)) for n, cookie in enumerate(cookies)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 1)

    return {
        "writers": len(cookies),
        "posts": len(latencies),
        "statuses": {str(k): v for k, v in statuses.items()},
        "posts_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


def digests(scale: float) -> dict:
    subscribers = max(2_000, round(100_000 * scale))
    # Its own database and settings (esante.settings.test), not the pages' ones.
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(BENCH_SUBSCRIBERS=str(subscribers), BENCH_DATABASE=DATABASE + "_digests")
    output = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "tests" / "bench" / "bench_digests.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    print("  " + output.strip().replace("\n", "\n  "))
    psql(f"DROP DATABASE IF EXISTS {DATABASE}_digests WITH (FORCE)")
    match = re.search(r"built (\d+) weekly digests in ([\d.]+) s", output)
    built, seconds = int(match.group(1)), float(match.group(2))
    return {"subscribers": subscribers, "digests": built, "seconds": seconds,
            "per_s": round(built / seconds) if seconds else None}  # fmt: skip


def opendata_export(scale: float) -> dict:
    """The open data archive written from the pages' database (issue 17): seconds and the peak
    memory of the exporting process (tests/bench/bench_opendata.py)."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        BENCH_DATABASE=DATABASE,
        BENCH_REUSE="1",
        BENCH_CONTRIBUTIONS=str(round(500_000 * scale)),
    )
    output = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "tests" / "bench" / "bench_opendata.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
    if not lines:
        print(output.stdout, output.stderr)
        raise SystemExit("tests/bench/bench_opendata.py printed no result")
    print("  " + lines[-1])
    return json.loads(lines[-1])


def _json_lines(script: str, env: dict) -> list[dict]:
    """Run one of tests/bench/ and return the JSON lines it printed."""
    output = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, str(ROOT / "tests" / "bench" / script)],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    for line in lines:
        print(f"  {line}")
    return lines


def reading_tools(scale: float) -> dict:
    """Issue 18's computations, outside any web request: themes at 10,000 and 100,000
    contributions, opinion groups of 1,000,000 reactions, one near-duplicates request at its
    bound (2,000 candidates); time and peak memory of a process of their own."""
    sizes = sorted({max(2_000, round(10_000 * scale)), max(2_000, round(100_000 * scale))})
    return {
        "themes": _json_lines(
            "bench_themes.py", {"BENCH_CONTRIBUTIONS": ",".join(map(str, sizes))}
        ),
        "opinions": _json_lines(
            "bench_opinions.py", {"BENCH_REACTIONS": str(max(50_000, round(1_000_000 * scale)))}
        )[-1],
        "duplicates": _json_lines("bench_duplicates.py", {})[-1],
    }


# --- Results ---------------------------------------------------------------------------------


def verdicts(result: dict) -> list[tuple[str, bool, str]]:
    pages = {p["name"]: p for p in result["pages"]}
    out = []
    worst = max(result["pages"], key=lambda p: p["queries_cold"])
    out.append((
        f"au plus {TARGET_MAX_QUERIES} requêtes SQL par page",
        worst["queries_cold"] <= TARGET_MAX_QUERIES,
        f"{worst['queries_cold']} au plus ({worst['name']})",
    ))  # fmt: skip
    small, big = pages["chapter-small"], pages["chapter-big"]
    growth = big["cold_ms"] / small["cold_ms"]
    out.append((
        f"chapitre de {fr(result['dataset']['figures']['big_chapter'])} contributions à moins "
        f"de {TARGET_BIG_OVER_SMALL}x celui de 10 (cache vide)",
        growth <= TARGET_BIG_OVER_SMALL,
        f"{growth:.2f}x",
    ))  # fmt: skip
    if "page" in big:
        for page in result["pages"]:
            target = TARGET_SIGNED_IN_RATIO if page.get("signed_in") else TARGET_ANONYMOUS_RATIO
            out.append((
                f"{page['name']} : au moins {target:.0%} des requêtes/s du plancher",
                page["ratio_floor"] >= target,
                f"{page['ratio_floor']:.0%}",
            ))  # fmt: skip
        spread = max(
            result["pages"], key=lambda p: p["page"]["p99_ms"] / max(p["page"]["p50_ms"], 0.1)
        )
        ratio = spread["page"]["p99_ms"] / max(spread["page"]["p50_ms"], 0.1)
        out.append((
            f"p99 à moins de {TARGET_P99_OVER_P50:.0f}x p50 sur chaque page",
            ratio <= TARGET_P99_OVER_P50,
            f"{ratio:.1f}x au pire ({spread['name']})",
        ))  # fmt: skip
        rss = result["worker_rss_mb"]
        grew = max(e - s for s, e in zip(rss["start"], rss["end"], strict=False))
        out.append((
            "mémoire résidente des workers stable pendant la charge",
            grew <= max(20, 0.2 * max(rss["start"])),
            f"{rss['start']} → {rss['end']} Mo",
        ))  # fmt: skip
    if post := result.get("post"):
        out.append((
            f"POST d'une contribution : p95 < {TARGET_POST_P95_MS} ms à {WRITERS} rédacteurs",
            post["p95_ms"] < TARGET_POST_P95_MS,
            f"p95 {post['p95_ms']} ms",
        ))  # fmt: skip
    if od := result.get("opendata"):
        out.append((
            f"archive des données ouvertes : moins de {od['target_peak_rss_mb']} Mo de mémoire",
            od["target_met"],
            f"{od['peak_rss_mb']} Mo pour {fr(od['contributions_in_database'])} contributions",
        ))  # fmt: skip
    return out


def markdown(result: dict) -> str:
    m, d = result["machine"], result["dataset"]
    f = d["figures"]
    # Runs saved before the server's shape was recorded used 2 sync workers.
    server = result.get("server", {"workers": 2, "threads": 1})
    shape = f"{server['workers']} workers"
    if server["threads"] > 1:
        shape += f" de {server['threads']} threads"
    lines = [
        f"Mesuré le {m['date']} sur le commit `{m['commit']}` : {m['nproc']} cœurs "
        f"({m['cpu']}), {m['ram_gb']} Go de RAM, Python {m['python']}, PostgreSQL et Redis "
        f"locaux ; gunicorn {shape} (`esante.settings.bench` = production + la vue plancher), "
        f"wrk 1 thread, 4 connexions, {result['load']['seconds']} s x "
        f"{result['load']['rounds']} tours par cible.",
        "",
        f"Jeu de données (échelle {d['scale']}) : {fr(f['contributions'])} contributions dont "
        f"{fr(f['big_chapter'])} dans un chapitre, {fr(f['reactions'])} réactions, "
        f"{fr(f['users'])} comptes, {fr(f['events'])} événements, {fr(f['registrations'])} "
        f"inscriptions ; écrit en {sum(d['timings'].values()):.0f} s.",
        "",
        "| page | requêtes SQL (cache vide / chaud) | temps serveur en processus (vide / chaud) "
        "| taille | req/s page | plancher Django | nginx | page / plancher | p50 / p95 / p99 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for p in result["pages"]:
        load_cells = "| | | | "
        if "page" in p:
            load_cells = (
                f"| {p['page']['rps']:.1f} | {p['floor']['rps']:.0f} | {p['nginx']['rps']:.0f} "
                f"| {p['ratio_floor']:.0%} | {p['page']['p50_ms']:.0f} / "
                f"{p['page']['p95_ms']:.0f} / {p['page']['p99_ms']:.0f} ms"
                + (f" ({p['page']['errors']} erreurs)" if p["page"].get("errors") else "")
                + " "
            )
            if not p["page"]["rps"]:
                load_cells = (
                    f"| 0 | {p['floor']['rps']:.0f} | {p['nginx']['rps']:.0f} | 0 % "
                    f"| aucune réponse en {result['load']['seconds']} s "
                )
        label = p["label"]
        if p["name"] == "chapter-big":  # (written from the figures: older results spelt it out)
            label = f"chapitre, {fr(f['big_chapter'])} contributions"
        lines.append(
            f"| {label} | {p['queries_cold']} / {p['queries_warm']} "
            f"| {p['cold_ms']:.0f} ms ({p['cold_sql_ms']:.0f} ms SQL) / "
            f"{p['warm_median_ms']:.0f} ms | {p['bytes'] / 1024:.0f} Ko {load_cells}|"
        )
    lines.append("")
    if post := result.get("post"):
        lines.append(
            f"POST d'une contribution, {post['writers']} rédacteurs connectés en même temps : "
            f"{post['posts']} envois ({post['posts_per_s']}/s), p50 {post['p50_ms']} ms, "
            f"p95 {post['p95_ms']} ms, p99 {post['p99_ms']} ms (statuts {post['statuses']})."
        )
    if rss := result.get("worker_rss_mb"):
        lines.append(
            f"Mémoire résidente des {len(rss['start'])} workers gunicorn : {rss['start']} Mo "
            "avant la charge, "
            f"{rss['end']} Mo après."
        )
    if dg := result.get("digests"):
        lines.append(
            f"Récapitulatifs : {fr(dg['digests'])} construits en {dg['seconds']} s, "
            f"soit {fr(dg['per_s'])} par seconde."
        )
    if profile := result.get("profile"):
        lines.append(
            f"Profil (cProfile) de la page la plus lente, {profile['page']} : "
            f"`bench/results/{profile['file']}`."
        )
    if od := result.get("opendata"):
        lines.append(
            f"Archive des données ouvertes (`manage.py export_opendata`) : "
            f"{fr(od['contributions_in_database'])} contributions et les autres jeux écrits en "
            f"{od['seconds']} s, mémoire maximale du processus {od['peak_rss_mb']} Mo "
            f"(objectif : moins de {od['target_peak_rss_mb']} Mo), archive de "
            f"{od['archive_mb']} Mo."
        )
    if tools := result.get("reading_tools"):
        for theme in tools["themes"]:
            lines.append(
                f"Thèmes (issue 18) : {fr(theme['contributions'])} contributions en "
                f"{theme['themes']} thèmes ajustées en {theme['fit_seconds']} s, 1 000 nouvelles "
                f"placées en {theme['assign_1000_seconds']} s, mémoire maximale "
                f"{theme['peak_mb']} Mo."
            )
        op = tools["opinions"]
        lines.append(
            f"Groupes d'opinion : {fr(op['reactions'])} réactions de {fr(op['participants'])} "
            f"participants en {op['seconds']} s, mémoire maximale {op['peak_rss_mb']} Mo, "
            f"{op['groups']} groupes trouvés pour {op['planted_groups']} placés "
            f"(indice de Rand ajusté {op['adjusted_rand_index']})."
        )
        du = tools["duplicates"]
        lines.append(
            f"Contributions proches : une demande comparée à {fr(du['candidates'])} contributions "
            f"en {round(du['median_s'] * 1000)} ms (médiane), {round(du['max_s'] * 1000)} ms au "
            f"pire."
        )
    lines += ["", "| objectif (issue 16) | atteint | mesure |", "|---|---|---|"]
    for label, ok, measured in verdicts(result):
        lines.append(f"| {label} | {'oui' if ok else '**non**'} | {measured} |")
    return "\n".join(lines) + "\n"


def svg(result: dict) -> str:
    """Requests/s of each page beside its floor and its nginx copy (log scale): a chart with no
    plotting library."""
    import math

    pages = [p for p in result["pages"] if "page" in p]
    top = max(max(p["nginx"]["rps"], p["floor"]["rps"], p["page"]["rps"]) for p in pages)
    scale_max = math.log10(max(top, 10)) + 0.2
    row, left, width = 34, 230, 560
    height = 60 + row * len(pages)
    colours = {"page": "#000091", "floor": "#6a6af4", "nginx": "#bbbbbb"}

    def x(value):
        return left + width * max(0.0, math.log10(max(value, 1))) / scale_max

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 80}" height="{height}" '
        'font-family="Marianne, Arial, sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        f'<text x="10" y="18" font-size="14">Requêtes par seconde (échelle log) — commit '
        f"{result['machine']['commit']}, échelle {result['dataset']['scale']}</text>",
    ]
    for i, (key, label) in enumerate(
        (("page", "page"), ("floor", "plancher Django"), ("nginx", "nginx, copie statique"))
    ):
        out.append(
            f'<rect x="{10 + i * 170}" y="28" width="12" height="12" fill="{colours[key]}"/>'
            f'<text x="{26 + i * 170}" y="38">{label}</text>'
        )
    for n, p in enumerate(pages):
        y = 52 + n * row
        out.append(f'<text x="10" y="{y + 15}">{p["name"]}</text>')
        for i, key in enumerate(("page", "floor", "nginx")):
            value = p[key]["rps"]
            out.append(
                f'<rect x="{left}" y="{y + i * 9}" width="{x(value) - left:.1f}" height="8" '
                f'fill="{colours[key]}"/><text x="{x(value) + 4:.1f}" y="{y + i * 9 + 8}" '
                f'font-size="9">{value:.0f}</text>'
            )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_results(result: dict, *, readme: bool) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    table = markdown(result)
    (RESULTS / "latest.md").write_text("# Benchmark (make bench)\n\n" + table)
    if any("page" in p for p in result["pages"]):
        (RESULTS / "latest.svg").write_text(svg(result))
    print("\n" + table)
    if readme and README.exists():
        text = README.read_text()
        if README_START in text and README_END in text:
            head, rest = text.split(README_START, 1)
            _old, tail = rest.split(README_END, 1)
            README.write_text(f"{head}{README_START}\n{table}{README_END}{tail}")
            print("README.md « Performances » updated.")


# --- Main ----------------------------------------------------------------------------------


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="make bench (issue 16)")
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", "8")))
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", "2")))
    parser.add_argument("--posts", type=int, default=10, help="contributions per writer")
    parser.add_argument("--no-load", action="store_true", help="queries and times only")
    parser.add_argument("--no-digests", action="store_true")
    parser.add_argument("--keep-db", action="store_true", help="keep the database at the end")
    parser.add_argument("--no-readme", action="store_true", help="leave README.md alone")
    parser.add_argument(
        "--report", type=Path, help="only write the table, chart and README from this JSON"
    )
    args = parser.parse_args(argv)
    if args.report:
        write_results(json.loads(args.report.read_text()), readme=not args.no_readme)
        return

    check_services()
    started = time.monotonic()
    run_id = f"bench-{os.getpid()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "esante.settings.bench",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": os.environ.get("SECRET_KEY", run_id + "-not-a-secret"),
        "SITE_URL": "http://127.0.0.1",
        # Keep-alive database connections, as a production deployment would configure.
        "CONN_MAX_AGE": "60",
        # The writers' load measures the write path, not the limiter (which still counts).
        "CONTRIBUTION_RATE_PER_USER": "100000/m",
        "CONTRIBUTION_RATE_PER_IP": "100000/m",
        "DJANGO_DEBUG": "false",
    }
    os.environ.update(env)
    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    procs = []
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from bench import dataset

        print(f"Database {DATABASE}: migrating, then the dataset at scale {args.scale}...")
        call_command("migrate", verbosity=0)
        data = dataset.generate(args.scale)
        print(f"  {data['figures']} {data['timings']} post-copy: {data['post_copy_commands']}")
        call_command("collectstatic", verbosity=0, interactive=False)
        from django.core.cache import cache

        cache.clear()

        print("Queries and server time, in process (Django test client):")
        pages = page_list(data)
        measure_in_process(pages, data["reader"], repeat=5)
        profile = profile_slowest(pages, data["reader"])
        print(f"  slowest page profiled: {profile}")
        result = {
            "machine": machine(),
            "profile": profile,
            "dataset": {k: data[k] for k in ("scale", "figures", "timings", "post_copy_commands")},
            "load": {"seconds": args.seconds, "rounds": args.rounds},
            "server": {"workers": GUNICORN_WORKERS, "threads": GUNICORN_THREADS},
            "pages": pages,
        }
        from django.db import connections

        reader_cookie = session_cookie(data["reader"])
        writer_cookies = [session_cookie(pk) for pk in data["writers"][:WRITERS]]
        connections.close_all()

        if not args.no_load:
            site, static = free_port(), free_port()
            workdir = Path(tempfile.mkdtemp(prefix="esante-bench-"))
            gunicorn = start_gunicorn(env, site)
            procs.append(gunicorn)
            procs.append(start_nginx(static, workdir))
            # Requests to load the code in the workers before measuring memory.
            import requests

            for _ in range(4 * GUNICORN_WORKERS):
                requests.get(f"http://127.0.0.1:{site}/", timeout=60)
            rss_start = worker_rss_mb(gunicorn)
            print(f"Load (wrk, {args.seconds} s x {args.rounds} rounds per target):")
            load(pages, site=site, nginx=static, seconds=args.seconds, rounds=args.rounds,
                 cookie=reader_cookie)  # fmt: skip
            result["worker_rss_mb"] = {"start": rss_start, "end": worker_rss_mb(gunicorn)}
            print(f"  worker RSS {result['worker_rss_mb']} MB")
            print(f"{WRITERS} writers posting contributions at once:")
            result["post"] = post_load(
                site=site, chapter_path=data["pages"]["big_chapter"], cookies=writer_cookies,
                posts=args.posts,
            )  # fmt: skip
            print(f"  {result['post']}")
        if not args.no_digests:
            print("Digests:")
            result["digests"] = digests(args.scale)
        print("Open data archive:")
        connections.close_all()
        result["opendata"] = opendata_export(args.scale)
        print("Themes, opinion groups, near-duplicates (issue 18):")
        result["reading_tools"] = reading_tools(args.scale)
        result["total_s"] = round(time.monotonic() - started)
        write_results(result, readme=not args.no_readme)
        print(f"make bench: {result['total_s']} s in all.")
    finally:
        for process in procs:
            stop(process)
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
