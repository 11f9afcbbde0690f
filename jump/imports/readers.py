"""Reading an uploaded spreadsheet: XLSX (openpyxl, read-only) or CSV, by content, not by name.

What real files contain is expected: title rows (merged cells) above the header row, headings in
Danish, German or English in any case, Excel dates, CSV separated by semicolons or commas,
UTF-8 with or without BOM or Windows-1252, empty rows at the end. What is refused, with a
translated message and before anything is written: files that are not spreadsheets whatever
their name, password-protected or damaged workbooks, files over the size limit, missing
required columns, headers that name a column twice. Formulas are never evaluated: a cell with
a formula becomes an error of that cell.
"""

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import PurePath
from typing import NoReturn

import filetype
import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl.reader import excel as openpyxl_excel
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from .columns import CellProblem, Column, ColumnSet, Formula, cell_text, describe

# More data rows than this: split the file (10 MB of CSV holds far more rows than a partner has).
MAX_ROWS = 20_000
# Rows read in all (data, empty and formatted-but-empty rows) before the file is refused.
MAX_SCANNED_ROWS = 200_000
MAX_COLUMNS = 60
# The header row is looked for among the first rows (title rows may come before it).
HEADER_SCAN_ROWS = 20
HEADER_MIN_MATCHES = 2
# A workbook is a ZIP archive: refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_SIZE = 200 * 1024 * 1024
EXTENSIONS = {".xlsx": "xlsx", ".csv": "csv"}
DELIMITERS = (";", ",", "\t")

_ZIP_SIGNATURE = b"PK\x03\x04"
# Encrypted (password-protected) Office files and old .xls files are OLE compound documents.
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


def _reject(message: str, code: str) -> NoReturn:
    raise ValidationError(message, code=code)


@dataclass
class Table:
    """The data rows of a file with their columns recognised."""

    file_format: str
    header_row: int
    # field key → the heading as written in the file
    headings: dict[str, str]
    # (cell index, column) for every recognised column
    positions: list[tuple[int, Column]]
    ignored: list[str]
    rows: Iterator[tuple[int, list]] = field(repr=False)
    epoch: object = None
    # Rows in the file counted cheaply (without reading cells): an upper bound of the data rows
    # plus the header and title rows, to plan the work (at once or in a task) before reading.
    physical_rows: int = 0

    @property
    def keys(self) -> set[str]:
        return set(self.headings)


def check_size(size: int) -> None:
    limit = settings.MAX_UPLOAD_SIZE
    if size > limit:
        _reject(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            "too_large",
        )
    if size == 0:
        _reject(_("The file is empty."), "empty")


def detect_format(data: bytes, filename: str) -> str:
    """ "xlsx" or "csv", decided by the bytes; the name only has to say one of the two."""
    check_size(len(data))
    extension = PurePath(filename or "").suffix.lower()
    if extension not in EXTENSIONS:
        _reject(_("Upload an XLSX or CSV file."), "extension")
    if data.startswith(_ZIP_SIGNATURE):
        return "xlsx"
    if data.startswith(_OLE_SIGNATURE):
        if _ENCRYPTION_STREAM in data:
            _reject(
                _(
                    "The file is password-protected. Save it again without a password "
                    "and upload it again."
                ),
                "encrypted",
            )
        _reject(
            _("This is an old Excel file (.xls). Save it as an XLSX workbook and upload that."),
            "xls",
        )
    kind = filetype.guess(data[:8192])
    if kind is not None:
        _reject(
            _(
                "This file is a %(type)s file, not a spreadsheet, whatever its name says. "
                "Upload an XLSX or CSV file."
            )
            % {"type": kind.extension.upper()},
            "file_type",
        )
    return "csv"


@contextmanager
def open_table(data: bytes, filename: str, columns: ColumnSet) -> Iterator[Table]:
    """The file's header recognised and its data rows, or ValidationError (nothing is read on)."""
    file_format = detect_format(data, filename)
    if file_format == "xlsx":
        workbook, rows, epoch, physical_rows = _open_xlsx(data)
        try:
            yield _table(file_format, rows, columns, epoch=epoch, physical_rows=physical_rows)
        finally:
            workbook.close()
    else:
        rows, physical_rows = _csv_rows(data, columns)
        yield _table(file_format, rows, columns, physical_rows=physical_rows)


