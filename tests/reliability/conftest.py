"""Harness of the reliability tests (SECURITY 24–28): an SMTP sink on loopback that can
fail or hold a message, workers that can be killed by process group, and the service guard.

Tests marked `services` need PostgreSQL and Redis (see tests/integration/conftest.py): skipped
loudly without them, and FAILED under CI=true.
"""

import asyncio
import os
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import Group

from jump.accounts.roles import Role
from tests.integration.conftest import (  # noqa: F401 (fixtures)
    ROOT,
    Worker,
    celery_app_live,
    require_services,
    wait_for,
    worker_env,
)


class Sink:
    """An aiosmtpd handler that keeps what it accepts. `fail_first` replies `fail_reply` to
    the first n messages; `hold_at` holds the n-th message (never accepting it) until
    `release` is set — a client killed meanwhile never gets an answer."""

    def __init__(self):
        self.envelopes = []
        self.attempts = 0
        self.fail_first = 0
        self.fail_reply = "451 4.3.0 Try again later"
        self.hold_at = None
        self.holding = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.fail_first:
            return self.fail_reply
        if self.hold_at is not None and self.attempts == self.hold_at:
            self.holding.set()
            deadline = time.monotonic() + 120
            while not self.release.is_set() and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held by the test"
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    sink.release.set()
    controller.stop()


@pytest.fixture
def worker_extra_env(smtp_sink):
    """Every worker of these tests sends e-mail over SMTP to the sink."""
    return {
        "DJANGO_SETTINGS_MODULE": "tests.reliability.settings_worker",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_sink.port),
    }


def GroupWorker(queue, log, env=None, module="celery"):  # noqa: N802 (reads as a class)
    """A worker in its own process group: `kill()` sends SIGKILL to the whole group."""
    return Worker(queue, log, env, module=module, own_group=True)


@pytest.fixture
def workers(
    celery_app_live,  # noqa: F811
    tmp_path,
    worker_extra_env,
):
    """Start workers on a queue of this test's own; every one is stopped at the end."""
    queue = f"rel-{os.getpid()}-{time.monotonic_ns()}"
    celery_app_live.conf.task_default_queue = queue
    started = []

    def start(module="celery", **extra):
        log = tmp_path / f"worker-{len(started)}.log"
        env = {**worker_extra_env, "TEST_CELERY_QUEUE": queue, **extra}
        worker = GroupWorker(queue, log, env=env, module=module)
        started.append(worker.start())
        return worker

    yield start
    for worker in started:
        worker.stop()
    celery_app_live.conf.task_default_queue = "celery"


@pytest.fixture
def role_groups(transactional_db):
    # A transactional test before this one may have flushed the groups the roles migration
    # created; the personas need them.
    for role in Role.values:
        Group.objects.get_or_create(name=role)


@pytest.fixture
def postgres(transactional_db):
    """PostgreSQL is required (skipped loudly without it, failed under CI)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("SERVICES MISSING under CI (CI=true): DATABASE_URL is not PostgreSQL")
        pytest.skip("SERVICES MISSING — reliability test not run: DATABASE_URL is not PostgreSQL")
    return connection


@pytest.fixture
def coach_a_emailed_at_once(personas):
    """coach_a receives every kind by e-mail at once (a setting of theirs, in the database, so a
    worker process reads it too): these tests are about the at-once e-mail path, while the
    reminders' default is the daily digest (tests/notifications/test_loop_*)."""
    from jump.notifications.models import Delivery, Kind, NotificationPreference

    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=personas.coach_a, kind=kind, delivery=Delivery.IMMEDIATE)
            for kind in Kind.values
        ]
    )
