"""The machinery of seed_scale: sizes, fast seeded randomness, the row writer (COPY on
PostgreSQL), the world of ids later tables refer to, and the indexes and constraints taken off
while loading."""

import bisect
import datetime
import os
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection

MARKER_PREFIX = "seed_scale N="
BENCH_EMAIL_DOMAIN = "bench.invalid"
# A Django "unusable" password (starts with "!"): nobody can log in with it.
UNUSABLE_PASSWORD = "!seed-scale"  # noqa: S105
# The bench users' TOTP secret: they are logged in by a written session, never by a code.
TOTP_SECRET = "JUMPBENCHJUMPBENCHJUMPBENCHJUMPB"  # noqa: S105

# The apps whose tables `reset` empties (plus sessions, allauth and MFA rows).
PROGRAMME_APPS = (
    "participants",
    "companies",
    "training_modules",
    "notifications",
    "reports",
    "audit",
    "imports",
    "accounts",
)
EXTRA_TABLES = (
    "django_session",
    "mfa_authenticator",
    "account_emailaddress",
    "jump_cache",
)


@dataclass(frozen=True)
class Scale:
    """How many of everything for N participants."""

    participants: int

    @property
    def partners(self) -> int:
        return max(4, self.participants // 1000)

    @property
    def coaches_per_partner(self) -> int:
        return max(1, self.participants // self.partners // 40)

    @property
    def companies(self) -> int:
        return max(20, self.participants // 10)

    @property
    def activities_per_partner(self) -> int:
        return max(12, self.participants // self.partners // 4)

    @property
    def sessions(self) -> int:
        return max(20, self.participants // 100)

    @property
    def trainers(self) -> int:
        return max(2, self.sessions // 20)

    @property
    def modules(self) -> int:
        return 40

    @property
    def good_practices(self) -> int:
        return max(10, self.participants // 500)


# --- writing rows ---------------------------------------------------------------------------


class Sink:
    """Writes rows of a table: COPY on PostgreSQL, executemany in batches elsewhere."""

    def __init__(self, log: Callable[[str], None]):
        self.postgres = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}
        self.seconds: dict[str, float] = {}
        self.log = log

    def write(self, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
        started = time.perf_counter()
        if self.postgres:
            count = self._copy(table, columns, rows)
        else:
            count = self._insert(table, columns, rows)
        self.counts[table] = self.counts.get(table, 0) + count
        elapsed = time.perf_counter() - started
        self.seconds[table] = self.seconds.get(table, 0.0) + elapsed
        self.log(f"  {table}: {count:,} rows in {elapsed:.1f} s")
        return count

    def _copy(self, table, columns, rows) -> int:
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count

    def _insert(self, table, columns, rows, batch=500) -> int:
        quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        # Table and column names come from the models, never from input.
        sql = f"INSERT INTO {table} ({quoted}) VALUES ({marks})"  # noqa: S608
        count, chunk = 0, []
        with connection.cursor() as cursor:
            for row in rows:
                chunk.append(tuple(_sqlite_value(v) for v in row))
                if len(chunk) >= batch:
                    cursor.executemany(sql, chunk)
                    count += len(chunk)
                    chunk = []
            if chunk:
                cursor.executemany(sql, chunk)
                count += len(chunk)
        return count


def _sqlite_value(value):
    """What Django itself would store on SQLite (UUID as 32 hex digits, naive UTC times)."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class FastRandom(random.Random):
    """random.Random with a cheaper randint and choice (millions of calls; still seeded)."""

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]


class Weighted:
    """A weighted choice from precomputed cumulative weights."""

    def __init__(self, values: tuple, weights: tuple):
        self.values = values
        self.cumulative = []
        total = 0
        for weight in weights:
            total += weight
            self.cumulative.append(total)
        self.total = total

    def __call__(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


_uuid_buffer = ["", 0]


def new_uuid() -> str:
    """A random UUID as 32 hex digits (PostgreSQL reads it as uuid; Django stores UUIDs so on
    other databases), taken from one large urandom read instead of one call per row."""
    text, position = _uuid_buffer
    if position >= len(text):
        text, position = os.urandom(16 * 8192).hex(), 0
    _uuid_buffer[0], _uuid_buffer[1] = text, position + 32
    return text[position : position + 32]


def table(model_label: str) -> str:
    return apps.get_model(model_label)._meta.db_table


@dataclass
class World:
    """Ids and facts later tables refer to (index i → id i + 1 unless said otherwise)."""

    scale: Scale
    today: datetime.date
    first_day: datetime.date
    rng: random.Random
    partner_country: list[str] = field(default_factory=list)
    coaches: list[list[int]] = field(default_factory=list)  # per partner: user ids
    learners: list[list[int]] = field(default_factory=list)
    trainers: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    admin: int = 0
    contacts: list[int] = field(default_factory=list)  # per company: user id
    next_user: int = 1
    # participants
    p_partner: list[int] = field(default_factory=list)  # partner index
    p_coach: list[int] = field(default_factory=list)
    p_country: list[str] = field(default_factory=list)
    p_status: list[str] = field(default_factory=list)
    p_entry: list[int | None] = field(default_factory=list)  # date ordinals
    p_exit: list[int | None] = field(default_factory=list)
    p_shares: list[bool] = field(default_factory=list)  # share_with_companies given now
    # companies and offers
    company_country: list[str] = field(default_factory=list)
    companies_by_country: dict[str, list[int]] = field(default_factory=dict)
    offers_of_company: list[list[int]] = field(default_factory=list)  # offer indexes
    offer_company: list[int] = field(default_factory=list)
    offer_status: list[str] = field(default_factory=list)
    # days
    _days: dict[int, str] = field(default_factory=dict)
    _times: dict[tuple[int, int], datetime.datetime] = field(default_factory=dict)

    @property
    def today_ord(self) -> int:
        return self.today.toordinal()

    @property
    def first_ord(self) -> int:
        return self.first_day.toordinal()

    def day(self, ordinal: int | None) -> datetime.date | None:
        if ordinal is None:
            return None
        found = self._days.get(ordinal)
        if found is None:
            found = self._days[ordinal] = datetime.date.fromordinal(ordinal).isoformat()
        return found

    def at(self, ordinal: int, hour: int = 10) -> datetime.datetime:
        """A timestamp on that day (UTC), cached: a million rows share a few hundred objects."""
        key = (ordinal, hour)
        found = self._times.get(key)
        if found is None:
            found = self._times[key] = datetime.datetime.combine(
                datetime.date.fromordinal(ordinal), datetime.time(hour), tzinfo=datetime.UTC
            )
        return found

    def new_user_id(self) -> int:
        user_id = self.next_user
        self.next_user += 1
        return user_id


_WEIGHTED: dict[tuple, Weighted] = {}


def _weighted(rng: random.Random, choices: tuple, weights: tuple):
    chooser = _WEIGHTED.get((choices, weights))
    if chooser is None:
        chooser = _WEIGHTED[(choices, weights)] = Weighted(choices, weights)
    return chooser(rng)


def loaded_tables() -> list[str]:
    from allauth.mfa.models import Authenticator

    return [
        *(
            model._meta.db_table
            for app in ("accounts", "participants", "companies", "training_modules")
            for model in apps.get_app_config(app).get_models(include_auto_created=True)
        ),
        Authenticator._meta.db_table,
    ]


@dataclass
class DeferredSchema:
    """Indexes and constraints taken off the tables while they are loaded, and put back after,
    as pg_restore does: one sorted build per index instead of a million inserts into each, and
    every foreign key checked once by PostgreSQL when it is added back (a validating join), not
    row by row. The tables must be empty when this starts."""

    foreign_keys: list[tuple[str, str, str]]  # (table, name, definition)
    keys: list[tuple[str, str, str]]  # primary keys and unique constraints
    indexes: list[str]  # CREATE INDEX statements of indexes that back no constraint

    @classmethod
    def take_off(cls, tables: list[str]) -> "DeferredSchema":
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.contype = 'f'
                  AND (c.conrelid::regclass::text = ANY(%s)
                       OR c.confrelid::regclass::text = ANY(%s))
                """,
                [tables, tables],
            )
            foreign_keys = cursor.fetchall()
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.contype IN ('p', 'u') AND c.conrelid::regclass::text = ANY(%s)
                """,
                [tables],
            )
            keys = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [tables],
            )
            indexes = cursor.fetchall()
            q = connection.ops.quote_name
            for name, definition in [(t, n) for t, n, _d in foreign_keys]:
                cursor.execute(f"ALTER TABLE {q(name)} DROP CONSTRAINT {q(definition)}")
            for name, constraint, _definition in keys:
                cursor.execute(f"ALTER TABLE {q(name)} DROP CONSTRAINT {q(constraint)}")
            for index, _definition in indexes:
                cursor.execute(f"DROP INDEX {index}")
        return cls(foreign_keys, keys, [definition for _index, definition in indexes])

    def put_back(self) -> None:
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            for name, constraint, definition in self.keys:
                cursor.execute(f"ALTER TABLE {q(name)} ADD CONSTRAINT {q(constraint)} {definition}")
            for definition in self.indexes:
                cursor.execute(definition)
            for name, constraint, definition in self.foreign_keys:
                cursor.execute(f"ALTER TABLE {q(name)} ADD CONSTRAINT {q(constraint)} {definition}")


def backend_cpu_seconds() -> float | None:
    """CPU time of this connection's PostgreSQL backend process so far, when the database runs
    on this machine (read from /proc); None otherwise. With the client's CPU time it says what
    the seeding costs independent of how busy the machine is."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
