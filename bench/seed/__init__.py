"""`seed_scale`: a consistent data set at programme scale, written fast.

Per 100,000 participants (every count scales linearly with N, with small minimums):

- 100 partners (half Danish, half German), 2,500 coaches and 2,500 other pedagogical staff
  (5,000 staff), 50 trainers, 3 programme managers and one administrator;
- ~1,000,000 case notes, ~500,000 attendances at 25,000 activities, ~250,000 consent records,
  ~130,000 language skills, ~250,000 assessments, ~50,000 outcomes, 90,000 action plans with
  goals and ~180,000 steps;
- 10,000 companies (one contact each), 30,000 offers, ~100,000 placements with feedback,
  support needs and actions;
- 40 training modules, 1,000 sessions, ~50,000 staff enrolments, good practices.

Rows are generated in Python from a seeded random generator (the same N gives the same data)
and written table by table: PostgreSQL `COPY … FROM STDIN` through psycopg 3 (`cursor.copy`),
other databases (SQLite in the tests) by `executemany` in batches. Primary keys are assigned
here, so foreign keys need no round trip; the identity sequences are reset at the end.

Consistency is by construction and is what the platform's services would have written:
statuses match their dates (a participant who left has an exit date, an exit outcome and
finished placements), a placement's `cross_border` is the participant's country of residence
against the company's country, one entry and one exit assessment per rater, one outcome per
timing, offers have as many places as placements holding one, enrolments hold at most one place
per person and session, consent withdrawals are later rows of the ledger.

The database must be empty of programme data (a fresh, migrated database), unless `reset=True`,
which truncates every programme table first — refused unless the database name contains
"bench" or "test", so that a real database is never wiped by mistake.
"""

import datetime
import io
import time
from collections.abc import Callable

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from jump.reports.periods import PROGRAMME_START
from participants.next_due import recompute_next_due

from .base import (
    EXTRA_TABLES,
    MARKER_PREFIX,
    PROGRAMME_APPS,
    DeferredSchema,
    FastRandom,
    Scale,
    Sink,
    World,
    backend_cpu_seconds,
    loaded_tables,
)
from .organisations import (
    seed_companies,
    seed_company_contacts,
    seed_groups_and_mfa,
    seed_offers_and_placements,
    seed_support,
    seed_training,
)
from .people import (
    seed_accounts,
    seed_action_plans,
    seed_activities,
    seed_assessments,
    seed_case_notes,
    seed_consents,
    seed_language_skills,
    seed_outcomes,
    seed_participants,
    seed_shares,
)

__all__ = ["Scale", "database_is_empty", "describe", "seed_scale", "seeded_size"]

# --- the command's work ---------------------------------------------------------------------


def seeded_size() -> int | None:
    """The N this database was seeded with (from the marker partner), or None."""
    from jump.accounts.models import Partner

    name = (
        Partner.objects.filter(name__startswith=MARKER_PREFIX)
        .values_list("name", flat=True)
        .first()
    )
    if name is None:
        return None
    try:
        return int(name.removeprefix(MARKER_PREFIX))
    except ValueError:
        return None


def database_is_empty() -> bool:
    from jump.accounts.models import Partner, User
    from participants.models import Participant

    return not (Participant.objects.exists() or Partner.objects.exists() or User.objects.exists())


def resettable_name() -> bool:
    """A benchmark or test database (or SQLite in memory), never a real one."""
    name = str(connection.settings_dict["NAME"]).lower()
    return any(word in name for word in ("bench", "test", "memory")) or name == ""


def reset_database() -> None:
    """Empty every programme table (PostgreSQL: TRUNCATE … CASCADE; elsewhere: DELETE)."""
    tables = [
        model._meta.db_table
        for app in PROGRAMME_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    existing = set(connection.introspection.table_names())
    tables = [t for t in (*tables, *EXTRA_TABLES) if t in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " CASCADE"
            )
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for name in tables:
                # Table names come from the installed models, never from input.
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(name)}")  # noqa: S608
            cursor.execute("PRAGMA foreign_keys = ON")


STEPS = (
    ("accounts", seed_accounts),
    ("participants", seed_participants),
    ("case notes", seed_case_notes),
    ("consents", seed_consents),
    ("language skills", seed_language_skills),
    ("assessments", seed_assessments),
    ("outcomes", seed_outcomes),
    ("action plans", seed_action_plans),
    ("activities", seed_activities),
    ("shares", seed_shares),
    ("companies", seed_companies),
    ("company contacts", seed_company_contacts),
    ("groups and MFA", seed_groups_and_mfa),
    ("offers and placements", seed_offers_and_placements),
    ("support", seed_support),
    ("training", seed_training),
)


