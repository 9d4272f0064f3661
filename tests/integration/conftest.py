"""Real components for integration tests: an SMTP sink (aiosmtpd), a redis-server of the
test's own on a free port, and a real `celery -A esante worker` process."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.tools import missing_tool

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    sink.controller = controller
    yield sink
    sink.controller.stop()  # a test may have replaced it (SMTP down, then up)


class RedisServer:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.start()

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def freeze(self):
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        self.thaw()
        self.process.terminate()
        self.process.wait(timeout=10)

    def restart(self):
        self.start()


@pytest.fixture
def redis_server():
    if not shutil.which("redis-server"):
        missing_tool("redis-server is not installed (CI machines have it)")
    server = RedisServer()
    yield server
    server.stop()


@pytest.fixture
def worker(redis_server, smtp_sink, settings):
    """A real Celery worker on the test's own Redis, writing to the test database and
    sending through the SMTP sink."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs the PostgreSQL test database (CI runs it)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": redis_server.url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_sink.port}",
        "SECRET_KEY": settings.SECRET_KEY,
        "DJANGO_DEBUG": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "NOTIFICATION_RETRY_BASE_SECONDS": "1",
        "DIGEST_HOUR": "0",
    }
    process = start_worker(env, stdout=subprocess.PIPE)
    from esante.celery import app

    app.conf.task_always_eager = False
    previous = app.conf.broker_url
    use_broker(app, redis_server.url)
    yield process
    use_broker(app, previous)
    stop_worker(process)


def start_worker(env, stdout=subprocess.DEVNULL):
    """A `celery -A esante worker` process (one task at a time) with these environment variables;
    `process.env` keeps them, for tests that restart a worker with the same settings."""
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "esante", "worker", "--pool=solo",
         "--loglevel=warning", "--without-heartbeat", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=stdout,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    process.env = env
    return process


def stop_worker(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


class TcpProxy:
    """A TCP relay to a server (PostgreSQL) that a test can cut, as a database restart does:
    open connections are broken and new ones refused, until it is restored."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.port = free_port()
        self.sockets: list[socket.socket] = []
        self.restore()

    def restore(self):
        self.server = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def cut(self):
        # shutdown() first: close() alone leaves the thread blocked in accept() listening.
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets = []

    def _accept(self, server):
        while True:
            try:
                client, _address = server.accept()
            except OSError:  # cut
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, destination in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._relay, args=(source, destination), daemon=True
                ).start()

    @staticmethod
    def _relay(source, destination):
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                destination.sendall(data)
        with contextlib.suppress(OSError):
            destination.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def database_proxy():
    """The test database, reached through a relay the test can cut."""
    db = connection.settings_dict
    proxy = TcpProxy(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    proxy.url = f"postgres://{db['USER']}@127.0.0.1:{proxy.port}/{db['NAME']}"
    yield proxy
    proxy.cut()


def use_broker(app, url):
    """Point this process's Celery app at another broker (connection pools rebuilt)."""
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


def wait_for(predicate, timeout=30.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
