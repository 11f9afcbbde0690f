"""SECURITY 26 — outages under a running app (gunicorn on 127.0.0.1, test PostgreSQL):

- broker lost (REDIS_URL points at a closed loopback port; the shared Redis is never stopped):
  login with MFA, the caseload and a participant's page still work, /healthz answers 503 naming
  the broker, a report request is accepted and stored `queued`; once the broker is back the
  sweeper queues it and a worker builds it;
- PostgreSQL connections terminated under the app (the server itself is never restarted): the
  next request succeeds (CONN_HEALTH_CHECKS), and a request whose connection dies in the middle
  of its write leaves no half record;
- SMTP: a transient error (4xx) is retried with backoff and the e-mail arrives once; a
  permanent one (5xx) marks the notification failed, visible to admins.
"""

import datetime
import json
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pyotp
import pytest
from django.conf import settings
from django.db import connection
from django.utils.html import escape

from bench import server
from jump.audit.models import AccessLog
from jump.notifications import services as notification_services
from jump.notifications.models import EmailStatus, Notification
from jump.reports import services as report_services
from jump.reports.models import ReportRun
from tests.factories.accounts import TEST_PASSWORD, TEST_TOTP_SECRET
from tests.notifications import builders as nb

from .browser import CSRF_FIELD, Browser
from .conftest import free_port, wait_for

pytestmark = [pytest.mark.services]

DAY = datetime.date(2026, 9, 15)


def _database_url() -> str:
    db = connection.settings_dict
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


@contextmanager
def app_server(tmp_path: Path, redis_url: str):
    """gunicorn (one sync worker: one persistent database connection) on the test database."""
    with server.gunicorn(
        1,
        tmp_path / "gunicorn.log",
        DJANGO_SETTINGS_MODULE="tests.reliability.settings_server",
        DATABASE_URL=_database_url(),
        REDIS_URL=redis_url,
    ) as port:
        yield port


def _main(page: str) -> str:
    """The page's main content, for assertion messages."""
    return page.partition('id="main"')[2][:3000] or page[:3000]


def _login(browser: Browser, user) -> None:
    """The real login: e-mail and password, then the TOTP code (coaches need MFA)."""
    status = browser.post_form(
        "/en/accounts/login/", {"login": user.email, "password": TEST_PASSWORD}
    )
    assert status == 302, _main(browser.last_body)
    step = browser.location
    assert "2fa" in step, step
    totp = pyotp.TOTP(TEST_TOTP_SECRET)
    while totp.interval - time.time() % totp.interval < 3:  # a code with time left
        time.sleep(0.5)
    status = browser.post_form(step, {"code": totp.now()})
    assert status == 302, _main(browser.last_body)
    assert "2fa" not in browser.location


