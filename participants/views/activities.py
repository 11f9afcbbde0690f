"""Activities and the attendance of many participants at once."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..access import (
    case_worker_required,
    get_activity_for_user,
    may_change_activity,
    may_create_activity,
    may_register_attendance,
)
from ..forms import ActivityForm, ActivityRegistrationForm, AttendanceForm, add_errors
from ..models import Activity
from .common import form_page

ACTIVITIES_PAGE_SIZE = 25


@case_worker_required
@require_GET
def activity_list(request):
    mine_only = request.GET.get("mine") == "1"
    activities = selectors.activity_list(request.user, mine_only=mine_only)
    page = Paginator(activities, ACTIVITIES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participants/activity_list.html",
        {
            "page": page,
            "mine_only": mine_only,
            "may_create": may_create_activity(request.user),
        },
    )


@case_worker_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    if not may_create_activity(request.user):
        raise PermissionDenied
    form = ActivityForm(
        request.POST or None,
        instance=Activity(partner=request.user.partner, created_by=request.user),
        initial={"date": timezone.localdate(), "country": request.user.partner.country},
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The activity was created; now register who attended."))
            return redirect("participants:attendance_edit", public_id=activity.public_id)
    return form_page(
        request,
        form,
        title=_("New activity"),
        cancel_url=reverse("participants:activity_list"),
    )


@case_worker_required
@require_GET
def activity_detail(request, public_id):
    activity = get_activity_for_user(request.user, public_id)
    may_register = may_register_attendance(request.user)
    upcoming = activity.date >= timezone.localdate()
    registrations = selectors.activity_registrations(request.user, activity)
    registration_form = None
    if may_register and upcoming:
        registration_form = ActivityRegistrationForm(
            candidates=selectors.registration_candidates(request.user, activity)
        )
    return render(
        request,
        "participants/activity_detail.html",
        {
            "activity": activity,
            "attendances": selectors.activity_attendances(request.user, activity),
            "registrations": registrations,
            "registration_form": registration_form,
            "upcoming": upcoming,
            "may_change": may_change_activity(request.user, activity),
            "may_register": may_register,
        },
    )


@case_worker_required
@require_POST
def activity_registration_add(request, public_id):
    """Put young people on the planned list of an upcoming activity (issue 18)."""
    activity = get_activity_for_user(request.user, public_id)
    if not may_register_attendance(request.user):
        raise PermissionDenied
    form = ActivityRegistrationForm(
        request.POST, candidates=selectors.registration_candidates(request.user, activity)
    )
    if not form.is_valid():
        messages.error(request, _("Choose at least one young person from the list."))
    else:
        try:
            added = services.activity_registration_add(
                actor=request.user, activity=activity, participants=form.chosen()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(count)s registered.") % {"count": added})
    return redirect("participants:activity_detail", public_id=activity.public_id)


@case_worker_required
@require_POST
def activity_registration_remove(request, public_id, participant_id):
    """Take one young person off the planned list."""
    activity = get_activity_for_user(request.user, public_id)
    if not may_register_attendance(request.user):
        raise PermissionDenied
    registration = selectors.activity_registration_or_404(request.user, activity, participant_id)
    try:
        services.activity_registration_remove(
            actor=request.user, activity=activity, participant=registration.participant
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Taken off the list."))
    return redirect("participants:activity_detail", public_id=activity.public_id)


@case_worker_required
@require_http_methods(["GET", "POST"])
def activity_edit(request, public_id):
    activity = get_activity_for_user(request.user, public_id, need="change")
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(actor=request.user, activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("participants:activity_detail", public_id=activity.public_id)
    return form_page(
        request,
        form,
        title=_("Edit activity"),
        cancel_url=reverse("participants:activity_detail", kwargs={"public_id": public_id}),
    )


@case_worker_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request, public_id):
    """One page: the attendance of every participant the user works with, for one activity."""
    activity = get_activity_for_user(request.user, public_id)
    if not may_register_attendance(request.user):
        raise PermissionDenied
    candidates = selectors.attendance_candidates(request.user, activity)
    form = AttendanceForm(
        request.POST or None,
        candidates=candidates,
        prefill_planned=activity.date <= timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.attendance_register(
                actor=request.user, activity=activity, statuses=form.statuses()
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Attendance saved (%(count)s changes).") % {"count": changed}
            )
            return redirect("participants:activity_detail", public_id=activity.public_id)
    return render(
        request,
        "participants/attendance_form.html",
        {"activity": activity, "form": form, "today": timezone.localdate()},
    )
