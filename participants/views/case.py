"""The case file sections: assessments, action plans (goals, steps), case notes, outcomes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog

from .. import selectors, services
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
    NewActionPlanForm,
    OutcomeForm,
    StepForm,
    add_errors,
)
from ..models import ActionPlan, Assessment, Contact, Goal, Outcome, Step
from .common import form_page, participant_methods, save_form, to_section


def _date(value):
    return date_format(value, "SHORT_DATE_FORMAT")


def _form_page(request, form, participant, *, section, call, success, title, intro=None):
    """A case-file part's add or edit page: the form, and on valid input the service."""
    done = save_form(request, form, participant, section=section, call=call, success=success)
    return done or form_page(
        request, form, title=title, participant=participant, section=section, intro=intro
    )


def _child_editor(model, lookup=None):
    """For `logs_access`: (participant, child) if the user may change the child (404 / 403)."""
    lookup = lookup or (
        lambda user, public_id, item_id: get_child_for_user(
            user, public_id, model, item_id, need="change"
        )
    )

    def resolve(request, public_id, item_id, **kwargs):
        return lookup(request.user, public_id, item_id)

    return resolve


def _edit_view(model, form_class, *, what, section, service, field, success, title, lookup=None):
    """The edit page of one part of a case file: the GET of the form shows the part's personal
    data, so it is logged (SECURITY 19), as the profile form is; the POST calls `service`."""

    @case_worker_required
    @participant_methods("GET", "POST")
    @logs_access(
        AccessLog.Action.VIEW,
        what=what,
        resolve=_child_editor(model, lookup),
        as_="found",
        participant=lambda found: found[0],
        methods=("GET",),
    )
    def view(request, public_id, item_id, found):
        participant, obj = found
        form = form_class(request.POST or None, instance=obj)
        return _form_page(
            request,
            form,
            participant,
            section=section,
            call=lambda data: service(actor=request.user, **{field: obj}, **data),
            success=success,
            title=title,
        )

    return view


def _today_initial(field):
    return lambda parent: {field: timezone.localdate()}


def _create_view(
    form_class,
    *,
    parent=None,
    new,
    section,
    service,
    field,
    success,
    title,
    initial=None,
    intro=None,
):
    """The add page of one part of a case file, below the participant (parent None) or below
    a part of it (parent: the model of that part, e.g. a goal below an action plan)."""

    @case_worker_required
    @participant_methods("GET", "POST")
    def view(request, public_id, item_id=None):
        if parent is None:
            participant = owner = get_participant_for_user(request.user, public_id, need="change")
        else:
            participant, owner = get_child_for_user(
                request.user, public_id, parent, item_id, need="change"
            )
        form = form_class(
            request.POST or None,
            instance=new(owner, request.user),
            initial=initial(owner) if initial else None,
        )
        if "done_on" in form.fields:
            del form.fields["done_on"]
        return _form_page(
            request,
            form,
            participant,
            section=section,
            call=lambda data: service(actor=request.user, **{field: owner}, **data),
            success=success,
            title=title,
            intro=intro(owner) if intro else None,
        )

    return view


# --- assessments -------------------------------------------------------------------------------

assessment_create = _create_view(
    AssessmentForm,
    new=lambda participant, user: Assessment(participant=participant, recorded_by=user),
    initial=_today_initial("date"),
    section="assessments",
    service=services.assessment_create,
    field="participant",
    success=gettext_lazy("The assessment was saved."),
    title=gettext_lazy("New assessment"),
)
assessment_edit = _edit_view(
    Assessment,
    AssessmentForm,
    what="assessment form",
    section="assessments",
    service=services.assessment_update,
    field="assessment",
    success=gettext_lazy("The assessment was saved."),
    title=gettext_lazy("Edit assessment"),
)

# --- action plans ------------------------------------------------------------------------------


@case_worker_required
@participant_methods("GET", "POST")
def plan_create(request, public_id):
    """A new action plan with its first goal and first steps, in one form (issue 17)."""
    participant = get_participant_for_user(request.user, public_id, need="change")
    form = NewActionPlanForm(
        request.POST or None,
        instance=ActionPlan(participant=participant, created_by=request.user),
        initial={"starts_on": timezone.localdate()},
    )
    return _form_page(
        request,
        form,
        participant,
        section="plan",
        call=lambda data: services.action_plan_create(
            actor=request.user, participant=participant, **form.service_data()
        ),
        success=_("The action plan was created."),
        title=_("New action plan"),
        intro=_(
            "Give the plan its first goal and the first steps towards it. More goals and "
            "steps can be added on the case file."
        ),
    )


