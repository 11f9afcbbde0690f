"""Access rules for every imports URL (SECURITY 7, 8).

Imports are for coaches, programme managers and admins; everyone else gets 404 on every URL.
Who may start an import of a kind is who may write it in the owning app: participants and
companies → coaches (into their own partner), programme managers and admins (into a partner they
choose, issue 11; a manager's file only adds); attendance → coaches, admins and programme managers
(tests/imports/test_managers.py checks each kind for trainers and company contacts: 404).
An import is seen by its importer (coach_a), managers and admins; another coach
gets 404. Only the importer commits (others who see it: 403); only the importer and admins
download the file (everyone else: 404).
"""

from tests.access_matrix import Rule

IMPORT_USERS = ("coach_a", "coach_b", "manager", "admin")


def job(world):
    return {"public_id": world.job.public_id}


def seen_by_importer_managers_admins(**kw):
    return Rule(default=404, expect={"coach_a": 200, "manager": 200, "admin": 200}, **kw)


MATRIX = {
    "imports:job_list": Rule(default=404, expect=dict.fromkeys(IMPORT_USERS, 200)),
    "imports:job_create": Rule(
        default=404,
        expect=dict.fromkeys(IMPORT_USERS, 200),
        kwargs=lambda w: {"kind": "participants"},
    ),
    "imports:template": Rule(
        default=404,
        expect=dict.fromkeys(IMPORT_USERS, 200),
        kwargs=lambda w: {"kind": "participants"},
    ),
    "imports:job_detail": seen_by_importer_managers_admins(kwargs=job),
    "imports:job_progress": seen_by_importer_managers_admins(kwargs=job),
    "imports:job_commit": Rule(
        default=404,
        expect={"coach_a": 302, "manager": 403, "admin": 403},
        kwargs=job,
        method="post",
    ),
    "imports:job_file": Rule(default=404, expect={"coach_a": 200, "admin": 200}, kwargs=job),
}
