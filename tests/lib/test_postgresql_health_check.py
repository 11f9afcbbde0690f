"""The connection health check that costs no round trip (jump/lib/postgresql/base.py): a
persistent connection the server ended is found unusable without a query; a live one is usable
without one."""

import time

import psycopg
import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]


def _other_connection():
    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        dbname=settings["NAME"],
        autocommit=True,
    )


def _terminate(pid: int) -> None:
    with _other_connection() as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_a_live_idle_connection_is_usable_without_a_query():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), 'the last query before the check'")
        (pid, _marker) = cursor.fetchone()
    assert connection.is_usable()
    # The server saw no query after ours (Django's own check would have sent SELECT 1).
    with _other_connection() as other:
        (last,) = other.execute(
            "SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
    assert "the last query before the check" in last


def test_a_connection_the_server_ended_is_unusable_and_replaced_before_the_next_query():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    _terminate(pid)
    for _ in range(50):  # the server's goodbye reaches the socket within milliseconds
        if not connection.is_usable():
            break

        time.sleep(0.02)
    assert not connection.is_usable()
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid
