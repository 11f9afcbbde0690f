"""The caseload's rows as HTML, written here instead of by the template engine (issue 20).

The caseload is the page coaches open most. Its 25 rows appear twice: a table for wide screens
and cards for phones. Rendered by the template engine they were about half of the page's CPU
(some 900 variable lookups, filters and `{% url %}` per page); here every value of a row is
formatted and escaped once and placed in both markups with `format_html`. The markup is the one
the template had; `tests/participants/test_caseload_rows.py` checks it, value by value.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from . import selectors

# The status badge's colour (participants/_status_badge.html).
STATUS_BADGE = {
    "active": "text-bg-success",
    "enrolled": "text-bg-primary",
    "interested": "text-bg-info",
    "completed": "text-bg-dark",
}
DASH = "—"
NOTE = '{}<span class="{}">{}</span>'

TABLE_ROW = (
    '<tr><th scope="row"><a href="{url}">{name}</a>{overdue}</th>'
    "<td>{status}</td><td>{partner}</td><td>{coach}</td><td>{next_step}</td>"
    "<td>{last_contact}</td><td>{follow_ups}</td>"
    '<td><span class="text-nowrap" title="{ladder_title}">{ladder_text}</span> '
    '<span class="small">{ladder_label}</span></td></tr>'
)
CARD = (
    '<li class="card mb-2"><div class="card-body p-3">'
    '<h2 class="h6 card-title mb-1"><a href="{url}">{name}</a>{overdue}</h2>'
    '<p class="mb-2">{status}</p><dl class="row small mb-0">'
    '<dt class="col-6">{next_step_label}</dt><dd class="col-6">{next_step}</dd>'
    '<dt class="col-6">{last_contact_label}</dt><dd class="col-6">{last_contact}</dd>'
    '<dt class="col-6">{follow_ups_label}</dt><dd class="col-6">{follow_ups}</dd>'
    '<dt class="col-6">{coach_label}</dt><dd class="col-6 mb-0">{coach}</dd>'
    "</dl></div></li>"
)


@dataclass(frozen=True)
class CaseloadRow:
    table_row: SafeString
    card: SafeString


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def _with_note(value: str, note: str) -> tuple[SafeString, SafeString]:
    """`value` with a note under it, for the table and for the card (small in the table; the
    card's list is small already)."""
    return (
        format_html(NOTE, value, "d-block small text-body-secondary", note),
        format_html(NOTE, value, "d-block text-body-secondary", note),
    )


def caseload_rows(participants) -> list[CaseloadRow]:
    """The table row and the phone card of each participant of a caseload page (the rows of
    `selectors.caseload_page`, annotated), in the language of the request."""
    top = selectors.LADDER_TOP
    ladder = {
        step: (
            _("Mobility ladder: step %(step)s of %(top)s") % {"step": step, "top": top},
            _("%(step)s/%(top)s") % {"step": step, "top": top},
            str(label),
        )
        for step, label in selectors.LADDER.items()
    }
    overdue = format_html(' <span class="badge text-bg-danger ms-1">{}</span>', _("Overdue"))
    next_follow_up = _("next %(date)s")
    labels = {
        "next_step_label": _("Next step due"),
        "last_contact_label": _("Last contact"),
        "follow_ups_label": _("Open follow-ups"),
        "coach_label": _("Coach"),
    }
    rows = []
    for p in participants:
        ladder_title, ladder_text, ladder_label = ladder[p.mobility_step]
        next_step = next_step_card = DASH
        if p.next_step_due:
            next_step, next_step_card = _with_note(
                _date(p.next_step_due), Truncator(p.next_step_title or "").chars(50)
            )
        follow_ups = follow_ups_card = str(p.open_follow_ups)
        if p.next_follow_up:
            follow_ups, follow_ups_card = _with_note(
                follow_ups, next_follow_up % {"date": _date(p.next_follow_up)}
            )
        coach = (p.coach.get_full_name() or p.coach.email) if p.coach else DASH
        values = {
            "url": reverse("participants:detail", args=[p.public_id]),
            "name": f"{p.last_name}, {p.first_name}",
            "overdue": overdue if p.is_overdue else "",
            "status": format_html(
                '<span class="badge status-badge {}">{}</span>',
                STATUS_BADGE.get(p.status, "text-bg-secondary"),
                p.get_status_display(),
            ),
            "partner": p.partner.name,
            "coach": coach,
            "next_step": next_step,
            "last_contact": _date(p.last_contact) or DASH,
            "follow_ups": follow_ups,
        }
        rows.append(
            CaseloadRow(
                table_row=format_html(
                    TABLE_ROW,
                    ladder_title=ladder_title,
                    ladder_text=ladder_text,
                    ladder_label=ladder_label,
                    **values,
                ),
                card=format_html(
                    CARD,
                    **labels,
                    **{**values, "next_step": next_step_card, "follow_ups": follow_ups_card},
                ),
            )
        )
    return rows
