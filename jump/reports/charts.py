"""Bar charts as server-side SVG, the same markup for the dashboard and the PDF.

Readable without colour: every series has its own fill pattern (solid, hatched, dotted …) shown
in a legend, and every bar carries its value (and series name) as text beside it. The SVG has a
<title> and a <desc> that states the numbers; the page shows the same numbers as a table.
No JavaScript and no external service.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 760
LABEL_WIDTH = 250
BAR_AREA = 380
BAR_HEIGHT = 16
BAR_GAP = 4
GROUP_GAP = 14
LEGEND_ROW = 24
FONT = "DejaVu Sans, Arial, sans-serif"
MAX_LABEL = 38

# (pattern body, colour) — each series differs by its pattern first, its colour second.
PATTERNS = (
    ('<rect width="8" height="8" fill="{c}"/>', "#0b4f6c"),
    (
        '<rect width="8" height="8" fill="#ffffff"/>'
        '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{c}" stroke-width="2"/>',
        "#8a4500",
    ),
    (
        '<rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="2" fill="{c}"/>',
        "#1b5e20",
    ),
    (
        '<rect width="8" height="8" fill="#ffffff"/>'
        '<path d="M0,0 l8,8 M8,0 l-8,8" stroke="{c}" stroke-width="1.5"/>',
        "#6a1b9a",
    ),
    (
        '<rect width="8" height="8" fill="#ffffff"/><path d="M0,4 h8" stroke="{c}" '
        'stroke-width="2"/>',
        "#37474f",
    ),
    ('<rect width="8" height="8" fill="{c}"/>', "#7aa6c2"),
)


@dataclass
class Series:
    label: str
    values: list[int | Decimal | None]


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    categories: list[str]
    series: list[Series] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(value for s in self.series for value in s.values)

    @property
    def table(self) -> list[tuple[str, list]]:
        """The data-table alternative: one row per category, one column per series."""
        return [
            (category, [s.values[index] for s in self.series])
            for index, category in enumerate(self.categories)
        ]

    @property
    def summary(self) -> str:
        """The numbers in words, for the SVG's <desc>."""
        lines = []
        for category, values in self.table:
            pairs = ", ".join(
                f"{s.label} {_number(v)}" for s, v in zip(self.series, values, strict=True)
            )
            lines.append(f"{category}: {pairs}")
        return "; ".join(lines)

    @property
    def svg(self) -> SafeString:
        return mark_safe(render_svg(self))  # noqa: S308 — every text in it is escaped


def _number(value) -> str:
    return "–" if value is None else number_format(value)


def _short(text: str) -> str:
    text = str(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def render_svg(chart: Chart) -> str:
    """The chart as an <svg> element: legend, then a group of horizontal bars per category."""
    sid = escape(chart.slug)
    many = len(chart.series) > 1
    legend_height = LEGEND_ROW * len(chart.series) + 8 if many else 8
    group_height = len(chart.series) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    height = legend_height + group_height * max(len(chart.categories), 1) + 8
    top = max((v or 0 for s in chart.series for v in s.values), default=0) or 1

    out = [
        # Width 100% with a viewBox: the chart scales to its container (page or PDF column).
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="100%" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{sid}-title {sid}-desc" font-family="{FONT}" font-size="12">',
        f'<title id="{sid}-title">{escape(chart.title)}</title>',
        f'<desc id="{sid}-desc">{escape(chart.description)} {escape(chart.summary)}</desc>',
        "<defs>",
    ]
    for index, _series in enumerate(chart.series):
        body, colour = PATTERNS[index % len(PATTERNS)]
        out.append(
            f'<pattern id="{sid}-p{index}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f"{body.format(c=colour)}</pattern>"
        )
    out.append("</defs>")
    if many:
        for index, series in enumerate(chart.series):
            y = 4 + index * LEGEND_ROW
            out.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="16" height="16" '
                f'fill="url(#{sid}-p{index})" stroke="#000000" stroke-width="0.75"/>'
                f'<text x="{LABEL_WIDTH + 24}" y="{y + 12}" fill="#000000">'
                f"{escape(series.label)}</text>"
            )
    for row, category in enumerate(chart.categories):
        y0 = legend_height + row * group_height
        middle = y0 + (len(chart.series) * (BAR_HEIGHT + BAR_GAP)) / 2 + 4
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" fill="#000000">'
            f"{escape(_short(category))}</text>"
        )
        for index, series in enumerate(chart.series):
            value = series.values[row]
            width = (float(value or 0) / float(top)) * BAR_AREA
            y = y0 + index * (BAR_HEIGHT + BAR_GAP)
            label = f"{series.label}: {_number(value)}" if many else _number(value)
            out.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="url(#{sid}-p{index})" stroke="#000000" stroke-width="0.75"/>'
                f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{y + 12}" fill="#000000">'
                f"{escape(label)}</text>"
            )
    out.append("</svg>")
    return "".join(out)
