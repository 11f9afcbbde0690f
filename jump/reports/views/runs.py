"""Report runs: ask for a report, follow its progress, download it, try a failed one again."""

from allauth.account.decorators import reauthentication_required
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog

from .. import selectors, services
from ..access import get_run_for_user, report_manager_required, runs_visible_to
from ..forms import ReportRequestForm, ReportSubmissionForm
from ..models import ReportRun

RUNS_PAGE_SIZE = 25


def _asks_for_names(request) -> bool:
    """Read the checkbox exactly as the form will (any value but "false" or empty is yes)."""
    if request.method != "POST":
        return False
    return forms.CheckboxInput().value_from_datadict(request.POST, None, "with_names")  # type: ignore[arg-type]  # reads no files


@report_manager_required
@require_GET
def run_list(request):
    """My report runs, newest first (admins: everyone's)."""
    runs = runs_visible_to(request.user).select_related("requested_by", "partner")
    page = Paginator(runs, RUNS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return render(request, "reports/run_list.html", {"page": page})


@report_manager_required
@require_http_methods(["GET", "POST"])
# A report with names needs a login confirmed within the last five minutes (SECURITY 5); allauth
# keeps the POST and replays it after the confirmation.
@reauthentication_required(enabled=_asks_for_names)
def run_create(request):
    """Ask for a report: stored first, built by a task, pseudonymised unless names are asked."""
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = services.report_run_request(
                actor=request.user,
                period_start=data["period_start"],
                period_end=data["period_end"],
                partner=data.get("partner"),
                country=data.get("country") or "",
                format=data["format"],
                with_names=data.get("with_names", False),
                reason=data.get("reason", ""),
                csv_separator=data.get("csv_separator") or "",
                decimal_mark=data.get("decimal_mark") or "",
                request=request,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            # The status box below says where it is; with eager tasks the report may already be
            # done, so the message must not say "being prepared" beside "Status: done".
            messages.success(request, _("Your report was requested."))
            return redirect("reports:run_detail", public_id=run.public_id)
    return render(request, "reports/run_form.html", {"form": form})


@report_manager_required
@require_GET
def run_detail(request, public_id):
    run = get_run_for_user(request.user, public_id)
    return render(request, "reports/run_detail.html", {"run": run})


@report_manager_required
@require_GET
@never_cache
def run_status(request, public_id):
    """The status box of a run (htmx polls it every 2 s until the run is finished)."""
    run = get_run_for_user(request.user, public_id)
    return render(request, "reports/_run_status.html", {"run": run})


@report_manager_required
@require_POST
def run_retry(request, public_id):
    run = get_run_for_user(request.user, public_id)
    try:
        services.report_run_retry(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report was requested again."))
    return redirect("reports:run_detail", public_id=run.public_id)


def _run_for_user(request, public_id, **kwargs):
    return get_run_for_user(request.user, public_id)


def _run_file(request, run) -> str:
    return f"report {run.public_id} ({run.format}{', with names' if run.with_names else ''})"


@report_manager_required
@require_GET
@logs_access(
    AccessLog.Action.DOWNLOAD, what=_run_file, resolve=_run_for_user, as_="run", participant=None
)
def run_download(request, public_id, run):
    """The file, as an attachment, to its requester (or an admin) only; anyone else 404."""
    if run.status != ReportRun.Status.DONE or not run.file or run.file_removed:
        raise Http404
    try:
        handle = default_storage.open(run.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=run.download_name())
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@report_manager_required
@require_http_methods(["GET", "POST"])
def submission_list(request):
    """The reports submitted to the funder, and the form to mark one more as submitted."""
    form = ReportSubmissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.report_submission_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("The report %(reference)s is marked as submitted; its figures are frozen.")
                % {"reference": submission.reference},
            )
            return redirect("reports:submission_list")
    submissions = selectors.submissions(request.user)
    return render(
        request, "reports/submission_list.html", {"form": form, "submissions": submissions}
    )
