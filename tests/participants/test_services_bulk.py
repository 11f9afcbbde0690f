"""The bulk paths of intake and profile change (participants_create_bulk / _update_bulk): the same
checks and result as participant_create / participant_update, one query per batch."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jump.audit.models import AccessLog
from participants import services
from participants.models import Consent, Participant
from participants.services.participants import BULK_BATCH
from tests.factories.accounts import UserFactory
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db

# Every stored field but the keys and the timestamps.
COMPARED = [
    f.attname
    for f in Participant._meta.concrete_fields
    if f.name not in ("id", "public_id", "created_at", "updated_at")
]


def profile(n: int, **overrides) -> dict:
    values = {
        "first_name": f"Freja{n}",
        "last_name": "Nielsen",
        "date_of_birth": datetime.date(2004, 1, 1) + datetime.timedelta(days=n % 2000),
        "gender": ("female", "male", "diverse")[n % 3],
        "email": f"freja{n}@example.org",
        "phone": f"+45 {20000000 + n}",
        "street": "",
        "postcode": "6400",
        "municipality": "Sønderborg",
        "country_of_residence": "DK",
        "education_level": "isced_0_2",
        "labour_market_status": "unemployed",
        "preferred_language": "da",
        "entry_date": datetime.date(2026, 2, 1) if n % 2 else None,
    }
    values.update(overrides)
    return values


def snapshot(participants) -> list[dict]:
    return [{name: getattr(p, name) for name in COMPARED} for p in participants]


def side_rows() -> tuple[int, int]:
    return Consent.objects.count(), AccessLog.objects.count()


def test_bulk_intake_gives_what_one_by_one_intake_gives(personas, partner_a):
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    coaches = {2: colleague}
    before = side_rows()
    one_by_one = [
        services.participant_create(actor=personas.coach_a, coach=coaches.get(n), **profile(n))
        for n in range(1, 5)
    ]
    after_one_by_one = side_rows()
    result = services.participants_create_bulk(
        actor=personas.coach_a,
        partner=partner_a,
        rows=[profile(n) | ({"coach": coaches[n]} if n in coaches else {}) for n in range(1, 5)],
    )
    assert result.errors == {} and list(result.written) == [0, 1, 2, 3]
    bulk = [result.written[i] for i in range(4)]
    stored = Participant.objects.in_bulk([p.pk for p in one_by_one + bulk])
    assert snapshot(stored[p.pk] for p in bulk) == snapshot(stored[p.pk] for p in one_by_one)
    assert [(p.partner_id, p.coach_id, p.status) for p in one_by_one[:2]] == [
        (partner_a.pk, personas.coach_a.pk, "interested"),
        (partner_a.pk, colleague.pk, "interested"),
    ]
    # Neither path writes consent or access-log rows.
    assert after_one_by_one == before and side_rows() == before
    assert all(stored[p.pk].public_id and stored[p.pk].created_at for p in bulk)
    assert len({p.public_id for p in stored.values()}) == 8


def test_bulk_intake_checks_each_row_like_participant_create(personas, partner_a):
    rows = [
        profile(1),
        profile(2, date_of_birth=timezone.localdate() + datetime.timedelta(days=1)),
        profile(3, coach=personas.coach_b),
        profile(4, gender="unknown"),
    ]
    single_errors = []
    for row in rows[1:]:
        fields = dict(row)
        coach = fields.pop("coach", None)
        with pytest.raises(ValidationError) as info:
            services.participant_create(actor=personas.coach_a, coach=coach, **fields)
        single_errors.append(info.value.message_dict)

    result = services.participants_create_bulk(actor=personas.coach_a, partner=partner_a, rows=rows)

    assert [result.errors[i].message_dict for i in (1, 2, 3)] == single_errors
    assert result.written == {} and Participant.objects.count() == 0  # all or nothing
    result = services.participants_create_bulk(
        actor=personas.coach_a, partner=partner_a, rows=rows, all_or_nothing=False
    )
    assert list(result.written) == [0] and sorted(result.errors) == [1, 2, 3]
    assert list(Participant.objects.values_list("first_name", flat=True)) == ["Freja1"]


def test_bulk_intake_refuses_unknown_fields(personas, partner_a):
    with pytest.raises(TypeError):
        services.participants_create_bulk(
            actor=personas.coach_a, partner=partner_a, rows=[profile(1, status="active")]
        )


def test_a_coach_brings_in_lists_only_for_their_own_partner(personas, partner_b):
    with pytest.raises(PermissionDenied):
        services.participants_create_bulk(
            actor=personas.coach_a, partner=partner_b, rows=[profile(1)]
        )
    assert Participant.objects.count() == 0


@pytest.mark.parametrize("actor", ["trainer", "staff_learner", "contact_x", "outsider"])
def test_other_roles_bring_in_no_lists(personas, partner_a, actor):
    with pytest.raises(PermissionDenied):
        services.participants_create_bulk(
            actor=getattr(personas, actor), partner=partner_a, rows=[profile(1)]
        )


@pytest.mark.parametrize("actor", ["manager", "admin"])
def test_managers_and_admins_bring_in_lists_for_any_partner_with_a_coach_of_it_or_none(
    personas, partner_b, actor
):
    result = services.participants_create_bulk(
        actor=getattr(personas, actor),
        partner=partner_b,
        rows=[profile(1), profile(2, coach=personas.coach_b), profile(3, coach=personas.coach_a)],
        all_or_nothing=False,
    )
    assert [(p.partner, p.coach) for p in result.written.values()] == [
        (partner_b, None),
        (partner_b, personas.coach_b),
    ]
    assert list(result.errors[2].message_dict) == ["coach"]


def test_participant_create_stays_a_coachs(personas):
    """Intake one by one is unchanged: a manager uses the list path (the import), not this."""
    with pytest.raises(PermissionDenied):
        services.participant_create(actor=personas.manager, **profile(1))


def writes_and_others(queries, verb: str) -> tuple[int, int]:
    """(statements that write the rows, all other statements)."""
    sql = [q["sql"].lstrip().upper() for q in queries.captured_queries]
    writes = sum(1 for text in sql if text.startswith(verb))
    return writes, len(sql) - writes


def most_writes(n: int, per_row_params: int) -> int:
    """Statements for n rows written in batches of BULK_BATCH, or smaller where the database
    limits the parameters of one statement (SQLite: 999)."""
    limit = connection.features.max_query_params or 10**9
    return -(-n // min(BULK_BATCH, max(1, limit // per_row_params)))


def _count_create(actor, partner, n: int, offset: int) -> tuple[int, int]:
    rows = [profile(offset + i) for i in range(n)]
    with CaptureQueriesContext(connection) as queries:
        result = services.participants_create_bulk(actor=actor, partner=partner, rows=rows)
    assert len(result.written) == n
    return writes_and_others(queries, "INSERT")


def test_bulk_intake_costs_the_same_queries_for_50_and_500_rows(personas, partner_a):
    fields = len(Participant._meta.concrete_fields) - 1  # every column but the id
    assert personas.coach_a.role_names  # read once per user, whatever the size
    small_writes, small_others = _count_create(personas.coach_a, partner_a, 50, 0)
    large_writes, large_others = _count_create(personas.coach_a, partner_a, 500, 1000)
    assert large_others == small_others
    # One INSERT per batch: 1 and 1 on PostgreSQL; 2 and 12 on SQLite (999 parameters).
    assert (small_writes, large_writes) == (most_writes(50, fields), most_writes(500, fields))
    assert Participant.objects.count() == 550


def test_bulk_update_gives_what_participant_update_gives(personas, partner_a):
    colleague = UserFactory(roles=["coach"], partner=partner_a)
    one = [ParticipantFactory(partner=partner_a, coach=personas.coach_a) for _n in range(3)]
    two = [ParticipantFactory(partner=partner_a, coach=personas.coach_a) for _n in range(3)]
    changes = [
        ({"municipality": "Nordborg"}, None),
        ({"last_name": "Østergård", "entry_date": datetime.date(2026, 3, 1)}, colleague),
        ({"gender": "diverse"}, personas.coach_a),
    ]
    before = side_rows()
    for participant, (fields, coach) in zip(one, changes, strict=True):
        services.participant_update(
            actor=personas.coach_a, participant=participant, coach=coach, **fields
        )
    result = services.participants_update_bulk(
        actor=personas.coach_a,
        changes=[
            (participant, coach, fields)
            for participant, (fields, coach) in zip(two, changes, strict=True)
        ],
    )
    assert result.errors == {} and len(result.written) == 3
    for a, b, (fields, _coach) in zip(one, two, changes, strict=True):
        a.refresh_from_db()
        b.refresh_from_db()
        assert snapshot([a]) == [
            {**row, **{k: getattr(a, k) for k in COMPARED if k not in fields and k != "coach_id"}}
            for row in snapshot([b])
        ]
        assert {k: getattr(b, k) for k in fields} == fields
        assert b.updated_at > b.created_at
    assert [p.coach for p in two] == [personas.coach_a, colleague, personas.coach_a]
    assert side_rows() == before


def test_bulk_update_checks_like_participant_update_and_is_all_or_nothing(personas, partner_a):
    good, bad, wrong_coach = (ParticipantFactory(partner=partner_a) for _n in range(3))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    changes = [
        (good, None, {"municipality": "Nordborg"}),
        (bad, None, {"date_of_birth": tomorrow}),
        (wrong_coach, personas.coach_b, {}),
    ]
    result = services.participants_update_bulk(actor=personas.coach_a, changes=changes)
    assert sorted(result.errors) == [1, 2] and result.written == {}
    assert list(result.errors[1].message_dict) == ["date_of_birth"]
    assert list(result.errors[2].message_dict) == ["coach"]
    good.refresh_from_db()
    assert good.municipality != "Nordborg"

    result = services.participants_update_bulk(
        actor=personas.coach_a, changes=changes, all_or_nothing=False
    )
    assert list(result.written) == [0]
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.municipality == "Nordborg" and bad.date_of_birth != tomorrow


def test_bulk_update_costs_the_same_queries_for_50_and_500_rows(personas, partner_a):
    people = ParticipantFactory.create_batch(550, partner=partner_a)
    personas.coach_a.has_role("coach")  # the actor's roles are read once per user object

    def count(batch) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            result = services.participants_update_bulk(
                actor=personas.coach_a,
                changes=[(p, None, {"municipality": f"By {p.pk}"}) for p in batch],
            )
        assert len(result.written) == len(batch)
        return writes_and_others(queries, "UPDATE")

    small_writes, small_others = count(people[:50])
    large_writes, large_others = count(people[50:])
    assert small_others == large_others  # the lock-and-read: one SELECT per batch
    # bulk_update counts 2 + 2 fields (municipality, updated_at) per row against the limit.
    assert (small_writes, large_writes) == (most_writes(50, 4), most_writes(500, 4))
    assert Participant.objects.filter(municipality__startswith="By ").count() == 550
