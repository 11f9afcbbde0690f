"""Forms of the companies app: they validate and have no side effects.

Ownership is never a form field: the company of an offer, support need or invitation comes from
the URL through access.py, `User.company` only from an invitation, authors from the actor.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cvr as stdnum_cvr

from jump.accounts.models import Partner, User
from jump.lib.countries import Country
from jump.lib.forms import ModelChoiceField, ModelMultipleChoiceField
from participants.models import LanguageSkill

from .models import (
    Company,
    Offer,
    Placement,
    PlacementFeedback,
    SupportAction,
    SupportNeed,
)
from .services.companies import PROFILE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- companies ------------------------------------------------------------------------------


class CompanyForm(forms.ModelForm):
    """The company register (coaches, admins): every field, registration and status included."""

    # Wider than the stored eight digits: "DK 13 58 56 28" is accepted and compacted.
    cvr = forms.CharField(label=_("CVR number"), max_length=20, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = [
            "name",
            "country",
            "cvr",
            "register_court",
            "register_number",
            "street",
            "postcode",
            "city",
            "sector",
            "size_band",
            "status",
            "website",
            "description",
            "responsible_partner",
        ]
        help_texts = {
            "register_court": _("German companies: the Amtsgericht, e.g. Flensburg."),
            "register_number": _("German companies: HRA or HRB and the number, e.g. HRB 1234."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_partner"].queryset = Partner.objects.order_by("name")
        self.fields["cvr"].help_text = _("Danish companies: the eight-digit CVR number.")

    def clean_cvr(self):
        value = self.cleaned_data["cvr"].strip()
        return stdnum_cvr.compact(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        # Fields of the other country are cleared rather than rejected: a coach who switched the
        # country after typing a number should not have to empty hidden fields.
        if cleaned.get("country") == Country.DE:
            cleaned["cvr"] = ""
        elif cleaned.get("country") == Country.DK:
            cleaned["register_court"] = cleaned["register_number"] = ""
        return cleaned


class CompanyProfileForm(forms.ModelForm):
    """What a company contact may change about their company."""

    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = list(PROFILE_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class CompanyFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or registration number"), required=False, max_length=100)
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("All countries")), *Country.choices]
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        required=False,
        choices=[("", _("All sectors")), *Company.Sector.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Company.Status.choices],
    )
    partner = ModelChoiceField(
        label=_("Responsible partner"),
        required=False,
        queryset=Partner.objects.order_by("name"),
        empty_label=_("All partners"),
        to_field_name="public_id",
    )


# --- invitations ----------------------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=settings.LANGUAGES,
        help_text=_("The e-mail is written in this language."),
    )


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif password1:
            # Similarity is checked against the person the account is for.
            user = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user=user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


# --- offers ---------------------------------------------------------------------------------


class OfferForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["kind", "title", "description", "place", "start_date", "end_date", "places"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }


class LanguageRequirementForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", "—"), *LanguageSkill.Language.choices],
    )
    min_level = forms.ChoiceField(
        label=_("Minimum CEFR level"),
        required=False,
        choices=[("", "—"), *LanguageSkill.Level.choices],
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") and not cleaned.get("min_level"):
            self.add_error("min_level", _("Choose the minimum level for this language."))
        if cleaned.get("min_level") and not cleaned.get("language"):
            self.add_error("language", _("Choose the language for this level."))
        return cleaned


class BaseLanguageRequirementFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        """Labels told apart per row ("Language 2", not "Language" three times; WCAG 2.4.6)."""
        super().add_fields(form, index)
        if index is not None:
            number = index + 1
            form.fields["language"].label = _("Language %(number)s") % {"number": number}
            form.fields["min_level"].label = _("Minimum CEFR level for language %(number)s") % {
                "number": number
            }

    def clean(self):
        if any(self.errors):
            return
        languages = [f.cleaned_data.get("language") for f in self.forms if f.cleaned_data]
        languages = [language for language in languages if language]
        if len(languages) != len(set(languages)):
            raise ValidationError(_("Each language can be required only once."))

    def requirements(self) -> list[tuple[str, str]]:
        return [
            (form.cleaned_data["language"], form.cleaned_data["min_level"])
            for form in self.forms
            if form.cleaned_data.get("language")
        ]


LanguageRequirementFormSet = forms.formset_factory(
    LanguageRequirementForm,
    formset=BaseLanguageRequirementFormSet,
    extra=3,
    max_num=len(LanguageSkill.Language.choices),
    validate_max=True,
)


# --- placements -----------------------------------------------------------------------------


class ProposeForm(forms.Form):
    participant = ModelChoiceField(
        label=_("Young person"), queryset=None, to_field_name="public_id"
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["participant"].help_text = _(
            "Only young people of your caseload who consented to sharing their data with "
            "companies are listed."
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return cleaned


class SharedItemChoices(ModelMultipleChoiceField):
    """Check boxes over a young person's own items (public ids), each labelled by `describe`."""

    def __init__(self, *, describe, **kwargs):
        super().__init__(
            queryset=None,
            to_field_name="public_id",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )
        self.describe = describe

    def label_from_instance(self, obj):
        return self.describe(obj)


