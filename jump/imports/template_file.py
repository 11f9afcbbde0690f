"""The downloadable XLSX template of each kind of import.

First sheet: the header row in the user's language, ready to fill in. Second sheet: every column
with its Danish, German and English heading (all three are understood on import), whether it is
required, what to enter and the allowed values. A hidden third sheet holds the drop-down lists.
"""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .kinds import KINDS
from .models import ImportJob

# Drop-down lists cover this many rows of the first sheet.
LIST_ROWS = 5000
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _notes(kind: str) -> list[str]:
    notes: dict[str, str] = {
        ImportJob.Kind.PARTICIPANTS: _(
            "A row updates a participant you work with when the e-mail address matches, or else "
            "first name, last name and date of birth; any other row adds a new participant to "
            "your partner."
        ),
        ImportJob.Kind.COMPANIES: _(
            "A row updates a company in the register when the CVR number (Danish companies) or "
            "the register court and number (German companies) match; any other row registers a "
            "new company."
        ),
        ImportJob.Kind.ATTENDANCE: _(
            "Each row is one participant you work with, found by e-mail address or else by "
            "first name, last name and date of birth, and their attendance at the activity you "
            "choose when uploading."
        ),
    }
    return [
        notes[kind],
        _("Column headings may be in Danish, German or English; the order does not matter."),
        _(
            "When a record is updated, only the columns in the file are changed; an empty cell "
            "leaves the current value as it is."
        ),
        _("Dates: an Excel date, or written as dd.mm.yyyy, dd-mm-yyyy or yyyy-mm-dd."),
        _("Formulas are not accepted: enter the values themselves."),
        _("Nothing is imported before you have seen the preview of every row."),
    ]


def build_template(kind: str, language: str) -> bytes:
    """The template of `kind` with headings in `language` (da, de or en)."""
    handler = KINDS[kind]
    workbook = Workbook()
    data = workbook.active
    data.title = str(ImportJob.Kind(kind).label)[:31]
    explanation = workbook.create_sheet(_("Explanation")[:31])
    lists = workbook.create_sheet("Lists")
    lists.sheet_state = "hidden"

    list_column = 0
    for position, column in enumerate(handler.columns, start=1):
        cell = data.cell(row=1, column=position, value=column.heading(language))
        cell.font = _BOLD
        if column.required:
            cell.fill = _REQUIRED_FILL
        letter = get_column_letter(position)
        data.column_dimensions[letter].width = max(14, len(column.heading(language)) + 4)
        if column.choices:
            list_column += 1
            list_letter = get_column_letter(list_column)
            for index, choice in enumerate(column.choices, start=1):
                lists.cell(row=index, column=list_column, value=choice.label(language))
            validation = DataValidation(
                type="list",
                formula1=(
                    f"{quote_sheetname(lists.title)}!${list_letter}$1:"
                    f"${list_letter}${len(column.choices)}"
                ),
                allow_blank=True,
                errorStyle="warning",
                showErrorMessage=True,
            )
            validation.add(f"{letter}2:{letter}{LIST_ROWS}")
            data.add_data_validation(validation)
    data.freeze_panes = "A2"

    headers = [
        "Dansk",
        "Deutsch",
        "English",
        _("Required"),
        _("What to enter"),
        _("Allowed values"),
    ]
    for position, header in enumerate(headers, start=1):
        explanation.cell(row=1, column=position, value=header).font = _BOLD
    for row, column in enumerate(handler.columns, start=2):
        allowed = "\n".join(
            f"{choice.da} / {choice.de} / {choice.en} ({choice.code})" for choice in column.choices
        )
        values = [
            column.da,
            column.de,
            column.en,
            _("yes") if column.required else _("for a new record") if column.needed_for_new else "",
            str(column.help),
            allowed,
        ]
        for position, value in enumerate(values, start=1):
            explanation.cell(row=row, column=position, value=value).alignment = _WRAP
    for position, width in enumerate((26, 26, 26, 10, 60, 60), start=1):
        explanation.column_dimensions[get_column_letter(position)].width = width
    first_note = len(handler.columns) + 3
    for offset, note in enumerate(_notes(kind)):
        explanation.cell(row=first_note + offset, column=1, value=note)
    explanation.freeze_panes = "A2"

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
