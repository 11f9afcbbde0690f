from django import forms

from .models import Delivery, Kind


class DeliveryPreferencesForm(forms.Form):
    """One choice per kind the user can receive: at once, daily digest, or never (in-app
    always stays). A value that is not one of these is an error on its field."""

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.ChoiceField(
                label=Kind(kind).label,
                choices=Delivery.choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )

    def delivery_by_kind(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in self.fields}
