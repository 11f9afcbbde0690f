"""Issue 17: the report page never says "being prepared" beside "Status: done"."""

from jump.reports.models import ReportRun

from .test_views import post_request


def test_loop_report_page_says_nothing_stale_when_the_report_is_already_done(
    client_for, world, django_capture_on_commit_callbacks
):
    client = client_for("manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_request(client)
    run = ReportRun.objects.order_by("-pk").first()
    assert run.status == ReportRun.Status.DONE  # eager tasks: built before the page shows
    page = client.get(response["Location"]).content.decode()
    assert "being prepared" not in page
    assert "Your report was requested." in page
