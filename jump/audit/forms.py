from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AccessLog


class AccessLogFilterForm(forms.Form):
    """The filters of the access log review; every field optional, invalid → shown, not 500."""

    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actor = forms.CharField(
        label=_("Who (e-mail address)"), required=False, max_length=254, strip=True
    )
    participant = forms.UUIDField(
        label=_("Participant (public id)"),
        required=False,
        error_messages={"invalid": _("Enter a participant's public id (a UUID).")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AccessLog.Action.choices],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise ValidationError({"date_to": _("The end date cannot be before the start date.")})
        return data


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the erasure"),
        max_length=500,
        strip=True,
        help_text=_("For example: request of the participant of 12 March, case number."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the personal data cannot be restored."),
        required=True,
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].replace("\x00", "")
        if not reason.strip():
            raise ValidationError(_("Give a reason for the erasure."))
        return reason
