"""The case file sections: assessments, action plans (goals, steps), case notes, outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import services
from ..access import (
    case_worker_required,
    get_child_for_user,
    get_contact_for_user,
    get_participant_for_user,
)
from ..forms import (
    ActionPlanForm,
    AssessmentForm,
    ContactForm,
    GoalForm,
    OutcomeForm,
    StepForm,
    add_errors,
)
from ..models import ActionPlan, Assessment, Contact, Goal, Outcome, Step
from .common import form_page, participant_methods, to_section


def _date(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def _handle(request, form, participant, section, call, success):
    """Bound form valid → call the service; its ValidationError goes back onto the form."""
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            return to_section(participant, section)
    return None


# --- assessments -------------------------------------------------------------------------------


@case_worker_required
@participant_methods("GET", "POST")
def assessment_create(request, public_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = AssessmentForm(
        request.POST or None,
        instance=Assessment(participant=participant, recorded_by=request.user),
        initial={"date": timezone.localdate()},
    )
    done = _handle(
        request,
        form,
        participant,
        "assessments",
        lambda data: services.assessment_create(
            actor=request.user, participant=participant, **data
        ),
        _("The assessment was saved."),
    )
    return done or form_page(
        request, form, title=_("New assessment"), participant=participant, section="assessments"
    )


@case_worker_required
@participant_methods("GET", "POST")
def assessment_edit(request, public_id, item_id):
    participant, assessment = get_child_for_user(
        request.user, public_id, Assessment, item_id, need="change"
    )
    form = AssessmentForm(request.POST or None, instance=assessment)
    done = _handle(
        request,
        form,
        participant,
        "assessments",
        lambda data: services.assessment_update(actor=request.user, assessment=assessment, **data),
        _("The assessment was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit assessment"), participant=participant, section="assessments"
    )


# --- action plans ------------------------------------------------------------------------------


@case_worker_required
@participant_methods("GET", "POST")
def plan_create(request, public_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = ActionPlanForm(
        request.POST or None,
        instance=ActionPlan(participant=participant, created_by=request.user),
        initial={"starts_on": timezone.localdate()},
    )
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.action_plan_create(
            actor=request.user, participant=participant, **data
        ),
        _("The action plan was created."),
    )
    return done or form_page(
        request, form, title=_("New action plan"), participant=participant, section="plan"
    )


@case_worker_required
@participant_methods("GET", "POST")
def plan_edit(request, public_id, item_id):
    participant, plan = get_child_for_user(
        request.user, public_id, ActionPlan, item_id, need="change"
    )
    form = ActionPlanForm(request.POST or None, instance=plan)
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.action_plan_update(actor=request.user, plan=plan, **data),
        _("The action plan was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit action plan"), participant=participant, section="plan"
    )


@case_worker_required
@participant_methods("GET", "POST")
def goal_create(request, public_id, item_id):
    participant, plan = get_child_for_user(
        request.user, public_id, ActionPlan, item_id, need="change"
    )
    form = GoalForm(request.POST or None, instance=Goal(plan=plan))
    del form.fields["done_on"]
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.goal_create(actor=request.user, plan=plan, **data),
        _("The goal was added."),
    )
    return done or form_page(
        request,
        form,
        title=_("New goal"),
        participant=participant,
        section="plan",
        intro=_("Action plan “%(plan)s”, from %(start)s.")
        % {"plan": plan.title, "start": _date(plan.starts_on)},
    )


@case_worker_required
@participant_methods("GET", "POST")
def goal_edit(request, public_id, item_id):
    participant, goal = get_child_for_user(request.user, public_id, Goal, item_id, need="change")
    form = GoalForm(request.POST or None, instance=goal)
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.goal_update(actor=request.user, goal=goal, **data),
        _("The goal was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit goal"), participant=participant, section="plan"
    )


@case_worker_required
@participant_methods("GET", "POST")
def step_create(request, public_id, item_id):
    participant, goal = get_child_for_user(request.user, public_id, Goal, item_id, need="change")
    form = StepForm(request.POST or None, instance=Step(goal=goal))
    del form.fields["done_on"]
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.step_create(actor=request.user, goal=goal, **data),
        _("The step was added."),
    )
    return done or form_page(
        request,
        form,
        title=_("New step"),
        participant=participant,
        section="plan",
        intro=_("Goal “%(goal)s”; the action plan starts on %(start)s.")
        % {"goal": goal.title, "start": _date(goal.plan.starts_on)},
    )


@case_worker_required
@participant_methods("GET", "POST")
def step_edit(request, public_id, item_id):
    participant, step = get_child_for_user(request.user, public_id, Step, item_id, need="change")
    form = StepForm(request.POST or None, instance=step)
    done = _handle(
        request,
        form,
        participant,
        "plan",
        lambda data: services.step_update(actor=request.user, step=step, **data),
        _("The step was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit step"), participant=participant, section="plan"
    )


@case_worker_required
@participant_methods("POST")
def step_done(request, public_id, item_id):
    participant, step = get_child_for_user(request.user, public_id, Step, item_id, need="change")
    services.step_mark_done(actor=request.user, step=step)
    messages.success(request, _("The step “%(step)s” is done.") % {"step": step.title})
    return to_section(participant, "plan")


# --- case notes --------------------------------------------------------------------------------


@case_worker_required
@participant_methods("GET", "POST")
def contact_create(request, public_id):
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = ContactForm(
        request.POST or None,
        instance=Contact(participant=participant, author=request.user),
        initial={"date": timezone.localdate()},
    )
    done = _handle(
        request,
        form,
        participant,
        "notes",
        lambda data: services.contact_create(actor=request.user, participant=participant, **data),
        _("The case note was saved."),
    )
    return done or form_page(
        request, form, title=_("New case note"), participant=participant, section="notes"
    )


@case_worker_required
@participant_methods("GET", "POST")
def contact_edit(request, public_id, item_id):
    participant, contact = get_contact_for_user(request.user, public_id, item_id, need="change")
    form = ContactForm(request.POST or None, instance=contact)
    done = _handle(
        request,
        form,
        participant,
        "notes",
        lambda data: services.contact_update(actor=request.user, contact=contact, **data),
        _("The case note was saved."),
    )
    return done or form_page(
        request, form, title=_("Edit case note"), participant=participant, section="notes"
    )


@case_worker_required
@participant_methods("POST")
def contact_follow_up_done(request, public_id, item_id):
    participant, contact = get_child_for_user(
        request.user, public_id, Contact, item_id, need="change"
    )
    try:
        services.contact_close_follow_up(actor=request.user, contact=contact)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The follow-up is done."))
    return to_section(participant, "notes")


# --- outcomes ----------------------------------------------------------------------------------


@case_worker_required
@participant_methods("GET", "POST")
def outcome_edit(request, public_id, timing):
    """Record or correct the outcome at exit or six months after."""
    if timing not in Outcome.Timing.values:
        raise Http404
    participant = get_participant_for_user(request.user, public_id, need="change")
    outcome = participant.outcomes.filter(timing=timing).first() or Outcome(
        participant=participant, timing=timing, recorded_by=request.user
    )
    initial = {}
    if outcome.pk is None and participant.exit_date:
        initial["date"] = (
            participant.exit_date if timing == Outcome.Timing.EXIT else timezone.localdate()
        )
    form = OutcomeForm(request.POST or None, instance=outcome, initial=initial)
    done = _handle(
        request,
        form,
        participant,
        "outcomes",
        lambda data: services.outcome_record(
            actor=request.user, participant=participant, timing=timing, **data
        ),
        _("The outcome was saved."),
    )
    if participant.exit_date is None:
        intro = _("Outcomes are recorded once the participant has left the programme.")
    else:
        intro = _("Left on %(date)s: %(reason)s") % {
            "date": _date(participant.exit_date),
            "reason": participant.exit_reason,
        }
    return done or form_page(
        request,
        form,
        title=Outcome.Timing(timing).label,
        participant=participant,
        section="outcomes",
        intro=intro,
    )
