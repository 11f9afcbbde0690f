"""Abstract model bases shared by every app: timestamps, a public UUID for URLs, and the
single-use invitation by e-mail."""

import datetime
import uuid
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicModel(TimeStampedModel):
    """Integer keys stay internal; URLs carry `public_id`."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class InvitationQuerySet(models.QuerySet[Any]):
    def pending(self, now: datetime.datetime) -> Self:
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class Invitation(TimeStampedModel):
    """A single-use invitation by e-mail (jump/accounts/invitations.py, SECURITY 4): only a hash
    of the token is stored. The company contact's invitation (companies.Invitation) and the
    young person's (young_people.YouthInvitation) add whom it is for."""

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.email
