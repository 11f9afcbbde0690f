"""SECURITY 22: erasure pseudonymises identifiers and free text, deletes files, keeps the
statistical fields (indicator totals unchanged), is idempotent, is remembered in a ledger that
can be reapplied after a restore; retention erases when a participant's period ends."""

import datetime
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from companies.models import Placement, PlacementFeedback
from jump.audit import erasure
from jump.audit.models import AccessLog, ErasureLedger, Retention
from jump.imports.models import ImportJob, ImportRow
from jump.reports.indicators import indicator_rows
from jump.reports.periods import Scope
from participants.models import Activity, Assessment, Document, Outcome, Participant
from tests.factories.accounts import TEST_PASSWORD
from tests.factories.companies import OfferFactory, PlacementFactory, PlacementFeedbackFactory
from tests.factories.participants import (
    ActivityFactory,
    AssessmentFactory,
    AttendanceFactory,
    OutcomeFactory,
    ParticipantFactory,
)
from tests.participants.conftest import case_file

MARK = "Zx7Erase"


def _marked_participant(tag, *, partner, coach, **extra):
    fields = {
        "first_name": f"{MARK}{tag}First",
        "last_name": f"{MARK}{tag}Last",
        "email": f"{MARK.lower()}{tag.lower()}@example.org",
        "phone": f"+45 {MARK}{tag}",
        "street": f"{MARK}{tag}Street 1",
        "postcode": f"Z{tag}",
        "municipality": f"{MARK}{tag}Town",
        "partner": partner,
        "coach": coach,
        **extra,
    }
    return ParticipantFactory(**fields)


@pytest.fixture
def erasure_world(personas, partner_a, partner_b, company_x):
    """P1: a full case file, a cross-border placement with feedback, a cross-border activity,
    entry and exit assessments, exit and six-month outcomes; birthday after the entry day (so
    that keeping only the birth year would change the age band if done naively).
    P2: partner B, another full case file. P3: untouched bystander."""
    coach = personas.coach_a
    p1 = _marked_participant(
        "P1",
        partner=partner_a,
        coach=coach,
        date_of_birth=datetime.date(2008, 3, 20),  # 17 at entry on 2026-03-10, 18 on 2026-03-20
        entry_date=datetime.date(2026, 3, 10),
        exit_date=datetime.date(2026, 6, 30),
        status=Participant.Status.COMPLETED,
        exit_reason=f"{MARK}P1ExitReason",
    )
    c1 = case_file(p1, coach, marker=f"{MARK}P1Case")
    c1.assessment.note = f"{MARK}P1Assessment"
    c1.assessment.save()
    c1.plan.title = f"{MARK}P1Plan"
    c1.plan.save()
    c1.goal.title = f"{MARK}P1Goal"
    c1.goal.save()
    c1.consent.evidence = f"{MARK}P1Evidence"
    c1.consent.save()
    c1.language.language = "other"
    c1.language.other_language = f"{MARK}P1Language"
    c1.language.save()
    AssessmentFactory(
        participant=p1,
        kind=Assessment.Kind.EXIT,
        date=datetime.date(2026, 6, 30),
        mobility_readiness=5,
        recorded_by=coach,
        note=f"{MARK}P1ExitAssessment",
    )
    OutcomeFactory(
        participant=p1,
        timing=Outcome.Timing.EXIT,
        kind=Outcome.Kind.EMPLOYED,
        cross_border=True,
        date=datetime.date(2026, 6, 30),
        note=f"{MARK}P1Outcome",
        recorded_by=coach,
    )
    activity = ActivityFactory(
        partner=partner_a, cross_border=True, kind=Activity.Kind.CROSS_BORDER_TRIP
    )
    AttendanceFactory(activity=activity, participant=p1, recorded_by=coach)
    offer = OfferFactory(company=company_x, start_date=datetime.date(2026, 4, 1))
    placement = PlacementFactory(
        participant=p1,
        offer=offer,
        status=Placement.Status.COMPLETED,
        start_date=datetime.date(2026, 4, 1),
        end_date=datetime.date(2026, 4, 30),
    )
    PlacementFeedbackFactory(placement=placement, comments=f"{MARK}P1CompanyFeedback")
    PlacementFeedbackFactory(
        placement=placement,
        side=PlacementFeedback.Side.COACH,
        comments=f"{MARK}P1CoachFeedback",
    )
    PlacementFactory(
        participant=p1,
        offer=OfferFactory(company=company_x),
        status=Placement.Status.DECLINED,
        decline_reason=f"{MARK}P1Declined",
    )
    p2 = _marked_participant(
        "P2",
        partner=partner_b,
        coach=personas.coach_b,
        date_of_birth=datetime.date(1999, 12, 31),
        entry_date=datetime.date(2026, 2, 1),
    )
    c2 = case_file(p2, personas.coach_b, marker=f"{MARK}P2Case")
    p3 = ParticipantFactory(partner=partner_a, coach=coach, first_name="Bystander")
    # P1 came in by an import (a new row: no target) and was updated by a later one.
    for target_id in (None, p1.pk):
        job = ImportJob.objects.create(
            kind=ImportJob.Kind.PARTICIPANTS,
            requested_by=coach,
            partner=partner_a,
            file=SimpleUploadedFile("p.csv", f"first_name\n{MARK}P1First\n".encode()),
            file_format=ImportJob.Format.CSV,
            original_filename="p.csv",
            size=30,
        )
        ImportRow.objects.create(
            job=job,
            number=1,
            outcome=ImportRow.Outcome.NEW if target_id is None else ImportRow.Outcome.UPDATE,
            target_id=target_id,
            label=f"{p1.first_name} {p1.last_name}",
            values={"first_name": p1.first_name, "email": p1.email},
        )
    return SimpleNamespace(p1=p1, p2=p2, p3=p3, c1=c1, c2=c2, personas=personas)


