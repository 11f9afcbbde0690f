"""Forms of the training pages. Validation only; the services write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import Partner, User
from jump.accounts.roles import Role
from jump.lib.countries import Country
from jump.lib.forms import ModelChoiceField, ModelMultipleChoiceField

from .models import LEARNER_ROLES, GoodPractice, Module, Session, SessionFeedback

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _translated(*names: str) -> list[str]:
    return [f"{name}_{code}" for name in names for code in LANGUAGE_CODES]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class TranslatedTextsMixin:
    """At least one language needs a title; every language is optional otherwise."""

    required_translated: tuple[str, ...] = ("title",)

    def clean(self):
        cleaned = super().clean()
        for name in self.required_translated:
            if not any((cleaned.get(f"{name}_{code}") or "").strip() for code in LANGUAGE_CODES):
                self.add_error(
                    f"{name}_{LANGUAGE_CODES[0]}",
                    _("Write this text in at least one language."),
                )
        return cleaned


class ModuleForm(TranslatedTextsMixin, forms.ModelForm):
    required_translated = ("title", "summary", "description", "learning_outcomes")

    class Meta:
        model = Module
        fields = [
            *_translated("title", "summary", "description", "learning_outcomes"),
            "hours",
            "target_group",
            "format",
            "status",
        ]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 2}) for name in _translated("summary")},
            **{name: forms.Textarea(attrs={"rows": 6}) for name in _translated("description")},
            **{
                name: forms.Textarea(attrs={"rows": 4}) for name in _translated("learning_outcomes")
            },
        }


class SessionForm(forms.ModelForm):
    trainers = ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Session
        fields = [
            "starts_at",
            "ends_at",
            "enrolment_deadline",
            "place",
            "country",
            "language",
            "capacity",
            "status",
        ]
        widgets = {
            "starts_at": LocalDateTimeInput(),
            "ends_at": LocalDateTimeInput(),
            "enrolment_deadline": LocalDateTimeInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = User.objects.with_role(Role.TRAINER).distinct()
        if self.instance.pk:
            self.fields["trainers"].initial = list(self.instance.trainers.all())
        for name in ("starts_at", "ends_at", "enrolment_deadline"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    @property
    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EnrolOtherForm(forms.Form):
    """A manager enrols a member of the partners' staff."""

    person = ModelChoiceField(label=_("Staff member"), queryset=User.objects.none())

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        already = session.enrolments.active().values("person")
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, groups__name__in=LEARNER_ROLES)
            .exclude(pk__in=already)
            .distinct()
            .order_by("last_name", "first_name", "email")
        )
        self.fields["person"].label_from_instance = lambda user: f"{user} <{user.email}>"


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How useful was the session for your work?"),
        choices=[
            (5, _("5 – very useful")),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, _("1 – not useful")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SessionFeedback
        fields = ["rating", "comments"]
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "comments": _("Trainers and programme managers read the comments without your name."),
        }


class GoodPracticeForm(TranslatedTextsMixin, forms.ModelForm):
    required_translated = ("title", "body")
    tag_names = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=500,
        help_text=_("Separate tags with commas, e.g. mentoring, language, apprenticeship."),
    )

    class Meta:
        model = GoodPractice
        fields = [*_translated("title", "body"), "partner", "country", "status"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in _translated("body")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        if self.instance.pk:
            self.fields["tag_names"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_tag_names(self):
        names = []
        for raw in self.cleaned_data["tag_names"].split(","):
            name = " ".join(raw.split()).lower()
            if not name:
                continue
            if len(name) > 50:
                raise forms.ValidationError(_("A tag has at most 50 characters."))
            if name not in names:
                names.append(name)
        if len(names) > 10:
            raise forms.ValidationError(_("At most 10 tags."))
        return names

    @property
    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FilterForm(forms.Form):
    """A GET form above a list; Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)


class CatalogueFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("Any format")), *Module.Format.choices]
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[("", _("Any target group")), *Module.TargetGroup.choices],
    )
    country = forms.ChoiceField(
        label=_("Upcoming sessions in"),
        required=False,
        choices=[("", _("Any country")), *Country.choices],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Published and drafts")), *Module.Status.choices],
    )

    def __init__(self, *args, editor: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editor:
            del self.fields["status"]


class SessionFilterForm(FilterForm):
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("Any country")), *Country.choices]
    )
    language = forms.ChoiceField(
        label=_("Language of instruction"),
        required=False,
        choices=[("", _("Any language")), *settings.LANGUAGES],
    )


class GoodPracticeFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    partner = ModelChoiceField(
        label=_("Partner"),
        required=False,
        queryset=Partner.objects.order_by("name"),
        empty_label=_("Any partner"),
        to_field_name="public_id",
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("Any country")), *Country.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *GoodPractice.Status.choices],
    )

    def __init__(self, *args, show_status: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_status:
            del self.fields["status"]
