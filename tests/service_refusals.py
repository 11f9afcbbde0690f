"""Every public service checks its actor (docs: the authorization contract; STYLE "Writes").

Each app lists its services in `tests/<app>/refusals.py`:

    SERVICES = "participants.services"   # the module or package the services live in
    REFUSALS = {
        # service name: who may NOT act, and the other arguments of the call
        "assessment_update": Refusal("manager", lambda w: {"assessment": w.c1.assessment}),
    }
    NO_ACTOR = {"allowed_statuses": "a read: the statuses a participant may move to next"}

`tests/test_services_check_actor.py` fails when a public function of SERVICES is in neither
table (the list comes from the modules, so a new service without an entry fails), and
`tests/<app>/test_refusals.py` calls every REFUSALS entry with its actor, expecting the app's
refusal and nothing written: no INSERT/UPDATE/DELETE, no on-commit work, no mail, no file.
"""

import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Refusal:
    """`actor`: a name on the app's test world (or a function world → user) who may not act;
    `kwargs`: world → the other keyword arguments of the call."""

    actor: str | Callable[[Any], Any]
    kwargs: Callable[[Any], dict] = field(default=lambda world: {})
    raises: type[Exception] = PermissionDenied

    def user(self, world):
        return self.actor(world) if callable(self.actor) else getattr(world, self.actor)


def public_services(module_name: str) -> dict[str, Callable]:
    """The public functions defined in a services module or package (and its public modules)."""
    root = import_module(module_name)
    modules: list[ModuleType] = [root]
    if hasattr(root, "__path__"):
        for info in pkgutil.iter_modules(root.__path__):
            if not info.name.startswith("_"):
                modules.append(import_module(f"{module_name}.{info.name}"))
    found: dict[str, Callable] = {}
    for module in modules:
        for name, value in vars(module).items():
            if (
                inspect.isfunction(value)
                and not name.startswith("_")
                and value.__module__.startswith(module_name)
            ):
                found[name] = value
    return found


def _files(root) -> set[str]:
    """The files under `root`; none when it is not set (an empty MEDIA_ROOT would otherwise read
    the whole working folder, where other test processes write)."""
    if not root:
        return set()
    path = Path(root)
    return {str(p) for p in path.rglob("*") if p.is_file()} if path.exists() else set()


def assert_refused(world, table: ModuleType, name: str) -> None:
    """Call service `name` of `table.SERVICES` as the entry says; the refusal, nothing written."""
    refusal: Refusal = table.REFUSALS[name]
    service = public_services(table.SERVICES)[name]
    actor = refusal.user(world)
    kwargs = refusal.kwargs(world)
    files_before = _files(settings.PRIVATE_ROOT) | _files(settings.MEDIA_ROOT)
    mails_before = len(mail.outbox)
    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks() as callbacks,
    ):
        try:
            service(actor=actor, **kwargs)
        except refusal.raises:
            pass
        else:
            raise AssertionError(
                f"{table.SERVICES}.{name} let {actor} act: it must ask its app's access.py "
                f"and raise {refusal.raises.__name__}"
            )
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]
    assert not writes, f"{name} refused but wrote: {writes}"
    assert not callbacks, f"{name} refused but queued on-commit work"
    assert len(mail.outbox) == mails_before, f"{name} refused but sent mail"
    assert _files(settings.PRIVATE_ROOT) | _files(settings.MEDIA_ROOT) == files_before, (
        f"{name} refused but stored a file"
    )
