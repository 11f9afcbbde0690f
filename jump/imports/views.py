"""Imports: the list of imports, upload, preview with progress, commit, the file, templates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from jump.lib.files import private_download

from . import access, selectors, services
from .forms import ImportCommitForm, ImportUploadForm, RowFilterForm
from .kinds import KINDS
from .models import ImportJob
from .template_file import CONTENT_TYPE, build_template

JOBS_PAGE_SIZE = 25
ROWS_PAGE_SIZE = 50


def _kind_or_404(kind: str) -> str:
    if kind not in ImportJob.Kind.values:
        raise Http404
    return kind


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@access.import_user_required
@require_GET
def job_list(request):
    page = Paginator(selectors.import_jobs_for(request.user), JOBS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    kinds = [
        {"key": kind, "label": ImportJob.Kind(kind).label}
        for kind in access.importable_kinds(request.user)
    ]
    return render(request, "imports/importjob_list.html", {"page": page, "kinds": kinds})


@access.import_user_required
@require_http_methods(["GET", "POST"])
def job_create(request, kind):
    kind = _kind_or_404(kind)
    if not access.may_import(request.user, kind):
        raise PermissionDenied
    initial = {}
    if kind == ImportJob.Kind.ATTENDANCE and request.GET.get("activity"):
        initial["activity"] = request.GET["activity"]
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, user=request.user, kind=kind, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                actor=request.user,
                kind=kind,
                upload=form.cleaned_data["file"],
                partner=form.cleaned_data.get("partner"),
                activity=form.cleaned_data.get("activity"),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if job.status == ImportJob.Status.FAILED:
                messages.error(request, job.error)
            elif job.status == ImportJob.Status.UPLOADED:
                messages.info(request, _("The file is being checked; the preview follows."))
            else:
                messages.success(request, _("Check the preview, then import."))
            return redirect("imports:job_detail", public_id=job.public_id)
    return render(
        request,
        "imports/importjob_form.html",
        {
            "form": form,
            "kind": kind,
            "kind_label": ImportJob.Kind(kind).label,
            "columns": KINDS[kind].columns,
        },
    )


@access.import_user_required
@require_GET
def job_detail(request, public_id):
    job = access.get_job_for_user(request.user, public_id)
    filter_form = RowFilterForm(request.GET or None)
    outcome = filter_form.cleaned_data["outcome"] if filter_form.is_valid() else ""
    page = None
    rows = []
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.FAILED):
        page = Paginator(selectors.import_rows(job, outcome), ROWS_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        links = selectors.row_links(request.user, job, page.object_list)
        columns = KINDS[job.kind].columns.by_key
        rows = [
            {
                "row": row,
                "link": links.get(row.target_id),
                "changed": [
                    columns[key].heading() if key in columns else key for key in row.changed_fields
                ],
            }
            for row in page.object_list
        ]
    may_commit = access.may_commit(request.user, job) and job.status == ImportJob.Status.PREVIEWED
    return render(
        request,
        "imports/importjob_detail.html",
        {
            "job": job,
            "page": page,
            "rows": rows,
            "outcome": outcome,
            "filter_form": filter_form,
            "commit_form": ImportCommitForm() if may_commit else None,
            "may_download": job.requested_by_id == request.user.pk
            or request.user.has_role("admin"),
            "link_url": "companies:company_detail"
            if job.kind == ImportJob.Kind.COMPANIES
            else "participants:detail",
        },
    )


@access.import_user_required
@require_GET
def job_progress(request, public_id):
    """The progress box (htmx polls it while the job runs; when it is done, the page reloads)."""
    job = access.get_job_for_user(request.user, public_id)
    response = render(request, "imports/_progress.html", {"job": job})
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@access.import_user_required
@require_POST
def job_commit(request, public_id):
    job = access.get_job_for_user(request.user, public_id, need="commit")
    form = ImportCommitForm(request.POST)
    skip_errors = form.is_valid() and form.cleaned_data["skip_errors"]
    try:
        job = services.import_job_commit(actor=request.user, job=job, skip_errors=skip_errors)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if job.status == ImportJob.Status.COMMITTED:
            messages.success(
                request,
                _("Imported: %(count)s records written.") % {"count": job.count_written},
            )
        elif job.status == ImportJob.Status.COMMITTING:
            messages.info(request, _("The import is running; this page shows its progress."))
        elif job.error:
            messages.error(request, job.error)
    return redirect("imports:job_detail", public_id=job.public_id)


def _job_for_file(request, public_id, **kwargs):
    return access.get_job_for_user(request.user, public_id, need="file")


@access.import_user_required
@require_GET
@logs_access(
    AccessLog.Action.DOWNLOAD,
    what=lambda request, job: f"import file {job.public_id} ({job.kind})",
    resolve=_job_for_file,
    as_="job",
    participant=None,
)
def job_file(request, public_id, job):
    """The uploaded file again: to its importer and admins only, always as an attachment."""
    return private_download(job.file, filename=job.original_filename, content_type=job.content_type)


@access.import_user_required
@require_GET
def template_download(request, kind):
    """The XLSX template of a kind, in the user's language (no personal data in it)."""
    kind = _kind_or_404(kind)
    language = (translation.get_language() or "en")[:2]
    with translation.override(language):
        content = build_template(kind, language)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="jump-import-{kind}-{language}.xlsx"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
