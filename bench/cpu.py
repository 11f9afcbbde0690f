"""CPU time of the processes that serve a request: the gunicorn workers and the PostgreSQL
backends of their connections (the benchmark runs PostgreSQL on the same machine, so their
/proc entries are readable).

A process's CPU time is the first field of `/proc/<pid>/schedstat` (nanoseconds on the CPU,
exact) when the kernel has it, else utime + stime of `/proc/<pid>/stat` (clock ticks). A
process that does not exist (any more) reads as None and counts as 0 in a sum.

CPU per request = (Δ workers + Δ backends) / requests, the Δ taken between two `Snapshot`s.
A backend that appears between them (a new connection) counts with all its time; one that
has gone (a connection closed after CONN_MAX_AGE) has taken its last slice with it.
"""

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")
# The application name the benchmark's gunicorn gives its connections (libpq's PGAPPNAME):
# its backends are found by it in pg_stat_activity, other clients of the database are not.
APP_NAME_PREFIX = "bench-gunicorn"


def app_name(port: int) -> str:
    return f"{APP_NAME_PREFIX}-{port}"


def _clock_ticks() -> int:
    try:
        return os.sysconf("SC_CLK_TCK")
    except (ValueError, OSError):
        return 100


def process_cpu_ns(pid: int, proc: Path = PROC) -> int | None:
    """Nanoseconds of CPU `pid` has used so far (all its threads), or None if it is gone."""
    try:
        first = (proc / str(pid) / "schedstat").read_text().split()[0]
        return int(first)
    except (OSError, IndexError, ValueError):
        pass
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after its last ")".
    fields = stat.rpartition(")")[2].split()
    try:
        utime, stime = int(fields[11]), int(fields[12])  # fields 14 and 15 of proc(5)
    except (IndexError, ValueError):
        return None
    return (utime + stime) * 1_000_000_000 // _clock_ticks()


def children(pid: int, proc: Path = PROC) -> list[int]:
    """The child processes of `pid` (gunicorn's workers of its arbiter)."""
    found: set[int] = set()
    try:
        tasks = list((proc / str(pid) / "task").iterdir())
    except OSError:
        tasks = []
    listed = False
    for task in tasks:
        try:
            text = (task / "children").read_text()
        except OSError:
            continue
        listed = True
        found.update(int(n) for n in text.split())
    if listed:
        return sorted(found)
    # Kernels without CONFIG_PROC_CHILDREN: the parent pid (field 4) of every process.
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if len(fields) > 1 and fields[1] == str(pid):
            found.add(int(entry.name))
    return sorted(found)


def backend_pids(cursor, application_name: str) -> list[int]:
    """PostgreSQL client backends of connections named `application_name` (not the caller's)."""
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE backend_type = 'client backend' "
        "AND datname = current_database() AND application_name = %s "
        "AND pid <> pg_backend_pid()",
        [application_name],
    )
    return sorted(row[0] for row in cursor.fetchall())


@dataclass
class Snapshot:
    """CPU nanoseconds of each worker and backend at one moment."""

    workers: dict[int, int] = field(default_factory=dict)
    backends: dict[int, int] = field(default_factory=dict)

    @staticmethod
    def read(worker_pids, backend_pids_, proc: Path = PROC) -> "Snapshot":
        def cpu(pids):
            values = {pid: process_cpu_ns(pid, proc) for pid in pids}
            return {pid: ns for pid, ns in values.items() if ns is not None}

        return Snapshot(workers=cpu(worker_pids), backends=cpu(backend_pids_))


def _delta(before: dict[int, int], after: dict[int, int]) -> int:
    # A pid only in `after` is new: all its time falls in the interval.
    return sum(max(0, ns - before.get(pid, 0)) for pid, ns in after.items())


@dataclass(frozen=True)
class Usage:
    """CPU milliseconds between two snapshots: the workers', the backends' and both."""

    app_ms: float
    db_ms: float

    @property
    def total_ms(self) -> float:
        return self.app_ms + self.db_ms

    @staticmethod
    def between(before: Snapshot, after: Snapshot) -> "Usage":
        return Usage(
            app_ms=_delta(before.workers, after.workers) / 1e6,
            db_ms=_delta(before.backends, after.backends) / 1e6,
        )

    def per_request(self, requests: int) -> dict:
        if not requests:
            return {"cpu_ms": None, "app_cpu_ms": None, "db_cpu_ms": None}
        return {
            "cpu_ms": round(self.total_ms / requests, 2),
            "app_cpu_ms": round(self.app_ms / requests, 2),
            "db_cpu_ms": round(self.db_ms / requests, 2),
        }


class ServerMeter:
    """The CPU of one gunicorn (its workers, found anew at each snapshot, so a restarted worker
    is followed) and of the PostgreSQL backends of its connections."""

    def __init__(self, arbiter_pid: int, application_name: str, cursor, proc: Path = PROC):
        self.arbiter_pid = arbiter_pid
        self.application_name = application_name
        self.cursor = cursor
        self.proc = proc

    def snapshot(self) -> Snapshot:
        workers = children(self.arbiter_pid, self.proc)
        backends = backend_pids(self.cursor, self.application_name)
        return Snapshot.read(workers, backends, self.proc)

    def settle(
        self, workers: int, *, quiet_ms: float = 5, interval: float = 0.5, timeout: float = 60
    ) -> bool:
        """Wait until `workers` workers are up and idle (together < `quiet_ms` of CPU over
        `interval`): gunicorn answers as soon as one worker has booted, and the others' boot
        (importing Django: about a second of CPU each) is no request's. False on timeout."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = children(self.arbiter_pid, self.proc)
            before = Snapshot.read(pids, [], self.proc)
            time.sleep(interval)
            after = Snapshot.read(pids, [], self.proc)
            if len(after.workers) >= workers and Usage.between(before, after).app_ms < quiet_ms:
                return True
        return False


class InProcessMeter:
    """The CPU of this process (a test-client request) and of its own database connection's
    backend (`pg_backend_pid()`; none on another database)."""

    def __init__(self, connection=None):
        self.connection = connection

    def _backend(self) -> list[int]:
        if self.connection is None or self.connection.vendor != "postgresql":
            return []
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            return [cursor.fetchone()[0]]

    def snapshot(self) -> Snapshot:
        backends = self._backend()
        own = process_cpu_ns(os.getpid())
        if own is None:  # no /proc: the interpreter's own figure
            own = time.process_time_ns()
        return Snapshot(workers={0: own}, backends=Snapshot.read([], backends).backends)
