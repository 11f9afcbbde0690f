"""An exact cache of the dashboard's figures.

The dashboard's figures are aggregates over the whole programme (tens of queries over millions
of rows at programme scale), asked for again and again with the same period and partner. They
are cached under a key of everything they depend on:

    (period start and end, partner, country, language, today's date, data version)

The partner in the key is the scope's, which the view has already fixed by the access rules (a
coach's own partner, another partner → 404), so the cache cannot widen what anyone sees.

The data version (`DataVersion`, one row) is raised after every committed transaction that wrote
to a table the figures could be made from. An execute wrapper on every database connection sees
each statement Django sends (ORM, bulk operations, `update()`, raw cursors): after a write to any
table not in `NOT_FIGURE_DATA` it registers a raise of the version for after the commit (at once
in autocommit). A reader takes the version *before* it reads the figures, so a key holds figures
at least as new as its version, and any later commit makes a new key: a cached figure is never
served after a write that could change it. What Django does not send is not seen: `COPY` (the
benchmark's seeding raises the version itself), SQL typed into psql, a restored dump — after
those, `bump_data_version()` (or `manage.py shell`) or the time limit below.

What is cached holds plain strings only (`plain`): lazy translations are turned into text in the
language of the key before storing, so that reading an entry unpickles no translation machinery.

The dashboard also caches the HTML of its figure part (`cached_fragment`): the tables and charts,
rendered without the request (no user, no CSRF token, no messages, no navigation), under the same
key plus the evidence links' query string and the version of the templates that made it. A hit
renders only the page around it.
"""

import contextlib
import dataclasses
import functools
import hashlib
import re

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F
from django.db.utils import DatabaseError
from django.utils import timezone, translation
from django.utils.functional import Promise

# A safety net for writes Django never sees (see above); within it the cache is exact.
TIMEOUT_SECONDS = 60 * 60

# Tables written while people only read (sessions, the access log, the cache itself, MFA's
# "last used") or by the machinery, never read by an indicator: a write there keeps the version.
NOT_FIGURE_DATA = frozenset(
    {
        "django_session",
        "reports_dataversion",
        "audit_accesslog",
        "notifications_notification",
        "mfa_authenticator",
    }
)
# The task machinery's own tables (beat's schedules), whatever their names.
NOT_FIGURE_DATA_PREFIXES = ("django_celery_beat_",)

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([A-Za-z0-9_.]+)"?',
    re.IGNORECASE,
)
_READ_ONLY = re.compile(
    r"^\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SET|SHOW|EXPLAIN|DECLARE|FETCH|CLOSE)\b",
    re.IGNORECASE,
)


def cache_tables() -> set[str]:
    """The database cache's own tables (writes there are the cache, not data)."""
    return {
        options["LOCATION"]
        for options in settings.CACHES.values()
        if options.get("BACKEND", "").endswith("DatabaseCache")
    }


def writes_figure_data(sql: str) -> bool:
    """Whether a statement may change data a figure is made from (when unsure: yes)."""
    if _READ_ONLY.match(sql):
        return False
    if sql.lstrip()[:8].upper() == "TRUNCATE":
        return True  # it may name several tables
    match = _WRITE.match(sql)
    if match is None:
        # WITH … INSERT, DDL, anything unusual: treated as a write.
        return True
    table = match.group(1).rsplit(".", 1)[-1].strip('"').lower()
    return (
        table not in NOT_FIGURE_DATA
        and not table.startswith(NOT_FIGURE_DATA_PREFIXES)
        and table not in cache_tables()
    )


def bump_data_version(using: str = DEFAULT_DB_ALIAS) -> None:
    """Raise the data version (one short UPDATE in its own transaction)."""
    from .models import DataVersion

    if not DataVersion.objects.using(using).filter(pk=1).update(version=F("version") + 1):
        DataVersion.objects.using(using).get_or_create(pk=1, defaults={"version": 1})


def _bump_after_commit(using: str):
    def bump():
        # Without the table (a migration in progress) nothing is cached either.
        with contextlib.suppress(DatabaseError):
            bump_data_version(using)

    bump.jump_data_version = using  # type: ignore[attr-defined]  # marks our own callbacks
    return bump


