"""The benchmark's table: goals checked from the measured ratios; helpers of the harness."""

from bench import indicators_sql, report, timing


def page(median, kind="page", label="A page"):
    return {"label": label, "kind": kind, "median_ms": median, "p95_ms": median * 1.2}


def pages(**medians):
    result = {
        "admin_changelist": page(100, "reference"),
        "admin_search": page(200, "reference"),
        "caseload_first": page(medians.get("first", 20)),
        "caseload_last": page(medians.get("last", 25)),
        "caseload_search": page(medians.get("search", 30)),
    }
    return result


def verdicts(rows):
    return {(name, reference): ok for name, _page, reference, _ratio, _limit, ok in rows}


def test_a_page_within_three_tenths_of_the_admin_changelist_meets_its_goal():
    checked = verdicts(report.page_goals(pages(first=30)))
    assert checked[("caseload_first", "admin changelist")] is True


def test_a_page_above_three_tenths_of_the_admin_changelist_does_not():
    checked = verdicts(report.page_goals(pages(first=31)))
    assert checked[("caseload_first", "admin changelist")] is False


def test_name_search_is_held_to_a_fifth_of_the_admin_search():
    assert verdicts(report.page_goals(pages(search=40)))[("caseload_search", "admin search")]
    assert not verdicts(report.page_goals(pages(search=41)))[("caseload_search", "admin search")]


def test_last_page_is_held_to_one_and_a_half_times_the_first():
    ok = verdicts(report.page_goals(pages(first=20, last=30)))
    assert ok[("caseload_last", "caseload first page")] is True
    late = verdicts(report.page_goals(pages(first=20, last=31)))
    assert late[("caseload_last", "caseload first page")] is False


def test_server_timing_header_is_read_back():
    header = 'app;dur=12.50, db;dur=3.25;desc="7"'
    assert timing.parse(header) == {"app": 12.5, "db": 3.25, "queries": 7}


def test_indicator_differences_name_each_figure_and_part_that_disagrees():
    engine = {"P-TOTAL": (10, {}), "P-GENDER": (10, {"female": 6, "male": 4})}
    reference = {"P-TOTAL": (10, {}), "P-GENDER": (10, {"female": 5, "male": 4})}
    assert indicators_sql.differences(engine, reference) == ["P-GENDER/female: engine 6 vs SQL 5"]
    assert indicators_sql.differences(engine, engine) == []


def test_the_generated_block_of_the_document_is_replaced_and_the_rest_kept(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Title\n\nBefore.\n\n{report.BEGIN}\nold\n{report.END}\n\nAfter.\n")
    report.write_doc(doc, "new table")
    text = doc.read_text()
    assert "old" not in text
    assert "new table" in text
    assert text.startswith("# Title\n\nBefore.") and text.rstrip().endswith("After.")
