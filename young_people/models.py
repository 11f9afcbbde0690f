"""The young person's own door (issue 18): their invitation, and what a coach shares with them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.models import TimeStampedModel


class YouthInvitationQuerySet(models.QuerySet):
    def pending(self, now):
        return self.filter(used_at__isnull=True, expires_at__gt=now)


class YouthInvitation(TimeStampedModel):
    """A single-use invitation of a young person to their own pages; only a token hash is
    stored (the flow of jump/accounts/invitations.py)."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="youth_invitations",
    )
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

    objects = YouthInvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("invitation of a young person")
        verbose_name_plural = _("invitations of young people")

    def __str__(self):
        return self.email


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


# The languages of the programme a young person rates (the coach's rating of others stays on
# the staff side).
CV_LANGUAGES = [("da", _("Danish")), ("de", _("German")), ("en", _("English"))]

# The five skills of the CEFR self-assessment grid, in the Europass order.
GRID_SKILLS = ("listening", "reading", "spoken_interaction", "spoken_production", "writing")


class CvProfile(TimeStampedModel):
    """What the young person writes about themself for their CV (issue 18)."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="cv_profile",
    )
    statement = models.TextField(_("about me"), max_length=1500, blank=True)
    digital_skills = models.TextField(_("digital skills"), max_length=1000, blank=True)
    other_skills = models.TextField(_("other skills"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("CV text of a young person")
        verbose_name_plural = _("CV texts of young people")

    def __str__(self):
        return str(self.participant_id)


def _level_field(label):
    return models.CharField(label, max_length=2, choices=CefrLevel.choices)


class LanguageSelfAssessment(TimeStampedModel):
    """The young person's own rating of one language on the CEFR self-assessment grid; the
    coach's rating (participants.LanguageSkill) stays separate and is shown beside it."""

    participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="language_self_assessments",
    )
    language = models.CharField(_("language"), max_length=10, choices=CV_LANGUAGES)
    listening = _level_field(_("listening"))
    reading = _level_field(_("reading"))
    spoken_interaction = _level_field(_("spoken interaction"))
    spoken_production = _level_field(_("spoken production"))
    writing = _level_field(_("writing"))

    class Meta:
        ordering = ["language", "pk"]
        verbose_name = _("language self-assessment")
        verbose_name_plural = _("language self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "language"], name="one_self_assessment_per_language"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{skill}__in": CefrLevel.values}),
                    name=f"self_assessment_{skill}_cefr",
                )
                for skill in GRID_SKILLS
            ],
        ]

    def __str__(self):
        return self.language

    def levels(self) -> list[str]:
        return [getattr(self, skill) for skill in GRID_SKILLS]


class CalendarFeed(TimeStampedModel):
    """The young person's personal calendar feed: its address carries a signed token of the
    participant and `version`; a new link raises the version, so every older address stops
    working (a 404). Stopped: `active` off."""

    participant = models.OneToOneField(
        "participants.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    version = models.PositiveIntegerField(_("version"), default=1, db_default=1)
    active = models.BooleanField(_("active"), default=True, db_default=True)

    class Meta:
        verbose_name = _("calendar feed of a young person")
        verbose_name_plural = _("calendar feeds of young people")

    def __str__(self):
        return str(self.participant_id)
