"""Issue 11, "Bad input": not a spreadsheet, a password-protected or corrupt file, a file over
10 MB, missing required columns, unknown values, formulas in cells → a clear message, in the
user's language, and nothing written (no import, no stored file, no participant)."""

import io
import os
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jump.imports import services
from jump.imports.models import ImportJob
from participants.models import Participant

from .files import (
    PARTICIPANT_HEADER_DA,
    PARTICIPANT_HEADER_EN,
    PNG_BYTES,
    csv_bytes,
    participant_row,
    password_protected_xlsx,
    upload,
    xlsx_bytes,
    zip_that_is_not_xlsx,
)


def zip_encrypted_xlsx() -> bytes:
    """A workbook whose ZIP entries carry the "encrypted" flag (ZIP-level password)."""
    data = bytearray(xlsx_bytes([PARTICIPANT_HEADER_EN, participant_row(1)]))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    for info in archive.infolist():
        offset = info.header_offset + 6  # the local header's general purpose flags
        (flags,) = struct.unpack_from("<H", data, offset)
        struct.pack_into("<H", data, offset, flags | 1)
    position = archive.start_dir
    while (position := bytes(data).find(b"PK\x01\x02", position)) != -1:
        (flags,) = struct.unpack_from("<H", data, position + 8)
        struct.pack_into("<H", data, position + 8, flags | 1)
        position += 4
    return bytes(data)


BAD_FILES = {
    "random-bytes": (os.urandom(4096), "list.xlsx"),
    "png-named-csv": (PNG_BYTES, "list.csv"),
    "pdf-extension": (b"Fornavn;Efternavn\n", "list.pdf"),
    "zip-not-xlsx": (zip_that_is_not_xlsx(), "list.xlsx"),
    "password-protected-xlsx": (password_protected_xlsx(), "list.xlsx"),
    "zip-encrypted-xlsx": (zip_encrypted_xlsx(), "list.xlsx"),
    "corrupt-xlsx": (b"PK\x03\x04" + os.urandom(3000), "list.xlsx"),
    "truncated-xlsx": (
        xlsx_bytes([PARTICIPANT_HEADER_EN, participant_row(1)])[:-200],
        "list.xlsx",
    ),
    "empty": (b"", "list.csv"),
    "missing-required-columns": (
        csv_bytes([["First name", "Gender"], ["Freja", "female"]]),
        "list.csv",
    ),
    "header-but-no-rows": (csv_bytes([PARTICIPANT_HEADER_EN]), "list.csv"),
}


def assert_nothing_written(settings):
    assert ImportJob.objects.count() == 0
    assert Participant.objects.count() == 0
    stored = settings.PRIVATE_ROOT / "imports"
    assert not stored.exists() or not any(p.is_file() for p in stored.rglob("*"))


def refusal(actor, data: bytes, name: str, language: str) -> list[str]:
    with translation.override(language), pytest.raises(ValidationError) as info:
        services.import_job_create(actor=actor, kind="participants", upload=upload(name, data))
    assert list(info.value.message_dict) == ["file"]
    return info.value.message_dict["file"]


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_translated_message_and_nothing_written(
    personas, settings, case
):
    data, name = BAD_FILES[case]
    english = refusal(personas.coach_a, data, name, "en")
    danish = refusal(personas.coach_a, data, name, "da")
    german = refusal(personas.coach_a, data, name, "de")
    assert english[0] and danish[0] and german[0]
    assert danish != english and german != english
    assert_nothing_written(settings)


def test_a_file_over_ten_megabytes_is_refused_in_the_users_language(personas, settings):
    settings.MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    data = csv_bytes([PARTICIPANT_HEADER_EN]) + b"x" * (10 * 1024 * 1024)
    english = refusal(personas.coach_a, data, "big.csv", "en")
    danish = refusal(personas.coach_a, data, "big.csv", "da")
    assert "10" in english[0] and danish != english
    assert_nothing_written(settings)


@pytest.mark.parametrize(
    ("row", "column", "english"),
    [
        (participant_row(2, gender="Weiblichx"), "Køn", "Weiblichx"),
        (participant_row(2, isced="ISCED 9"), "Uddannelsesniveau (ISCED)", "ISCED 9"),
        (participant_row(2, date_of_birth="=TODAY()-7000"), "Fødselsdato", "Formler"),
    ],
    ids=["unknown-gender", "unknown-education-level", "formula"],
)
def test_unknown_values_and_formulas_are_errors_of_their_cell_and_block_the_import(
    personas, make_job, row, column, english
):
    with translation.override("da"):
        job = make_job(
            xlsx_bytes([PARTICIPANT_HEADER_DA, participant_row(1), row]), name="liste.xlsx"
        )
        [error] = job.rows.get(number=3).errors
        assert error["column"] == column and english in error["message"]
        with pytest.raises(ValidationError) as info:
            services.import_job_commit(actor=personas.coach_a, job=job, skip_errors=False)
    assert "1 række har en fejl" in info.value.message_dict["skip_errors"][0]
    assert Participant.objects.count() == 0
    job.refresh_from_db()
    assert (job.status, job.count_new, job.count_error) == ("previewed", 1, 1)
