"""The benchmark's CPU accounting (bench.cpu): a process's CPU time from /proc, the workers of
a gunicorn, the PostgreSQL backends of its connections, and CPU per request."""

import os
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import connection

from bench import cpu, pages

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the backends measured are PostgreSQL's"
)

BURN = """
import sys, time
started = time.process_time()
while time.process_time() - started < 0.2:
    pass
print("burnt", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def burner():
    """A child process that has used 0.2 s of CPU and then waits (alive) for its stdin."""
    child = subprocess.Popen(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", BURN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "burnt"
        yield child
    finally:
        child.stdin.close()
        child.wait(timeout=10)


def test_a_child_that_burnt_a_fifth_of_a_second_reads_at_least_150_ms(burner):
    ns = cpu.process_cpu_ns(burner.pid)
    assert ns is not None
    assert ns >= 150_000_000
    assert ns < 20_000_000_000  # nanoseconds, not ticks or microseconds scaled wrongly


def test_a_missing_process_reads_as_none_and_counts_as_nothing(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    gone.wait(timeout=10)
    assert cpu.process_cpu_ns(gone.pid) is None
    assert cpu.process_cpu_ns(123, proc=tmp_path) is None
    assert cpu.Snapshot.read([gone.pid], [gone.pid]) == cpu.Snapshot({}, {})
    assert cpu.children(gone.pid) == []


def test_without_schedstat_the_ticks_of_stat_are_used(tmp_path):
    entry = tmp_path / "42"
    entry.mkdir()
    ticks = os.sysconf("SC_CLK_TCK")
    # A command name with a space and a parenthesis; utime 30 and stime 20 ticks.
    fields = ["S", "1", "42", "42", "0", "-1", "0", "0", "0", "0", "0", "30", "20", "0", "0"]
    (entry / "stat").write_text("42 (odd) name) " + " ".join(fields) + "\n")
    assert cpu.process_cpu_ns(42, proc=tmp_path) == 50 * 1_000_000_000 // ticks


def test_schedstat_is_preferred_when_present(tmp_path):
    entry = tmp_path / "42"
    entry.mkdir()
    (entry / "schedstat").write_text("123456789 5 6\n")
    (entry / "stat").write_text("42 (x) S 1 " + "0 " * 20 + "\n")
    assert cpu.process_cpu_ns(42, proc=tmp_path) == 123_456_789


def test_the_workers_of_a_gunicorn_are_the_children_of_its_arbiter(burner):
    assert burner.pid in cpu.children(os.getpid())


def test_settle_waits_for_idle_workers_and_gives_up_on_busy_ones(burner):
    idle = cpu.ServerMeter(os.getpid(), cpu.app_name(1), cursor=None)
    assert idle.settle(1, interval=0.2, timeout=5) is True
    assert idle.settle(50, interval=0.1, timeout=0.5) is False  # not that many children
    busy = subprocess.Popen(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", "import time\nend = time.time() + 3\nwhile time.time() < end: pass"]
    )
    try:
        meter = cpu.ServerMeter(os.getpid(), cpu.app_name(1), cursor=None)
        assert meter.settle(1, interval=0.2, timeout=1) is False
    finally:
        busy.kill()
        busy.wait(timeout=10)


def test_children_are_found_by_parent_pid_where_the_kernel_lists_none(tmp_path):
    for pid, parent in ((10, 1), (11, 10), (12, 10), (13, 11)):
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "stat").write_text(f"{pid} (gunicorn: w) S {parent} 0 0\n")
    (tmp_path / "self").mkdir()
    assert cpu.children(10, proc=tmp_path) == [11, 12]


def test_usage_counts_a_new_process_whole_and_a_vanished_one_not():
    before = cpu.Snapshot(workers={1: 1_000_000, 2: 5_000_000}, backends={7: 2_000_000})
    after = cpu.Snapshot(workers={1: 4_000_000}, backends={7: 3_000_000, 8: 500_000})
    usage = cpu.Usage.between(before, after)
    assert usage.app_ms == pytest.approx(3.0)
    assert usage.db_ms == pytest.approx(1.5)
    assert usage.total_ms == pytest.approx(4.5)
    assert usage.per_request(3) == {"cpu_ms": 1.5, "app_cpu_ms": 1.0, "db_cpu_ms": 0.5}
    assert usage.per_request(0) == {"cpu_ms": None, "app_cpu_ms": None, "db_cpu_ms": None}


def test_page_cpu_figures_are_the_medians_and_the_mean():
    usages = [cpu.Usage(app_ms=a, db_ms=d) for a, d in ((2, 1), (4, 1), (30, 10))]
    assert pages.cpu_figures(usages) == {
        "cpu_ms": 5.0,
        "app_cpu_ms": 4.0,
        "db_cpu_ms": 1.0,
        "cpu_mean_ms": 16.0,
    }
    assert pages.cpu_figures([]) == {}


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_the_backends_of_the_gunicorns_connections_are_found_by_their_name():
    from django.db import connection

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    name = cpu.app_name(65000)
    with (
        psycopg.connect(**{**params, "application_name": name}) as named,
        psycopg.connect(**{**params, "application_name": "someone-else"}) as other,
    ):
        named_pid = named.execute("SELECT pg_backend_pid()").fetchone()[0]
        other.execute("SELECT 1")
        with connection.cursor() as cursor:
            found = cpu.backend_pids(cursor, name)
        assert found == [named_pid]
        assert cpu.process_cpu_ns(named_pid) is not None  # PostgreSQL runs on this machine


@POSTGRESQL_ONLY
@pytest.mark.django_db
def test_the_in_process_meter_counts_this_process_and_its_own_backend():
    from django.db import connection

    meter = cpu.InProcessMeter(connection)
    before = meter.snapshot()
    started = time.process_time()
    while time.process_time() - started < 0.05:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM generate_series(1, 300000)")
    usage = cpu.Usage.between(before, meter.snapshot())
    assert usage.app_ms >= 40
    assert len(before.backends) == 1
    assert usage.db_ms > 0
