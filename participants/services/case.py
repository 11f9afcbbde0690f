"""Writes to the case file: assessments, action plans, case notes, outcomes."""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from jump.accounts.models import User
from jump.lib.dates import add_months

from .. import access
from ..models import ActionPlan, Assessment, Contact, Goal, Outcome, Participant, Step
from ..next_due import recompute_next_due
from .participants import LEAVING, participant_change_status

M = TypeVar("M", bound=Model)

ASSESSMENT_FIELDS = ("kind", "rater", "date", *Assessment.DIMENSIONS, "note")


def _require_change(actor: User, participant: Participant) -> None:
    if not access.may_change_participant(actor, participant):
        raise PermissionDenied


# A six-month outcome dated earlier than this after the exit is refused (issue 17).
SIX_MONTH_OUTCOME_EARLIEST_MONTHS = 5


def _save(instance: M, *, due_of: int | None = None) -> M:
    """Validate and save; with `due_of`, the caseload's sort key of that participant
    (participants/next_due.py) is recomputed in the same transaction."""
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        if due_of is not None:
            recompute_next_due([due_of])
    return instance


def _set(instance: Model, fields: dict[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(instance, name, value)


def assessment_create(*, actor: User, participant: Participant, **fields: Any) -> Assessment:
    """Record an entry, interim or exit rating (self or coach) of the five dimensions, 1–5."""
    _require_change(actor, participant)
    assessment = Assessment(participant=participant, recorded_by=actor)
    _set(assessment, fields, ASSESSMENT_FIELDS)
    return _save(assessment)


def assessment_update(*, actor: User, assessment: Assessment, **fields: Any) -> Assessment:
    """Correct an assessment (kind, rater, date, ratings 1–5, note)."""
    _require_change(actor, assessment.participant)
    _set(assessment, fields, ASSESSMENT_FIELDS)
    return _save(assessment)


# The goal's fields as the one-form plan names them.
GOAL_FIELDS = {"title": "goal_title", "due_on": "goal_due_on"}


def action_plan_create(
    *,
    actor: User,
    participant: Participant,
    title: str,
    starts_on: datetime.date,
    goal_title: str = "",
    goal_due_on: datetime.date | None = None,
    steps: Sequence[tuple[str, datetime.date]] = (),
) -> ActionPlan:
    """A new action plan of `participant`, created by the actor, from `starts_on`; with its first
    goal (`goal_title`) and that goal's first steps ((title, due date) pairs) when given — all
    in one transaction: a refused goal or step writes no plan (issue 17, "one form").

    Errors name the plan's fields, `goal_title` / `goal_due_on`, and `step_<n>_<field>` for
    the n-th step (1, 2, …), as the one-form plan names its fields."""
    _require_change(actor, participant)
    goal_title = (goal_title or "").strip()
    if steps and not goal_title:
        raise ValidationError({"goal_title": _("Name the goal the steps belong to.")})
    plan = ActionPlan(participant=participant, title=title, starts_on=starts_on, created_by=actor)
    plan.full_clean()
    goal = Goal(plan=plan, title=goal_title, due_on=goal_due_on) if goal_title else None
    errors: dict[str, list[str]] = {}
    if goal is not None:
        try:
            goal.full_clean(exclude=["plan"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(GOAL_FIELDS.get(name, name), []).extend(messages)
    new_steps = [Step(goal=goal, title=step_title, due_on=due_on) for step_title, due_on in steps]
    for number, step in enumerate(new_steps, start=1):
        try:
            step.full_clean(exclude=["goal"])
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(f"step_{number}_{name}", []).extend(messages)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        plan.save()
        if goal is not None:
            goal.plan = plan
            goal.save()
            for step in new_steps:
                step.goal = goal
                step.save()
        recompute_next_due([participant.pk])
    return plan


def action_plan_update(
    *, actor: User, plan: ActionPlan, title: str, starts_on: datetime.date
) -> ActionPlan:
    """Rename or move the start; a start after a goal's or step's due date is refused."""
    _require_change(actor, plan.participant)
    earliest = min(  # type: ignore[type-var]  # due dates filtered to those set
        [
            *Step.objects.filter(goal__plan=plan).values_list("due_on", flat=True),
            *Goal.objects.filter(plan=plan, due_on__isnull=False).values_list("due_on", flat=True),
        ],
        default=None,
    )
    if earliest is not None and starts_on > earliest:
        raise ValidationError(
            {
                "starts_on": _("The plan cannot start after its first due date (%(date)s).")
                % {"date": formats.date_format(earliest, "SHORT_DATE_FORMAT")}
            }
        )
    plan.title = title
    plan.starts_on = starts_on
    return _save(plan, due_of=plan.participant_id)


def goal_create(
    *, actor: User, plan: ActionPlan, title: str, due_on: datetime.date | None = None
) -> Goal:
    """A goal of `plan`; it cannot be due before the plan starts."""
    _require_change(actor, plan.participant)
    return _save(Goal(plan=plan, title=title, due_on=due_on), due_of=plan.participant_id)


def goal_update(
    *,
    actor: User,
    goal: Goal,
    title: str,
    due_on: datetime.date | None = None,
    done_on: datetime.date | None = None,
) -> Goal:
    """Change a goal; it cannot be due before the plan starts, nor done in the future."""
    _require_change(actor, goal.plan.participant)
    goal.title, goal.due_on, goal.done_on = title, due_on, done_on
    return _save(goal, due_of=goal.plan.participant_id)


def step_create(*, actor: User, goal: Goal, title: str, due_on: datetime.date) -> Step:
    """A step of a goal; it cannot be due before its action plan starts."""
    _require_change(actor, goal.plan.participant)
    return _save(Step(goal=goal, title=title, due_on=due_on), due_of=goal.plan.participant_id)


def step_update(
    *,
    actor: User,
    step: Step,
    title: str,
    due_on: datetime.date,
    done_on: datetime.date | None = None,
) -> Step:
    """Change a step; same date rules as step_create, and not done in the future."""
    _require_change(actor, step.goal.plan.participant)
    step.title, step.due_on, step.done_on = title, due_on, done_on
    return _save(step, due_of=step.goal.plan.participant_id)


def step_mark_done(*, actor: User, step: Step, done_on: datetime.date | None = None) -> Step:
    """The step is done (today unless `done_on` is given)."""
    _require_change(actor, step.goal.plan.participant)
    step.done_on = done_on or timezone.localdate()
    return _save(step, due_of=step.goal.plan.participant_id)


CONTACT_FIELDS = ("date", "channel", "summary", "follow_up_on")


def contact_create(*, actor: User, participant: Participant, **fields: Any) -> Contact:
    """A case note by `actor` (the author), optionally with a follow-up date."""
    _require_change(actor, participant)
    contact = Contact(participant=participant, author=actor)
    _set(contact, fields, CONTACT_FIELDS)
    return _save(contact, due_of=participant.pk)


def contact_update(*, actor: User, contact: Contact, **fields: Any) -> Contact:
    """Change a case note: its author or an admin, among those who may change the case."""
    if not access.may_change_contact(actor, contact):
        raise PermissionDenied
    _set(contact, fields, CONTACT_FIELDS)
    if contact.follow_up_on is None:
        contact.follow_up_done_on = None
    return _save(contact, due_of=contact.participant_id)


def contact_close_follow_up(*, actor: User, contact: Contact) -> Contact:
    """The follow-up of a case note is done (today)."""
    _require_change(actor, contact.participant)
    if contact.follow_up_on is None:
        raise ValidationError(_("This case note has no follow-up."))
    contact.follow_up_done_on = timezone.localdate()
    return _save(contact, due_of=contact.participant_id)


def outcome_record(
    *,
    actor: User,
    participant: Participant,
    timing: str,
    kind: str,
    date: datetime.date,
    cross_border: bool = False,
    note: str = "",
) -> Outcome:
    """Record (or correct) the outcome at exit or six months after; only after the exit."""
    _require_change(actor, participant)
    if timing not in Outcome.Timing.values:
        raise ValidationError({"timing": _("Choose when the outcome was found.")})
    if participant.exit_date is None:
        raise ValidationError(_("Outcomes are recorded once the participant has left."))
    if timing == Outcome.Timing.EXIT and participant.entry_date and date < participant.entry_date:
        raise ValidationError(
            {
                "date": _("The exit outcome cannot be dated before the entry date (%(date)s).")
                % {"date": formats.date_format(participant.entry_date, "SHORT_DATE_FORMAT")}
            }
        )
    if timing == Outcome.Timing.SIX_MONTHS:
        # Issue 17: "six months after" means it — at least five months after the exit (a
        # little early is fine), and not a day the programme has not seen yet.
        earliest = add_months(participant.exit_date, SIX_MONTH_OUTCOME_EARLIEST_MONTHS)
        if date < earliest:
            raise ValidationError(
                {
                    "date": _(
                        "The six-month outcome can be dated from %(earliest)s on: at least "
                        "five months after the exit date (%(date)s)."
                    )
                    % {
                        "earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT"),
                        "date": formats.date_format(participant.exit_date, "SHORT_DATE_FORMAT"),
                    }
                },
                code="six_month_too_early",
            )
        if date > timezone.localdate():
            raise ValidationError(
                {"date": _("The six-month outcome cannot be dated in the future.")},
                code="six_month_in_future",
            )
    with transaction.atomic():
        outcome = Outcome.objects.select_for_update().filter(
            participant=participant, timing=timing
        ).first() or Outcome(participant=participant, timing=timing)
        outcome.kind, outcome.date = kind, date
        outcome.cross_border, outcome.note = cross_border, note
        outcome.recorded_by = actor
        # A coach's record is a confirmed one: correcting a young person's proposed six-month
        # outcome confirms it (young_people/services/follow_up.py).
        outcome.status = Outcome.Status.CONFIRMED
        outcome.full_clean()
        outcome.save()
    return outcome


def participant_leave(
    *,
    actor: User,
    participant: Participant,
    status: str,
    exit_date: datetime.date,
    exit_reason: str,
    outcome: str,
    cross_border: bool = False,
    note: str = "",
) -> Participant:
    """Leaving in one step (issue 17): the status (completed or dropped out), the exit date and
    reason, and the exit outcome dated on the exit day — one transaction, nothing written on
    any error. The rules are those of participant_change_status and outcome_record; errors name
    the fields status, exit_date, exit_reason, outcome, cross_border."""
    _require_change(actor, participant)
    errors: dict[str, list[str]] = {}
    if status not in LEAVING:
        errors["status"] = [_("Choose how the participant left: completed or dropped out.")]
    if outcome not in Outcome.Kind.values:
        errors["outcome"] = [_("Choose where the participant went.")]
    elif cross_border and outcome not in Outcome.CROSS_BORDER_KINDS:
        errors["cross_border"] = [_("Only education, training or work can be across the border.")]
    try:
        with transaction.atomic():
            if status in LEAVING:
                participant = participant_change_status(
                    actor=actor,
                    participant=participant,
                    status=status,
                    exit_date=exit_date,
                    exit_reason=exit_reason,
                )
            if errors:
                raise ValidationError(errors)
            outcome_record(
                actor=actor,
                participant=participant,
                timing=Outcome.Timing.EXIT,
                kind=outcome,
                date=exit_date,
                cross_border=cross_border,
                note=note,
            )
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        for name, messages in exc.message_dict.items():
            name = {"kind": "outcome", "date": "exit_date"}.get(name, name)
            if messages[0] not in errors.get(name, []):
                errors.setdefault(name, []).extend(messages)
        raise ValidationError(errors) from exc
    return participant