def _all_indicator_figures():
    figures = []
    for scope in (
        Scope(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31)),
        Scope(start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31)),
        Scope(start=datetime.date(2027, 1, 1), end=datetime.date(2027, 3, 31)),
    ):
        for row in indicator_rows(scope):
            for figure in (row.previous, row.current, row.cumulative):
                figures.append(
                    (
                        row.indicator.code,
                        figure.value,
                        [(part.key, part.value) for part in figure.parts],
                    )
                )
    return figures


def _database_text():
    """Every row of every table, as text (the whole database, not only the models we know)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(chunks)


def test_sec_22_indicator_totals_are_identical_before_and_after_erasure(erasure_world):
    before = _all_indicator_figures()
    assert any(code == "P-TOTAL" and value for code, value, _parts in before)
    for participant in (erasure_world.p1, erasure_world.p2):
        erasure.participant_erase(
            participant=participant, actor=erasure_world.personas.admin, reason="Art. 17 request"
        )
    assert _all_indicator_figures() == before


def test_sec_22_no_marker_of_the_erased_participants_remains_in_the_database(
    erasure_world, django_capture_on_commit_callbacks
):
    assert MARK in _database_text()
    files = [d.file.path for d in Document.objects.filter(participant=erasure_world.p1)]
    files += [job.file.path for job in ImportJob.objects.all()]
    assert files and all(Path(path).read_bytes() for path in files)
    with django_capture_on_commit_callbacks(execute=True):
        for participant in (erasure_world.p1, erasure_world.p2):
            result = erasure.participant_erase(
                participant=participant, actor=erasure_world.personas.admin, reason="request"
            )
            assert result.erased
    text = _database_text()
    assert MARK not in text
    assert MARK.lower() not in text.lower()
    assert "Bystander" in text  # the sweep does see the data that stays
    assert not Document.objects.filter(participant=erasure_world.p1).exists()
    for path in files:
        assert not Path(path).exists()


def test_sec_22_erasure_keeps_statistical_fields_and_the_age_at_entry(erasure_world):
    p1 = erasure_world.p1
    kept = {
        name: getattr(p1, name)
        for name in (
            "gender",
            "country_of_residence",
            "education_level",
            "labour_market_status",
            "partner_id",
            "status",
            "entry_date",
            "exit_date",
            "public_id",
        )
    }
    erasure.participant_erase(participant=p1, actor=erasure_world.personas.admin, reason="x")
    p1.refresh_from_db()
    assert {name: getattr(p1, name) for name in kept} == kept
    assert p1.erased_at is not None
    assert p1.date_of_birth.year == 2008
    assert p1.date_of_birth == datetime.date(2008, 12, 31)  # still 17 at entry
    assert (p1.email, p1.phone, p1.street, p1.postcode, p1.municipality) == ("",) * 5
    assert p1.placements.count() == 2
    assert p1.outcomes.get().cross_border is True


def test_sec_22_erasure_is_idempotent_and_writes_one_erase_record(erasure_world):
    admin = erasure_world.personas.admin
    first = erasure.participant_erase(participant=erasure_world.p1, actor=admin, reason="req")
    snapshot = _database_text()
    second = erasure.participant_erase(participant=erasure_world.p1, actor=admin, reason="req")
    assert first.erased is True
    assert second.erased is False
    assert _database_text() == snapshot
    (record,) = AccessLog.objects.filter(action=AccessLog.Action.ERASE)
    assert (record.participant, record.actor, record.reason) == (erasure_world.p1, admin, "req")
    assert ErasureLedger.objects.count() == 1


def test_sec_22_ledger_keeps_only_a_keyed_hash_and_the_date(erasure_world, settings):
    erasure.participant_erase(
        participant=erasure_world.p1, actor=erasure_world.personas.admin, reason="x"
    )
    (entry,) = ErasureLedger.objects.all()
    assert entry.subject_hash == erasure.subject_hash(erasure_world.p1.public_id)
    assert str(erasure_world.p1.public_id) not in entry.subject_hash
    assert str(erasure_world.p1.public_id.hex) not in entry.subject_hash
    # Keyed with the ledger's own key: rotating SECRET_KEY (after a leak) changes nothing …
    settings.SECRET_KEY = "another-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABC"
    assert erasure.subject_hash(erasure_world.p1.public_id) == entry.subject_hash
    # … another ledger key gives another hash.
    settings.ERASURE_LEDGER_KEY = "another-ledger-key-0123456789"
    assert erasure.subject_hash(erasure_world.p1.public_id) != entry.subject_hash


def test_sec_22_without_a_ledger_key_erasure_refuses_rather_than_hash_unkeyed(
    erasure_world, settings
):
    settings.ERASURE_LEDGER_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        erasure.subject_hash(erasure_world.p1.public_id)


def test_sec_22_rotating_the_ledger_key_rehashes_database_and_file_and_reapply_still_works(
    erasure_world, settings, tmp_path, django_capture_on_commit_callbacks, capsys, monkeypatch
):
    p1, p2 = erasure_world.p1, erasure_world.p2
    old_key = settings.ERASURE_LEDGER_KEY
    with django_capture_on_commit_callbacks(execute=True):
        erasure.participant_erase(participant=p1, actor=erasure_world.personas.admin, reason="x")
    # An entry of someone who is not in this database stays as it was.
    stranger = ("f" * 64, datetime.date(2026, 1, 2))
    with erasure.ledger_file().open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"hash": stranger[0], "date": stranger[1].isoformat()}) + "\n")

    new_key = "the-new-ledger-key-" + "n" * 40
    settings.ERASURE_LEDGER_KEY = new_key
    key_file = tmp_path / "old-key"
    key_file.write_text(old_key + "\n", encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erasure_ledger_rekey", "--old-key-file", str(key_file))
    out = capsys.readouterr().out
    assert "Rehashed: 1" in out and "left as they were): 1" in out

    new_hash = erasure.subject_hash(p1.public_id, key=new_key)
    assert new_hash != erasure.subject_hash(p1.public_id, key=old_key)
    assert set(ErasureLedger.objects.values_list("subject_hash", flat=True)) == {new_hash}
    in_file = [json.loads(line)["hash"] for line in erasure.ledger_file().read_text().splitlines()]
    assert sorted(in_file) == sorted([new_hash, stranger[0]])

    # After the rotation a restore is still recognised, under the new key only.
    _restore_old_backup(p1, {"first_name": f"{MARK}P1First", "email": "back@example.org"})
    _forget_ledger_rows()
    call_command("erasure_reapply")
    assert "Reapplied: 1" in capsys.readouterr().out
    p1.refresh_from_db()
    p2.refresh_from_db()
    assert p1.erased_at is not None and p1.email == ""
    assert p2.erased_at is None

    # Again with the same old key: nothing left to rehash.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("erasure_ledger_rekey", "--old-key-file", str(key_file))
    assert "Rehashed: 0" in capsys.readouterr().out


def test_sec_22_ledger_rotation_needs_the_old_key(erasure_world, monkeypatch):
    monkeypatch.delenv("ERASURE_LEDGER_OLD_KEY", raising=False)
    with pytest.raises(CommandError, match="old key"):
        call_command("erasure_ledger_rekey")


def _forget_ledger_rows():
    """The restored database's ledger predates the erasure (the trigger is lifted only here,
    as restoring a dump would do, to recreate that state)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_erasureledger DISABLE TRIGGER USER")
        cursor.execute("DELETE FROM audit_erasureledger")
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_erasureledger ENABLE TRIGGER USER")
    assert not ErasureLedger.objects.exists()


