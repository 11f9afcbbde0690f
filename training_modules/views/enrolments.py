"""Enrolment: enrol oneself (or, as a manager, someone else), cancel, complete, give feedback."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, selectors, services
from ..forms import EnrolOtherForm, FeedbackForm
from ..models import Enrolment
from ._common import error_message


def _enrolled_message(request, enrolment: Enrolment, *, own: bool) -> None:
    name = enrolment.person
    if enrolment.status == Enrolment.Status.WAITLISTED:
        if own:
            text = _("The session is full: you are on the waiting list.")
        else:
            text = _("The session is full: %(name)s is on the waiting list.") % {"name": name}
        messages.warning(request, text)
    elif own:
        messages.success(request, _("You are enrolled."))
    else:
        messages.success(request, _("%(name)s is enrolled.") % {"name": name})


@require_POST
@access.training_role_required
def enrolment_create(request, public_id):
    """Enrol oneself in a session (POST)."""
    session = access.get_session_for_user(request.user, public_id)
    try:
        enrolment = services.enrolment_create(actor=request.user, session=session)
    except ValidationError as exc:
        error_message(request, exc)
        return redirect("training_modules:session_detail", public_id=session.public_id)
    _enrolled_message(request, enrolment, own=True)
    return redirect("training_modules:enrolment_detail", public_id=enrolment.public_id)


@access.training_role_required
def enrolment_create_other(request, public_id):
    """A programme manager (or admin) enrols a member of staff."""
    access.require_manager(request.user)
    session = access.get_session_for_user(request.user, public_id)
    form = EnrolOtherForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_create(
                actor=request.user, session=session, person=form.cleaned_data["person"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _enrolled_message(request, enrolment, own=False)
            return redirect("training_modules:session_detail", public_id=session.public_id)
    return render(
        request,
        "training_modules/enrolment_form.html",
        {"form": form, "session": session, "module": session.module},
    )


@access.training_role_required
def enrolment_list(request):
    """My training: the user's own enrolments and certificates."""
    enrolments = selectors.my_enrolments(user=request.user)
    return render(request, "training_modules/enrolment_list.html", {"enrolments": enrolments})


@access.training_role_required
def enrolment_detail(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    certificate = getattr(enrolment, "certificate", None)
    feedback = getattr(enrolment, "feedback", None)
    own = enrolment.person_id == request.user.pk
    return render(
        request,
        "training_modules/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "session": enrolment.session,
            "module": enrolment.session.module,
            "certificate": certificate,
            "feedback": feedback,
            "own": own,
            "position": selectors.enrolment_with_position(enrolment=enrolment),
            "can_cancel": enrolment.status
            in (Enrolment.Status.ENROLLED, Enrolment.Status.WAITLISTED)
            and not enrolment.session.has_started,
            "can_give_feedback": access.can_give_feedback(request.user, enrolment),
            "completed": enrolment.status == Enrolment.Status.COMPLETED,
        },
    )


@require_POST
@access.training_role_required
def enrolment_cancel(request, public_id):
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    try:
        services.enrolment_cancel(actor=request.user, enrolment=enrolment)
    except ValidationError as exc:
        error_message(request, exc)
    else:
        messages.success(request, _("The enrolment was cancelled."))
    return redirect("training_modules:enrolment_detail", public_id=enrolment.public_id)


@require_POST
@access.training_role_required
def enrolment_complete(request, public_id):
    """The trainer marks an attended enrolment completed; its certificate is issued. Present on
    fewer days than the session has: a page with the warning and a box to tick first."""
    enrolment = access.get_enrolment_for_user(request.user, public_id, need="complete")
    asked = "attendance_confirmed" in request.POST
    confirmed = request.POST.get("attendance_confirmed") == "1"
    try:
        services.enrolment_complete(
            actor=request.user, enrolment=enrolment, attendance_confirmed=confirmed
        )
    except ValidationError as exc:
        if exc.code != "partial_attendance":
            error_message(request, exc)
        else:
            return render(
                request,
                "training_modules/enrolment_complete_confirm.html",
                {
                    "enrolment": enrolment,
                    "session": enrolment.session,
                    "module": enrolment.session.module,
                    "warning": " ".join(exc.messages),
                    # The form came back without the box ticked: say so on the box.
                    "not_ticked": asked and not confirmed,
                    "failed": asked and not confirmed,
                },
            )
    else:
        messages.success(
            request,
            _("%(name)s has completed the module; the certificate is issued.")
            % {"name": enrolment.person},
        )
    return redirect("training_modules:session_attendance", public_id=enrolment.session.public_id)


@access.training_role_required
def feedback_create(request, public_id):
    """The participant's own evaluation of a session they attended."""
    enrolment = access.get_enrolment_for_user(request.user, public_id)
    if enrolment.person_id != request.user.pk:
        raise PermissionDenied
    if not access.can_give_feedback(request.user, enrolment):
        messages.info(request, _("Feedback is for people who attended, once the session is over."))
        return redirect("training_modules:enrolment_detail", public_id=enrolment.public_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_create(
                actor=request.user,
                enrolment=enrolment,
                rating=form.cleaned_data["rating"],
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as exc:
            error_message(request, exc)
        else:
            messages.success(request, _("Thank you for your feedback."))
        return redirect("training_modules:enrolment_detail", public_id=enrolment.public_id)
    return render(
        request,
        "training_modules/feedback_form.html",
        {"form": form, "enrolment": enrolment, "module": enrolment.session.module},
    )
