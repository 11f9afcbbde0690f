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


def csv_cell(value) -> str:
    """Everything as text: dates in ISO form, numbers as written, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | Decimal | float) and not isinstance(value, bool):
        return str(value)
    return neutralise_cell(str(value))