# --- XLSX ---------------------------------------------------------------------------------------


def _damaged() -> ValidationError:
    return ValidationError(
        _("The XLSX file cannot be read: it is damaged or not really an XLSX workbook."),
        code="damaged",
    )


class _SheetWithoutSize(ReadOnlyWorksheet):
    """A read-only sheet that does not read its size on opening.

    openpyxl reads a sheet's <dimension> when it opens it; a sheet without one (as written by
    openpyxl's write-only mode and other libraries) is parsed in full for it — every cell, once
    more than the reading itself (a third of the preview of a 10,000-row file, make bench).
    The size is not used: reset_dimensions() follows and every row is read.
    """

    def _get_size(self):
        return None


@contextmanager
def _sheets_without_size():
    """openpyxl opens its sheets with this class while the workbook loads (a sheet opened with
    openpyxl's own class meanwhile, e.g. by another thread, is only slower, never wrong)."""
    original = openpyxl_excel.ReadOnlyWorksheet
    openpyxl_excel.ReadOnlyWorksheet = _SheetWithoutSize
    try:
        yield
    finally:
        openpyxl_excel.ReadOnlyWorksheet = original


def _open_xlsx(data: bytes):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _damaged() from None
    names = {entry.filename for entry in entries}
    if any(entry.flag_bits & 0x1 for entry in entries):
        _reject(
            _("The file is password-protected. Save it again without a password and upload it."),
            "encrypted",
        )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        _reject(
            _("This is a ZIP archive, not an XLSX workbook. Upload an XLSX or CSV file."),
            "not_xlsx",
        )
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_SIZE:
        _reject(_("The workbook is too large once unpacked. Split it into smaller files."), "bomb")
    try:
        with _sheets_without_size():
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds of error for a damaged workbook
        raise _damaged() from None
    if not workbook.worksheets:
        workbook.close()
        raise _damaged()
    sheet = workbook.worksheets[0]
    # The stored dimensions are often wrong (some programs write "A1"): read every row.
    sheet.reset_dimensions()

    def rows():
        try:
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                yield number, [_xlsx_value(cell) for cell in cells[:MAX_COLUMNS]]
        except ValidationError:
            raise
        except Exception:  # a damaged part of the sheet shows only while it is read
            raise _damaged() from None

    return workbook, rows(), workbook.epoch, _count_xml_rows(archive, sheet)


_XML_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")


def _count_xml_rows(archive: zipfile.ZipFile, sheet) -> int:
    """The <row> elements of the sheet, counted in its XML without parsing (fast); 0 when the
    sheet's part cannot be found (then nothing is planned from it)."""
    path = getattr(sheet, "_worksheet_path", None)
    if not path or path not in archive.namelist():
        return 0
    count, tail = 0, b""
    with archive.open(path) as stream:
        while chunk := stream.read(1 << 20):
            buffer = tail + chunk
            # A match starting in the last bytes may be cut off: it is counted next time.
            cut = max(len(buffer) - 16, 0)
            count += sum(1 for match in _XML_ROW.finditer(buffer) if match.start() < cut)
            tail = buffer[cut:]
    count += len(_XML_ROW.findall(tail))
    return count


def _xlsx_value(cell):
    value = cell.value
    data_type = getattr(cell, "data_type", None)
    if data_type == "f" or isinstance(value, ArrayFormula | DataTableFormula):
        return Formula(str(getattr(value, "text", value)))
    if data_type == "e":
        return CellProblem(str(value))
    if isinstance(value, str):
        return value.strip() or None
    return value


# --- CSV ----------------------------------------------------------------------------------------


def _not_a_spreadsheet() -> ValidationError:
    return ValidationError(
        _(
            "This file is neither an XLSX workbook nor a CSV text file (it may be damaged). "
            "Upload an XLSX or CSV file."
        ),
        code="not_spreadsheet",
    )


