"""The young person's own door (issue 18): their invitation, and what a coach shares with them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.models import Invitation


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
