"""Who may see and change what in the companies app (docs/architecture.md "Who may see what").

Visibility is each model's `visible_to(user)` queryset method; this module resolves objects
through it (invisible → 404, never a 403 that leaks existence) and answers what a user may do
with an object they can see (not allowed → 403). Services call the same predicates again.

- coach: every company, offer and support need; placements of participants visible to them;
  registers companies, invites contacts, proposes participants, follows placements.
- company contact: their own company only; participants only through placements and only with
  share_with_companies consent (Participant.objects.visible_to).
- programme manager: reads everything, changes nothing; may bring in a list of NEW companies
  for a partner they choose (the spreadsheet import, issue 11:
  may_import_companies_for_any_partner).
- admin: everything.
"""

from typing import TYPE_CHECKING, TypeGuard, TypeVar
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from jump.accounts.models import AnyUser, User
from jump.accounts.roles import MANAGER_ROLES, Role

from .models import Company, Offer, Placement, PlacementFeedback, SupportNeed
from .models.company import STAFF_ROLES

if TYPE_CHECKING:
    from participants.models import Participant

M = TypeVar("M", bound=Model)

WRITER_ROLES = (Role.COACH, Role.ADMIN)


def _get_or_404(queryset: QuerySet[M], public_id: UUID | str) -> M:
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError):  # type: ignore[attr-defined]  # every model has it
        raise Http404 from None


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def is_staff_reader(user: AnyUser) -> TypeGuard[User]:
    """Coaches, managers and admins: the company register and everything in it."""
    return user.is_authenticated and user.has_role(*STAFF_ROLES)


def is_staff_writer(user: AnyUser) -> TypeGuard[User]:
    """Coaches and admins: register companies, invite contacts, propose, follow placements."""
    return user.is_authenticated and user.has_role(*WRITER_ROLES)


def may_import_companies_for_any_partner(user: AnyUser) -> TypeGuard[User]:
    """Lists of companies (the spreadsheet import, services.company_create_from_list) may be
    brought in by programme managers and admins, for a responsible partner they choose (issue
    11). A manager's list only adds companies: one already registered is never updated by it
    (updating stays can_change_company: coaches and admins)."""
    return user.is_authenticated and user.has_role(*MANAGER_ROLES)


def is_company_side(user: AnyUser) -> bool:
    """A company contact who is not also staff: sees placements only as `SharedPlacement`, and
    offers, proposals and support of their own company."""
    return user.is_authenticated and user.is_company_contact and not is_staff_reader(user)


def may_list_offers(user: AnyUser) -> bool:
    """The offer list and the support list: staff (every company) and company contacts (their
    own)."""
    return is_staff_reader(user) or (user.is_authenticated and user.is_company_contact)


def has_own_company(user: AnyUser) -> TypeGuard[User]:
    """A company contact linked to a company: the portal (get_own_company)."""
    return (
        user.is_authenticated
        and user.has_role(Role.COMPANY_CONTACT)
        and user.company_id is not None
    )


def is_contact_of(user: AnyUser, company_id: int | None) -> TypeGuard[User]:
    return (
        user.is_authenticated
        and user.has_role(Role.COMPANY_CONTACT)
        and user.company_id is not None
        and user.company_id == company_id
    )


# --- companies ------------------------------------------------------------------------------


def can_change_company(user: AnyUser, company: Company) -> bool:
    """Every field, registration number and status included."""
    return is_staff_writer(user)


def can_edit_company_profile(user: AnyUser, company: Company) -> bool:
    """The profile without registration number and status: the company's own contacts."""
    return is_contact_of(user, company.pk) or is_staff_writer(user)


def can_invite_contact(user: AnyUser, company: Company) -> bool:
    return is_staff_writer(user)


def can_request_support(user: AnyUser, company: Company) -> bool:
    return is_contact_of(user, company.pk) or is_staff_writer(user)


def can_create_offer(user: AnyUser, company: Company) -> bool:
    return is_contact_of(user, company.pk) or is_staff_writer(user)


def get_company_for_user(user: AnyUser, public_id: UUID | str, *, need: str = "view") -> Company:
    """A company by public id. need: "view" (the register's detail page), "change", "invite".

    Invisible → 404; a company contact opening the register page of their own company → 403.
    """
    company = _get_or_404(Company.objects.visible_to(user), public_id)
    if need == "view":
        _require(is_staff_reader(user))
    elif need == "change":
        _require(can_change_company(user, company))
    elif need == "invite":
        _require(can_invite_contact(user, company))
    elif need == "offer":
        _require(can_create_offer(user, company))
    elif need == "support":
        _require(can_request_support(user, company))
    else:
        raise ValueError(need)
    return company