plan_edit = _edit_view(
    ActionPlan,
    ActionPlanForm,
    what="action plan form",
    section="plan",
    service=services.action_plan_update,
    field="plan",
    success=gettext_lazy("The action plan was saved."),
    title=gettext_lazy("Edit action plan"),
)
_goal_create_page = _create_view(
    GoalForm,
    parent=ActionPlan,
    new=lambda plan, user: Goal(plan=plan),
    section="plan",
    service=services.goal_create,
    field="plan",
    success=gettext_lazy("The goal was added."),
    title=gettext_lazy("New goal"),
    intro=lambda plan: (
        _("Action plan “%(plan)s”, from %(start)s.")
        % {"plan": plan.title, "start": _date(plan.starts_on)}
    ),
)
goal_edit = _edit_view(
    Goal,
    GoalForm,
    what="goal form",
    section="plan",
    service=services.goal_update,
    field="goal",
    success=gettext_lazy("The goal was saved."),
    title=gettext_lazy("Edit goal"),
)
_step_create_page = _create_view(
    StepForm,
    parent=Goal,
    new=lambda goal, user: Step(goal=goal),
    section="plan",
    service=services.step_create,
    field="goal",
    success=gettext_lazy("The step was added."),
    title=gettext_lazy("New step"),
    intro=lambda goal: (
        _("Goal “%(goal)s”; the action plan starts on %(start)s.")
        % {"goal": goal.title, "start": _date(goal.plan.starts_on)}
    ),
)


def _plan_fragment(request, participant, plan, **extra):
    """The case file's card of one action plan (htmx: swapped in place of the old one)."""
    return render(
        request,
        "participants/_plan_card.html",
        {
            "participant": participant,
            "plan": selectors.plan_card(plan),
            "may_change": True,
            "today": timezone.localdate(),
            **extra,
        },
    )


def _in_place(page_view, *, parent, form_class, service, field, success, plan_of, form_name):
    """Add a goal or a step on the case file: with htmx the POST answers with the plan's card
    (the bound form and its errors in it when refused); without JavaScript the form posts
    to the same URL and the add page (`page_view`) answers as before. The fragment shows the
    case (SECURITY 31): the POST is in the access log."""

    def resolve(request, public_id, item_id):
        return get_child_for_user(request.user, public_id, parent, item_id, need="change")

    @case_worker_required
    @participant_methods("GET", "POST")
    def view(request, public_id, item_id):
        if not (request.htmx and request.method == "POST"):
            return page_view(request, public_id=public_id, item_id=item_id)
        return fragment(request, public_id=public_id, item_id=item_id)

    @logs_access(
        AccessLog.Action.VIEW,
        what="action plan (in place)",
        resolve=resolve,
        as_="found",
        participant=lambda found: found[0],
    )
    def fragment(request, public_id, item_id, found):
        participant, owner = found
        form = form_class(request.POST, instance=form_class._meta.model(**{field: owner}))
        if "done_on" in form.fields:
            del form.fields["done_on"]
        if form.is_valid():
            try:
                service(actor=request.user, **{field: owner}, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
        plan = plan_of(owner)
        if form.errors:
            # 200, not 422: htmx swaps only successful answers, and the errors belong in place.
            return _plan_fragment(
                request, participant, plan, **{form_name: form, "form_owner": owner.pk}
            )
        return _plan_fragment(request, participant, plan, announce=success)

    return view


goal_create = _in_place(
    _goal_create_page,
    parent=ActionPlan,
    form_class=GoalForm,
    service=services.goal_create,
    field="plan",
    success=gettext_lazy("The goal was added."),
    plan_of=lambda plan: plan,
    form_name="goal_form",
)
step_create = _in_place(
    _step_create_page,
    parent=Goal,
    form_class=StepForm,
    service=services.step_create,
    field="goal",
    success=gettext_lazy("The step was added."),
    plan_of=lambda goal: goal.plan,
    form_name="step_form",
)
step_edit = _edit_view(
    Step,
    StepForm,
    what="step form",
    section="plan",
    service=services.step_update,
    field="step",
    success=gettext_lazy("The step was saved."),
    title=gettext_lazy("Edit step"),
)


@case_worker_required
@participant_methods("POST")
def step_done(request, public_id, item_id):
    participant, step = get_child_for_user(request.user, public_id, Step, item_id, need="change")
    services.step_mark_done(actor=request.user, step=step)
    messages.success(request, _("The step “%(step)s” is done.") % {"step": step.title})
    return to_section(participant, "plan")


# --- case notes --------------------------------------------------------------------------------


contact_create = _create_view(
    ContactForm,
    new=lambda participant, user: Contact(participant=participant, author=user),
    initial=_today_initial("date"),
    section="notes",
    service=services.contact_create,
    field="participant",
    success=gettext_lazy("The case note was saved."),
    title=gettext_lazy("New case note"),
)
# A case note is changed by its author (or an admin): get_contact_for_user.
contact_edit = _edit_view(
    Contact,
    ContactForm,
    what="case note form",
    section="notes",
    service=services.contact_update,
    field="contact",
    success=gettext_lazy("The case note was saved."),
    title=gettext_lazy("Edit case note"),
    lookup=lambda user, public_id, item_id: get_contact_for_user(
        user, public_id, item_id, need="change"
    ),
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
    done = save_form(
        request,
        form,
        participant,
        section="outcomes",
        call=lambda data: services.outcome_record(
            actor=request.user, participant=participant, timing=timing, **data
        ),
        success=_("The outcome was saved."),
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
