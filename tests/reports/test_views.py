"""The reports pages: dashboard (managers all, coaches their partner), evidence, data quality,
targets, requesting a report (with names: reason + fresh login), its page and its file."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import Placement
from jump.audit.models import AccessLog
from jump.reports.models import IndicatorTarget, ReportRun
from jump.reports.privacy import pseudonym
from participants.models import Outcome
from tests.factories.accounts import TEST_PASSWORD

from . import builders as b
from .builders import MARKER
from .conftest import done_run

D = datetime.date
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
pytestmark = pytest.mark.django_db


def figure(html: str, code: str, which: str = "current") -> str:
    block = re.search(rf'<tr id="indicator-{code}">(.*?)</tr>', html, re.S).group(1)
    return re.search(rf'data-figure="{which}">([^<]*)<', block).group(1)


# --- dashboard ------------------------------------------------------------------------------


def test_the_dashboard_shows_every_indicator_with_its_figures_and_charts(client_for, world):
    response = client_for("manager").get(reverse("reports:dashboard"), MARCH)
    html = response.content.decode()
    assert response.status_code == 200
    for code in ("P-TOTAL", "R-COMPETENCE", "RCO81", "RCO87", "C-HIRE", "S-PRACTICES"):
        assert f'id="indicator-{code}"' in html
    assert figure(html, "P-TOTAL") == "1"
    assert figure(html, "RCO81") == "1"
    assert html.count("<svg") == html.count("</svg>") >= 2
    assert '<title id="chart-entered-title">' in html
    assert "The same numbers as a table" in html


def test_the_dashboard_defaults_to_this_year_so_far(client_for, world):
    response = client_for("manager").get(reverse("reports:dashboard"))
    scope = response.context["scope"]
    today = timezone.localdate()
    assert (scope.start, scope.end) == (today.replace(month=1, day=1), today)
    assert response.context["form"].errors == {}


def test_a_period_ending_before_it_starts_is_an_error_on_the_end_field(client_for, world):
    response = client_for("manager").get(
        reverse("reports:dashboard"), {"start": "2026-03-31", "end": "2026-03-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == ["The period cannot end before it starts."]
    assert response.context["scope"] is None
    assert "indicator-P-TOTAL" not in response.content.decode()


@pytest.mark.parametrize("value", ["8f7a3a8e-0000-4000-8000-000000000000", "not-a-partner"])
def test_a_partner_that_does_not_exist_is_an_error_on_the_partner_field(client_for, world, value):
    response = client_for("manager").get(reverse("reports:dashboard"), {**MARCH, "partner": value})
    assert response.status_code == 200
    assert "partner" in response.context["form"].errors


def test_an_unknown_country_is_an_error(client_for, world):
    response = client_for("manager").get(reverse("reports:dashboard"), {**MARCH, "country": "SE"})
    assert "country" in response.context["form"].errors


def test_a_manager_filters_by_partner_and_country(client_for, world):
    b.participant(world.partner_b)
    client = client_for("manager")
    html = client.get(reverse("reports:dashboard"), MARCH).content.decode()
    assert figure(html, "P-TOTAL") == "2"
    only_b = {**MARCH, "partner": world.partner_b.public_id}
    assert (
        figure(client.get(reverse("reports:dashboard"), only_b).content.decode(), "P-TOTAL") == "1"
    )
    germany = {**MARCH, "country": "DE"}
    assert (
        figure(client.get(reverse("reports:dashboard"), germany).content.decode(), "P-TOTAL") == "1"
    )


def test_a_coach_sees_only_their_own_partners_figures(client_for, world):
    b.participant(world.partner_b)
    b.participant(world.partner_b)
    response = client_for("coach_b").get(reverse("reports:dashboard"), MARCH)
    html = response.content.decode()
    assert figure(html, "P-TOTAL") == "2"
    assert response.context["scope"].partner == world.partner_b
    assert world.partner_b.name in html
    assert 'name="partner"' not in html  # nothing to choose
    # Country filters are not offered to coaches and do not widen their scope.
    wide = client_for("coach_b").get(reverse("reports:dashboard"), {**MARCH, "country": "DK"})
    assert wide.context["scope"].partner == world.partner_b
    assert wide.context["scope"].country == ""


def test_a_coach_asking_for_another_partner_gets_404(client_for, world):
    client = client_for("coach_a")
    other = {**MARCH, "partner": world.partner_b.public_id}
    assert client.get(reverse("reports:dashboard"), other).status_code == 404
    assert client.get(reverse("reports:evidence", args=["P-TOTAL"]), other).status_code == 404
    assert client.get(reverse("reports:data_quality"), other).status_code == 404
    own = {**MARCH, "partner": world.partner_a.public_id}
    assert client.get(reverse("reports:dashboard"), own).status_code == 200


def test_coaches_see_no_links_to_targets_or_reports(client_for, world):
    html = client_for("coach_a").get(reverse("reports:dashboard")).content.decode()
    assert reverse("reports:target_list") not in html
    assert reverse("reports:run_create") not in html


def test_targets_and_progress_show_on_the_dashboard(client_for, world):
    IndicatorTarget.objects.create(code="P-TOTAL", target_value=4)
    html = client_for("manager").get(reverse("reports:dashboard"), MARCH).content.decode()
    row = re.search(r'<tr id="indicator-P-TOTAL">(.*?)</tr>', html, re.S).group(1)
    assert "25.0 %" in row  # 1 of 4
    assert '<progress max="100" value="25.0"' in row


# --- evidence -------------------------------------------------------------------------------


def test_evidence_lists_the_counted_participants_by_pseudonym_never_by_name(client_for, world):
    response = client_for("manager").get(reverse("reports:evidence", args=["P-TOTAL"]), MARCH)
    html = response.content.decode()
    assert pseudonym(world.participant.public_id) in html
    assert MARKER not in html
    assert "2005" not in html  # no birth date, the age band instead
    assert "18–24" in html


def test_evidence_of_a_figure_with_two_kinds_of_records_has_a_tab_for_each(client_for, world):
    url = reverse("reports:evidence", args=["RCO81"])
    client = client_for("manager")
    first = client.get(url, MARCH)
    assert [str(s.label) for s in first.context["sources"]] == [
        "Attendances at cross-border activities",
        "Cross-border placements started",
    ]
    assert first.context["page"].paginator.count == 1
    second = client.get(url, {**MARCH, "source": 1})
    assert second.context["page"].paginator.count == 0
    assert client.get(url, {**MARCH, "source": 2}).status_code == 404
    assert client.get(url, {**MARCH, "source": "x"}).status_code == 404


def test_evidence_of_an_unknown_indicator_is_404(client_for, world):
    assert client_for("manager").get(reverse("reports:evidence", args=["NOPE"])).status_code == 404


def test_a_coachs_evidence_is_their_partners(client_for, world):
    other = b.participant(world.partner_b)
    html = (
        client_for("coach_a")
        .get(reverse("reports:evidence", args=["P-TOTAL"]), MARCH)
        .content.decode()
    )
    assert pseudonym(world.participant.public_id) in html
    assert pseudonym(other.public_id) not in html


# --- data quality ---------------------------------------------------------------------------


@pytest.fixture
def problems(world):
    """One case of each problem for partner A and one for partner B."""
    today = timezone.localdate()
    cases = {}
    for partner in (world.partner_a, world.partner_b):
        left = b.participant(partner, entry=D(2025, 1, 1), exit=today - datetime.timedelta(days=10))
        overdue = b.participant(
            partner, entry=D(2025, 1, 1), exit=today - datetime.timedelta(days=200)
        )
        b.outcome(overdue, Outcome.Timing.EXIT, Outcome.Kind.SEEKING_WORK)
        no_consent = b.participant(partner, entry=D(2026, 2, 1))
        withdrawn = b.participant(partner, entry=D(2026, 2, 1))
        b.consent(withdrawn, given=True)
        b.consent(withdrawn, given=False)
        fine = b.participant(partner, entry=D(2026, 2, 1))
        b.consent(fine, given=True)
        late = b.placement(
            fine,
            b.offer(b.company()),
            status=Placement.Status.ACTIVE,
            start=today - datetime.timedelta(days=30),
            end=today - datetime.timedelta(days=1),
        )
        cases[partner.pk] = (left, overdue, no_consent, withdrawn, fine, late)
    return cases


def _counts(response) -> dict:
    return {s["key"]: s["page"].paginator.count for s in response.context["sections"]}


def test_data_quality_finds_each_kind_of_problem_with_a_link_to_fix_it(client_for, world, problems):
    response = client_for("manager").get(reverse("reports:data_quality"))
    html = response.content.decode()
    counts = _counts(response)
    # Per partner one of each; the world's participant (active, no consent) adds one more.
    assert counts == {"left": 2, "followup": 2, "consent": 2 * 2 + 1, "placements": 2}
    left, overdue, no_consent, withdrawn, fine, late = problems[world.partner_a.pk]
    for person in (left, overdue, no_consent, withdrawn):
        assert reverse("participants:detail", args=[person.public_id]) in html
    assert reverse("participants:detail", args=[fine.public_id]) not in html
    assert reverse("companies:placement_detail", args=[late.public_id]) in html


def test_a_coach_sees_the_data_quality_of_their_own_partner_only(client_for, world, problems):
    response = client_for("coach_b").get(reverse("reports:data_quality"))
    assert _counts(response) == {"left": 1, "followup": 1, "consent": 2, "placements": 1}
    html = response.content.decode()
    for person in problems[world.partner_a.pk][:4]:
        assert str(person.public_id) not in html


def test_a_manager_narrows_data_quality_to_one_partner(client_for, world, problems):
    response = client_for("manager").get(
        reverse("reports:data_quality"), {"partner": world.partner_b.public_id}
    )
    assert _counts(response) == {"left": 1, "followup": 1, "consent": 2, "placements": 1}
    bad = client_for("manager").get(reverse("reports:data_quality"), {"partner": "nonsense"})
    assert bad.status_code == 404


def test_erased_participants_are_not_listed_as_problems(client_for, world):
    b.erase(b.participant(world.partner_a, entry=D(2025, 1, 1), exit=D(2025, 2, 1)))
    counts = _counts(client_for("manager").get(reverse("reports:data_quality")))
    assert counts["left"] == 0


# --- targets --------------------------------------------------------------------------------


def test_a_manager_edits_a_target(client_for, world):
    client = client_for("manager")
    url = reverse("reports:target_edit", args=["RCO81"])
    response = client.post(
        url, {"target_value": "150", "milestone_value": "50", "milestone_date": "2027-06-30"}
    )
    assert response.status_code == 302
    target = IndicatorTarget.objects.get(code="RCO81")
    assert (target.target_value, target.milestone_date) == (150, D(2027, 6, 30))
    assert "150" in client.get(reverse("reports:target_list")).content.decode()


def test_a_half_milestone_is_refused_on_the_right_field(client_for, world):
    response = client_for("manager").post(
        reverse("reports:target_edit", args=["RCO81"]),
        {"target_value": "150", "milestone_value": "50"},
    )
    assert response.status_code == 200
    assert "milestone_date" in response.context["form"].errors
    assert not IndicatorTarget.objects.exists()


def test_a_negative_target_is_refused(client_for, world):
    response = client_for("manager").post(
        reverse("reports:target_edit", args=["RCO81"]), {"target_value": "-1"}
    )
    assert "target_value" in response.context["form"].errors


def test_the_target_of_an_unknown_indicator_is_404(client_for, world):
    response = client_for("manager").get(reverse("reports:target_edit", args=["NOPE"]))
    assert response.status_code == 404


# --- requesting a report --------------------------------------------------------------------


def post_request(client, **data):
    payload = {"period_start": "2026-03-01", "period_end": "2026-03-31", "format": "xlsx"}
    payload.update(data)
    return client.post(reverse("reports:run_create"), payload)


def test_a_report_request_ending_before_it_starts_is_an_error_on_the_end(client_for, world):
    response = post_request(client_for("manager"), period_start="2026-04-01")
    assert response.status_code == 200
    assert "period_end" in response.context["form"].errors
    assert ReportRun.objects.count() == 2  # the world's two runs only


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("partner", "8f7a3a8e-0000-4000-8000-000000000000"),
        ("partner", "x"),
        ("country", "SE"),
        ("format", "docx"),
    ],
)
def test_a_filter_value_that_does_not_exist_is_an_error_on_its_field(
    client_for, world, field, value
):
    response = post_request(client_for("manager"), **{field: value})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert ReportRun.objects.count() == 2


def test_a_pseudonymised_request_goes_to_its_page(
    client_for, world, django_capture_on_commit_callbacks
):
    client = client_for("manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(client, partner=world.partner_a.public_id, country="DK")
    run = ReportRun.objects.latest("pk")
    assert response["Location"] == reverse("reports:run_detail", args=[run.public_id])
    assert (run.partner, run.country, run.with_names) == (world.partner_a, "DK", False)
    assert run.status == ReportRun.Status.DONE
    assert AccessLog.objects.get().action == AccessLog.Action.EXPORT


def test_names_without_a_reason_are_refused_on_the_reason_field(client_for, world):
    client = client_for("manager")
    first = post_request(client, with_names="on", reason="")
    confirmed = client.post(first["Location"], {"password": TEST_PASSWORD})
    assert confirmed.status_code == 200
    assert "reason" in confirmed.context["form"].errors
    assert ReportRun.objects.count() == 2


# --- the run page and its file --------------------------------------------------------------


def test_a_running_report_page_polls_every_two_seconds_and_a_done_one_offers_the_file(
    client_for, world
):
    client = client_for("manager")
    queued = ReportRun.objects.create(
        requested_by=world.personas.manager,
        period_start=D(2026, 3, 1),
        period_end=D(2026, 3, 31),
        format="pdf",
    )
    html = client.get(reverse("reports:run_detail", args=[queued.public_id])).content.decode()
    assert 'hx-trigger="every 2s"' in html
    assert reverse("reports:run_status", args=[queued.public_id]) in html
    html = client.get(reverse("reports:run_detail", args=[world.run.public_id])).content.decode()
    assert "hx-trigger" not in html
    assert reverse("reports:run_download", args=[world.run.public_id]) in html


def test_a_failed_report_shows_its_reason_and_a_retry_button(
    client_for, world, django_capture_on_commit_callbacks
):
    client = client_for("manager")
    url = reverse("reports:run_detail", args=[world.failed_run.public_id])
    html = client.get(url).content.decode()
    assert "The report could not be built because of an error." in html
    retry = reverse("reports:run_retry", args=[world.failed_run.public_id])
    assert f'action="{retry}"' in html and 'method="post"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry)
    assert response.status_code == 302
    world.failed_run.refresh_from_db()
    assert world.failed_run.status == ReportRun.Status.DONE


def test_the_status_partial_stops_polling_when_the_run_is_finished(client_for, world):
    html = (
        client_for("manager")
        .get(reverse("reports:run_status", args=[world.run.public_id]))
        .content.decode()
    )
    # The live region (#run-status) stays on the page; the partial is its contents only.
    assert html.lstrip().startswith('<div id="run-status-body"')
    assert "hx-get" not in html


def test_the_file_is_an_attachment_not_sniffed_not_stored(client_for, world):
    response = client_for("manager").get(
        reverse("reports:run_download", args=[world.run.public_id])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"PK report"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="jump-report-20260301-20260331.xlsx"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    log = AccessLog.objects.get()
    assert (log.action, log.actor) == (AccessLog.Action.DOWNLOAD, world.personas.manager)


def test_a_file_that_is_not_ready_is_404(client_for, world):
    assert (
        client_for("manager")
        .get(reverse("reports:run_download", args=[world.failed_run.public_id]))
        .status_code
        == 404
    )


def test_the_run_list_shows_my_runs(client_for, world):
    mine = done_run(world.personas.manager, fmt="pdf", content=b"%PDF")
    html = client_for("manager").get(reverse("reports:run_list")).content.decode()
    assert reverse("reports:run_detail", args=[mine.public_id]) in html
    assert reverse("reports:run_detail", args=[world.failed_run.public_id]) in html


def test_navigation_shows_reports_to_managers_and_the_dashboard_to_coaches(client_for, world):
    manager = client_for("manager").get(reverse("reports:dashboard")).context["nav_items"]
    coach = client_for("coach_a").get(reverse("reports:dashboard")).context["nav_items"]
    assert reverse("reports:run_list") in [item["url"] for item in manager]
    coach_urls = [item["url"] for item in coach]
    assert reverse("reports:dashboard") in coach_urls
    assert reverse("reports:data_quality") in coach_urls
    assert reverse("reports:run_list") not in coach_urls


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"start": "0001-01-01", "end": "0001-12-31"}, "start"),
        ({"start": "2000-01-01", "end": "2026-12-31"}, "end"),  # longer than ten years
        ({"start": "2026-13-45", "end": "2026-03-01"}, "start"),
        ({"start": "2026-03-01", "end": "\x00"}, "end"),
    ],
)
def test_impossible_periods_are_form_errors_not_server_errors(client_for, world, query, field):
    response = client_for("manager").get(reverse("reports:dashboard"), query)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    response = post_request(
        client_for("manager"), period_start=query["start"], period_end=query["end"]
    )
    assert response.status_code == 200
    assert f"period_{field}" in response.context["form"].errors


def test_only_the_page_one_is_on_is_marked_in_the_navigation(client_for, world):
    items = client_for("manager").get(reverse("reports:run_list")).context["nav_items"]
    active = [item["url"] for item in items if item["active"]]
    assert active == [reverse("reports:run_list")]


def test_the_report_ready_notification_opens_the_runs_page(client_for, world):
    from jump.notifications.models import Notification
    from jump.reports import services

    run = services.report_run_request(
        actor=world.personas.manager,
        period_start=D(2026, 3, 1),
        period_end=D(2026, 3, 31),
        format="csv",
    )
    services.report_run_build(run_id=run.pk)
    notification = Notification.objects.get(recipient=world.personas.manager)
    response = client_for("manager").get(
        reverse("notifications:open", args=[notification.public_id])
    )
    assert response["Location"] == reverse("reports:run_detail", args=[run.public_id])
