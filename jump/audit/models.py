from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs):
        raise PermissionError("Access log rows cannot be changed.")

    def delete(self):
        raise PermissionError("Access log rows cannot be deleted.")


class AccessLog(models.Model):
    """Who read or exported whose personal data, when and why (GDPR Art. 5(2), 15).

    Rows are written once and never changed: the model refuses updates and deletes, and in
    PostgreSQL a row trigger refuses UPDATE and DELETE, raw SQL included (migration 0003).
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        DOWNLOAD = "download", _("Downloaded a file")
        EXPORT = "export", _("Exported (pseudonymised)")
        EXPORT_NAMES = "export_names", _("Exported with names")
        SUBJECT_ACCESS = "subject_access", _("Subject access export")
        ERASE = "erase", _("Erased")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor_roles = models.CharField(_("role"), max_length=200, blank=True)
    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("whose data"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_logs",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    what = models.CharField(_("what"), max_length=200)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    path = models.CharField(_("address"), max_length=500, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["participant", "-at"]),
            models.Index(fields=["actor", "-at"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} {self.action} {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Access log rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Access log rows cannot be deleted.")

    @property
    def roles_display(self) -> str:
        from .labels import roles_label

        return roles_label(self.actor_roles)

    @property
    def what_display(self) -> str:
        from .labels import what_label

        return what_label(self.what)


class ErasureLedger(models.Model):
    """One erasure, remembered without the person: a keyed hash of the participant's public id
    and the date. After restoring an older backup, `manage.py erasure_reapply` finds the
    participants again by this hash and erases them once more (SECURITY 22).

    Rows are never changed or deleted (enforced by a PostgreSQL trigger).
    """

    subject_hash = models.CharField(_("keyed hash of the participant"), max_length=64, unique=True)
    erased_on = models.DateField(_("erased on"))

    class Meta:
        ordering = ["erased_on", "pk"]
        verbose_name = _("erasure ledger entry")
        verbose_name_plural = _("erasure ledger")

    def __str__(self):
        return f"{self.erased_on} {self.subject_hash[:12]}"


class Retention(models.Model):
    """A participant's own retention end, or a legal hold; without a row the programme's
    default applies (five years from 31 December of the year of the final payment)."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="retention",
    )
    retention_end = models.DateField(
        _("retention end"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the programme's default."),
    )
    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_("Keep the data beyond the retention end; stops automatic and manual erasure."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("retention")
        verbose_name_plural = _("retention")

    def __str__(self):
        return f"{self.participant_id}: {self.retention_end or '-'} {self.legal_hold}"
