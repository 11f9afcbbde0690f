from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from participants.models import Consent


class PasswordChoiceForm(forms.Form):
    """The young person picks a password (SECURITY 3: 12+ characters, not a common one)."""

    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 signs. A short sentence is good."),
    )
    password2 = forms.CharField(
        label=_("Password one more time"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        self.invitation = invitation
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two are not the same."))
        elif password1:
            participant = self.invitation.participant
            user = User(
                email=self.invitation.email,
                first_name=participant.first_name,
                last_name=participant.last_name,
            )
            try:
                password_validation.validate_password(password1, user=user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class YouthInvitationForm(forms.Form):
    """The coach's invitation: the address defaults to the case file's."""

    email = forms.EmailField(label=_("E-mail address"))
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class ConsentWithdrawForm(forms.Form):
    purpose = forms.ChoiceField(choices=Consent.Purpose.choices, widget=forms.HiddenInput)
    confirm = forms.BooleanField(label=_("Yes, I say no to this from now on."), required=True)