def get_own_company(user: AnyUser) -> Company:
    """The company a company contact speaks for (the portal); anyone else → 403."""
    _require(user.is_authenticated and user.has_role(Role.COMPANY_CONTACT))
    company = Company.objects.visible_to(user).select_related("responsible_partner").first()
    if company is None:  # a contact whose company link was removed
        raise PermissionDenied
    return company


# --- offers ---------------------------------------------------------------------------------


def can_change_offer(user: AnyUser, offer: Offer) -> bool:
    return is_contact_of(user, offer.company_id) or is_staff_writer(user)


def can_propose(user: AnyUser, offer: Offer) -> bool:
    return is_staff_writer(user)


def proposable_participants(user: AnyUser) -> "QuerySet[Participant]":
    """Participants `user` may propose: visible to them, still in the programme (not
    completed or dropped out, issue 17) and sharing with companies right now."""
    from participants.models import Consent, Participant

    if not is_staff_writer(user):
        return Participant.objects.none()
    return (
        Participant.objects.visible_to(user)
        .exclude(status__in=(Participant.Status.COMPLETED, Participant.Status.DROPPED_OUT))
        .filter(erased_at__isnull=True)
        .with_consent(Consent.Purpose.SHARE_WITH_COMPANIES)
    )


def get_offer_for_user(user: AnyUser, public_id: UUID | str, *, need: str = "view") -> Offer:
    """An offer by public id. need: "view", "change" (edit, publish, close), "propose"."""
    offer = _get_or_404(Offer.objects.visible_to(user).select_related("company"), public_id)
    if need == "change":
        _require(can_change_offer(user, offer))
    elif need == "propose":
        _require(can_propose(user, offer))
    elif need != "view":
        raise ValueError(need)
    return offer


# --- placements -----------------------------------------------------------------------------


def can_decide_placement(user: AnyUser, placement: Placement) -> bool:
    """Accept or decline a proposal: the company, or a coach who sees the participant."""
    return is_contact_of(user, placement.offer.company_id) or is_staff_writer(user)


def can_progress_placement(user: AnyUser, placement: Placement) -> bool:
    """Start, complete, abort, record the mentor: the company or the coach."""
    return is_contact_of(user, placement.offer.company_id) or is_staff_writer(user)


def can_edit_checklist(user: AnyUser, placement: Placement) -> bool:
    """The cross-border checklist is the coach's."""
    return is_staff_writer(user)


def can_edit_sharing(user: AnyUser, placement: Placement) -> bool:
    """Choose what the company sees of the young person: the coach (or an admin), never the
    company."""
    return is_staff_writer(user)


def feedback_side(user: AnyUser, placement: Placement) -> str | None:
    """Which feedback `user` gives on `placement`: the company's, the coach's, or none."""
    if is_contact_of(user, placement.offer.company_id):
        return PlacementFeedback.Side.COMPANY
    if is_staff_writer(user):
        return PlacementFeedback.Side.COACH
    return None


def get_placement_for_user(
    user: AnyUser, public_id: UUID | str, *, need: str = "view"
) -> Placement:
    """A placement by public id; need: "view", "decide", "progress", "checklist", "feedback",
    "sharing".

    Placements of participants a user cannot see — for a company contact also those without a
    current share_with_companies consent — are 404.
    """
    placement = _get_or_404(
        Placement.objects.visible_to(user).select_related("offer__company"), public_id
    )
    if need == "decide":
        _require(can_decide_placement(user, placement))
    elif need == "progress":
        _require(can_progress_placement(user, placement))
    elif need == "checklist":
        _require(can_edit_checklist(user, placement))
    elif need == "feedback":
        _require(feedback_side(user, placement) is not None)
    elif need == "sharing":
        _require(can_edit_sharing(user, placement))
    elif need != "view":
        raise ValueError(need)
    return placement


# --- support --------------------------------------------------------------------------------


def can_act_on_support(user: AnyUser, need: SupportNeed) -> bool:
    """Log support actions and change a need's status: coaches and admins."""
    return is_staff_writer(user)


def get_support_need_for_user(
    user: AnyUser, public_id: UUID | str, *, need: str = "view"
) -> SupportNeed:
    """A support need by public id; need: "view" or "act"."""
    support_need = _get_or_404(
        SupportNeed.objects.visible_to(user).select_related("company"), public_id
    )
    if need == "act":
        _require(can_act_on_support(user, support_need))
    elif need != "view":
        raise ValueError(need)
    return support_need
