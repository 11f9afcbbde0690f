"""The SVG charts: readable without colour, with a title, a description and the numbers."""

import re

from jump.reports.charts import Chart, Series


def chart(**kw) -> Chart:
    data = {
        "slug": "chart-test",
        "title": "Participants entered",
        "description": "Per month.",
        "categories": ["January 2026", "February 2026"],
        "series": [Series("Denmark", [3, 0]), Series("Germany", [7, 2])],
    }
    data.update(kw)
    return Chart(**data)


def test_the_svg_has_an_accessible_title_and_a_description_with_the_numbers():
    svg = str(chart().svg)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-test-title chart-test-desc"' in svg
    assert '<title id="chart-test-title">Participants entered</title>' in svg
    desc = re.search(r'<desc id="chart-test-desc">(.*?)</desc>', svg).group(1)
    assert "January 2026: Denmark 3, Germany 7" in desc
    assert "February 2026: Denmark 0, Germany 2" in desc


def test_every_bar_carries_its_series_and_value_as_text_and_each_series_its_own_pattern():
    svg = str(chart().svg)
    for label in ("Denmark: 3", "Germany: 7", "Denmark: 0", "Germany: 2"):
        assert f">{label}</text>" in svg
    patterns = re.findall(r'<pattern id="(chart-test-p\d)"', svg)
    assert patterns == ["chart-test-p0", "chart-test-p1"]
    bodies = re.findall(r"<pattern [^>]*>(.*?)</pattern>", svg)
    assert bodies[0] != bodies[1]  # different shapes, not only different colours
    assert svg.count('fill="url(#chart-test-p1)"') == 3  # legend swatch and two bars
    assert ">Denmark</text>" in svg and ">Germany</text>" in svg  # the legend


def test_the_longest_bar_is_the_largest_value():
    widths = [
        float(w)
        for w in re.findall(
            r'<rect x="250" y="[\d.]+" width="([\d.]+)" height="16"', str(chart().svg)
        )
    ]
    bars = widths[2:]  # after the two legend swatches (16 wide)
    assert max(bars) == bars[1]  # Germany, January: 7


def test_text_in_a_chart_is_escaped():
    svg = str(chart(categories=['<script>alert("x")</script>', "B & C"]).svg)
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "B &amp; C" in svg


def test_a_chart_without_numbers_is_empty_and_offers_a_table_alternative():
    empty = chart(series=[Series("Denmark", [0, 0])])
    assert empty.is_empty
    assert chart().table == [("January 2026", [3, 7]), ("February 2026", [0, 2])]
