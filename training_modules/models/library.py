"""The good-practice library: articles in three languages, tagged."""

from functools import reduce
from operator import or_
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from jump.accounts.models import User
from jump.lib.countries import Country
from jump.lib.models import PublicModel

from ..roles import EDITOR_ROLES, TRAINING_ROLES


class Tag(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """A keyword of the library. Its name has a Danish, German and English version
    (translation.py); a page shows it in the reader's language, with the usual fallback."""

    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name


def tag_named(name: str, prefix: str = "") -> Q:
    """Tags one of whose names (any language) is `name`, case-insensitively; `prefix` reaches
    them through a relation (`"tags__"`)."""
    return reduce(
        or_,
        (
            Q(**{f"{prefix}{build_localized_fieldname('name', code)}__iexact": name})
            for code in settings.MODELTRANSLATION_LANGUAGES
        ),
    )


class GoodPracticeQuerySet(models.QuerySet["GoodPractice"]):
    def visible_to(self, user: User) -> Self:
        """Published articles for everyone with a training role; drafts for their author,
        trainers, managers and admins."""
        if user.has_role(*EDITOR_ROLES):
            return self.all()
        if user.has_role(*TRAINING_ROLES):
            return self.filter(Q(status=GoodPractice.Status.PUBLISHED) | Q(author=user))
        return self.none()


class GoodPractice(PublicModel):
    """An article of the knowledge base: what worked, where, for whom."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="+")
    partner = models.ForeignKey(
        "accounts.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_practices",
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # modeltranslation swaps the manager's class at run time, which the stubs cannot follow.
    objects = GoodPracticeQuerySet.as_manager()  # type: ignore[django-manager-missing]

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="training_goodpractice_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title
