"""Who may import what, and who may open an import (docs/architecture.md: who may see what).

Importing is writing through another app's services, so who may import a kind is exactly who
may write it there (the rule lives in that app's access module, not here again).
docs/architecture.md has programme managers only read elsewhere; the lists they bring in
(issue 11) only ADD records: a known participant, a registered company or an attendance
already registered is an error row, never an update.
- participants: whoever may do intake (participants.access.may_create_participant: coaches;
  the participants get the coach's partner) and whoever may bring in lists for any partner
  (participants.access.may_create_participants_for_any_partner: programme managers and
  admins — they choose the partner),
- companies: whoever may register companies (companies.access.is_staff_writer: coaches, for
  their own partner) and whoever may bring in lists for any partner
  (companies.access.may_import_companies_for_any_partner: programme managers and admins — they
  choose the responsible partner; a manager's rows go through
  companies.services.company_create_from_list; admins also update known companies),
- attendance: whoever may register attendance (participants.access.may_register_attendance:
  coaches and admins, only of the participants they may change,
  participants.selectors.attendance_candidates) and whoever may bring in attendance lists
  for an activity of any partner (participants.access.may_import_attendance_for_any_partner:
  programme managers; only participants of the activity's partner,
  participants.selectors.attendance_list_candidates, written by
  participants.services.attendance_add_from_list).

An import is personal data: a coach sees only their own imports; programme managers and admins
see every import (ImportJob.objects.visible_to). Anyone else gets 404 on every imports URL.
Only the importer commits; only the importer and admins download the file again (else 404).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Literal, TypeGuard
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from companies import access as company_access
from jump.accounts.models import AnyUser, User
from jump.accounts.roles import is_partner_coach
from participants import access as participant_access

from .models import ImportJob

Need = Literal["view", "commit", "file"]
IMPORT_ROLES = ("coach", "programme_manager", "admin")


def is_import_user(user: AnyUser | None) -> TypeGuard[User]:
    """Coaches, programme managers and admins use the imports pages at all."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.has_role(*IMPORT_ROLES)
    )


def import_user_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Outermost decorator of every imports view: anyone else gets 404, whatever the URL."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_import_user(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def may_import(user: AnyUser | None, kind: str) -> bool:
    """May `user` start an import of `kind`? The owning app's write rule, nothing else."""
    if not is_import_user(user):
        return False
    if kind == ImportJob.Kind.PARTICIPANTS:
        return participant_access.may_create_participant(
            user
        ) or participant_access.may_create_participants_for_any_partner(user)
    if kind == ImportJob.Kind.COMPANIES:
        return (
            company_access.is_staff_writer(user) and is_partner_coach(user)
        ) or company_access.may_import_companies_for_any_partner(user)
    if kind == ImportJob.Kind.ATTENDANCE:
        return participant_access.may_register_attendance(
            user
        ) or participant_access.may_import_attendance_for_any_partner(user)
    return False


def adds_only(user: User, kind: str) -> bool:
    """Does `user`'s import of `kind` only add records (a known one is an error row)?

    Companies: whoever may not change companies (programme managers). Attendance: whoever may
    not register attendance (programme managers). Participants decide it per partner
    (kinds.participants).
    """
    if kind == ImportJob.Kind.COMPANIES:
        return not company_access.is_staff_writer(user)
    if kind == ImportJob.Kind.ATTENDANCE:
        return not participant_access.may_register_attendance(user)
    return False


def importable_kinds(user: AnyUser | None) -> list[str]:
    return [kind for kind in ImportJob.Kind.values if may_import(user, kind)]


def may_choose_partner(user: User, kind: str) -> bool:
    """Who chooses the partner the rows go into (a required field of the upload form); everyone
    else imports into their own partner, whatever a request says.

    Companies: programme managers and admins
    (companies.access.may_import_companies_for_any_partner); coaches register for their own
    partner. Participants: programme managers and admins
    (participants.access.may_create_participants_for_any_partner); a coach imports into their
    own partner, with themselves as the coach of a row that names none. Attendance: the
    activity decides the partner.
    """
    if kind == ImportJob.Kind.COMPANIES:
        return company_access.may_import_companies_for_any_partner(user)
    if kind == ImportJob.Kind.PARTICIPANTS:
        return participant_access.may_create_participants_for_any_partner(user)
    return False


def get_job_for_user(user: AnyUser | None, public_id: UUID | str, need: Need = "view") -> ImportJob:
    """An import by public id. Invisible → 404.

    need="commit": only the importer (others who may see it → 403);
    need="file": only the importer and admins (everyone else → 404, as for a file never seen).
    """
    if not is_import_user(user):
        raise Http404
    try:
        job = (
            ImportJob.objects.visible_to(user)
            .select_related("requested_by", "partner", "activity")
            .get(public_id=public_id)
        )
    except (ImportJob.DoesNotExist, ValueError):
        raise Http404 from None
    is_importer = job.requested_by_id == user.pk
    if need == "commit" and not is_importer:
        raise PermissionDenied
    if need == "file" and not (is_importer or user.has_role("admin")):
        raise Http404
    return job


def may_commit(user: User, job: ImportJob) -> bool:
    return job.requested_by_id == user.pk