def _restore_old_backup(participant, values):
    """What restoring a backup from before the erasure does to the participant's row."""
    Participant.objects.filter(pk=participant.pk).update(erased_at=None, **values)


def test_sec_22_erasure_reapply_erases_again_after_an_older_backup_is_restored(
    erasure_world, django_capture_on_commit_callbacks, capsys
):
    p1, p2 = erasure_world.p1, erasure_world.p2
    with django_capture_on_commit_callbacks(execute=True):
        erasure.participant_erase(participant=p1, actor=erasure_world.personas.admin, reason="x")
    lines = erasure.ledger_file().read_text().splitlines()
    assert [json.loads(line)["hash"] for line in lines] == [erasure.subject_hash(p1.public_id)]
    # The restored database predates the erasure: the row is back, and the ledger row is gone.
    _restore_old_backup(p1, {"first_name": f"{MARK}P1First", "email": "back@example.org"})
    _forget_ledger_rows()
    call_command("erasure_reapply")
    out = capsys.readouterr().out
    assert "Reapplied: 1" in out
    p1.refresh_from_db()
    assert p1.erased_at is not None and p1.first_name == erasure.ERASED_FIRST_NAME
    assert p1.email == ""
    p2.refresh_from_db()
    assert p2.erased_at is None  # never erased, never touched
    call_command("erasure_reapply")
    out = capsys.readouterr().out
    assert "Reapplied: 0" in out and "Already erased: 1" in out


