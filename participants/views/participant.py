"""The participant page and what belongs to the person: profile, status, consent, languages,
co-coaching and the CV."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog

from .. import selectors, services
from ..access import (
    case_worker_required,
    get_child_for_user,
    get_participant_for_user,
    may_change_participant,
    may_manage_shares,
    may_revoke_share,
)
from ..cv import render_cv_pdf
from ..forms import (
    ConsentForm,
    LanguageSkillForm,
    LeaveForm,
    ParticipantForm,
    ShareForm,
    SpecialCategoryForm,
    StatusForm,
    add_errors,
)
from ..models import Consent, LanguageSkill, Outcome
from ..services.participants import PROFILE_FIELDS
from .common import (
    changeable_participant,
    form_page,
    participant_methods,
    save_form,
    to_section,
    visible_participant,
)


def _date(value):
    return formats.date_format(value, "SHORT_DATE_FORMAT")


# The six-month follow-up is due this long after the exit.
SIX_MONTHS = datetime.timedelta(days=182)


@case_worker_required
@participant_methods("GET")
@logs_access(AccessLog.Action.VIEW, what="participant page", resolve=visible_participant)
def participant_detail(request, public_id, participant):
    page = selectors.participant_page(participant)
    today = timezone.localdate()
    six_month_due = participant.exit_date + SIX_MONTHS if participant.exit_date else None
    context = {
        "participant": participant,
        **page,
        "may_change": may_change_participant(request.user, participant),
        "may_manage_shares": may_manage_shares(request.user, participant),
        "allowed_statuses": _staying_statuses(participant),
        "may_leave": bool(_leaving_statuses(participant)),
        "ladder": selectors.LADDER,
        "ladder_label": selectors.LADDER[page["mobility_step"]],
        "ladder_top": selectors.LADDER_TOP,
        "prompt_exit_outcome": participant.has_left and page["exit_outcome"] is None,
        "prompt_six_month_outcome": bool(
            six_month_due and six_month_due <= today and page["six_month_outcome"] is None
        ),
        "six_month_due": six_month_due,
        "special_category_consent": any(
            state.given
            for state in page["consent_states"]
            if state.purpose == Consent.Purpose.SPECIAL_CATEGORY
        ),
        "today": today,
        "timings": Outcome.Timing,
        "outcome_rows": [
            (Outcome.Timing.EXIT, page["exit_outcome"]),
            (Outcome.Timing.SIX_MONTHS, page["six_month_outcome"]),
        ],
    }
    return render(request, "participants/participant_detail.html", context)


@case_worker_required
@participant_methods("GET", "POST")
@logs_access(
    AccessLog.Action.VIEW,
    what="profile form",
    resolve=changeable_participant,
    methods=("GET",),
)
def participant_edit(request, public_id, participant):
    form = ParticipantForm(
        request.POST or None, instance=participant, partner_id=participant.partner_id
    )
    done = save_form(
        request,
        form,
        participant,
        section="profile",
        call=lambda data: services.participant_update(
            actor=request.user,
            participant=participant,
            coach=data["coach"],
            **{name: data[name] for name in PROFILE_FIELDS},
        ),
        success=_("The profile was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit profile"), participant=participant, section="profile"
    )


def _staying_statuses(participant) -> list[str]:
    """The statuses the status form offers: leaving has its own form (participant_leave)."""
    return [s for s in services.allowed_statuses(participant) if s not in services.LEAVING]


def _leaving_statuses(participant) -> list[str]:
    return [s for s in services.allowed_statuses(participant) if s in services.LEAVING]


@case_worker_required
@participant_methods("GET", "POST")
@logs_access(
    AccessLog.Action.VIEW,
    what="special-category form",
    resolve=changeable_participant,
    methods=("GET",),
)
def special_category_edit(request, public_id, participant):
    """Disability and health-related support needs: stored only while the explicit consent
    holds (SECURITY 38); without it the form says so on the field."""
    form = SpecialCategoryForm(request.POST or None, instance=participant)
    done = save_form(
        request,
        form,
        participant,
        section="profile",
        call=lambda data: services.special_category_update(
            actor=request.user, participant=participant, **data
        ),
        success=_("The disability and health data were saved."),
    )
    if done:
        return done
    if services.special_category_consent_holds(participant):
        intro = _(
            "The young person has given explicit consent to this. If they withdraw it, these "
            "fields are cleared."
        )
    else:
        intro = _(
            "Without the young person's explicit consent to disability and health data "
            "(Consent), nothing can be stored here."
        )
    return form_page(
        request,
        form,
        title=_("Disability and health data"),
        participant=participant,
        section="profile",
        intro=intro,
    )


@case_worker_required
@participant_methods("GET", "POST")
def participant_status(request, public_id):
    """Move along interested → enrolled → active; leaving is the one form of participant_leave."""
    participant = get_participant_for_user(request.user, public_id, need="change")
    allowed = _staying_statuses(participant)
    form = StatusForm(
        request.POST or None,
        allowed=allowed,
        initial={"entry_date": participant.entry_date or timezone.localdate()},
    )
    done = save_form(
        request,
        form,
        participant,
        section="profile",
        call=lambda data: services.participant_change_status(
            actor=request.user, participant=participant, **data
        ),
        success=lambda changed: (
            _("The status is now “%(status)s”.") % {"status": changed.get_status_display()}
        ),
    )
    if done:
        return done
    if participant.has_left:
        intro = _("The participant has left the programme; the status does not change any more.")
    elif not allowed:
        intro = _("Current status: %(status)s. What is left is leaving the programme.") % {
            "status": participant.get_status_display()
        }
    else:
        intro = _("Current status: %(status)s.") % {"status": participant.get_status_display()}
    return form_page(
        request,
        form,
        title=_("Change status"),
        participant=participant,
        section="profile",
        intro=intro,
    )


@case_worker_required
@participant_methods("GET", "POST")
@logs_access(
    AccessLog.Action.VIEW,
    what="leave form",
    resolve=changeable_participant,
    methods=("GET",),
)
def participant_leave(request, public_id, participant):
    """Leaving in one form (issue 17): status, exit date and reason, and the exit outcome. The
    form names the person and their entry date: its GET is logged (SECURITY 31)."""
    allowed = _leaving_statuses(participant)
    form = LeaveForm(request.POST or None, allowed=allowed)
    done = save_form(
        request,
        form,
        participant,
        section="outcomes",
        call=lambda data: services.participant_leave(
            actor=request.user, participant=participant, **data
        ),
        success=lambda left: (
            _("%(name)s has left the programme (%(status)s); the exit outcome is recorded.")
            % {"name": left, "status": left.get_status_display().lower()}
        ),
    )
    if done:
        return done
    if participant.has_left:
        intro = _("The participant has left the programme; the status does not change any more.")
    elif not allowed:
        intro = _("Only a participant who is enrolled or active can leave the programme.")
    else:
        intro = _(
            "Current status: %(status)s. Entered on %(date)s. Say how and when the participant "
            "left and where they went; all of it is saved together."
        ) % {
            "status": participant.get_status_display(),
            "date": _date(participant.entry_date) if participant.entry_date else "—",
        }
    return form_page(
        request,
        form,
        title=_("Leave the programme"),
        participant=participant,
        section="profile",
        intro=intro,
        submit_label=_("Save the exit"),
    )


@case_worker_required
@participant_methods("POST")
def consent_record(request, public_id):
    """Give or withdraw a consent: always a new row of the ledger."""
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_record(
                actor=request.user, participant=participant, **form.cleaned_data
            )
        except ValidationError as exc:
            add_errors(form, exc)
    if form.errors:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    elif form.cleaned_data["given"]:
        messages.success(request, _("The consent was recorded."))
    else:
        messages.success(request, _("The consent was withdrawn."))
    return to_section(participant, "consent")


@case_worker_required
@participant_methods("GET", "POST")
def language_add(request, public_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = LanguageSkillForm(
        request.POST or None,
        instance=LanguageSkill(participant=participant),
        initial={"assessed_on": timezone.localdate()},
    )
    done = save_form(
        request,
        form,
        participant,
        section="languages",
        call=lambda data: services.language_skill_add(
            actor=request.user, participant=participant, **data
        ),
        success=_("The language level was recorded."),
    )
    return done or form_page(
        request, form, title=_("Add a language level"), participant=participant, section="languages"
    )


@case_worker_required
@participant_methods("POST")
def language_delete(request, public_id, item_id):
    participant, skill = get_child_for_user(
        request.user, public_id, LanguageSkill, item_id, need="change"
    )
    services.language_skill_delete(actor=request.user, skill=skill)
    messages.success(request, _("The language level was removed."))
    return to_section(participant, "languages")


@case_worker_required
@participant_methods("GET", "POST")
def share_create(request, public_id):
    """Share the case with a coach of a partner in the other country."""
    participant = get_participant_for_user(request.user, public_id, need="change")
    if not may_manage_shares(request.user, participant):
        raise PermissionDenied
    form = ShareForm(request.POST or None, participant=participant)
    done = save_form(
        request,
        form,
        participant,
        section="sharing",
        call=lambda data: services.share_grant(
            actor=request.user, participant=participant, coach=data["coach"]
        ),
        success=lambda share: _("The case is now shared with %(coach)s.") % {"coach": share.coach},
    )
    return done or form_page(
        request,
        form,
        title=_("Share with a coach across the border"),
        participant=participant,
        section="sharing",
        intro=_(
            "The coach will see and work on this case until the sharing is revoked. "
            "Only coaches of a partner in the other country can be chosen."
        ),
    )


@case_worker_required
@participant_methods("POST")
def share_revoke(request, public_id, coach_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    coach = selectors.get_coach_of_share(coach_id)
    if not may_revoke_share(request.user, participant, coach):
        raise PermissionDenied
    try:
        services.share_revoke(actor=request.user, participant=participant, coach=coach)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return to_section(participant, "sharing")
    messages.success(request, _("The sharing with %(coach)s was revoked.") % {"coach": coach})
    if coach.pk == request.user.pk and not may_manage_shares(request.user, participant):
        return redirect("participants:caseload")
    return to_section(participant, "sharing")


def _cv_context(participant):
    return {**selectors.cv_data(participant), "today": timezone.localdate()}


@case_worker_required
@participant_methods("GET")
@logs_access(AccessLog.Action.VIEW, what="CV", resolve=visible_participant)
def participant_cv(request, public_id, participant):
    """A printable Europass-style CV in the participant's preferred language."""
    context = _cv_context(participant)
    with translation.override(participant.preferred_language):
        return render(request, "participants/participant_cv.html", context)


@case_worker_required
@participant_methods("GET")
@logs_access(AccessLog.Action.DOWNLOAD, what="CV (PDF)", resolve=visible_participant)
def participant_cv_pdf(request, public_id, participant):
    pdf = render_cv_pdf(participant, _cv_context(participant))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="cv-{participant.public_id}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
