"""Forms of the participants pages. They validate and have no side effects; ownership fields
(partner, coach, author, created_by, recorded_by) are set by the services from the actor."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from jump.lib.countries import Country
from jump.lib.forms import ModelChoiceField, PlainFieldsMixin

from .models import (
    ActionPlan,
    Activity,
    Assessment,
    Attendance,
    Consent,
    Contact,
    Document,
    Goal,
    LanguageSkill,
    Outcome,
    Participant,
    Step,
)
from .services.activities import ACTIVITY_FIELDS
from .services.participants import PROFILE_FIELDS
from .uploads import inspect_upload

CEFR_MESSAGE = _("Choose a CEFR level from A1 to C2.")
RATING_MESSAGE = _("Give a rating from 1 (low) to 5 (high).")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_widgets(*names):
    return dict.fromkeys(names, DateInput())


def add_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, if the form has it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def coaches_of(partner_id):
    return (
        User.objects.with_role("coach")
        .filter(partner_id=partner_id)
        .order_by("last_name", "first_name", "email")
    )


class CoachChoiceField(ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


# --- participant --------------------------------------------------------------------------------


class ParticipantForm(forms.ModelForm):
    """Intake and profile. `partner_id` is the partner whose coaches may be chosen."""

    coach = CoachChoiceField(
        label=_("Coach"), queryset=User.objects.none(), to_field_name="public_id"
    )

    class Meta:
        model = Participant
        fields = list(PROFILE_FIELDS)
        widgets = date_widgets("date_of_birth", "entry_date")

    def __init__(self, *args, partner_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches_of(partner_id)
        self.fields["entry_date"].help_text = _(
            "Leave empty while the young person is only interested."
        )
        self.order_fields(["first_name", "last_name", "date_of_birth", "gender", "coach"])

    def clean(self):
        cleaned = super().clean()
        entry_date = cleaned.get("entry_date")
        exit_date = self.instance.exit_date
        # The exit date is not on this form (it is set by the status flow): say it here, on the
        # entry date, before the model's own check would name a field the form does not have.
        if entry_date and exit_date and entry_date > exit_date:
            self.add_error(
                "entry_date",
                _("The entry date cannot be after the exit date (%(date)s).")
                % {"date": formats.date_format(exit_date, "SHORT_DATE_FORMAT")},
            )
        return cleaned

    def duplicate_fingerprint(self) -> str:
        """Identifies what the duplicate check was made for: a confirmation is only valid for
        the same name, date of birth and e-mail."""
        data = self.cleaned_data
        raw = "|".join(
            [
                data["first_name"].strip().lower(),
                data["last_name"].strip().lower(),
                data["date_of_birth"].isoformat(),
                (data.get("email") or "").strip().lower(),
            ]
        )
        return hashlib.sha256(raw.encode()).hexdigest()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    entry_date = forms.DateField(label=_("Entry date"), required=False, widget=DateInput())
    exit_date = forms.DateField(label=_("Exit date"), required=False, widget=DateInput())
    exit_reason = forms.CharField(label=_("Exit reason"), required=False, max_length=200)

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Participant.Status.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in allowed]
        self.fields["entry_date"].help_text = _("Needed when the participant enrols.")
        self.fields["exit_date"].help_text = _("Needed when the participant leaves.")
        self.fields["exit_reason"].help_text = _("Needed when the participant leaves.")


class LeaveForm(forms.Form):
    """Leaving in one form (issue 17): how, when, why, and where the participant went."""

    status = forms.ChoiceField(label=_("How the participant left"))
    exit_date = forms.DateField(label=_("Exit date"), widget=DateInput())
    exit_reason = forms.CharField(label=_("Exit reason"), max_length=200)
    outcome = forms.ChoiceField(
        label=_("Where the participant went"), choices=[("", "—"), *Outcome.Kind.choices]
    )
    cross_border = forms.BooleanField(
        label=_("Across the border"),
        required=False,
        help_text=_("In education, training or work on the other side of the border."),
    )
    note = forms.CharField(
        label=_("Note on the outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Participant.Status.choices)
        self.fields["status"].choices = [(value, labels[value]) for value in allowed]
        self.fields["exit_date"].help_text = _(
            "Not before the entry date, not in the future. The exit outcome is dated on it."
        )


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    given = forms.TypedChoiceField(
        label=_("Given"),
        choices=[("1", _("Given")), ("0", _("Withdrawn"))],
        coerce=lambda value: value == "1",
    )
    evidence = forms.CharField(label=_("Evidence"), required=False, max_length=300)
    # For a participant under 18 (SECURITY 36); the service says when they are missing.
    guardian_name = forms.CharField(label=_("Guardian's name"), required=False, max_length=200)
    guardian_relation = forms.CharField(
        label=_("Guardian's relation"), required=False, max_length=100
    )
    guardian_method = forms.ChoiceField(
        label=_("How the guardian gave it"),
        required=False,
        choices=[("", "—"), *Consent.GuardianMethod.choices],
    )


class SpecialCategoryForm(forms.ModelForm):
    """Disability and health-related support needs (SECURITY 38). Whether the consent holds is
    the service's check; its message lands on the field."""

    class Meta:
        model = Participant
        fields = ["disability", "health_support_needs"]
        widgets = {"health_support_needs": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "disability": _("Only what the young person has told you and agreed to record."),
            "health_support_needs": _(
                "Only the support the programme must give (e.g. breaks, an adapted workplace)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disability"].choices = [
            ("", _("Not recorded")),
            ("yes", _("Yes")),
            ("no", _("No")),
        ]


class LanguageSkillForm(forms.ModelForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "other_language", "level", "assessed_on"]
        widgets = date_widgets("assessed_on")
        error_messages = {"level": {"invalid_choice": CEFR_MESSAGE}}
        help_texts = {"other_language": _("Only when the language is “Other”.")}


def rating_field(name):
    return forms.IntegerField(
        label=capfirst(Assessment._meta.get_field(name).verbose_name),
        min_value=1,
        max_value=5,
        error_messages={"min_value": RATING_MESSAGE, "max_value": RATING_MESSAGE},
        widget=forms.NumberInput(attrs={"min": 1, "max": 5}),
        help_text=_("1 (low) to 5 (high)"),
    )


class AssessmentForm(forms.ModelForm):
    mobility_readiness = rating_field("mobility_readiness")
    intercultural_competence = rating_field("intercultural_competence")
    vocational_orientation = rating_field("vocational_orientation")
    language_confidence = rating_field("language_confidence")
    social_skills = rating_field("social_skills")

    class Meta:
        model = Assessment
        fields = ["kind", "rater", "date", *Assessment.DIMENSIONS, "note"]
        widgets = {**date_widgets("date"), "note": forms.Textarea(attrs={"rows": 3})}


class ActionPlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "starts_on"]
        widgets = date_widgets("starts_on")


