"""The access log's "role" and "what" columns in the reader's language.

Log rows are written once, in a fixed language-neutral form (role codes, short English
descriptions chosen by the code that logs); they are translated when shown, so a Danish or
German reader never sees raw codes or English labels, and the stored record never changes.
"""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jump.accounts.roles import Role

# Fixed descriptions, as the views log them (jump.audit.decorators.logs_access callers).
FIXED = {
    "participant page": gettext_lazy("participant page"),
    "profile form": gettext_lazy("profile form"),
    "CV": gettext_lazy("CV"),
    "CV (PDF)": gettext_lazy("CV (PDF)"),
    "erasure": gettext_lazy("erasure"),
    "subject access page": gettext_lazy("subject access page"),
    "subject access JSON": gettext_lazy("subject access file (JSON)"),
    "placement": gettext_lazy("placement"),
    "special-category form": gettext_lazy("disability and health data form"),
    "special-category data cleared (consent withdrawn)": gettext_lazy(
        "disability and health data cleared (consent withdrawn)"
    ),
    "placement (company portal: first name, languages)": gettext_lazy(
        "placement (company portal: first name, languages)"
    ),
}

PATTERNS = [
    (re.compile(r"^document (?P<id>\S+) \((?P<kind>[^)]*)\)$"), "document"),
    (re.compile(r"^CV shared with the company \(placement (?P<id>\S+)\)$"), "cv_shared"),
    (re.compile(r"^import file (?P<id>\S+) \((?P<kind>[^)]*)\)$"), "import"),
    (re.compile(r"^report (?P<id>\S+) \((?P<details>.*)\)$"), "report"),
]


def roles_label(roles: str) -> str:
    """ "coach,admin" → "Youth coach, Administrator" in the active language."""
    labels = dict(Role.choices)
    return ", ".join(str(labels.get(role, role)) for role in roles.split(",") if role)


def what_label(what: str) -> str:
    """A log row's "what" in the active language (unknown forms are shown as stored)."""
    if what in FIXED:
        return str(FIXED[what])
    for pattern, kind in PATTERNS:
        match = pattern.match(what)
        if match is None:
            continue
        values = match.groupdict()
        if kind == "document":
            return _("document %(id)s (%(kind)s)") % values
        if kind == "cv_shared":
            return _("CV shared with the company (placement %(id)s)") % values
        if kind == "import":
            return _("import file %(id)s (%(kind)s)") % values
        return _("report %(id)s (%(details)s)") % values
    return what
