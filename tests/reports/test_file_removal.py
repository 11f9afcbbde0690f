"""Report files with names leave the disk (docs/security.md item 22): erasing a person deletes
every file with names that may carry them (the run stays, "file removed by erasure"), and files
with names expire after REPORT_FILES_WITH_NAMES_DAYS (the nightly task removes them)."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from jump.audit.erasure import participant_erase
from jump.reports import tasks
from jump.reports.file_removal import named_files_expire
from jump.reports.models import ReportRun

from . import builders as b
from .conftest import done_run

pytestmark = pytest.mark.django_db

REASON = "Funder's audit asks for the named list of participants"


def _named(user, **kw):
    return done_run(user, with_names=True, reason=REASON, **kw)


def test_erasing_a_person_deletes_the_files_with_names_that_may_carry_them(
    personas, partner_a, partner_b, django_capture_on_commit_callbacks
):
    person = b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    everyone = _named(personas.manager)
    their_partner = _named(personas.manager, partner=partner_a)
    other_partner = _named(personas.manager, partner=partner_b)
    other_country = _named(personas.manager, country="DE" if partner_a.country == "DK" else "DK")
    pseudonymised = done_run(personas.manager)

    with django_capture_on_commit_callbacks(execute=True):
        result = participant_erase(participant=person, actor=personas.admin, reason="asked")

    for run in (everyone, their_partner):
        run.refresh_from_db()
        assert run.file_removed == "erasure"
        assert run.status == ReportRun.Status.DONE  # the run stays
        assert not default_storage.exists(run.file.name)
    for run in (other_partner, other_country, pseudonymised):
        run.refresh_from_db()
        assert run.file_removed == ""
        assert default_storage.exists(run.file.name)
    assert result.files_deleted >= 2


def test_a_removed_file_is_not_offered_and_its_download_is_404(
    personas, partner_a, client_for, django_capture_on_commit_callbacks
):
    person = b.participant(partner_a, entry=datetime.date(2026, 3, 10))
    run = _named(personas.manager)
    with django_capture_on_commit_callbacks(execute=True):
        participant_erase(participant=person, actor=personas.admin, reason="asked")
    client = client_for("manager")
    page = client.get(reverse("reports:run_detail", kwargs={"public_id": run.public_id}))
    assert page.status_code == 200
    assert "File removed by erasure" in page.content.decode()
    assert reverse("reports:run_download", kwargs={"public_id": run.public_id}) not in (
        page.content.decode()
    )
    download = client.get(reverse("reports:run_download", kwargs={"public_id": run.public_id}))
    assert download.status_code == 404


def test_files_with_names_expire_after_the_programmes_period(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.REPORT_FILES_WITH_NAMES_DAYS = 30
    now = timezone.now()
    old = _named(personas.manager)
    recent = _named(personas.manager)
    old_pseudonymised = done_run(personas.manager)
    ReportRun.objects.filter(pk__in=[old.pk, old_pseudonymised.pk]).update(
        finished_at=now - datetime.timedelta(days=31)
    )
    ReportRun.objects.filter(pk=recent.pk).update(finished_at=now - datetime.timedelta(days=29))

    with django_capture_on_commit_callbacks(execute=True):
        assert named_files_expire(now) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    old_pseudonymised.refresh_from_db()
    assert old.file_removed == "expired" and not default_storage.exists(old.file.name)
    assert recent.file_removed == "" and default_storage.exists(recent.file.name)
    assert old_pseudonymised.file_removed == "" and default_storage.exists(
        old_pseudonymised.file.name
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert named_files_expire(now) == 0  # idempotent


def test_the_expiry_runs_nightly_and_follows_the_setting(
    personas, settings, django_capture_on_commit_callbacks
):
    schedule = settings.CELERY_BEAT_SCHEDULE["expire-named-report-files"]
    assert schedule["task"] == "jump.reports.tasks.expire_named_report_files"
    settings.REPORT_FILES_WITH_NAMES_DAYS = 7
    run = _named(personas.manager)
    ReportRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    with django_capture_on_commit_callbacks(execute=True):
        tasks.expire_named_report_files.delay()
    run.refresh_from_db()
    assert run.file_removed == "expired"