def seed_scale(
    participants: int,
    *,
    seed: int = 12,
    reset: bool = False,
    today: datetime.date | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Seed N participants and everything around them; returns row counts and timings."""
    if participants < 1:
        raise ValueError("At least one participant.")
    if reset:
        if not resettable_name():
            raise ValueError(
                "Refusing to reset a database whose name contains neither 'bench' nor 'test'."
            )
        reset_database()
    elif not database_is_empty():
        raise ValueError("The database already holds data: use reset on a benchmark database.")
    today = today or timezone.localdate()
    first_day = PROGRAMME_START
    if (today - first_day).days < 300:  # a young programme: spread the data over 300 days
        first_day = today - datetime.timedelta(days=300)
    world = World(scale=Scale(participants), today=today, first_day=first_day, rng=FastRandom(seed))
    sink = Sink(log)
    now = timezone.now()
    started = time.perf_counter()
    cpu_started = time.process_time(), backend_cpu_seconds()
    steps = {}
    with transaction.atomic():
        deferred = None
        if sink.postgres:
            with connection.cursor() as cursor:
                # This transaction only: no WAL flush per statement, memory for index builds.
                cursor.execute("SET LOCAL synchronous_commit = off")
                cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            deferred = DeferredSchema.take_off(loaded_tables())
        for name, step in STEPS:
            step_started = time.perf_counter()
            step(sink, world, now)
            steps[name] = round(time.perf_counter() - step_started, 2)
        if deferred is not None:
            step_started = time.perf_counter()
            deferred.put_back()
            steps["indexes and constraints"] = round(time.perf_counter() - step_started, 2)
        step_started = time.perf_counter()
        _fill_next_due(sink.postgres)
        steps["next due dates"] = round(time.perf_counter() - step_started, 2)
        _reset_sequences()
    loaded = time.perf_counter()
    if sink.postgres:
        with connection.cursor() as cursor:
            if not connection.in_atomic_block:
                # The UPDATE of next_due_on left every participant row dead once: vacuumed, as
                # autovacuum would have done on a live system (index-only scans need it).
                cursor.execute("VACUUM participants_participant")
            cursor.execute("ANALYZE")
    finished = time.perf_counter()
    backend = backend_cpu_seconds()
    return {
        "cpu_s": round(time.process_time() - cpu_started[0], 1),
        "db_cpu_s": (
            round(backend - cpu_started[1], 1)
            if backend is not None and cpu_started[1] is not None
            else None
        ),
        "participants": participants,
        "rows": sum(sink.counts.values()),
        "tables": dict(sink.counts),
        "steps_s": steps,
        "load_s": round(loaded - started, 2),
        "analyze_s": round(finished - loaded, 2),
        "total_s": round(finished - started, 2),
    }


def _fill_next_due(postgres: bool) -> None:
    """The caseload's sort key (issue 20), which the services keep: the rows were written by
    COPY, so one UPDATE over all participants, after the indexes are back (its subqueries read
    steps and case notes by participant)."""
    if postgres:
        with connection.cursor() as cursor:
            # Statistics first: without them the planner read the steps' tables once per
            # participant (12 minutes at 100,000 instead of seconds).
            cursor.execute(
                "ANALYZE participants_participant, participants_actionplan, "
                "participants_goal, participants_step, participants_contact"
            )
    recompute_next_due(None)
    if postgres:
        with connection.cursor() as cursor:
            # Rows inserted by this same transaction queue a deferred foreign-key check each
            # when updated: run them now (the commit would anyway), else a TRUNCATE later in
            # the transaction (reset) is refused.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences() -> None:
    models = [
        model
        for app in PROGRAMME_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    ]
    from allauth.mfa.models import Authenticator

    models.append(Authenticator)
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def describe(result: dict) -> str:
    out = io.StringIO()
    out.write(
        f"Seeded {result['participants']:,} participants: {result['rows']:,} rows in "
        f"{result['total_s']} s (load {result['load_s']} s, analyze {result['analyze_s']} s); "
        f"CPU: this process {result['cpu_s']} s, PostgreSQL backend {result['db_cpu_s']} s\n"
    )
    for name, seconds in result["steps_s"].items():
        out.write(f"  {name}: {seconds} s\n")
    return out.getvalue()
