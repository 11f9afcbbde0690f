"""The participant import writes in batches: the preview and the commit of 500 rows cost the same
statements as those of 50 rows (but for the batched INSERT/UPDATE statements themselves), and the
result is what participant_create / participant_update give row by row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from jump.audit.models import AccessLog
from jump.imports import services
from jump.imports.kinds.base import from_json
from jump.imports.kinds.participants import COLUMNS
from jump.imports.models import ImportJob
from participants import services as participant_services
from participants.models import Consent, Participant
from tests.factories.accounts import UserFactory
from tests.factories.participants import ParticipantFactory

from .files import PARTICIPANT_HEADER_EN, csv_bytes, participant_row, upload

WITH_COACH = [*PARTICIPANT_HEADER_EN, "Coach (e-mail)"]


def a_file(n: int, coach_email: str) -> bytes:
    """n rows: every tenth names a coach; the first five are known participants (updates)."""
    return csv_bytes(
        [
            WITH_COACH,
            *(
                [*participant_row(i, last_name=f"New{i}"), coach_email if i % 10 == 0 else ""]
                for i in range(n)
            ),
        ]
    )


def statements(queries) -> dict[str, int]:
    """The batched writes of rows (one per batch, or more where SQLite's 999 parameters split
    a batch) apart from every other statement."""
    counts = {"write": 0, "other": 0}
    for query in queries.captured_queries:
        sql = query["sql"].lstrip().upper()
        batched = sql.startswith(
            ('INSERT INTO "PARTICIPANTS_PARTICIPANT"', 'INSERT INTO "IMPORTS_IMPORTROW"')
        ) or (sql.startswith('UPDATE "PARTICIPANTS_PARTICIPANT"') and " CASE " in sql)
        counts["write" if batched else "other"] += 1
    return counts


def run(personas, partner_a, n: int) -> tuple[dict, dict]:
    Participant.objects.all().delete()
    for i in range(5):
        ParticipantFactory(partner=partner_a, email=f"young{i}@example.org", last_name="Old")
    assert personas.coach_a.role_names  # read once per user, whatever the size
    with CaptureQueriesContext(connection) as preview:
        job = services.import_job_create(
            actor=personas.coach_a,
            kind="participants",
            upload=upload("list.csv", a_file(n, personas.coach_a.email)),
            inline=True,
        )
    assert (job.count_new, job.count_update, job.count_error) == (n - 5, 5, 0)
    with CaptureQueriesContext(connection) as commit:
        job = services.import_job_commit(
            actor=personas.coach_a, job=job, skip_errors=True, inline=True
        )
    assert (job.status, job.count_written) == (ImportJob.Status.COMMITTED, n)
    assert Participant.objects.filter(last_name__startswith="New").count() == n
    return statements(preview), statements(commit)


def test_preview_and_commit_of_500_rows_cost_the_statements_of_50(personas, partner_a):
    preview_50, commit_50 = run(personas, partner_a, 50)
    preview_500, commit_500 = run(personas, partner_a, 500)
    assert preview_500["other"] == preview_50["other"]
    assert commit_500["other"] == commit_50["other"]
    # One batched write per batch: on PostgreSQL the same number; on SQLite a few per batch.
    limit = 1 if connection.features.max_query_params is None else 14
    assert preview_500["write"] <= preview_50["write"] * limit
    assert commit_500["write"] <= commit_50["write"] * limit
    # Per row it would be several hundred statements more.
    assert commit_500["other"] + commit_500["write"] < 60


FIELDS = [
    f.attname
    for f in Participant._meta.concrete_fields
    if f.name not in ("id", "public_id", "created_at", "updated_at")
]


def stored() -> list[dict]:
    return sorted(Participant.objects.values(*FIELDS), key=lambda p: p["email"])


def test_an_import_gives_what_participant_create_and_update_give_row_by_row(
    personas, partner_a, make_job
):
    known = [
        {f: getattr(p, f) for f in FIELDS}
        for p in (
            ParticipantFactory(partner=partner_a, email=f"young{i}@example.org", last_name="Old")
            for i in (1, 2)
        )
    ]
    before = (Consent.objects.count(), AccessLog.objects.count())
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    job = make_job(a_file(12, colleague.email))
    assert (job.count_new, job.count_update, job.count_error) == (10, 2, 0)
    job = services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    assert job.count_written == 12
    through_the_import = stored()

    # The same rows again, one by one through participant_create / participant_update.
    Participant.objects.all().delete()
    for fields in known:
        Participant.objects.create(**fields)
    coaches = {colleague.email: colleague}
    for row in job.rows.order_by("number"):
        values = from_json(row.values, COLUMNS)
        coach = coaches.get(values.pop("coach", None))
        if row.outcome == "new":
            participant_services.participant_create(actor=personas.coach_a, coach=coach, **values)
        else:
            participant_services.participant_update(
                actor=personas.coach_a,
                participant=Participant.objects.get(email=values["email"]),
                coach=coach if "coach" in row.changed_fields else None,
                **{k: values[k] for k in row.changed_fields if k != "coach"},
            )
    assert stored() == through_the_import
    assert len(through_the_import) == 12
    assert sum(1 for p in through_the_import if p["coach_id"] == colleague.pk) == 2
    assert (Consent.objects.count(), AccessLog.objects.count()) == before