# How many first steps the new plan's form offers (more are added on the case file).
NEW_PLAN_STEPS = 3


class NewActionPlanForm(ActionPlanForm):
    """A plan with its first goal and first steps, in one form (issue 17). The goal and the
    first step are needed; steps 2 and 3 only when both their title and date are given."""

    goal_title = forms.CharField(label=_("First goal"), max_length=300)
    goal_due_on = forms.DateField(label=_("Goal due on"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, NEW_PLAN_STEPS + 1):
            needed = number == 1
            self.fields[f"step_{number}_title"] = forms.CharField(
                label=_("Step %(number)s") % {"number": number},
                max_length=300,
                required=needed,
            )
            self.fields[f"step_{number}_due_on"] = forms.DateField(
                label=_("Step %(number)s due on") % {"number": number},
                required=needed,
                widget=DateInput(),
            )

    def clean(self):
        cleaned = super().clean()
        steps = []
        for number in range(1, NEW_PLAN_STEPS + 1):
            title = (cleaned.get(f"step_{number}_title") or "").strip()
            due_on = cleaned.get(f"step_{number}_due_on")
            if title and due_on:
                steps.append((title, due_on))
            elif title and f"step_{number}_due_on" not in self.errors:
                self.add_error(f"step_{number}_due_on", _("Give the step a due date."))
            elif due_on and f"step_{number}_title" not in self.errors:
                self.add_error(f"step_{number}_title", _("Say what the step is."))
        cleaned["steps"] = steps
        return cleaned

    def service_data(self) -> dict:
        """The keyword arguments of action_plan_create."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "starts_on": data["starts_on"],
            "goal_title": data["goal_title"],
            "goal_due_on": data.get("goal_due_on"),
            "steps": data["steps"],
        }


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["title", "due_on", "done_on"]
        widgets = date_widgets("due_on", "done_on")


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["title", "due_on", "done_on"]
        widgets = date_widgets("due_on", "done_on")


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["date", "channel", "summary", "follow_up_on"]
        widgets = {
            **date_widgets("date", "follow_up_on"),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }


class OutcomeForm(forms.ModelForm):
    class Meta:
        model = Outcome
        fields = ["kind", "date", "cross_border", "note"]
        widgets = {**date_widgets("date"), "note": forms.Textarea(attrs={"rows": 3})}


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        inspect_upload(uploaded)
        return uploaded


class ShareForm(forms.Form):
    coach = CoachChoiceField(
        label=_("Coach in the other country"),
        queryset=User.objects.none(),
        to_field_name="public_id",
    )

    def __init__(self, *args, participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = (
            User.objects.with_role("coach")
            .filter(partner__isnull=False)
            .exclude(partner__country=participant.partner.country)
            .select_related("partner")
            .order_by("partner__name", "last_name", "first_name")
        )
        self.fields["coach"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} ({user.partner})"
        )


# --- activities --------------------------------------------------------------------------------


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = list(ACTIVITY_FIELDS)
        widgets = {**date_widgets("date"), "description": forms.Textarea(attrs={"rows": 3})}


NOT_REGISTERED = ""


class AttendanceForm(forms.Form):
    """One choice per participant the user may register: not registered / attended / …"""

    def __init__(self, *args, candidates, prefill_planned=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        choices = [(NOT_REGISTERED, _("not registered")), *Attendance.Status.choices]
        for participant in candidates:
            # Someone on the planned list is offered as attended (issue 18); the coach corrects.
            planned = prefill_planned and getattr(participant, "is_registered", False)
            default = Attendance.Status.ATTENDED if planned else NOT_REGISTERED
            self.fields[self.field_name(participant)] = forms.ChoiceField(
                label=str(participant),
                choices=choices,
                required=False,
                initial=participant.current_status or default,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    @staticmethod
    def field_name(participant) -> str:
        return f"p_{participant.public_id.hex}"

    def rows(self):
        for participant in self.candidates:
            yield participant, self[self.field_name(participant)]

    def statuses(self) -> dict:
        """{participant: status or None} for the rows whose value changed."""
        changed = {}
        for participant in self.candidates:
            value = self.cleaned_data.get(self.field_name(participant)) or None
            if value != (participant.current_status or None):
                changed[participant] = value
        return changed


class ActivityRegistrationForm(forms.Form):
    """Young people to put on an activity's planned list (chosen by public id)."""

    participants = forms.MultipleChoiceField(
        label=_("Young people"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_id = {p.public_id.hex: p for p in candidates}
        self.fields["participants"].choices = [
            (p.public_id.hex, f"{p.last_name}, {p.first_name}") for p in candidates
        ]

    def chosen(self) -> list:
        return [self.by_id[key] for key in self.cleaned_data["participants"]]


# --- the caseload filter -----------------------------------------------------------------------


class AllowedChoiceField(forms.ChoiceField):
    """A choice field that offers some of the values it accepts: `allowed` is every value the
    viewer may send, `choices` what the select shows."""

    allowed: frozenset[str] = frozenset()

    def valid_value(self, value) -> bool:
        return str(value) in self.allowed or super().valid_value(value)


class CaseloadFilterForm(PlainFieldsMixin, forms.Form):
    """The caseload's filters. `choices`: selectors.caseload_filter_choices(user), the partners
    and coaches this viewer may pick (plain tuples, cached); any other value is refused on its
    field. A viewer who may pick any coach of the programme is shown those of the chosen
    partner (none until a partner is chosen), and any of them is still accepted."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("all")), *Participant.Status.choices]
    )
    partner = forms.ChoiceField(label=_("Partner"), required=False)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("all")), *Country.choices]
    )
    coach = AllowedChoiceField(label=_("Coach"), required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.primary_keys = {}
        for name in ("partner", "coach"):
            self.fields[name].choices = [
                ("", _("all")),
                *((value, label) for value, label, _pk in choices[name]),
            ]
            self.primary_keys[name] = {value: pk for value, _label, pk in choices[name]}
        if choices.get("coach_by_partner"):
            self._offer_coaches_of_the_chosen_partner(choices)

    def _offer_coaches_of_the_chosen_partner(self, choices) -> None:
        field = self.fields["coach"]
        assert isinstance(field, AllowedChoiceField)
        field.allowed = frozenset(self.primary_keys["coach"])
        data = self.data if self.is_bound else {}
        partner = self.primary_keys["partner"].get(data.get("partner", ""))
        chosen = data.get("coach", "")
        field.choices = [
            ("", _("all")),
            *(
                (value, label)
                for value, label, _pk in choices["coach"]
                if value == chosen or (partner and choices["coach_partner"][value] == partner)
            ),
        ]
        if partner is None:
            field.help_text = _("Choose a partner to pick one of its coaches.")

    def clean_partner(self):
        return self.primary_keys["partner"].get(self.cleaned_data["partner"])

    def clean_coach(self):
        return self.primary_keys["coach"].get(self.cleaned_data["coach"])

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "status": data["status"],
            "partner": data["partner"],
            "country": data["country"],
            "coach": data["coach"],
        }