def decode_text(data: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _not_a_spreadsheet() from None
    elif b"\x00" in data:
        raise _not_a_spreadsheet()
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise _not_a_spreadsheet() from None
    sample = text[:100_000].rstrip("\x1a")
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if controls > len(sample) // 100:
        raise _not_a_spreadsheet()
    return text


def _read_csv(text: str, delimiter: str) -> Iterator[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [_csv_value(cell) for cell in cells[:MAX_COLUMNS]]
    except csv.Error:
        raise ValidationError(
            _("The CSV file cannot be read: a cell is too long or a quote is not closed."),
            code="csv",
        ) from None


def _csv_value(text: str):
    text = text.strip()
    if not text:
        return None
    # A CSV cell cannot hold a formula; text written like one is refused as one would be.
    if text.startswith("="):
        return Formula(text)
    return text


def _csv_rows(data: bytes, columns: ColumnSet) -> tuple[Iterator[tuple[int, list]], int]:
    text = decode_text(data)

    def score(delimiter: str) -> int:
        rows = islice(_read_csv(text, delimiter), HEADER_SCAN_ROWS)
        try:
            return max((_header_score(cells, columns) for _number, cells in rows), default=0)
        except ValidationError:
            return -1

    delimiter = max(DELIMITERS, key=score)  # the first of equals wins: ";" then ","
    return _read_csv(text, delimiter), text.count("\n") + 1


# --- the header row and the data rows -------------------------------------------------------------


def _header_score(cells: list, columns: ColumnSet) -> int:
    return sum(
        1
        for cell in cells
        if cell is not None
        and not isinstance(cell, Formula | CellProblem)
        and columns.match_header(cell) is not None
    )


def _is_blank(cells: list) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _table(
    file_format: str,
    rows: Iterator[tuple[int, list]],
    columns: ColumnSet,
    epoch=None,
    physical_rows: int = 0,
):
    scanned = list(islice(rows, HEADER_SCAN_ROWS))
    header = next(
        (
            (index, number, cells)
            for index, (number, cells) in enumerate(scanned)
            if _header_score(cells, columns) >= HEADER_MIN_MATCHES
        ),
        None,
    )
    if header is None:
        _reject(
            _(
                "No header row found in the first %(rows)s rows: no row names at least two of "
                "the columns, such as %(columns)s."
            )
            % {
                "rows": HEADER_SCAN_ROWS,
                "columns": "; ".join(describe(column) for column in list(columns)[:3]),
            },
            "no_header",
        )
    index, header_row, header_cells = header
    headings: dict[str, str] = {}
    positions: list[tuple[int, Column]] = []
    ignored: list[str] = []
    for position, cell in enumerate(header_cells):
        if cell is None or isinstance(cell, Formula | CellProblem):
            continue
        text = cell_text(cell)
        column = columns.match_header(text)
        if column is None:
            ignored.append(text[:100])
        elif column.key in headings:
            _reject(
                _("Two columns mean the same (“%(first)s” and “%(second)s”): keep one of them.")
                % {"first": headings[column.key], "second": text},
                "duplicate_column",
            )
        else:
            headings[column.key] = text
            positions.append((position, column))
    data_rows = _data_rows(chain(scanned[index + 1 :], rows))
    return Table(
        file_format=file_format,
        header_row=header_row,
        headings=headings,
        positions=positions,
        ignored=ignored,
        rows=data_rows,
        epoch=epoch,
        physical_rows=physical_rows,
    )


def _data_rows(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """Non-empty rows (empty ones, at the end or between, are skipped), with a row limit."""
    count = 0
    for number, cells in rows:
        if number > MAX_SCANNED_ROWS:
            _too_many_rows()
        if _is_blank(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            _too_many_rows()
        yield number, cells


def _too_many_rows():
    _reject(
        _("The file has more than %(max)s rows. Split it into smaller files.")
        % {"max": number_format(MAX_ROWS, force_grouping=True)},
        "too_many_rows",
    )


def missing_columns_message(missing: list[Column]) -> str:
    return _("Required columns are missing: %(columns)s.") % {
        "columns": "; ".join(describe(column) for column in missing)
    }
