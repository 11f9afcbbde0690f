"""An import of a spreadsheet (participants, companies or attendance) and its row-by-row preview."""

import uuid
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser
from jump.lib.models import PublicModel


def import_file_path(instance, filename):
    """A random name in private storage: the stored name says nothing about the file or people."""
    extension = "xlsx" if instance.file_format == ImportJob.Format.XLSX else "csv"
    return f"imports/{uuid.uuid4().hex}.{extension}"


class ImportJobQuerySet(models.QuerySet["ImportJob"]):
    def visible_to(self, user: AnyUser | None) -> Self:
        """Imports `user` may see: their own; programme managers and admins every import."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_role("programme_manager", "admin"):
            return self
        if user.has_role("coach"):
            return self.filter(requested_by=user)
        return self.none()


class ImportJob(PublicModel):
    """One uploaded file: who, when, which file, what the preview found and what was written."""

    class Kind(models.TextChoices):
        PARTICIPANTS = "participants", _("Participants")
        COMPANIES = "companies", _("Companies")
        ATTENDANCE = "attendance", _("Attendance")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, preview being prepared")
        PREVIEWED = "previewed", _("Ready to import")
        COMMITTING = "committing", _("Importing")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    # Participants: the partner they belong to; companies: the responsible partner.
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    activity = models.ForeignKey(
        "participants.Activity",
        verbose_name=_("activity"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Private storage (settings.PRIVATE_ROOT) under a random name; served only by the
    # access-checked download view.
    file = models.FileField(_("file"), upload_to=import_file_path, max_length=200)
    file_format = models.CharField(_("file format"), max_length=4, choices=Format.choices)
    original_filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    skip_errors = models.BooleanField(
        _("import valid rows only"),
        default=False,
        help_text=_("Rows with errors are left out instead of stopping the whole import."),
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    count_new = models.PositiveIntegerField(_("new"), default=0)
    count_update = models.PositiveIntegerField(_("updates"), default=0)
    count_duplicate = models.PositiveIntegerField(_("duplicates"), default=0)
    count_error = models.PositiveIntegerField(_("errors"), default=0)
    count_written = models.PositiveIntegerField(_("records written"), default=0)
    progress = models.PositiveSmallIntegerField(_("progress in per cent"), default=0)
    error = models.TextField(_("error"), blank=True)
    # What the file's header row said: field key → the heading as written in the file.
    headings = models.JSONField(_("columns"), default=dict, blank=True)
    ignored_columns = models.JSONField(_("columns not recognised"), default=list, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="import_job_progress_percent"
            ),
            models.CheckConstraint(
                condition=~Q(kind="attendance") | Q(activity__isnull=False),
                name="import_job_attendance_has_activity",
            ),
            models.CheckConstraint(
                condition=~Q(kind="participants") | Q(partner__isnull=False),
                name="import_job_participants_have_partner",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_filename}"

    @property
    def content_type(self) -> str:
        """The media type of the file, from the format its bytes were recognised as."""
        if self.file_format == self.Format.XLSX:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return "text/csv"

    @property
    def count_importable(self) -> int:
        return self.count_new + self.count_update

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.COMMITTING)


class ImportRow(models.Model):
    """The preview of one data row of the file: what importing it would do, or why it cannot."""

    class Outcome(models.TextChoices):
        NEW = "new", _("New")
        UPDATE = "update", _("Update")
        DUPLICATE = "duplicate", _("Duplicate in the file")
        ERROR = "error", _("Error")

    job = models.ForeignKey(
        ImportJob, verbose_name=_("import"), on_delete=models.CASCADE, related_name="rows"
    )
    number = models.PositiveIntegerField(_("row"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    # The primary key of the matched participant or company (an update) — internal only.
    target_id = models.BigIntegerField(_("matched record"), null=True, blank=True)
    duplicate_of = models.PositiveIntegerField(_("duplicate of row"), null=True, blank=True)
    # [{"column": heading as in the file, "field": key, "message": translated text}, ...]
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # The normalised values of the row (dates as ISO strings), keyed by field.
    values = models.JSONField(_("values"), default=dict, blank=True)
    # For an update: the fields whose value the import changes.
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    label = models.CharField(_("record"), max_length=300, blank=True)

    class Meta:
        ordering = ["job", "number"]
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="import_row_unique_number")
        ]
        indexes = [models.Index(fields=["job", "outcome", "number"])]

    def __str__(self):
        return f"{self.job_id}:{self.number} {self.outcome}"
