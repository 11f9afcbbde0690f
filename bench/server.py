"""Processes the benchmark starts and always stops: gunicorn, and for the load test a Celery
worker and beat. Loopback only; each is stopped by its own process id."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings

from .cpu import app_name

BENCH_SETTINGS = "bench.settings"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _bin(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def bench_environment(**extra) -> dict:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = BENCH_SETTINGS
    env.update({key: str(value) for key, value in extra.items()})
    return env


def _stop(process: subprocess.Popen, timeout: float = 20) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def wait_until_up(port: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout} s")


@contextlib.contextmanager
def gunicorn(workers: int, log_path: Path, **env):
    """gunicorn with `workers` sync workers on a free loopback port; yields the port."""
    with gunicorn_process(workers, log_path, **env) as (port, _pid):
        yield port


@contextlib.contextmanager
def gunicorn_process(workers: int, log_path: Path, **env):
    """As `gunicorn`, yielding (port, arbiter pid). Its database connections are named
    `cpu.app_name(port)` (PGAPPNAME), so that bench.cpu finds their backends."""
    port = free_port()
    env.setdefault("PGAPPNAME", app_name(port))
    with open(log_path, "ab") as log:
        process = subprocess.Popen(  # noqa: S603 (fixed argv: this interpreter and its tools)
            [
                _bin("gunicorn"),
                "jump.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "120",
                "--graceful-timeout",
                "10",
                # Its own control socket: several gunicorns on one machine must not share one.
                "--control-socket",
                str(log_path.parent / f"gunicorn-{port}.ctl"),
            ],
            cwd=settings.BASE_DIR,
            env=bench_environment(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(port)
            yield port, process.pid
        finally:
            _stop(process)


@contextlib.contextmanager
def celery(log_path: Path, **env):
    """A Celery worker (one process) and beat, as in production, while the load runs."""
    environment = bench_environment(**env)
    if os.geteuid() == 0:  # the benchmark machine may run as root; Celery refuses without this
        environment["C_FORCE_ROOT"] = "1"
    processes = []
    with open(log_path, "ab") as log:
        try:
            for args in (
                ["-A", "jump", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
                ["-A", "jump", "beat", "--loglevel", "WARNING", "--pidfile="],
            ):
                processes.append(
                    subprocess.Popen(  # noqa: S603 (fixed argv: this interpreter and its tools)
                        [_bin("celery"), *args],
                        cwd=settings.BASE_DIR,
                        env=environment,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    )
                )
            time.sleep(3)
            yield [p.pid for p in processes if p.poll() is None]
        finally:
            for process in processes:
                _stop(process)