def test_sec_22_erasure_is_refused_under_a_legal_hold(erasure_world):
    Retention.objects.create(participant=erasure_world.p1, legal_hold=True)
    with pytest.raises(ValidationError):
        erasure.participant_erase(
            participant=erasure_world.p1, actor=erasure_world.personas.admin, reason="x"
        )
    erasure_world.p1.refresh_from_db()
    assert erasure_world.p1.erased_at is None
    assert not AccessLog.objects.filter(action=AccessLog.Action.ERASE).exists()


# --- retention -----------------------------------------------------------------------------------


def test_sec_22_default_retention_end_is_five_years_from_31_december_of_final_payment(settings):
    settings.JUMP_FINAL_PAYMENT_DATE = datetime.date(2030, 3, 15)
    assert erasure.default_retention_end() == datetime.date(2035, 12, 31)
    settings.JUMP_FINAL_PAYMENT_DATE = None
    assert erasure.default_retention_end() is None


def test_sec_22_without_a_final_payment_date_nothing_is_erased_automatically(
    erasure_world, settings
):
    settings.JUMP_FINAL_PAYMENT_DATE = None
    result = erasure.retention_apply(today=datetime.date(2099, 1, 1))
    assert result.due == [] and result.erased == 0
    assert not Participant.objects.filter(erased_at__isnull=False).exists()