class SharingForm(forms.Form):
    """What the young person agreed to show the company (the choices are theirs only)."""

    goals = SharedItemChoices(
        label=_("Goals of the action plan"),
        describe=lambda goal: f"{goal.title} ({goal.plan.title})",
    )
    activities = SharedItemChoices(
        label=_("Activities attended"),
        describe=lambda activity: (
            f"{activity.title} ({activity.get_kind_display()}, {date_format(activity.date)})"
        ),
    )
    cv = ModelChoiceField(
        label=_("CV"),
        queryset=None,
        to_field_name="public_id",
        required=False,
        empty_label=_("Do not share a CV"),
    )

    def __init__(self, *args, goals, activities, cvs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = goals
        self.fields["activities"].queryset = activities
        self.fields["cv"].queryset = cvs
        self.fields["cv"].help_text = _("Only documents of the kind “CV” can be shared.")


class DeclineForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["decline_reason"]
        widgets = {"decline_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decline_reason"].required = True


class MentorForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["mentor_name", "mentor_contact"]


class ChecklistForm(forms.ModelForm):
    class Meta:
        model = Placement
        fields = ["health_insurance_card", "tax_card", "accident_insurance", "travel_arranged"]


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = PlacementFeedback
        fields = ["punctuality", "motivation", "skills", "language", "would_hire", "comments"]
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("punctuality", "motivation", "skills", "language"):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                help_text=_("1 = poor, 5 = excellent"),
            )
        self.fields["would_hire"] = forms.TypedChoiceField(
            label=(
                _("Would you hire this young person?")
                if side == PlacementFeedback.Side.COMPANY
                else _("Is this young person ready to be hired?")
            ),
            choices=[(True, _("Yes")), (False, _("No"))],
            coerce=lambda value: value in (True, "True"),
            widget=forms.RadioSelect,
        )


class DateForm(forms.Form):
    """An optional date for start / complete / abort (default: see the service)."""

    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())


# --- support --------------------------------------------------------------------------------


class SupportNeedForm(forms.ModelForm):
    class Meta:
        model = SupportNeed
        fields = ["kind", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SupportActionForm(forms.ModelForm):
    class Meta:
        model = SupportAction
        fields = ["date", "description", "hours"]
        widgets = {"date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class SupportStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SupportNeed.Status.choices)


class ProposeFromCaseForm(forms.Form):
    """The offer chosen on the young person's "Propose for an offer" page."""

    offer = forms.UUIDField(label=_("Offer"), widget=forms.HiddenInput)
    confirm_languages = forms.BooleanField(
        label=_("Propose anyway, although a language requirement is not met"), required=False
    )
