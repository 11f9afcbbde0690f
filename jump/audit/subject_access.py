"""Subject access export (SECURITY 21; GDPR Art. 15 and 20): all data about one participant.

One structure, built once, rendered twice: as JSON (machine-readable, Art. 20) and as a page in
the participant's own language. Each app contributes its sections (jump.audit.registry, from its
`privacy.py`); every model related to `Participant` is either exported or in `EXCLUDED` with the
reason; a test walks the relations and fails on any other.

Other people's personal details are left out: staff appear by role only (the access log keeps
the roles), never by name or e-mail address.
"""

import datetime
import decimal
import uuid

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import registry
from .labels import roles_label
from .models import AccessLog, Retention
from .registry import EXCLUDED, Section  # noqa: F401 (EXCLUDED: read by the test of SECURITY 21)

# Fields never exported: internal keys, and links to staff accounts (people other than the
# participant; their role is in the access log summary).
INTERNAL_FIELDS = {"id", "token_hash"}
STAFF_FIELDS = {
    "coach",
    "recorded_by",
    "author",
    "created_by",
    "uploaded_by",
    "granted_by",
    "proposed_by",
    "decided_by",
    "actor",
    "enrolled_by",
    "invited_by",
}
# Files are not copied into the export: the list names each document; the coach hands out
# the files themselves (they are the participant's own papers).
FILE_NOTE = _("The files themselves are handed out on request; this lists them.")


# The audit app's own sections, after those the apps registered (jump.audit.registry).
AUDIT_SECTIONS = (
    Section(
        "retention",
        _("Retention"),
        "audit.Retention",
        lambda p: Retention.objects.filter(participant=p),
    ),
    Section(
        "access_log",
        _("Who looked at the data, and why"),
        "audit.AccessLog",
        lambda p: p.access_logs.order_by("at", "pk"),
    ),
)


def sections() -> tuple[Section, ...]:
    """Every section of the export: the apps' (in INSTALLED_APPS order), then the audit's."""
    return (*registry.sections(), *AUDIT_SECTIONS)


def exported_models() -> set[str]:
    labels = set()
    for section in sections():
        labels.add(section.model)
        labels.update(child[2] for child in section.children)
    return labels


def _json_value(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return None
    if isinstance(value, models.Model):
        return str(value)
    return value


def _display(instance, field, value):
    if value in (None, ""):
        return "–"
    if field.choices:
        return getattr(instance, f"get_{field.name}_display")()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _record(instance, *, skip: set[str]) -> dict:
    """One row: {"data": {name: JSON value}, "fields": [(label, display)]}."""
    data, fields = {}, []
    for field in instance._meta.concrete_fields:
        if field.name in INTERNAL_FIELDS or field.name in STAFF_FIELDS or field.name in skip:
            continue
        if isinstance(field, models.FileField):
            continue
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, field.name)
            data[field.name] = str(related) if related is not None else None
            fields.append((field.verbose_name, str(related) if related is not None else "–"))
            continue
        value = getattr(instance, field.attname)
        data[field.name] = _json_value(value)
        fields.append((field.verbose_name, _display(instance, field, value)))
    if isinstance(instance, AccessLog):
        data["role"] = roles_label(instance.actor_roles)
        fields.append((_("role"), data["role"] or "–"))
    return {"data": data, "fields": fields}


def _skip_for(model_label: str) -> set[str]:
    # The link back to the participant (or the parent row) is implied by the section.
    return {"participant", "plan", "placement", "actor_roles", "path"}


def subject_access_data(participant) -> dict:
    """Everything about the participant: sections of records, and the company summary."""
    built = []
    for section in sections():
        rows = []
        for instance in section.rows(participant):
            row = _record(instance, skip=_skip_for(section.model))
            row["children"] = [
                {
                    "key": key,
                    "title": title,
                    "rows": [_record(child, skip=_skip_for(label)) for child in get_rows(instance)],
                }
                for key, title, label, get_rows in section.children
            ]
            rows.append(row)
        built.append({"key": section.key, "title": section.title, "rows": rows})
    return {
        "generated_at": timezone.now().isoformat(),
        "participant_public_id": str(participant.public_id),
        "sections": built,
        **{key: build(participant) for key, build in registry.summaries().items()},
        "file_note": FILE_NOTE,
    }


def subject_access_json(data: dict) -> dict:
    """The JSON form: section key → list of records (children nested by key)."""

    def rows(items):
        out = []
        for row in items:
            record = dict(row["data"])
            for child in row.get("children", []):
                record[child["key"]] = rows(child["rows"])
            out.append(record)
        return out

    return {
        "generated_at": data["generated_at"],
        "participant_public_id": data["participant_public_id"],
        **{section["key"]: rows(section["rows"]) for section in data["sections"]},
        **{key: data[key] for key in registry.summaries()},
    }
