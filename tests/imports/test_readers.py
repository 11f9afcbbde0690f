"""Reading what real files contain, and refusing what is not a spreadsheet (readers.py)."""

import datetime
import os

import pytest
from django.core.exceptions import ValidationError

from jump.imports import readers
from jump.imports.columns import CellProblem, Formula
from jump.imports.kinds import KINDS

from .files import (
    PARTICIPANT_HEADER_DA,
    PARTICIPANT_HEADER_DE,
    PNG_BYTES,
    csv_bytes,
    password_protected_xlsx,
    xlsx_bytes,
    zip_that_is_not_xlsx,
)

PARTICIPANTS = KINDS["participants"].columns


def read(data: bytes, name: str):
    with readers.open_table(data, name, PARTICIPANTS) as table:
        return table, list(table.rows)


def refused(data: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        read(data, name)
    return info.value


def test_xlsx_with_a_merged_title_row_finds_the_header_and_reads_excel_dates():
    data = xlsx_bytes(
        [
            PARTICIPANT_HEADER_DE,
            ["Jörg", "Müßig", datetime.date(2004, 3, 1), "Männlich", "j@example.org"],
        ],
        title="Teilnehmerliste Flensburg 2026",
        merge_title=6,
    )
    table, rows = read(data, "Teilnehmer.xlsx")
    assert table.file_format == "xlsx"
    assert table.header_row == 3
    assert table.headings["date_of_birth"] == "Geburtsdatum"
    [(number, cells)] = rows
    assert number == 4
    assert cells[:2] == ["Jörg", "Müßig"] and cells[2].date() == datetime.date(2004, 3, 1)


def test_headers_in_danish_and_german_in_any_case_and_spacing_are_recognised():
    header = ["  FORNAVN ", "efternavn", "Geburts-Datum", "KØN", "e-mail-adresse"]
    table, _rows = read(csv_bytes([header, ["A", "B", "01.01.2004", "K", "a@b.dk"]]), "x.csv")
    assert set(table.headings) == {"first_name", "last_name", "date_of_birth", "gender", "email"}


def test_csv_semicolon_windows_1252_keeps_danish_and_german_letters():
    data = csv_bytes(
        [PARTICIPANT_HEADER_DA, ["Søren", "Ærø-Åberg", "17.05.2004", "Mand"], ["Jürgen", "Weiß"]],
        delimiter=";",
        encoding="cp1252",
    )
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    _table, rows = read(data, "deltagere.csv")
    assert rows[0][1][:2] == ["Søren", "Ærø-Åberg"]
    assert rows[1][1][:2] == ["Jürgen", "Weiß"]


def test_csv_utf8_with_bom_and_commas():
    data = csv_bytes(
        [PARTICIPANT_HEADER_DE, ["Ærlig, Åse", "Øster", "2004-05-17"]], delimiter=",", bom=True
    )
    table, rows = read(data, "liste.csv")
    assert table.headings["first_name"] == "Vorname"  # the BOM is not part of the first heading
    assert rows == [(2, ["Ærlig, Åse", "Øster", "2004-05-17"])]


def test_trailing_empty_rows_are_ignored_in_csv_and_xlsx():
    rows = [PARTICIPANT_HEADER_DA, ["A", "B", "01.01.2004"], [None] * 8, [None] * 8, ["", " "]]
    _t, csv_rows = read(csv_bytes(rows), "a.csv")
    _t, xlsx_rows = read(xlsx_bytes(rows), "a.xlsx")
    assert len(csv_rows) == len(xlsx_rows) == 1


def test_a_formula_cell_is_marked_not_evaluated():
    data = xlsx_bytes([PARTICIPANT_HEADER_DA, ["A", "B", "=DATE(2004,1,1)"]])
    _table, rows = read(data, "a.xlsx")
    assert isinstance(rows[0][1][2], Formula)


def test_an_excel_error_value_is_marked():
    data = xlsx_bytes([PARTICIPANT_HEADER_DA, ["A", "B", "#VALUE!"]])
    _table, rows = read(data, "a.xlsx")
    # openpyxl writes "#VALUE!" as an error cell; it comes back as one
    assert isinstance(rows[0][1][2], CellProblem)


def test_unknown_columns_are_listed_as_ignored_and_a_column_named_twice_is_refused():
    table, _rows = read(csv_bytes([[*PARTICIPANT_HEADER_DA, "Bemærkning"]]), "a.csv")
    assert table.ignored == ["Bemærkning"]
    error = refused(csv_bytes([["Fornavn", "Vorname", "Efternavn"]]), "a.csv")
    assert error.code == "duplicate_column"


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (os.urandom(4096), "random.xlsx", "not_spreadsheet"),
        (zip_that_is_not_xlsx(), "archive.xlsx", "not_xlsx"),
        (b"PK\x03\x04" + os.urandom(2000), "damaged.xlsx", "damaged"),
        (password_protected_xlsx(), "protected.xlsx", "encrypted"),
        (PNG_BYTES, "photo.csv", "file_type"),
        (b"a;b\n", "list.pdf", "extension"),
        (b"", "empty.csv", "empty"),
    ],
    ids=["random-bytes", "zip-not-xlsx", "damaged-zip", "password", "png-as-csv", "ext", "empty"],
)
def test_files_that_are_not_spreadsheets_are_refused_with_a_clear_message(data, name, code):
    error = refused(data, name)
    assert error.code == code
    assert error.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    data = csv_bytes([PARTICIPANT_HEADER_DA]) + b"x;y;z\r\n" * (10 * 1024 * 1024 // 7 + 1)
    assert len(data) > 10 * 1024 * 1024
    assert refused(data, "big.csv").code == "too_large"


def test_no_header_row_is_refused_with_the_required_columns_named():
    error = refused(csv_bytes([["Liste"], ["a", "b"], ["c", "d"]]), "a.csv")
    assert error.code == "no_header"
    assert "First name" in error.messages[0] and "Fornavn" in error.messages[0]


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 3)
    data = csv_bytes([PARTICIPANT_HEADER_DA, *[["A", "B", "01.01.2004"]] * 4])
    # The rows are read lazily: the limit is hit while reading them.
    with (
        pytest.raises(ValidationError) as info,
        readers.open_table(data, "a.csv", PARTICIPANTS) as t,
    ):
        list(t.rows)
    assert info.value.code == "too_many_rows"


def test_delimiter_is_sniffed_from_the_header_even_under_a_title_line():
    data = csv_bytes(
        [["Deltagerliste, forår 2026"], PARTICIPANT_HEADER_DA, ["A", "B"]], delimiter=";"
    )
    table, rows = read(data, "a.csv")
    assert table.header_row == 2 and rows[0][1][:2] == ["A", "B"]
