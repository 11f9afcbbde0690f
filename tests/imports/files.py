"""Real-looking import files, made in the tests with openpyxl and the csv module."""

import csv
import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

PARTICIPANT_HEADER_EN = [
    "First name",
    "Last name",
    "Date of birth",
    "Gender",
    "E-mail",
    "Country of residence",
    "Education level (ISCED)",
    "Labour-market status at entry",
]
PARTICIPANT_HEADER_DA = [
    "Fornavn",
    "Efternavn",
    "Fødselsdato",
    "Køn",
    "E-mail",
    "Bopælsland",
    "Uddannelsesniveau (ISCED)",
    "Arbejdsmarkedsstatus ved start",
]
PARTICIPANT_HEADER_DE = [
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "Geschlecht",
    "E-Mail",
    "Wohnsitzland",
    "Bildungsniveau (ISCED)",
    "Erwerbsstatus bei Eintritt",
]


def participant_row(n: int, **overrides) -> list:
    """An English-coded participant row (fits PARTICIPANT_HEADER_*)."""
    values = {
        "first_name": f"Young{n}",
        "last_name": f"Person{n}",
        "date_of_birth": datetime.date(2004, 1, 1) + datetime.timedelta(days=n % 3000),
        "gender": "female" if n % 2 else "male",
        "email": f"young{n}@example.org",
        "country": "DK",
        "isced": "isced_0_2",
        "status": "unemployed",
    }
    values.update(overrides)
    return list(values.values())


def xlsx_bytes(rows: list[list], *, title: str | None = None, merge_title: int = 0) -> bytes:
    """A workbook whose first sheet holds `rows`, optionally under a merged title row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Liste"
    if title:
        sheet.append([title])
        if merge_title:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=merge_title)
        sheet.append([])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: list[list], *, delimiter: str = ";", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = text.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def zip_that_is_not_xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holiday/photo.txt", "not a workbook")
    return buffer.getvalue()


def password_protected_xlsx() -> bytes:
    """What Excel writes for a workbook with a password to open: an OLE compound document with
    the streams EncryptionInfo and EncryptedPackage (the package itself is encrypted)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff"
    header = header.ljust(512, b"\x00")
    directory = b"".join(
        name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
        for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    return header + directory + bytes(range(256)) * 40


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x9a\xa0\xa0"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
