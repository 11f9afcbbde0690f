"""The Jems-shaped table: one row per output and result indicator, with the columns a Jems
project report asks for (docs/indicators.md, "Codes the funder's systems use"), built from a
submitted period's frozen figures, for the whole project or one partner.

Jems lists each result indicator with the output indicators that serve it beneath it: RCR81
(completions of joint training schemes) is served by RCO85 (participations in them); RCR85
(participations after project completion, served by RCO81) is not computed — the programme
measures it after the project ends — and is listed, marked so. RCO87 serves no result we
compute. The programme's own indicators follow. "Previously reported" is the sum of the earlier
submissions; "cumulative" is previously reported plus this report, as Jems adds them.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..indicators import INDICATORS, PERCENT
from ..indicators.esf import esf_name
from ..models import IndicatorTarget, ReportSubmission
from ..periods import Scope
from ..privacy import SMALL_GROUP_LABEL, is_small, suppress_small
from ..submissions import earlier_submissions, figures_from, submitted
from .content import COUNTRY_FILTER, DECIMAL, FLAG, TEXT, Table, flag_header, split_flags

RESULT, OUTPUT = "result", "output"

# (code, type, the result indicator it serves)
JEMS_ORDER = [
    ("RCR81", RESULT, ""),
    ("RCO85", OUTPUT, "RCR81"),
    ("RCR85", RESULT, ""),
    ("RCO81", OUTPUT, "RCR85"),
    ("RCO87", OUTPUT, ""),
]
NOT_COMPUTED = {"RCR85"}
RCR85_NAME = gettext_lazy("Participations in joint actions across borders after project completion")

UNITS = {
    "RCO81": gettext_lazy("participations"),
    "RCO85": gettext_lazy("participations"),
    "RCO87": gettext_lazy("organisations"),
    "RCR81": gettext_lazy("participants"),
    "RCR85": gettext_lazy("participations"),
    "C-ENGAGED": gettext_lazy("companies"),
    "C-SUPPORTED": gettext_lazy("companies"),
    "C-PLACEMENTS": gettext_lazy("placements"),
    "C-HIRE": gettext_lazy("share of completed placements with company feedback (%)"),
    "S-TRAINED": gettext_lazy("persons"),
    "S-MODULES": gettext_lazy("modules"),
    "S-PRACTICES": gettext_lazy("good practices"),
}


def unit_of(code: str) -> str:
    return str(UNITS.get(code, gettext_lazy("participants")))


def jems_table(*, submission: ReportSubmission, scope: Scope) -> Table:
    """The Jems table of one submitted period for the scope's partner (or the whole project)."""
    this = submitted(submission, scope)
    from ..models import SubmissionValue

    before = figures_from(
        SubmissionValue.objects.filter(
            submission__in=earlier_submissions(scope),
            partner=scope.partner,
            country=scope.country,
        )
    )
    targets = {target.code: target for target in IndicatorTarget.objects.all()}
    interreg = {code for code, _type, _serves in JEMS_ORDER}
    order = JEMS_ORDER + [(code, OUTPUT, "") for code in INDICATORS if code not in interreg]

    def shown(code, figure):
        indicator = INDICATORS[code]
        if indicator.unit == PERCENT:
            if any(is_small(part.value) for part in figure.parts):
                return SMALL_GROUP_LABEL
            return figure.value
        return suppress_small(figure.value)

    def cumulative(code):
        indicator = INDICATORS[code]
        if indicator.from_parts is not None:
            parts = {part.key: part.value for part in before[code].parts}
            for part in this[code].parts:
                parts[part.key] = parts.get(part.key, 0) + part.value
            value = indicator.from_parts(parts)
            small = any(is_small(value) for value in parts.values())
            return SMALL_GROUP_LABEL if small else value
        return suppress_small((before[code].value or 0) + (this[code].value or 0))

    def rows() -> Iterator[list]:
        for code, kind, serves in order:
            kind_label = _("Result indicator") if kind == RESULT else _("Output indicator")
            if code in NOT_COMPUTED:
                yield [
                    code,
                    str(RCR85_NAME),
                    "",
                    kind_label,
                    serves,
                    unit_of(code),
                    None,
                    None,
                    *split_flags([None, None, None]),
                    _("Not computed: measured by the programme after the project ends."),
                ]
                continue
            indicator = INDICATORS[code]
            target = targets.get(code)
            yield [
                code,
                str(indicator.name),
                esf_name(code),
                kind_label,
                serves,
                unit_of(code),
                0,
                target.target_value.normalize() if target else None,
                *split_flags(
                    [shown(code, before[code]), shown(code, this[code]), cumulative(code)]
                ),
                "",
            ]

    figures = [_("Previously reported"), _("This report"), _("Cumulative")]
    country = scope.country or _("Both countries")
    return Table(
        name=_("Jems"),
        preamble=[
            [_("Jems project report: indicators")],
            [_("Period"), submission.period_start, submission.period_end],
            [_("Submitted"), submission.submitted_on, submission.reference],
            [_("Partner"), scope.partner.name if scope.partner else _("Whole project")],
            [_("Country"), country],
            [_("Country filter"), str(COUNTRY_FILTER)],
            [],
        ],
        header=[
            _("Code"),
            _("Name"),
            _("ESF+ common indicator"),
            _("Type"),
            _("Serves result indicator"),
            _("Measurement unit"),
            _("Baseline"),
            _("Target"),
            *(title for column in figures for title in (column, flag_header(column))),
            _("Comment"),
        ],
        kinds=[TEXT] * 6 + [DECIMAL, DECIMAL, *[DECIMAL, FLAG] * 3, TEXT],
        rows=rows,
        count=lambda: len(order),
    )
