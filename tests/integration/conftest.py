"""A real Celery worker on Redis, against the test database (SECURITY 24–26).

These tests need REDIS_URL and PostgreSQL (CI starts both). Where they are absent they are
skipped with a loud reason in the summary, never silently; under CI (env CI=true) a missing
service FAILS the test instead.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def services_missing() -> str | None:
    if not settings.REDIS_URL:
        return "REDIS_URL is not set: no broker for a real worker"
    if connection.vendor != "postgresql":
        return "DATABASE_URL is not PostgreSQL: a worker process cannot share the test database"
    return None


def require_services() -> None:
    """Skip loudly when PostgreSQL or Redis is missing — or fail, under CI."""
    reason = services_missing()
    if not reason:
        return
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"SERVICES MISSING under CI (CI=true) — this must not happen: {reason}")
    pytest.skip(f"SERVICES MISSING — integration test not run: {reason}")


@pytest.fixture
def celery_app_live(settings):
    """The Celery app in this process sends to Redis instead of running tasks eagerly."""
    require_services()
    from jump.celery import app

    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    yield app
    app.conf.task_always_eager = True


def worker_env(extra: dict | None = None) -> dict:
    """The worker's environment: this test database and Redis, plus `extra` (e.g. another
    DJANGO_SETTINGS_MODULE or EMAIL_* settings for one test)."""
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    url = f"postgres://{user}@{host}:{port}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jump.settings.test",
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "C_FORCE_ROOT": "1",
        "PRIVATE_ROOT": str(settings.PRIVATE_ROOT),
        **(extra or {}),
    }


class Worker:
    """A `celery worker` subprocess; `kill()` sends SIGKILL, as a crash would.

    `module` is the entry point (`celery`, or a test module that starts a worker with hooks);
    with `own_group` the worker runs in its own process group and `kill()` hits the whole group,
    as a crash of the machine's worker service would.
    """

    def __init__(
        self,
        queue: str,
        log: Path,
        env: dict | None = None,
        *,
        module: str = "celery",
        own_group: bool = False,
    ):
        self.queue = queue
        self.log = log
        self.env = env
        self.module = module
        self.own_group = own_group
        self.process = None

    def start(self):
        app = ["-A", "jump"] if self.module == "celery" else []
        self.process = subprocess.Popen(  # noqa: S603 (this interpreter, fixed arguments)
            [
                sys.executable,
                "-m",
                self.module,
                *app,
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-Q",
                self.queue,
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=worker_env(self.env),
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=self.own_group,
        )
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            if self.own_group:
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
            self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def worker_extra_env() -> dict:
    """Extra environment for the worker of `celery_worker_process`; override this fixture in a
    test module to give the worker other settings."""
    return {}


@pytest.fixture
def celery_worker_process(celery_app_live, tmp_path, worker_extra_env):
    """Start a real worker on a queue of this test's own, so parallel tests don't collide."""
    queue = f"test-{os.getpid()}-{time.monotonic_ns()}"
    celery_app_live.conf.task_default_queue = queue
    worker = Worker(queue, tmp_path / "worker.log", env=worker_extra_env).start()
    yield worker
    worker.stop()
    celery_app_live.conf.task_default_queue = "celery"


def wait_for(predicate, timeout=60.0, interval=0.25, worker=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    details = f"\nworker log:\n{worker.output()[-4000:]}" if worker else ""
    raise AssertionError(f"condition not met within {timeout} s{details}")
