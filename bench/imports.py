"""The import benchmark: preview and commit of an n-row participant file (issue 12, `make bench`).

    from bench.imports import bench_import
    bench_import(10_000)  # → {"rows": 10000, "preview_s": …, "commit_s": …, "ratio": …, …}

It builds its own partner and coach, an XLSX file of n new participants (Danish headings, Excel
dates, a merged title row, like a partner's list), runs upload + preview and the commit in this
process (no Celery), checks that every row was written, and removes what it created.

The budget is a ratio to a reference measured in the same run, on the same database: a plain
`bulk_create` of the same n participants (objects built in Python, batches of 500, no file, no
checks, no ImportRows), best of three. The import (preview + commit: reading the XLSX, checking
every cell, matching against the partner's participants, writing n ImportRows, then the
participants through participants_create_bulk) must take at most BUDGET_RATIO times that.
Timing is measured here, never asserted in a unit test.
"""

import datetime
import io
import time
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from openpyxl import Workbook

HEADER = [
    "Fornavn",
    "Efternavn",
    "Fødselsdato",
    "Køn",
    "E-mail",
    "Telefon",
    "Postnummer",
    "Kommune",
    "Bopælsland",
    "Uddannelsesniveau (ISCED)",
    "Arbejdsmarkedsstatus ved start",
    "Startdato",
]


def participant_workbook(n: int, *, tag: str = "") -> bytes:
    """An XLSX list of `n` participants (write-only mode: fast and small in memory)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Deltagere")
    sheet.append([f"Deltagerliste {tag}".strip()])
    sheet.append([])
    sheet.append(HEADER)
    first_birthday = datetime.date(1998, 1, 1)
    genders = ("Kvinde", "Mand", "Andet", "Ikke oplyst")
    levels = ("ISCED 0–2", "3", "ISCED 5-8")
    statuses = ("Ledig", "Langtidsledig", "I uddannelse", "Uden for arbejdsstyrken")
    for i in range(n):
        sheet.append(
            [
                f"Ung{i}",
                f"Østergård{tag}",
                first_birthday + datetime.timedelta(days=i % 3650),
                genders[i % 4],
                f"ung{i}.{tag}@bench.example.org",
                f"+45 {20000000 + i}",
                str(6000 + i % 900),
                "Sønderborg",
                "Danmark",
                levels[i % 3],
                statuses[i % 4],
                "01.02.2026",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# The import (preview + commit) may take at most this many times the plain bulk insert.
BUDGET_RATIO = 10.0
REFERENCE_RUNS = 3


def reference_bulk_insert(partner, coach, n: int) -> float:
    """Seconds for a plain bulk_create of n participants like those of the file (best of
    REFERENCE_RUNS; each run in a transaction rolled back, so nothing is left)."""
    from participants.models import Participant

    first_birthday = datetime.date(1998, 1, 1)
    genders = ("female", "male", "diverse", "not_stated")
    levels = ("isced_0_2", "isced_3_4", "isced_5_8")
    statuses = ("unemployed", "long_term_unemployed", "in_education", "inactive")
    best = None
    for _run in range(REFERENCE_RUNS):
        started = time.perf_counter()
        try:
            with transaction.atomic():
                Participant.objects.bulk_create(
                    [
                        Participant(
                            first_name=f"Ung{i}",
                            last_name="Østergård",
                            date_of_birth=first_birthday + datetime.timedelta(days=i % 3650),
                            gender=genders[i % 4],
                            email=f"ung{i}.ref@bench.example.org",
                            phone=f"+45 {20000000 + i}",
                            postcode=str(6000 + i % 900),
                            municipality="Sønderborg",
                            country_of_residence="DK",
                            education_level=levels[i % 3],
                            labour_market_status=statuses[i % 4],
                            entry_date=datetime.date(2026, 2, 1),
                            preferred_language="da",
                            partner=partner,
                            coach=coach,
                        )
                        for i in range(n)
                    ],
                    batch_size=500,
                )
                elapsed = time.perf_counter() - started
                raise _RolledBack
        except _RolledBack:
            pass
        best = elapsed if best is None else min(best, elapsed)
    return best


class _RolledBack(Exception):
    pass


def bench_import(n: int = 10_000, *, cleanup: bool = True) -> dict:
    """Time upload + preview and commit of an `n`-row participant file; returns the figures."""
    from django.contrib.auth.models import Group

    from jump.accounts.models import Partner, User
    from jump.imports import services
    from jump.imports.models import ImportJob
    from participants.models import Participant

    tag = uuid.uuid4().hex[:8]
    partner = Partner.objects.create(name=f"Benchmark partner {tag}", country="DK")
    coach = User.objects.create_user(
        email=f"bench.coach.{tag}@bench.example.org", partner=partner, is_active=True
    )
    coach.groups.add(Group.objects.get_or_create(name="coach")[0])
    reference = reference_bulk_insert(partner, coach, n)
    started = time.perf_counter()
    data = participant_workbook(n, tag=tag)
    built = time.perf_counter()
    job = services.import_job_create(
        actor=coach,
        kind=ImportJob.Kind.PARTICIPANTS,
        upload=SimpleUploadedFile("bench.xlsx", data),
        inline=True,
    )
    previewed = time.perf_counter()
    job = services.import_job_commit(actor=coach, job=job, skip_errors=False, inline=True)
    committed = time.perf_counter()
    written = Participant.objects.filter(partner=partner).count()
    total = committed - built
    result = {
        "rows": n,
        "file_bytes": len(data),
        "build_file_s": round(built - started, 3),
        "preview_s": round(previewed - built, 3),
        "commit_s": round(committed - previewed, 3),
        "total_s": round(total, 6),
        "status": job.status,
        "written": written,
        "ok": job.status == ImportJob.Status.COMMITTED and written == n,
        "reference": "plain bulk_create of the same rows",
        "reference_s": round(reference, 6),
        "ratio": round(total / reference, 1) if reference else None,
        "budget_ratio": BUDGET_RATIO,
        "met": bool(reference) and total <= BUDGET_RATIO * reference,
    }
    if cleanup:
        with transaction.atomic():
            Participant.objects.filter(partner=partner).delete()
            job.file.delete(save=False)
            ImportJob.objects.filter(pk=job.pk).delete()
            coach.delete()
            partner.delete()
    return result