def test_sec_22_retention_dry_run_lists_public_ids_and_changes_nothing(
    erasure_world, settings, capsys
):
    settings.JUMP_FINAL_PAYMENT_DATE = datetime.date(2030, 3, 15)
    Retention.objects.create(participant=erasure_world.p3, legal_hold=True)
    snapshot = _database_text()
    call_command("apply_retention", "--dry-run", "--date", "2036-01-01")
    out = capsys.readouterr().out
    assert "2 participant(s) would be erased" in out
    assert str(erasure_world.p1.public_id) in out and str(erasure_world.p2.public_id) in out
    assert str(erasure_world.p3.public_id) not in out
    assert MARK not in out and "Bystander" not in out
    assert _database_text() == snapshot


def test_sec_22_retention_erases_when_the_end_has_passed_and_is_idempotent(
    erasure_world, settings, capsys
):
    settings.JUMP_FINAL_PAYMENT_DATE = datetime.date(2030, 3, 15)
    Retention.objects.create(participant=erasure_world.p3, legal_hold=True)
    # P2 has its own, later end.
    Retention.objects.create(participant=erasure_world.p2, retention_end=datetime.date(2040, 1, 1))
    call_command("apply_retention", "--date", "2035-12-31")
    assert "erased 0" in capsys.readouterr().out  # the last day of the period is still kept
    call_command("apply_retention", "--date", "2036-01-01")
    assert "erased 1" in capsys.readouterr().out
    erased = set(Participant.objects.filter(erased_at__isnull=False).values_list("pk", flat=True))
    assert erased == {erasure_world.p1.pk}
    call_command("apply_retention", "--date", "2036-01-01")
    assert "erased 0" in capsys.readouterr().out
    (record,) = AccessLog.objects.filter(action=AccessLog.Action.ERASE)
    assert record.actor is None and record.reason == "retention period ended"
    call_command("apply_retention", "--date", "2040-01-02")
    assert "erased 1" in capsys.readouterr().out
    erasure_world.p3.refresh_from_db()
    assert erasure_world.p3.erased_at is None  # legal hold


def test_sec_22_nightly_retention_task_is_scheduled_and_erases(erasure_world, settings):
    from jump.audit.tasks import apply_retention

    schedule = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "jump.audit.tasks.apply_retention" in schedule
    Retention.objects.create(participant=erasure_world.p1, retention_end=datetime.date(2020, 1, 1))
    assert apply_retention.delay().get() == 1
    assert apply_retention.delay().get() == 0


# --- the erasure page ----------------------------------------------------------------------------


def _reauthenticated(client, url):
    """A fresh login (SECURITY 5): the first request is sent to the password page."""
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.post(response["Location"], {"password": TEST_PASSWORD}).status_code == 302
    return client


