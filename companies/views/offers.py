"""Offers: list, detail, create, edit, publish, close."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, selectors, services
from ..forms import LanguageRequirementFormSet, OfferForm
from ..models import Offer
from ._errors import add_service_errors, message_of
from ._rows import offer_rows

OFFER_PAGE_SIZE = 50


def offer_list(request):
    if not access.may_list_offers(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    if status not in Offer.Status.values:
        status = ""
    kind = request.GET.get("kind", "")
    if kind not in Offer.Kind.values:
        kind = ""
    offers = selectors.offer_list(user=request.user, status=status, kind=kind)
    # A page at a time: a national programme has tens of thousands of offers.
    page = Paginator(offers, OFFER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "companies/offer_list.html",
        {
            "offers": offer_rows(page.object_list),
            "page": page,
            "query": query.urlencode(),
            "status": status,
            "kind": kind,
            "statuses": Offer.Status.choices,
            "kinds": Offer.Kind.choices,
            "is_contact": request.user.is_company_contact,
            "own_company": request.user.company if request.user.is_company_contact else None,
        },
    )


def offer_detail(request, public_id):
    offer = access.get_offer_for_user(request.user, public_id)
    user = request.user
    context = {
        "offer": selectors.offer_with_counts(user=user, offer=offer),
        "can_change": access.can_change_offer(user, offer),
        "can_propose": access.can_propose(user, offer) and offer.status == Offer.Status.PUBLISHED,
    }
    if access.is_staff_reader(user):
        context["placements"] = selectors.placement_list(user=user, offer=offer)
    else:
        context["shared"] = selectors.shared_placements(user=user, offer=offer)
    return render(request, "companies/offer_detail.html", context)


def _requirements_initial(offer):
    return [
        {"language": r.language, "min_level": r.min_level}
        for r in offer.language_requirements.all()
    ]


def _save_offer(request, *, form, formset, save):
    """Validate both forms, call `save`, map the service's errors back onto the forms."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    try:
        return save(form.cleaned_data, formset.requirements())
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields) | {"__all__"}:
            add_service_errors(form, exc)
        else:
            form.add_error(None, message_of(exc))
    return None


def offer_create(request, public_id):
    company = access.get_company_for_user(request.user, public_id, need="offer")
    form = OfferForm(request.POST or None)
    formset = LanguageRequirementFormSet(request.POST or None, prefix="languages")
    if request.method == "POST":
        offer = _save_offer(
            request,
            form=form,
            formset=formset,
            save=lambda data, requirements: services.offer_create(
                actor=request.user,
                company=company,
                language_requirements=requirements,
                **data,
            ),
        )
        if offer is not None:
            messages.success(
                request,
                _("The offer was saved as a draft. Publish it when it is ready."),
            )
            return redirect("companies:offer_detail", public_id=offer.public_id)
    return render(
        request,
        "companies/offer_form.html",
        {"form": form, "formset": formset, "company": company, "offer": None},
    )


def offer_edit(request, public_id):
    offer = access.get_offer_for_user(request.user, public_id, need="change")
    if offer.status == Offer.Status.CLOSED:
        messages.error(request, _("A closed offer cannot be changed."))
        return redirect("companies:offer_detail", public_id=offer.public_id)
    form = OfferForm(request.POST or None, instance=offer)
    formset = LanguageRequirementFormSet(
        request.POST or None, prefix="languages", initial=_requirements_initial(offer)
    )
    if request.method == "POST":
        saved = _save_offer(
            request,
            form=form,
            formset=formset,
            save=lambda data, requirements: services.offer_update(
                actor=request.user, offer=offer, language_requirements=requirements, **data
            ),
        )
        if saved is not None:
            messages.success(request, _("The offer was saved."))
            return redirect("companies:offer_detail", public_id=saved.public_id)
    return render(
        request,
        "companies/offer_form.html",
        {"form": form, "formset": formset, "company": offer.company, "offer": offer},
    )


@require_POST
def offer_publish(request, public_id):
    offer = access.get_offer_for_user(request.user, public_id, need="change")
    try:
        services.offer_publish(actor=request.user, offer=offer)
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(
            request, _("The offer is published: coaches can now propose young people.")
        )
    return redirect("companies:offer_detail", public_id=offer.public_id)


@require_POST
def offer_close(request, public_id):
    offer = access.get_offer_for_user(request.user, public_id, need="change")
    try:
        services.offer_close(actor=request.user, offer=offer)
    except ValidationError as exc:
        messages.error(request, message_of(exc))
    else:
        messages.success(request, _("The offer is closed."))
    return redirect("companies:offer_detail", public_id=offer.public_id)
