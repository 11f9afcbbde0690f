"""Forms of the reports pages: the period/filter form, the report request, targets."""

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import Partner
from jump.lib.countries import Country
from jump.lib.forms import ModelChoiceField, PlainFieldsMixin

from .models import REASON_MIN_LENGTH, IndicatorTarget, ReportRun, ReportSubmission
from .periods import Scope, period_errors, year_to_date


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PartnerChoiceField(ModelChoiceField):
    """Partners by their public id (integer keys never leave the server)."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Partner.objects.order_by("country", "name"),
            to_field_name="public_id",
            required=False,
            empty_label=_("All partners"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.country})"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            # Not a UUID at all reads the same as an unknown partner.
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


def _country_choices():
    return [("", _("Both countries")), *Country.choices]


class PeriodForm(PlainFieldsMixin, forms.Form):
    """Period and filters of the dashboard, evidence lists and data quality (GET)."""

    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())
    partner = PartnerChoiceField(label=_("Partner"))
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)

    def __init__(self, data=None, *, forced_partner=None, **kwargs):
        self.forced_partner = forced_partner
        if data is not None and not any(data.get(name) for name in self.base_fields):
            data = None  # the first visit: the default period, no errors
        start, end = year_to_date(timezone.localdate())
        super().__init__(data, initial={"start": start, "end": end}, **kwargs)
        if forced_partner is not None:
            # A coach sees their own partner only: no partner or country to choose.
            del self.fields["partner"]
            del self.fields["country"]

    def clean(self):
        cleaned = super().clean()
        for key, message in period_errors(cleaned.get("start"), cleaned.get("end")).items():
            self.add_error(key, message)
        return cleaned

    def scope(self) -> Scope | None:
        """The scope asked for; the default period when nothing was asked; None if invalid."""
        if not self.is_bound:
            start, end = self.initial["start"], self.initial["end"]
            return Scope(start, end, partner=self.forced_partner)
        if not self.is_valid():
            return None
        data = self.cleaned_data
        return Scope(
            data["start"],
            data["end"],
            partner=self.forced_partner or data.get("partner"),
            country="" if self.forced_partner else data.get("country", ""),
        )


def _reason_help_now() -> str:
    return _("Required for an export with names (at least %(count)s characters).") % {
        "count": REASON_MIN_LENGTH
    }


# Formatted when the form is shown, in the reader's language (not once, at import).
reason_help = lazy(_reason_help_now, str)


class ReportRequestForm(forms.ModelForm):
    partner = PartnerChoiceField(label=_("Partner"))
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices, required=False)

    class Meta:
        model = ReportRun
        fields = [
            "period_start",
            "period_end",
            "partner",
            "country",
            "format",
            "csv_separator",
            "decimal_mark",
            "with_names",
            "reason",
        ]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"with_names": _("Include names and dates of birth")}
        help_texts = {
            "with_names": _(
                "Exports are pseudonymised. Names need a reason, a fresh login confirmation, "
                "and are written to the access log."
            ),
            # Formatted when the form is shown (lazily), so it is in the reader's language.
            "reason": reason_help(),
            "csv_separator": _(
                "CSV only. Empty: from the report's language (a semicolon for Danish and German)."
            ),
            "decimal_mark": _(
                "CSV only. Empty: from the report's language (a decimal comma for Danish and "
                "German)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].initial = ReportRun.Format.XLSX
        if not self.is_bound:
            start, end = year_to_date(timezone.localdate())
            self.initial.setdefault("period_start", start)
            self.initial.setdefault("period_end", end)

    def clean(self):
        cleaned = super().clean()
        errors = period_errors(cleaned.get("period_start"), cleaned.get("period_end"))
        for key, message in errors.items():
            self.add_error(f"period_{key}", message)
        reason = (cleaned.get("reason") or "").strip()
        if cleaned.get("with_names") and len(reason) < REASON_MIN_LENGTH:
            self.add_error(
                "reason",
                _("Say why the names are needed (at least %(count)s characters).")
                % {"count": REASON_MIN_LENGTH},
            )
        if not cleaned.get("with_names"):
            cleaned["reason"] = ""
        return cleaned

    def _post_clean(self):
        # The model is built and saved by the service (ownership set from the actor); the
        # form only validates its own fields.
        pass


class IndicatorTargetForm(forms.ModelForm):
    class Meta:
        model = IndicatorTarget
        fields = ["target_value", "milestone_value", "milestone_date"]
        widgets = {"milestone_date": DateInput()}


class ReportSubmissionForm(forms.ModelForm):
    """Mark a period's report as submitted to the funder (its figures are frozen)."""

    class Meta:
        model = ReportSubmission
        fields = ["period_start", "period_end", "submitted_on", "reference"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "submitted_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submitted_on", timezone.localdate())

    def clean(self):
        cleaned = super().clean()
        errors = period_errors(cleaned.get("period_start"), cleaned.get("period_end"))
        for key, message in errors.items():
            self.add_error(f"period_{key}", message)
        return cleaned

    def _post_clean(self):
        # Built, checked against the submitted periods and saved by the service.
        pass
