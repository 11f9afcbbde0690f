"""Accessibility helpers of the shared layout (templates/base.html).

`failed_forms` finds every bound form (or formset) in the page's context that did not validate,
so base.html can put one error summary at the top of every failed form page and prefix the
title with "Error:" (WCAG 3.3.1, 4.1.3) — once, instead of in each page's template.
"""

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()


def _forms_in(value):
    if isinstance(value, forms.BaseForm):
        yield value
    elif isinstance(value, BaseFormSet):
        yield value
        yield from value.forms


def _field_id(form, name) -> str:
    field = form.fields.get(name)
    if field is None:
        return ""
    bound = form[name]
    widget_id = bound.field.widget.attrs.get("id") or bound.auto_id
    if not widget_id:
        return ""
    # Radio and checkbox groups: the first choice carries the id with "_0".
    if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{widget_id}_0"
    return widget_id


@register.simple_tag(takes_context=True)
def failed_forms(context) -> list[dict]:
    """[{'errors': [{'id', 'name', 'label', 'message'}]}] for every invalid bound form."""
    seen = set()
    summary = []
    for value in context.flatten().values():
        for form in _forms_in(value):
            if id(form) in seen or not getattr(form, "is_bound", False):
                continue
            seen.add(id(form))
            if isinstance(form, BaseFormSet):
                errors = [
                    {"id": "", "name": "", "label": "", "message": message}
                    for message in form.non_form_errors()
                ]
            else:
                if not form.errors:
                    continue
                errors = []
                for name, messages in form.errors.items():
                    label = ""
                    if name in form.fields:
                        label = form[name].label or ""
                    for message in messages:
                        errors.append(
                            {
                                "id": _field_id(form, name) if name in form.fields else "",
                                "name": form.add_prefix(name) if name in form.fields else "",
                                "label": label,
                                "message": message,
                            }
                        )
            if errors:
                summary.append({"errors": errors})
    return summary


@register.simple_tag(takes_context=True)
def has_required_fields(context) -> bool:
    """Whether a form in the page's context has a required field (crispy marks those with *)."""
    for value in context.flatten().values():
        for form in _forms_in(value):
            fields = getattr(form, "fields", {})
            if any(field.required and not field.widget.is_hidden for field in fields.values()):
                return True
    return False
