"""Choice fields over models that answer every submitted key with a form error.

Django's model choice fields turn a key the database cannot compare (SQLite: an integer beyond
64 bits raises OverflowError when the query runs) into a 500. Every form of the project uses
these instead (SECURITY 14: bad input gets a message on its field, never a 500).
"""

from dataclasses import dataclass
from html import escape

from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe


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


# --- filter forms written out (issue 20) ---------------------------------------------------------


@dataclass(frozen=True)
class PlainField:
    """A field of a filter form as `templates/_filter_fields.html` writes it: the markup crispy
    gives it, without crispy's templates and the widgets' option templates per request."""

    field: forms.BoundField
    input_type: str  # "select", or the input's type ("text", "date", ...)
    css: str  # the widget's classes, as crispy gives them
    value: str  # the input's value ("" for a select)
    options: str  # a select's <option>s, safe HTML ("" for an input)


def _options(choices, current: str) -> SafeString:
    # html.escape is what django.utils.html.escape calls, without its check for lazy arguments
    # on each of a filter's ~140 values and labels; lazy labels become text by str().
    return mark_safe(  # noqa: S308 - every value and label is escaped here
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == current else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )


class PlainFieldsMixin:
    """For the GET filter forms above lists and figures (the caseload's, the reports' period):
    `plain_fields` gives their fields to `templates/_filter_fields.html`."""

    def plain_fields(self) -> list[PlainField]:
        fields = []
        for field in self:  # type: ignore[attr-defined]
            widget = field.field.widget
            value = field.value()
            if widget.input_type == "select":
                current = "" if value is None else str(value)
                fields.append(
                    PlainField(
                        field,
                        "select",
                        "select form-select",
                        "",
                        _options(field.field.choices, current),
                    )
                )
            else:
                shown = widget.format_value(value)
                fields.append(
                    PlainField(
                        field,
                        widget.input_type,
                        f"{type(widget).__name__.lower()} form-control",
                        "" if shown is None else str(shown),
                        "",
                    )
                )
        return fields