def _pending(connection) -> bool:
    return any(
        getattr(entry[1], "jump_data_version", None) == connection.alias
        for entry in connection.run_on_commit
    )


class WriteWatcher:
    """Execute wrapper: after a statement that writes figure data, raise the version on commit."""

    def __init__(self, connection):
        self.connection = connection

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if isinstance(sql, str) and writes_figure_data(sql):
            connection = self.connection
            if not connection.in_atomic_block:
                _bump_after_commit(connection.alias)()
            elif not _pending(connection):
                transaction.on_commit(_bump_after_commit(connection.alias), using=connection.alias)
        return result


def watch(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: put the watcher on the connection once.

    Not on Django's own helper connections (creating or dropping a test database)."""
    if connection.alias not in connections.settings:
        return
    if not any(isinstance(wrapper, WriteWatcher) for wrapper in connection.execute_wrappers):
        # First in the list: `connection.execute_wrapper()` pops the last one when it ends.
        connection.execute_wrappers.insert(0, WriteWatcher(connection))


def watch_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        watch(None, connection)


def data_version(using: str = DEFAULT_DB_ALIAS) -> int | None:
    from .models import DataVersion

    return DataVersion.objects.using(using).filter(pk=1).values_list("version", flat=True).first()


def scope_key(kind: str, scope, version: int, *extra: str) -> str:
    """The cache key: everything a cached value for `scope` depends on (`extra`: more of it)."""
    partner = getattr(scope.partner, "pk", None)
    raw = "|".join(
        str(part)
        for part in (
            kind,
            scope.start.isoformat(),
            scope.end.isoformat(),
            partner,
            scope.country,
            translation.get_language(),
            timezone.localdate().isoformat(),
            version,
            *extra,
        )
    )
    return "reports:" + hashlib.sha256(raw.encode()).hexdigest()


def plain(value):
    """`value` with every lazy translation turned into text in the active language.

    Walks dicts, lists, tuples and dataclasses (the figures, parts, charts and series); anything
    else (numbers, dates, model instances) is kept as it is."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            field.name: plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init
        }
        return dataclasses.replace(value, **changes)
    return value


def cached(kind: str, scope, compute):
    """`compute()` for this scope, from the cache while no figure data has changed.

    Only outside a transaction: inside one, the figures could include its own writes, which are
    not committed (and may never be)."""
    from django.core.cache import cache
    from django.db import connection

    if connection.in_atomic_block:
        return compute()
    version = data_version()
    if version is None:
        return compute()
    key = scope_key(kind, scope, version)
    value = cache.get(key)
    if value is None:
        value = plain(compute())
        cache.set(key, value, TIMEOUT_SECONDS)
    return value


# Raise when something the fragments are made of changes outside their templates (a filter of
# reports_tags, the chart drawing): the templates' own sources are part of the key anyway.
FRAGMENT_VERSION = 1


def templates_version(*names: str) -> str:
    """A short hash of the templates' sources (a deployment that changes them makes new keys).

    Once per process, except with DEBUG (the development server reloads edited templates
    without restarting)."""
    if settings.DEBUG:
        return _templates_version.__wrapped__(*names)
    return _templates_version(*names)


@functools.cache
def _templates_version(*names: str) -> str:
    from django.template.loader import get_template

    digest = hashlib.sha256(str(FRAGMENT_VERSION).encode())
    for name in names:
        # The Django engine's template behind the backend wrapper (the stubs name only the
        # wrapper's protocol).
        digest.update(get_template(name).template.source.encode())  # type: ignore[attr-defined]
    return digest.hexdigest()[:16]


def cached_fragment(kind: str, scope, extra: tuple[str, ...], render) -> dict[str, str]:
    """`render()` (a dict of HTML strings made only from the scope's figures and `extra`),
    from the cache while no figure data has changed: the same rules as `cached`.

    The caller puts in `extra` everything else the HTML depends on (the templates' version, the
    query string of its links); the viewer must not be part of it."""
    from django.core.cache import cache
    from django.db import connection

    if connection.in_atomic_block:
        return render()
    version = data_version()
    if version is None:
        return render()
    key = scope_key(kind, scope, version, *extra)
    value = cache.get(key)
    if value is None:
        value = {name: str(html) for name, html in render().items()}
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
