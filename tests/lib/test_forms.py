"""jump.lib.forms: a model key the database cannot compare is a form error, not a 500."""

import pytest
from django import forms

from jump.accounts.models import User
from jump.lib.forms import ModelChoiceField, ModelMultipleChoiceField
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "-99999999999999999999999"  # beyond 64 bits: SQLite raised OverflowError


class PeopleForm(forms.Form):
    person = ModelChoiceField(queryset=User.objects.all())
    people = ModelMultipleChoiceField(queryset=User.objects.all())


def test_keys_beyond_64_bits_are_invalid_choices_on_their_fields():
    UserFactory()
    form = PeopleForm(data={"person": HUGE, "people": [HUGE]})
    assert not form.is_valid()
    assert set(form.errors) == {"person", "people"}


def test_existing_keys_still_choose():
    user = UserFactory()
    form = PeopleForm(data={"person": str(user.pk), "people": [str(user.pk)]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["person"] == user
    assert list(form.cleaned_data["people"]) == [user]
