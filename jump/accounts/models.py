from functools import cached_property
from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from jump.lib.countries import Country
from jump.lib.models import PublicModel

from .roles import Role


# good_practices: the stubs cannot follow the manager modeltranslation gives GoodPractice.
class Partner(PublicModel):  # type: ignore[django-manager-missing]
    """A project partner organisation (production school, vocational school, job centre …)."""

    class Kind(models.TextChoices):
        PRODUCTION_SCHOOL = "production_school", _("Production school")
        VOCATIONAL_SCHOOL = "vocational_school", _("Vocational school")
        JOB_CENTRE = "job_centre", _("Job centre")
        MUNICIPALITY = "municipality", _("Municipality")
        CHAMBER = "chamber", _("Chamber or business association")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    young_person_grace_days = models.PositiveSmallIntegerField(
        _("days a young person keeps their login after leaving"),
        default=90,
        # Also a database default: rows written outside the ORM (the benchmark's bulk seed) get it.
        db_default=90,
        help_text=_("After this many days past the exit date, the login of a young person ends."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def with_role(self, role: str):
        return self.filter(groups__name=role, is_active=True)


class User(AbstractUser, PublicModel):
    """A person who logs in: staff of a partner, a company contact, a trainer … (e-mail login)."""

    username = None  # type: ignore[assignment]  # e-mail login: AbstractUser's field removed
    email = models.EmailField(_("e-mail address"), unique=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="da",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    company = models.ForeignKey(
        "companies.Company",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )

    # Raised whenever the user's roles or second factors change (jump.accounts.signals): a
    # session keeps the roles and the TOTP flag it read while this number stays the same.
    access_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)
    # Raised whenever one of the user's notifications is added, read or removed
    # (jump.notifications): a session keeps the unread count it read while this stays the same.
    notice_version = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()  # type: ignore[assignment,misc]  # ours has no username

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        return any(role in self.role_names for role in roles)

    @property
    def is_coach(self):
        return self.has_role(Role.COACH)

    @property
    def is_company_contact(self):
        return self.has_role(Role.COMPANY_CONTACT)

    @property
    def is_programme_manager(self):
        return self.has_role(Role.PROGRAMME_MANAGER)

    @property
    def is_trainer(self):
        return self.has_role(Role.TRAINER)

    @property
    def is_staff_learner(self):
        return self.has_role(Role.STAFF_LEARNER)

    @property
    def is_admin_role(self):
        return self.has_role(Role.ADMIN)

    @property
    def is_young_person(self):
        return self.has_role(Role.YOUNG_PERSON)

    @property
    def requires_mfa(self) -> bool:
        return self.has_role(*settings.MFA_REQUIRED_ROLES)


# Who a request carries: a signed-in user or Django's anonymous one (access.py takes either).
AnyUser: TypeAlias = User | AnonymousUser
