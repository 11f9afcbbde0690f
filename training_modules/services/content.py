"""Writing modules and good practices (texts in Danish, German and English)."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from jump.accounts.models import User

from .. import access
from ..models import (
    GoodPractice,
    Module,
    Tag,
)
from ..models.library import tag_named
from ._base import assign

LANGUAGE_CODES = ("da", "de", "en")
MODULE_FIELDS = frozenset(
    f"{name}_{code}"
    for name in ("title", "summary", "description", "learning_outcomes")
    for code in LANGUAGE_CODES
) | {"hours", "target_group", "format", "status"}
GOOD_PRACTICE_FIELDS = frozenset(
    f"{name}_{code}" for name in ("title", "body") for code in LANGUAGE_CODES
) | {"partner", "country", "status"}


def module_create(*, actor: User, data: Mapping[str, Any]) -> Module:
    """A new module by a trainer, manager or admin (texts per language in `data`)."""
    access.require_editor(actor)
    module = Module(created_by=actor)
    assign(module, data, MODULE_FIELDS)
    module.full_clean()
    module.save()
    return module


def module_update(*, actor: User, module: Module, data: Mapping[str, Any]) -> Module:
    """Change a module's texts, hours, format, target group or status (editors)."""
    access.require_editor(actor)
    assign(module, data, MODULE_FIELDS)
    module.full_clean()
    module.save()
    return module


def tags_from_names(names: Iterable[str]) -> list[Tag]:
    """The tags of these names, created when new.

    A name matches a tag's name in any language, case-insensitively: a writer types the tags in
    their own language. A new tag gets the name in the writer's language (the others fall back
    to it until an administrator translates it in the admin site)."""
    tags = []
    for name in names:
        tag = Tag.objects.filter(tag_named(name)).first() or Tag.objects.create(name=name)
        tags.append(tag)
    return tags


def _save_good_practice(
    practice: GoodPractice, data: Mapping[str, Any], tags: Iterable[str]
) -> GoodPractice:
    assign(practice, data, GOOD_PRACTICE_FIELDS)
    if practice.status == GoodPractice.Status.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
    practice.full_clean()
    with transaction.atomic():
        practice.save()
        practice.tags.set(tags_from_names(tags))
    return practice


def good_practice_create(
    *, actor: User, data: Mapping[str, Any], tags: Iterable[str] = ()
) -> GoodPractice:
    """A new article of the library, written by a trainer, manager or admin (its author)."""
    access.require_editor(actor)
    return _save_good_practice(GoodPractice(author=actor), data, tags)


def good_practice_update(
    *, actor: User, practice: GoodPractice, data: Mapping[str, Any], tags: Iterable[str] = ()
) -> GoodPractice:
    """Change an article (editors); the first publication sets its publication date."""
    access.require_editor(actor)
    return _save_good_practice(practice, data, tags)
