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
