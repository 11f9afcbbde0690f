"""The import benchmark: preview and commit of an n-row participant file (issue 12, `make bench`).

    from jump.imports.bench import bench_import
    bench_import(10_000)  # → {"rows": 10000, "read_s": …, "preview_s": …, "commit_s": …, …}

It builds its own partner and coach, an XLSX file of n new participants (Danish headings, Excel
dates, a merged title row, like a partner's list), runs upload + preview and the commit in this
process (no Celery), checks that every row was written, and removes what it created.
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


def bench_import(n: int = 10_000, *, cleanup: bool = True) -> dict:
    """Time upload + preview and commit of an `n`-row participant file; returns the figures."""
    from django.contrib.auth.models import Group

    from jump.accounts.models import Partner, User
    from participants.models import Participant

    from . import services
    from .models import ImportJob

    tag = uuid.uuid4().hex[:8]
    partner = Partner.objects.create(name=f"Benchmark partner {tag}", country="DK")
    coach = User.objects.create_user(
        email=f"bench.coach.{tag}@bench.example.org", partner=partner, is_active=True
    )
    coach.groups.add(Group.objects.get_or_create(name="coach")[0])
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
    result = {
        "rows": n,
        "file_bytes": len(data),
        "build_file_s": round(built - started, 3),
        "preview_s": round(previewed - built, 3),
        "commit_s": round(committed - previewed, 3),
        "total_s": round(committed - built, 3),
        "status": job.status,
        "written": written,
        "ok": job.status == ImportJob.Status.COMMITTED and written == n,
    }
    if cleanup:
        with transaction.atomic():
            Participant.objects.filter(partner=partner).delete()
            job.file.delete(save=False)
            ImportJob.objects.filter(pk=job.pk).delete()
            coach.delete()
            partner.delete()
    return result
