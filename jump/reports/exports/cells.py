"""Cell values for spreadsheets: plain types, neutralised text (SECURITY 17)."""

import datetime
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from ..privacy import neutralise_cell


def xlsx_cell(value):
    """Numbers and dates stay typed; text is neutralised and stripped of the control characters
    the XLSX format cannot hold."""
    if value is None:
        return None
    if isinstance(value, int | Decimal | float | datetime.date) and not isinstance(value, bool):
        return value
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise_cell(str(value)))


def csv_cell(value, decimal_mark: str = ".") -> str:
    """Everything as text: dates in ISO form, numbers with the report's decimal mark (no
    thousands separator, so a spreadsheet reads them as numbers), text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        return str(value).replace(".", decimal_mark)
    return neutralise_cell(str(value))
