from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import User
from participants.models import Consent

from .models import CV_LANGUAGES, GRID_SKILLS, CefrLevel, CvProfile


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


class CvProfileForm(forms.ModelForm):
    """Their own CV texts (the limits of the model give the field messages)."""

    class Meta:
        model = CvProfile
        fields = ["statement", "digital_skills", "other_skills"]
        labels = {
            "statement": _("About me"),
            "digital_skills": _("Computer and phone"),
            "other_skills": _("Other things I can do"),
        }
        help_texts = {
            "statement": _("Who are you? What do you want to do? Max. 1500 signs."),
            "digital_skills": _("For example: Word, photos, games, social media."),
            "other_skills": _("For example: driving licence, sports, first aid."),
        }
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 5}),
            "digital_skills": forms.Textarea(attrs={"rows": 3}),
            "other_skills": forms.Textarea(attrs={"rows": 3}),
        }


LEVEL_CHOICES = [("", "—"), *CefrLevel.choices]


class LanguageSelfAssessmentForm(forms.Form):
    """One language on the CEFR self-assessment grid: five skills, A1–C2 each."""

    language = forms.ChoiceField(label=_("Language"), choices=CV_LANGUAGES)
    listening = forms.ChoiceField(label=_("Listen"), choices=LEVEL_CHOICES)
    reading = forms.ChoiceField(label=_("Read"), choices=LEVEL_CHOICES)
    spoken_interaction = forms.ChoiceField(label=_("Talk with others"), choices=LEVEL_CHOICES)
    spoken_production = forms.ChoiceField(label=_("Speak alone"), choices=LEVEL_CHOICES)
    writing = forms.ChoiceField(label=_("Write"), choices=LEVEL_CHOICES)

    def levels(self) -> dict:
        return {skill: self.cleaned_data[skill] for skill in GRID_SKILLS}
