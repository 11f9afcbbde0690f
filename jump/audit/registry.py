"""What each app holds about a person, told to the audit app by that app (SECURITY 21, 22).

The audit app is part of the foundation: it imports no domain app (docs/architecture.md). Each
app that keeps personal data says, next to its models (`<app>/privacy.py`, registered from its
`AppConfig.ready()`):

- `register_erasure(label, scrub)`: what it blanks when a person is erased. `scrub(person)`
  runs inside the erasure's transaction, before the person's own row is pseudonymised, and
  returns the files (storage, name) to delete after commit.
- `register_export(*sections)` / `register_excluded(label, reason)`: its sections of the
  subject access export, or why a related model is left out.
- `register_summary(key, build)`: an extra summary of the export (`build(person)` → list).
- `register_subject(...)`: which model is "the person" of the audit pages, how a user's lookup
  of one is resolved (404 when invisible), how the row itself is pseudonymised, and its page.

Registration order is the apps' order in INSTALLED_APPS, which is the order of the export.
Nothing registered means nothing exported and nothing scrubbed: the test of SECURITY 21 walks
every model related to the person and fails on one that is neither exported nor excluded.
"""

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

Files = list[tuple]  # (storage, name) pairs to delete after commit

# What replaces a required free text on erasure (a case note's summary, a goal's title …).
ERASED_TEXT = "[erased]"
ERASED_FIRST_NAME = "Erased"


@dataclasses.dataclass(frozen=True)
class Section:
    """One section of the subject access export."""

    key: str
    title: object  # a lazy translation
    model: str  # app_label.ModelName
    rows: Callable  # person -> iterable of rows
    children: tuple = ()  # (key, title, model label, row -> iterable)


@dataclasses.dataclass(frozen=True)
class Subject:
    """The person of the audit pages: the model, a user's lookup, pseudonymisation, page."""

    model: type[Any]  # the foundation knows the person's model only by registration
    resolve: Callable  # (user, public_id) -> instance; Http404 when invisible to the user
    pseudonymise: Callable  # (instance) -> None, saves the row
    detail_url: Callable  # (instance) -> str


_SCRUBBERS: dict[str, Callable[[object], Files]] = {}
_SECTIONS: list[Section] = []
EXCLUDED: dict[str, str] = {}
_SUMMARIES: dict[str, Callable[[object], list]] = {}
_SUBJECT: list[Subject] = []


def register_erasure(label: str, scrub: Callable[[object], Files]) -> None:
    """`scrub(person)` blanks what app `label` holds about the person; returns files to delete."""
    _SCRUBBERS[label] = scrub


def register_export(*sections: Section) -> None:
    """Add sections to the subject access export, after those registered before."""
    known = {section.key for section in _SECTIONS}
    _SECTIONS.extend(section for section in sections if section.key not in known)


def register_excluded(model_label: str, reason: str) -> None:
    """A model related to the person that is deliberately not exported, and why."""
    EXCLUDED[model_label] = reason


def register_summary(key: str, build: Callable[[object], list]) -> None:
    _SUMMARIES[key] = build


def register_subject(
    model: type[Any], *, resolve: Callable, pseudonymise: Callable, detail_url: Callable
) -> None:
    _SUBJECT[:] = [
        Subject(model=model, resolve=resolve, pseudonymise=pseudonymise, detail_url=detail_url)
    ]


def subject() -> Subject:
    """The registered person model; fails closed (an error) when no app registered one."""
    if not _SUBJECT:
        raise LookupError("No app registered the subject of erasure and subject access.")
    return _SUBJECT[0]


def scrubbers() -> Iterable[Callable[[object], Files]]:
    return list(_SCRUBBERS.values())


def sections() -> tuple[Section, ...]:
    return tuple(_SECTIONS)


def summaries() -> dict[str, Callable[[object], list]]:
    return dict(_SUMMARIES)
