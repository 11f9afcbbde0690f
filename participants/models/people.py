from typing import Self, TypeGuard

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import is_partner_coach
from jump.lib.countries import Country
from jump.lib.models import PublicModel, TimeStampedModel

CASE_WORKER_ROLES = ("coach", "programme_manager", "admin")


def _coach_q(user) -> Q:
    """A coach's own partner's participants and those shared with them by an active share.

    Written as `id IN (own partner UNION ALL shared)` rather than `partner = … OR EXISTS(share)`:
    the same rows, but PostgreSQL estimates the OR form at half the table (50,000 rows of
    100,000 instead of ~1,000), and then hashes whole tables for the caseload's subqueries and
    JIT-compiles the query (make bench, docs/performance.md).
    """
    if not is_partner_coach(user):
        return Q(pk__in=[])
    # is_partner_coach: the coach's partner_id is set.
    own = Participant.objects.filter(partner_id=user.partner_id).order_by().values("pk")  # type: ignore[misc]
    shared = ParticipantShare.objects.filter(coach=user, revoked_at__isnull=True).values(
        "participant_id"
    )
    return Q(pk__in=own.union(shared, all=True))


def _company_contact_q(user) -> Q:
    if not (user.has_role("company_contact") and user.company_id):
        return Q(pk__in=[])
    # Only those proposed to or placed with the contact's own company, and only while
    # the participant's latest share_with_companies consent is "given".
    return Q(
        Exists(
            apps.get_model("companies", "Placement").objects.filter(
                participant=OuterRef("pk"), offer__company_id=user.company_id
            )
        )
    ) & Q(pk__in=Participant.objects.with_consent(Consent.Purpose.SHARE_WITH_COMPANIES))


