"""The young person's own door (issue 18): their invitation, and what a coach shares with them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.models import Invitation, InvitationQuerySet, TimeStampedModel


class YouthInvitation(Invitation):
    """A single-use invitation of a young person to their own pages; only a token hash is
    stored (the flow of jump/accounts/invitations.py)."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="youth_invitations",
    )

    class Meta(Invitation.Meta):
        verbose_name = _("invitation of a young person")
        verbose_name_plural = _("invitations of young people")


class FollowUpRequest(TimeStampedModel):
    """The six-month follow-up sent to a young person by e-mail: a link that works without a
    login for 30 days, for this one person, until it is answered. Only a token hash is stored
    (the flow of jump/accounts/invitations.py); the answer becomes a proposed six-month outcome
    that the coach confirms or corrects."""

    class Doing(models.TextChoices):
        SCHOOL = "school", _("School or training")
        WORK = "work", _("Work")
        LOOKING = "looking", _("Looking for work or a school")
        OTHER = "other", _("Something else")

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="follow_up_requests",
    )
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    # "used" = answered: the name the shared token flow uses.
    used_at = models.DateTimeField(_("answered"), null=True, blank=True)
    doing = models.CharField(_("doing now"), max_length=10, choices=Doing.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    outcome = models.ForeignKey(
        "participants.Outcome",
        verbose_name=_("proposed outcome"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("six-month follow-up request")
        verbose_name_plural = _("six-month follow-up requests")
        constraints = [
            # One follow-up per person: the daily job is idempotent by this.
            models.UniqueConstraint(fields=["participant"], name="one_follow_up_per_participant")
        ]

    def __str__(self):
        return self.email