def _terminate_other_connections() -> int:
    """From a second connection: end every other session on the test database, as a restart
    of PostgreSQL would (the shared server itself keeps running)."""
    with psycopg.connect(_database_url(), autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    connection.close()  # the test's own connection was among them
    return len(rows)


@pytest.mark.django_db(transaction=True)
def test_rel_26_broker_down_reads_login_health_and_report_request(
    role_groups, postgres, personas, tmp_path, celery_app_live, monkeypatch
):
    person = nb.participant(personas.coach_a, first_name="Rhea")
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with app_server(tmp_path, closed) as port:
        coach = Browser(port)
        _login(coach, personas.coach_a)  # sessions and MFA codes live in PostgreSQL
        assert coach.get("/en/participants/") == 200
        assert "Rhea" in coach.last_body
        assert coach.get(f"/en/participants/{person.public_id}/") == 200

        status, body = Browser(port).request("GET", "/healthz")
        assert status == 503
        health = json.loads(body)
        assert health["checks"]["broker"]["ok"] is False
        assert health["checks"]["database"]["ok"] is True

        manager = Browser(port)
        _login(manager, personas.manager)
        status = manager.post_form(
            "/en/reports/runs/new/",
            {"period_start": "2026-01-01", "period_end": "2026-03-31", "format": "xlsx"},
        )
        assert status == 302, _main(manager.last_body)
        assert manager.get(manager.location) == 200
    run = ReportRun.objects.get()
    assert (run.status, run.attempts) == (ReportRun.Status.QUEUED, 0)

    # The broker is back (this process and a worker use the real Redis): the sweeper, run by
    # beat every two minutes, queues what waited longer than its grace time.
    from .conftest import GroupWorker

    queue = f"rel-{time.monotonic_ns()}"
    celery_app_live.conf.task_default_queue = queue
    worker = GroupWorker(queue, tmp_path / "worker.log", env={"TEST_CELERY_QUEUE": queue})
    worker.env["DJANGO_SETTINGS_MODULE"] = "tests.reliability.settings_worker"
    worker.start()
    try:
        monkeypatch.setattr(report_services, "QUEUED_GRACE", datetime.timedelta(0))
        assert report_services.report_runs_sweep()["requeued"] == 1
        wait_for(lambda: ReportRun.objects.get().is_finished, timeout=120, worker=worker)
        run.refresh_from_db()
        assert (run.status, run.attempts) == (ReportRun.Status.DONE, 1)
        Path(settings.PRIVATE_ROOT, run.file.name).unlink(missing_ok=True)
    finally:
        worker.stop()
        celery_app_live.conf.task_default_queue = "celery"


@pytest.mark.django_db(transaction=True)
def test_rel_26_postgresql_connections_killed_between_and_during_requests(
    role_groups, postgres, personas, tmp_path
):
    nb.participant(personas.coach_a, first_name="Rhea")
    closed = f"redis://127.0.0.1:{free_port()}/0"
    with app_server(tmp_path, closed) as port:
        manager = Browser(port)
        _login(manager, personas.manager)
        assert manager.get("/en/reports/runs/") == 200
        # Between requests: the app's persistent connection is gone; the next request notices
        # (health check) and reconnects instead of failing.
        assert _terminate_other_connections() >= 1
        assert manager.get("/en/reports/runs/") == 200
        assert _terminate_other_connections() >= 1
        assert manager.get("/en/reports/runs/") == 200

        # During a write: the request has stored its report run and waits to write the access
        # log entry (a lock held here) when its connection is killed.
        form = {"period_start": "2026-01-01", "period_end": "2026-03-31", "format": "xlsx"}
        _status, page = manager.request("GET", "/en/reports/runs/new/")
        data = {"csrfmiddlewaretoken": CSRF_FIELD.search(page).group(1), **form}
        outcome = {}

        def post():
            outcome["status"] = manager.request("POST", "/en/reports/runs/new/", data)[0]

        with (
            psycopg.connect(_database_url()) as locker,
            psycopg.connect(_database_url(), autocommit=True) as watcher,
        ):
            locker.execute("LOCK TABLE audit_accesslog IN SHARE MODE")
            request = threading.Thread(target=post)
            request.start()
            blocked = None
            deadline = time.monotonic() + 60
            while blocked is None and time.monotonic() < deadline:
                blocked = watcher.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND query LIKE %s",
                    ['INSERT INTO "audit_accesslog"%'],
                ).fetchone()
                time.sleep(0.1)
            assert blocked is not None, "the request never reached its access-log write"
            watcher.execute("SELECT pg_terminate_backend(%s)", [blocked[0]])
            locker.rollback()
        request.join(timeout=60)
        assert outcome["status"] == 500
        connection.close()
        assert ReportRun.objects.count() == 0  # the run stored before the log entry: gone too
        assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()

        # And the app goes on: the same request now succeeds.
        assert (
            manager.post_form(
                "/en/reports/runs/new/",
                {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"},
            )
            == 302
        )
    assert ReportRun.objects.count() == 1
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1


@pytest.mark.django_db(transaction=True)
def test_rel_26_smtp_transient_error_is_retried_and_delivered_once(
    coach_a_emailed_at_once, role_groups, personas, workers, smtp_sink
):
    smtp_sink.fail_first = 2  # "451 try again later" twice, then accepted
    worker = workers(module="tests.reliability.fast_retry_worker")
    nb.case_note(personas.coach_a, nb.participant(personas.coach_a), follow_up_on=DAY)
    assert notification_services.reminders_run(DAY).queued == 1
    wait_for(
        lambda: Notification.objects.get().email_status == EmailStatus.SENT,
        timeout=90,
        worker=worker,
    )
    time.sleep(2)
    notification = Notification.objects.get()
    assert (notification.email_attempts, smtp_sink.attempts) == (3, 3)
    assert len(smtp_sink.envelopes) == 1
    assert "451" in worker.output()  # the retries are in the worker's log


@pytest.mark.django_db(transaction=True)
def test_rel_26_smtp_permanent_error_fails_and_admins_see_it(
    coach_a_emailed_at_once, role_groups, personas, workers, smtp_sink, client_for
):
    smtp_sink.fail_first = 99
    smtp_sink.fail_reply = "550 5.1.1 Mailbox unavailable"
    worker = workers(module="tests.reliability.fast_retry_worker")
    nb.case_note(personas.coach_a, nb.participant(personas.coach_a), follow_up_on=DAY)
    notification_services.reminders_run(DAY)
    wait_for(lambda: Notification.objects.get().email_status == EmailStatus.FAILED, worker=worker)
    time.sleep(2)
    notification = Notification.objects.get()
    assert (notification.email_attempts, smtp_sink.attempts) == (1, 1)  # never retried
    assert "550" in notification.last_error
    admin = client_for("admin")
    page = admin.get("/en/admin/notifications/notification/?email_status__exact=failed")
    assert page.status_code == 200
    recipient = escape(str(personas.coach_a))
    assert recipient in page.content.decode()
    detail = admin.get(f"/en/admin/notifications/notification/{notification.pk}/change/")
    assert "Mailbox unavailable" in detail.content.decode()  # the error, for the admin
    sent = admin.get("/en/admin/notifications/notification/?email_status__exact=sent")
    assert recipient not in sent.content.decode()
