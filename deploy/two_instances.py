"""Two gunicorn instances behind the shipped nginx configuration, on one machine: sessions work
across both (README, « Déploiement sur plusieurs machines »).

    .venv/bin/python deploy/two_instances.py

A throwaway PostgreSQL database (DEPLOY_POSTGRES, default postgres://postgres@127.0.0.1:5432)
and its own Redis database (DEPLOY_REDIS_URL, default redis://127.0.0.1:6379/6); nginx from the
system. It starts two `gunicorn esante.wsgi` (production settings, TRUSTED_PROXY_COUNT=1), and
nginx with deploy/nginx-http.conf and deploy/nginx-proxy.conf (the cache path moved to a
temporary folder, an upstream of the two instances, and a response header naming the instance
that answered); then signs in through nginx on one instance and checks that the next requests,
answered by the other, are signed in too; and that an anonymous page is cached by nginx when the
application says it may be. Exit status 0 when everything holds.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).absolute().parents[1]
DEPLOY = ROOT / "deploy"
POSTGRES = os.environ.get("DEPLOY_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("DEPLOY_REDIS_URL", "redis://127.0.0.1:6379/6")
DATABASE = "esante_two_instances"
EMAIL, PASSWORD = "deux-instances@example.org", "Mot de passe du test 2 instances !"


def check(condition, message: str) -> None:
    if not condition:
        raise SystemExit(f"two instances behind nginx: FAILED: {message}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing listens on port {port}")


def psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def nginx_config(workdir: Path, port: int, upstreams: list[int]) -> Path:
    http = (DEPLOY / "nginx-http.conf").read_text()
    check("/var/cache/nginx/esante" in http, "the cache path of nginx-http.conf changed")
    (workdir / "http.conf").write_text(
        http.replace("/var/cache/nginx/esante", str(workdir / "cache"))
    )
    # This demonstration only: a header naming the instance that answered (in the location,
    # since a location's add_header hides the server's).
    proxy = (DEPLOY / "nginx-proxy.conf").read_text()
    marker = "add_header X-Cache-Status $upstream_cache_status always;"
    check(marker in proxy, "the X-Cache-Status line of nginx-proxy.conf changed")
    (workdir / "proxy.conf").write_text(
        proxy.replace(marker, marker + "\n    add_header X-Upstream $upstream_addr always;")
    )
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstreams)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/http.conf;
    upstream esante {{
{servers}
        keepalive 8;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {workdir}/proxy.conf;
    }}
}}
"""
    )
    return conf


def main() -> int:
    import requests

    psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {DATABASE}")
    site = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "esante.settings.production",
        "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": "two-instances-demonstration-only",
        "SITE_URL": f"http://127.0.0.1:{site}",
        "TRUSTED_PROXY_COUNT": "1",
        "DJANGO_STATIC_MANIFEST": "false",
    }
    python = sys.executable
    migrate = [python, "manage.py", "migrate", "--noinput", "-v0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True)  # noqa: S603 - our own code
    subprocess.run(  # noqa: S603 - our own code, fixed arguments
        [python, "manage.py", "shell", "-c",
         "from esante.models import User; from allauth.account.models import EmailAddress; "
         f"u = User.objects.create_user(email={EMAIL!r}, password={PASSWORD!r}); "
         f"EmailAddress.objects.create(user=u, email={EMAIL!r}, verified=True, primary=True); "
         "from django.core.cache import cache; cache.clear()"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    workdir = Path(tempfile.mkdtemp(prefix="esante-two-instances-"))
    workdir.chmod(0o755)  # nginx's workers (nobody, when started as root) write the cache there
    ports = [free_port(), free_port()]
    processes = []
    try:
        for port in ports:
            processes.append(
                subprocess.Popen(  # noqa: S603 - the virtualenv's gunicorn
                    [
                        python,
                        "-m",
                        "gunicorn",
                        "esante.wsgi",
                        "--workers",
                        "1",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                )
            )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        processes.append(
            subprocess.Popen(  # noqa: S603 - the system's nginx
                [nginx, "-c", str(nginx_config(workdir, site, ports))], start_new_session=True
            )
        )
        for port in [*ports, site]:
            wait_port(port)
        base = f"http://127.0.0.1:{site}"
        session = requests.Session()
        login = session.get(f"{base}/comptes/login/", timeout=30)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text)
        check(found, f"no sign-in form: {login.status_code} {login.text[:300]}")
        token = found.group(1)
        signed_in = session.post(
            f"{base}/comptes/login/",
            data={"csrfmiddlewaretoken": token, "login": EMAIL, "password": PASSWORD},
            headers={"Referer": f"{base}/comptes/login/"},
            allow_redirects=False,
            timeout=30,
        )
        check(signed_in.status_code == 302, f"sign-in refused: {signed_in.status_code}")
        print(f"signed in through nginx, on instance {signed_in.headers['X-Upstream']}")
        served_by = set()
        for _ in range(6):
            page = session.get(f"{base}/mon-compte/", allow_redirects=False, timeout=30)
            check(page.status_code == 200, f"/mon-compte/ answered {page.status_code}")
            served_by.add(page.headers["X-Upstream"])
        check(len(served_by) == 2, f"one instance only: {served_by}")
        print(f"/mon-compte/ signed in on both instances: {sorted(served_by)}")

        anonymous = requests.Session()
        states = [
            anonymous.get(f"{base}/", timeout=30).headers.get("X-Cache-Status") for _ in range(3)
        ]
        control = anonymous.get(f"{base}/", timeout=30).headers.get("Cache-Control", "")
        print(f"home page, anonymous: Cache-Control {control!r}, nginx cache {states}")
        if "s-maxage" in control or "public" in control:
            check("HIT" in states, "a public page was not cached by nginx")
        print("two instances behind nginx: OK")
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=20)
        psql(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        if os.environ.get("DEPLOY_KEEP"):
            print(f"nginx configuration and logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
