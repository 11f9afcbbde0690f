"""The company portal: a company contact's home and their company's profile."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services
from ..forms import CompanyProfileForm
from ..models import Offer, Placement
from ._errors import add_service_errors
from ._rows import offer_rows


def portal(request):
    """The company contact's home: profile, offers, proposals, placements, support requests."""
    company = access.get_own_company(request.user)
    user = request.user
    shared = selectors.shared_placements(user=user)
    return render(
        request,
        "companies/portal.html",
        {
            "company": company,
            "proposals": [p for p in shared if p.status == Placement.Status.PROPOSED],
            "current": [
                p
                for p in shared
                if p.status in (Placement.Status.ACCEPTED, Placement.Status.ACTIVE)
            ],
            "feedback_due": [
                p
                for p in shared
                if p.can_give_feedback
                and not p.company_feedback_given
                and p.status != Placement.Status.ACTIVE
            ],
            "offers": offer_rows(
                selectors.offer_list(user=user, company=company).exclude(status=Offer.Status.CLOSED)
            ),
            "support_needs": selectors.support_needs(user=user, company=company, open_only=True),
            "has_mfa": selectors.has_second_factor(user),
        },
    )


def profile_edit(request):
    """The company contact edits their company's profile (not registration number or status)."""
    company = access.get_own_company(request.user)
    form = CompanyProfileForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        try:
            services.company_update_profile(
                actor=request.user, company=company, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Your company's profile was saved."))
            return redirect("companies:portal")
    return render(
        request, "companies/company_profile_form.html", {"form": form, "company": company}
    )
