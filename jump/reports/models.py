"""Targets per indicator and report runs (docs/architecture.md, `jump.reports`)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from jump.lib.countries import Country
from jump.lib.models import PublicModel, TimeStampedModel

# A named export needs a reason a reader of the access log can understand.
REASON_MIN_LENGTH = 15


class IndicatorTarget(TimeStampedModel):
    """The programme's target (and one milestone) for one indicator, set by managers."""

    code = models.CharField(_("indicator"), max_length=20, unique=True)
    target_value = models.DecimalField(
        _("target value"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("The value the programme has committed to reach by its end."),
    )
    milestone_value = models.DecimalField(
        _("milestone value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    milestone_date = models.DateField(_("milestone date"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gte=0), name="indicator_target_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(milestone_value__isnull=True) | Q(milestone_value__gte=0),
                name="indicator_milestone_not_negative",
            ),
            # A milestone is a value and a date, or nothing.
            models.CheckConstraint(
                condition=Q(milestone_value__isnull=True, milestone_date__isnull=True)
                | Q(milestone_value__isnull=False, milestone_date__isnull=False),
                name="indicator_milestone_value_and_date",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.target_value}"

    def clean(self):
        from .indicators import INDICATORS

        errors = {}
        if self.code not in INDICATORS:
            errors["code"] = _("There is no indicator with this code.")
        if (self.milestone_value is None) != (self.milestone_date is None):
            field = "milestone_date" if self.milestone_date is None else "milestone_value"
            errors[field] = _("A milestone needs both a value and a date.")
        if errors:
            raise ValidationError(errors)


def report_file_name(run: "ReportRun") -> str:
    """The one place a run's file lives: a random-looking name outside any public root."""
    return f"reports/{run.public_id.hex}.{run.extension}"


class ReportRun(PublicModel):
    """One report asked for by a manager (or by the monthly schedule) and built by a task.

    queued → running → done | failed. The task claims a run with a conditional UPDATE and
    counts `attempts`; the attempt number is a fencing token: only the attempt that holds it
    may write progress or mark the run done, so a run is finished exactly once.
    """

    class Kind(models.TextChoices):
        ON_REQUEST = "on_request", _("On request")
        MONTHLY = "monthly", _("Monthly report")

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (XLSX)")
        CSV = "csv", _("CSV tables (ZIP)")
        PDF = "pdf", _("PDF summary")
        JEMS_XLSX = "jems_xlsx", _("Jems project report table (XLSX)")
        JEMS_CSV = "jems_csv", _("Jems project report table (CSV)")

    class Separator(models.TextChoices):
        SEMICOLON = ";", _("Semicolon (;)")
        COMMA = ",", _("Comma (,)")
        TAB = "tab", _("Tab")

    class DecimalMark(models.TextChoices):
        COMMA = ",", _("Decimal comma (1,5)")
        POINT = ".", _("Decimal point (1.5)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Error(models.TextChoices):
        TIME_LIMIT = "time_limit", _("The report took too long to build and was stopped.")
        BUILD_FAILED = "build_failed", _("The report could not be built because of an error.")
        GAVE_UP = (
            "gave_up",
            _("The report was interrupted several times (the worker stopped) and was given up."),
        )

    FINISHED = (Status.DONE, Status.FAILED)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="report_runs",
    )
    kind = models.CharField(
        _("report"), max_length=20, choices=Kind.choices, default=Kind.ON_REQUEST
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    # CSV only; blank = from the report's language (docs: ";" and "," for Danish and German).
    csv_separator = models.CharField(
        _("CSV separator"), max_length=3, choices=Separator.choices, blank=True
    )
    decimal_mark = models.CharField(
        _("decimal mark"), max_length=1, choices=DecimalMark.choices, blank=True
    )
    with_names = models.BooleanField(_("with names"), default=False)
    reason = models.CharField(_("reason for the names"), max_length=500, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    file = models.FileField(_("file"), max_length=200, blank=True)
    # A file with names is deleted when a person in it is erased, or when it expires
    # (REPORT_FILES_WITH_NAMES_DAYS); the run stays, and says why its file is gone.
    file_removed = models.CharField(
        _("file removed"),
        max_length=10,
        choices=[("erasure", _("file removed by erasure")), ("expired", _("file expired"))],
        blank=True,
    )
    error = models.CharField(_("error"), max_length=20, choices=Error.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="report_run_period_order"
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="report_run_progress_range"
            ),
            models.CheckConstraint(
                condition=Q(with_names=False) | ~Q(reason=""),
                name="report_run_names_need_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(file=""), name="report_run_done_has_file"
            ),
            # The monthly schedule may run as often as it likes: one run per manager and month.
            models.UniqueConstraint(
                fields=["requested_by", "period_start"],
                condition=Q(kind="monthly"),
                name="report_run_one_monthly_per_manager",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_start}–{self.period_end} ({self.format})"

    @property
    def extension(self) -> str:
        # A CSV report is a ZIP of one CSV file per table; the Jems table is one file.
        extensions: dict[str, str] = {
            self.Format.CSV: "zip",
            self.Format.JEMS_XLSX: "xlsx",
            self.Format.JEMS_CSV: "csv",
        }
        return extensions.get(self.format, self.format)

    @property
    def is_jems(self) -> bool:
        return self.format in (self.Format.JEMS_XLSX, self.Format.JEMS_CSV)

    def csv_dialect(self) -> tuple[str, str]:
        """(separator, decimal mark): as chosen, else ";" and "," for Danish and German."""
        local = self.language in ("da", "de")
        separator = self.csv_separator or (";" if local else ",")
        mark = self.decimal_mark or ("," if local else ".")
        return ("\t" if separator == self.Separator.TAB else separator), mark

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def error_message(self) -> str:
        return self.get_error_display() if self.error else ""

    def download_name(self) -> str:
        from django.utils import translation

        with translation.override(self.language):
            word = _("report") if not self.is_jems else "jems"
            names = "-" + slugify(str(_("names"))) if self.with_names else ""
            word = slugify(str(word))
        period = f"{self.period_start:%Y%m%d}-{self.period_end:%Y%m%d}"
        return f"jump-{word}-{period}{names}.{self.extension}"

    def clean(self):
        from .periods import period_errors

        errors = {
            f"period_{key}": message
            for key, message in period_errors(self.period_start, self.period_end).items()
        }
        if self.with_names and len(self.reason.strip()) < REASON_MIN_LENGTH:
            errors["reason"] = _(
                "Say why the names are needed (at least %(count)s characters)."
            ) % {"count": REASON_MIN_LENGTH}
        if errors:
            raise ValidationError(errors)


class DataVersion(models.Model):
    """One counter, raised after every committed write to the data the figures are made from.

    The dashboard's cache keys carry it (jump.reports.cache), so a cached figure is never read
    after a write that could change it. One row (pk 1), created by the migration."""

    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return str(self.version)


class ReportSubmission(PublicModel):
    """A period's report as it was submitted to the funder: when, under which reference, by
    whom. Its figures are frozen in `SubmissionValue` rows; "previously reported" is the sum of
    the submissions of earlier periods (docs/indicators.md, "Reports that were submitted")."""

    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    submitted_on = models.DateField(_("submitted on"))
    reference = models.CharField(
        _("reference"),
        max_length=100,
        help_text=_("The funder's reference of the report, e.g. its number in Jems."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["period_start", "pk"]
        verbose_name = _("submitted report")
        verbose_name_plural = _("submitted reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="report_submission_period_order",
            ),
            models.UniqueConstraint(
                fields=["period_start"], name="report_submission_one_per_period_start"
            ),
        ]

    def __str__(self):
        return f"{self.reference} ({self.period_start}–{self.period_end})"

    def clean(self):
        from .periods import period_errors

        errors = {
            f"period_{key}": message
            for key, message in period_errors(self.period_start, self.period_end).items()
        }
        if not (self.reference or "").strip():
            errors["reference"] = _("Give the funder's reference of the report.")
        if errors:
            raise ValidationError(errors)


class SubmissionValue(models.Model):
    """One frozen figure of a submission: an indicator's value (`line` "") or one breakdown
    line, for the whole programme or one partner, and for both countries or one."""

    submission = models.ForeignKey(
        ReportSubmission,
        verbose_name=_("submitted report"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    code = models.CharField(_("indicator"), max_length=20)
    line = models.CharField(_("breakdown line"), max_length=200, blank=True)
    label = models.CharField(_("label"), max_length=300, blank=True)
    group = models.CharField(_("group"), max_length=300, blank=True)
    level = models.PositiveSmallIntegerField(_("level"), default=0)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True)

    class Meta:
        ordering = ["submission", "code", "pk"]
        verbose_name = _("submitted figure")
        verbose_name_plural = _("submitted figures")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "partner", "country", "code", "line"],
                name="submission_value_once",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.line}: {self.value}"
