"""jump.lib.batch.fetch_together: several querysets in one statement, the same objects."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count

from jump.lib.batch import fetch_together
from participants.models import Assessment, Attendance, Consent, Participant
from tests.factories.participants import (
    AssessmentFactory,
    AttendanceFactory,
    ConsentFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="one statement needs json_agg (PostgreSQL; run with DATABASE_URL=postgres…)",
)


def field_values(obj):
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


@postgresql_only
def test_the_objects_equal_those_django_reads_in_one_statement(
    personas, partner_a, django_assert_num_queries
):
    coach = personas.coach_a
    participant = ParticipantFactory(partner=partner_a, coach=coach)
    for purpose in ("photos", "special_category"):
        ConsentFactory(participant=participant, purpose=purpose, recorded_by=coach)
    AssessmentFactory(participant=participant, kind="interim", recorded_by=coach)
    AttendanceFactory(participant=participant, recorded_by=coach)
    AttendanceFactory(participant=participant, recorded_by=coach)

    def querysets():
        return (
            participant.consents.select_related("recorded_by").order_by("-pk"),
            Assessment.objects.filter(participant=participant).select_related("recorded_by"),
            participant.attendances.select_related("activity__partner").order_by("-pk"),
            Participant.objects.filter(pk=participant.pk).annotate(n=Count("attendances")),
            Consent.objects.none(),
        )

    expected = [list(queryset) for queryset in querysets()]
    batch = querysets()
    with django_assert_num_queries(1):
        read = fetch_together(*batch)
        consents, assessments, attendances, people, nothing = read
        # Related objects come with them; the querysets' caches are filled.
        names = [c.recorded_by.first_name for c in consents]
        partners = [a.activity.partner.name for a in attendances]
        assert [c.participant is participant for c in consents] == [True, True]
        assert list(batch[0]) == consents
    assert names == [c.recorded_by.first_name for c in expected[0]]
    assert partners == [a.activity.partner.name for a in expected[2]]
    assert nothing == []
    assert people[0].n == 2
    for mine, theirs in zip(read, expected, strict=True):
        assert [field_values(o) for o in mine] == [field_values(o) for o in theirs]
    consent = consents[0]
    assert isinstance(consent.recorded_at, datetime.datetime)
    assert consent.recorded_at.tzinfo is not None
    assert isinstance(attendances[0].activity.date, datetime.date)


def test_prefetch_and_values_querysets_are_refused():
    with pytest.raises(ValueError):
        fetch_together(Participant.objects.prefetch_related("consents"))
    with pytest.raises(ValueError):
        fetch_together(Attendance.objects.values("pk"))


def test_without_json_agg_each_queryset_is_read_on_its_own_with_the_same_objects(
    personas, partner_a, monkeypatch, django_assert_num_queries
):
    """SQLite (`make run`) has no `json_agg`: the participant page must still open there."""
    coach = personas.coach_a
    participant = ParticipantFactory(partner=partner_a, coach=coach)
    ConsentFactory(participant=participant, purpose="photos", recorded_by=coach)
    AttendanceFactory(participant=participant, recorded_by=coach)

    def querysets():
        return (
            participant.consents.select_related("recorded_by").order_by("-pk"),
            Attendance.objects.filter(participant=participant).select_related("activity"),
            Consent.objects.none(),
        )

    expected = [[field_values(o) for o in queryset] for queryset in querysets()]
    monkeypatch.setattr(connection, "vendor", "sqlite")
    batch = querysets()
    with django_assert_num_queries(2):  # the `.none()` reads nothing
        read = fetch_together(*batch)
    assert [[field_values(o) for o in objects] for objects in read] == expected
    assert list(batch[0]) == read[0]
