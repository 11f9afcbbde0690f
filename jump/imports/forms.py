"""Forms of the imports pages: they validate and have no side effects.

The importer, and the partner of a coach's import, are set by the service from the actor; the
partner is a required choice only for those access.may_choose_partner allows (programme managers
and admins importing companies or participants). Attendance: the activity decides the partner.
"""

from typing import cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import Partner
from jump.lib.forms import ModelChoiceField
from participants.models import Activity

from . import access
from .models import ImportJob, ImportRow


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (XLSX or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    partner = ModelChoiceField(
        label=_("Responsible partner"), queryset=Partner.objects.none(), required=True
    )
    activity = ModelChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.none(),
        to_field_name="public_id",
        required=True,
    )

    def __init__(self, *args, user, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "At most %(limit)s. Nothing is imported before you have seen the preview."
        ) % {"limit": filesizeformat(settings.MAX_UPLOAD_SIZE)}
        if access.may_choose_partner(user, kind):
            partner_field = cast(forms.ModelChoiceField, self.fields["partner"])
            partner_field.queryset = Partner.objects.order_by("name")
            partner_field.initial = user.partner_id
        else:
            del self.fields["partner"]
        if kind == ImportJob.Kind.ATTENDANCE:
            # Every case worker may open every activity (participants.access); attendance is
            # registered from the day of the activity on.
            activity_field = cast(forms.ModelChoiceField, self.fields["activity"])
            activity_field.queryset = (
                Activity.objects.filter(date__lte=timezone.localdate())
                .select_related("partner")
                .order_by("-date", "title")
            )
            activity_field.label_from_instance = lambda activity: (  # type: ignore[method-assign,assignment]  # Django's per-field label
                f"{activity.title} · {date_format(activity.date, 'SHORT_DATE_FORMAT')} · "
                f"{activity.partner.name}"
            )
        else:
            del self.fields["activity"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.MAX_UPLOAD_SIZE),
                },
                code="too_large",
            )
        return upload


class ImportCommitForm(forms.Form):
    skip_errors = forms.BooleanField(
        label=_("Import valid rows only"),
        required=False,
        help_text=_(
            "Rows with errors are left out and everything else is imported. Unticked, it is "
            "all or nothing: a single row with an error stops the whole import."
        ),
    )


class RowFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("All rows")), *ImportRow.Outcome.choices],
    )
