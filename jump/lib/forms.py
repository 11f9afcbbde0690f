"""Choice fields over models that answer every submitted key with a form error.

Django's model choice fields turn a key the database cannot compare (SQLite: an integer beyond
64 bits raises OverflowError when the query runs) into a 500. Every form of the project uses
these instead (SECURITY 14: bad input gets a message on its field, never a 500).
"""

from django import forms
from django.core.exceptions import ValidationError


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": "…"},
            ) from None
