"""The company register for coaches, programme managers and admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services
from ..forms import CompanyFilterForm, CompanyForm, InvitationForm
from ..models import Placement
from ._errors import add_service_errors
from ._rows import offer_rows


def company_list(request):
    if not access.is_staff_reader(request.user):
        raise PermissionDenied
    filters = CompanyFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    companies = selectors.company_list(
        user=request.user,
        search=criteria.get("q", ""),
        country=criteria.get("country", ""),
        sector=criteria.get("sector", ""),
        status=criteria.get("status", ""),
        partner=criteria.get("partner"),
    )
    page = Paginator(companies, selectors.COMPANY_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/company_list.html",
        {
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "can_create": access.is_staff_writer(request.user),
        },
    )


def company_detail(request, public_id):
    company = access.get_company_for_user(request.user, public_id, need="view")
    user = request.user
    return render(
        request,
        "companies/company_detail.html",
        {
            "company": company,
            "contacts": selectors.company_contacts(company),
            "invitations": selectors.pending_invitations(company),
            "offers": offer_rows(selectors.offer_list(user=user, company=company)),
            "placements": selectors.placement_list(user=user, company=company),
            "support_needs": selectors.support_needs(user=user, company=company),
            "can_change": access.can_change_company(user, company),
            "can_invite": access.can_invite_contact(user, company),
            "can_create_offer": access.can_create_offer(user, company),
            "can_request_support": access.can_request_support(user, company),
            "PlacementStatus": Placement.Status,
        },
    )


def company_create(request):
    if not access.is_staff_writer(request.user):
        raise PermissionDenied
    form = CompanyForm(request.POST or None, initial={"responsible_partner": request.user.partner})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partner = data.pop("responsible_partner")
        try:
            company = services.company_create(
                actor=request.user, responsible_partner=partner, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("%(company)s was added to the register.") % {"company": company}
            )
            return redirect("companies:company_detail", public_id=company.public_id)
    return render(request, "companies/company_form.html", {"form": form, "company": None})


def company_edit(request, public_id):
    company = access.get_company_for_user(request.user, public_id, need="change")
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        partner = data.pop("responsible_partner")
        try:
            company = services.company_update(
                actor=request.user, company=company, responsible_partner=partner, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The company was saved."))
            return redirect("companies:company_detail", public_id=company.public_id)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


def contact_invite(request, public_id):
    company = access.get_company_for_user(request.user, public_id, need="invite")
    form = InvitationForm(request.POST or None, initial={"language": company_language(company)})
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                actor=request.user,
                company=company,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works once, for 72 hours.")
                % {"email": invitation.email},
            )
            return redirect("companies:company_detail", public_id=company.public_id)
    return render(request, "companies/invitation_form.html", {"form": form, "company": company})


def company_language(company) -> str:
    """The language an invitation to this company is most likely read in."""
    return {"DK": "da", "DE": "de"}.get(company.country, "en")
