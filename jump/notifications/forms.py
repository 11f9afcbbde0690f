from django import forms

from .models import Kind


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind the user can receive: e-mail on or off (in-app always stays)."""

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(label=Kind(kind).label, required=False)

    def email_by_kind(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(kind)) for kind in self.fields}