def test_sec_22_the_erasure_page_asks_for_a_fresh_login_then_a_reason_and_erases_on_post(
    erasure_world, client_for
):
    p1 = erasure_world.p1
    url = reverse("audit:erase", kwargs={"public_id": p1.public_id})
    client = _reauthenticated(client_for("admin"), url)
    page = client.get(url)
    assert page.status_code == 200
    assert "reason" in page.content.decode()
    p1.refresh_from_db()
    assert p1.erased_at is None  # GET never erases
    refused = client.post(url, {"reason": "  ", "confirm": "on"})
    assert refused.status_code == 200
    assert "reason" in refused.context["form"].errors
    refused = client.post(url, {"reason": "Request of 3 March"})
    assert "confirm" in refused.context["form"].errors
    p1.refresh_from_db()
    assert p1.erased_at is None
    done = client.post(url, {"reason": "Request of 3 March", "confirm": "on"})
    assert done["Location"] == reverse("participants:detail", kwargs={"public_id": p1.public_id})
    p1.refresh_from_db()
    assert p1.erased_at is not None and MARK not in p1.last_name
    record = AccessLog.objects.get(action=AccessLog.Action.ERASE)
    assert (record.actor, record.reason) == (erasure_world.personas.admin, "Request of 3 March")
    again = client.post(url, {"reason": "twice", "confirm": "on"})
    assert again.status_code == 200
    assert AccessLog.objects.filter(action=AccessLog.Action.ERASE).count() == 1


def test_sec_22_the_erasure_page_shows_the_legal_hold_on_the_form(erasure_world, client_for):
    Retention.objects.create(participant=erasure_world.p1, legal_hold=True)
    url = reverse("audit:erase", kwargs={"public_id": erasure_world.p1.public_id})
    client = _reauthenticated(client_for("admin"), url)
    response = client.post(url, {"reason": "Request", "confirm": "on"})
    assert response.status_code == 200
    assert "legal hold" in response.content.decode()
    erasure_world.p1.refresh_from_db()
    assert erasure_world.p1.erased_at is None


@pytest.mark.parametrize(
    ("persona", "status"), [("manager", 403), ("coach_a", 403), ("coach_b", 404)]
)
def test_sec_22_only_admins_erase(erasure_world, client_for, persona, status):
    url = reverse("audit:erase", kwargs={"public_id": erasure_world.p1.public_id})
    response = client_for(persona).post(url, {"reason": "x", "confirm": "on"})
    assert response.status_code == status
    erasure_world.p1.refresh_from_db()
    assert erasure_world.p1.erased_at is None


def test_sec_22_the_participant_page_offers_erasure_to_admins_only(erasure_world, client_for):
    page = reverse("participants:detail", kwargs={"public_id": erasure_world.p1.public_id})
    erase = reverse("audit:erase", kwargs={"public_id": erasure_world.p1.public_id})
    export = reverse("audit:subject_access", kwargs={"public_id": erasure_world.p1.public_id})
    admin_html = client_for("admin").get(page).content.decode()
    assert erase in admin_html and export in admin_html
    for persona in ("manager", "coach_a"):
        html = client_for(persona).get(page).content.decode()
        assert erase not in html and export in html


def test_sec_22_a_namesakes_import_row_at_another_partner_is_left_alone(
    erasure_world, partner_b, django_capture_on_commit_callbacks
):
    p1 = erasure_world.p1
    job = ImportJob.objects.create(
        kind=ImportJob.Kind.PARTICIPANTS,
        requested_by=erasure_world.personas.coach_b,
        partner=partner_b,
        file=SimpleUploadedFile("b.csv", b"first_name\nnamesake\n"),
        file_format=ImportJob.Format.CSV,
        original_filename="b.csv",
        size=20,
    )
    row = ImportRow.objects.create(
        job=job,
        number=1,
        outcome=ImportRow.Outcome.NEW,
        label=f"{p1.first_name} {p1.last_name}",
        values={"first_name": p1.first_name},
    )
    with django_capture_on_commit_callbacks(execute=True):
        erasure.participant_erase(participant=p1, actor=erasure_world.personas.admin, reason="x")
    row.refresh_from_db()
    assert row.label == f"{MARK}P1First {MARK}P1Last"
    assert Path(job.file.path).exists()