def _is_active_user(user: AnyUser | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


class ParticipantQuerySet(models.QuerySet["Participant"]):
    def visible_to(self, user: AnyUser | None) -> Self:
        """The one place that says which participants a user may see (docs/architecture.md:
        who may see what)."""
        if not _is_active_user(user):
            return self.none()
        if user.has_role("admin", "programme_manager"):
            return self
        return self.filter(_coach_q(user) | _company_contact_q(user))

    def case_visible_to(self, user: AnyUser | None) -> Self:
        """Participants whose case file a user may open on the participants pages.

        `visible_to` without the company-contact branch: company contacts see participants only
        through the companies portal, never the case file (notes, assessments, documents).
        """
        if not _is_active_user(user) or not user.has_role(*CASE_WORKER_ROLES):
            return self.none()
        if user.has_role("admin", "programme_manager"):
            return self
        return self.filter(_coach_q(user))

    def with_consent(self, purpose: str) -> Self:
        """Participants whose most recent consent record for `purpose` is a consent given."""
        latest = (
            Consent.objects.filter(participant=OuterRef("pk"), purpose=purpose)
            .order_by("-recorded_at", "-pk")
            .values("given")[:1]
        )
        return self.annotate(_consent_given=Subquery(latest)).filter(_consent_given=True)


class Participant(PublicModel):
    """A young person in the programme."""

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        DIVERSE = "diverse", _("Diverse")
        NOT_STATED = "not_stated", _("Not stated")

    class Isced(models.TextChoices):
        ISCED_0_2 = "isced_0_2", _("ISCED 0–2 (up to lower secondary)")
        ISCED_3_4 = "isced_3_4", _("ISCED 3–4 (upper secondary, post-secondary)")
        ISCED_5_8 = "isced_5_8", _("ISCED 5–8 (tertiary)")

    class LabourMarketStatus(models.TextChoices):
        UNEMPLOYED = "unemployed", _("Unemployed")
        LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
        INACTIVE = "inactive", _("Inactive")
        IN_EDUCATION = "in_education", _("In education or training")
        EMPLOYED = "employed", _("Employed")

    class Status(models.TextChoices):
        INTERESTED = "interested", _("Interested")
        ENROLLED = "enrolled", _("Enrolled")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        DROPPED_OUT = "dropped_out", _("Dropped out")

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    country_of_residence = models.CharField(
        _("country of residence"), max_length=2, choices=[*Country.choices, ("XX", _("Other"))]
    )
    education_level = models.CharField(_("education level"), max_length=20, choices=Isced.choices)
    labour_market_status = models.CharField(
        _("labour-market status at entry"), max_length=30, choices=LabourMarketStatus.choices
    )
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="participants",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.PROTECT,
        related_name="coached_participants",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.INTERESTED
    )
    entry_date = models.DateField(_("entry date"), null=True, blank=True)
    exit_date = models.DateField(_("exit date"), null=True, blank=True)
    exit_reason = models.CharField(_("exit reason"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="da"
    )
    # Special-category data (GDPR Art. 9, SECURITY 38): stored only while the consent of purpose
    # SPECIAL_CATEGORY holds (participants/services/special_category.py); withdrawing it clears
    # both. Empty is "not recorded". Defaults in the database too, for rows written outside the
    # ORM (the benchmark's COPY).
    disability = models.CharField(
        _("disability"),
        max_length=3,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        blank=True,
        default="",
        db_default="",
    )
    health_support_needs = models.TextField(
        _("health-related support needs"), blank=True, default="", db_default=""
    )
    # The young person's own login (issue 18): set when they accept their coach's invitation,
    # cleared when their access ends. Their pages live in the young_people app.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login of the young person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    # Set when the person's identifying data has been erased (pseudonymised).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True)
    # The caseload's sort key (issue 20): the earliest due date of the open steps and open
    # follow-ups, NULL when none is open; overdue is `next_due_on < today`. Kept by the services
    # that write steps, goals, plans and case notes through participants/next_due.py, never set
    # by hand (a test recomputes it from scratch after each of them).
    next_due_on = models.DateField(_("next due on"), null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.CheckConstraint(
                condition=Q(exit_date__isnull=True)
                | Q(entry_date__isnull=True)
                | Q(exit_date__gte=models.F("entry_date")),
                name="participant_exit_after_entry",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "status"]),
            models.Index(fields=["entry_date"]),
            models.Index(fields=["exit_date"]),
            models.Index(fields=["last_name", "first_name"], name="participant_name_idx"),
            # The caseload's order, for a coach's partner and for everyone (keyset pages).
            models.Index(
                fields=["partner", "next_due_on", "last_name", "first_name", "id"],
                name="participant_partner_due_idx",
            ),
            models.Index(
                fields=["next_due_on", "last_name", "first_name", "id"],
                name="participant_due_idx",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        errors = {}
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
        elif self.date_of_birth and self.date_of_birth.year < 1900:
            errors["date_of_birth"] = _("Check the date of birth: the year is before 1900.")
        if self.entry_date and self.exit_date and self.exit_date < self.entry_date:
            errors["exit_date"] = _("The exit date cannot be before the entry date.")
        if errors:
            raise ValidationError(errors)

    def is_minor_on(self, day) -> bool:
        """Under 18 on `day` (a consent given then needs a guardian, SECURITY 36)."""
        dob = self.date_of_birth
        age = day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
        return age < 18

    @property
    def is_minor(self) -> bool:
        return self.is_minor_on(timezone.localdate())

    @property
    def has_left(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.DROPPED_OUT)


class ParticipantShare(TimeStampedModel):
    """Co-coaching across the border: a coach of another partner works on this case too."""

    participant = models.ForeignKey(
        Participant, verbose_name=_("participant"), on_delete=models.CASCADE, related_name="shares"
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        on_delete=models.CASCADE,
        related_name="shared_participants",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-coaching share")
        verbose_name_plural = _("co-coaching shares")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "coach"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_share_per_coach",
            )
        ]


class Consent(models.Model):
    """One entry of the consent ledger: a consent given or withdrawn. Rows are never edited."""

    class Purpose(models.TextChoices):
        PARTICIPATION = "participation", _("Participation in the programme")
        SHARE_WITH_COMPANIES = "share_with_companies", _("Sharing with companies")
        PHOTOS = "photos", _("Photos")
        FUNDER_REPORTING = "funder_reporting", _("Reporting to the funder")
        # Explicit consent to special-category data (GDPR Art. 9(2)(a), SECURITY 38).
        SPECIAL_CATEGORY = "special_category", _("Disability and health data")

    class GuardianMethod(models.TextChoices):
        ON_PAPER = "on_paper", _("On paper")
        IN_PERSON = "in_person", _("In person")
        BY_EMAIL = "by_email", _("By e-mail")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    given = models.BooleanField(
        _("given"), help_text=_("Given (ticked) or withdrawn (not ticked).")
    )
    evidence = models.CharField(_("evidence"), max_length=300, blank=True)
    # A consent given for a minor records the guardian who gave it (SECURITY 36). Empty by
    # default in the database too: rows written outside the ORM (the benchmark's COPY) get it.
    guardian_name = models.CharField(
        _("guardian's name"), max_length=200, blank=True, default="", db_default=""
    )
    guardian_relation = models.CharField(
        _("guardian's relation"), max_length=100, blank=True, default="", db_default=""
    )
    guardian_method = models.CharField(
        _("how the guardian gave it"),
        max_length=20,
        choices=GuardianMethod.choices,
        blank=True,
        default="",
        db_default="",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["participant", "purpose", "-recorded_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()}: {self.given}"


class LanguageSkill(PublicModel):
    """A language and its CEFR level on the date it was assessed (a new row per assessment)."""

    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        GERMAN = "de", _("German")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other")

    class Level(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"
        C1 = "C1", "C1"
        C2 = "C2", "C2"

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="language_skills",
    )
    language = models.CharField(_("language"), max_length=10, choices=Language.choices)
    other_language = models.CharField(_("other language"), max_length=50, blank=True)
    level = models.CharField(_("CEFR level"), max_length=2, choices=Level.choices)
    assessed_on = models.DateField(_("assessed on"))

    class Meta:
        ordering = ["language", "-assessed_on"]
        verbose_name = _("language skill")
        verbose_name_plural = _("language skills")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=["A1", "A2", "B1", "B2", "C1", "C2"]),
                name="language_skill_cefr_level",
            )
        ]

    def __str__(self):
        return f"{self.language_label}: {self.level}"

    @property
    def language_label(self) -> str:
        if self.language == self.Language.OTHER and self.other_language:
            return self.other_language
        return self.get_language_display()

    def clean(self):
        errors = {}
        if self.language == self.Language.OTHER and not self.other_language.strip():
            errors["other_language"] = _("Name the language.")
        if self.assessed_on and self.assessed_on > timezone.localdate():
            errors["assessed_on"] = _("The assessment date cannot be in the future.")
        if errors:
            raise ValidationError(errors)
