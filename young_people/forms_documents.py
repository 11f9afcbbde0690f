"""The young person's upload (the checks of SECURITY 16 are the participants' own, reused) and
the six-month follow-up's three questions."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.lib.countries import Country
from participants.uploads import inspect_upload

from .models import FollowUpRequest


class OwnDocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Your file"),
        help_text=_("A PDF or a photo (PNG or JPEG). At most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        inspect_upload(uploaded)
        return uploaded


class FollowUpForm(forms.Form):
    doing = forms.ChoiceField(
        label=_("What are you doing now?"),
        choices=FollowUpRequest.Doing.choices,
        widget=forms.RadioSelect,
    )
    country = forms.ChoiceField(
        label=_("In which country?"),
        choices=[*Country.choices, ("XX", _("Another country"))],
        widget=forms.RadioSelect,
    )
    since = forms.DateField(
        label=_("Since when?"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.localdate():
            raise forms.ValidationError(_("Pick a date that is not in the future."))
        return since
