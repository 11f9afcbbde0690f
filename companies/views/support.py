"""Support: a company asks for support; coaches log what was done."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access, selectors, services
from ..forms import SupportActionForm, SupportNeedForm, SupportStatusForm
from ._errors import add_service_errors, message_of


def support_need_list(request):
    user = request.user
    if not access.may_list_offers(user):
        raise PermissionDenied
    open_only = request.GET.get("open") == "1"
    company = None
    if user.is_company_contact and not access.is_staff_reader(user):
        company = access.get_own_company(user)
    return render(
        request,
        "companies/support_need_list.html",
        {
            "needs": selectors.support_needs(user=user, open_only=open_only),
            "open_only": open_only,
            "own_company": company,
        },
    )


def support_need_detail(request, public_id):
    need = access.get_support_need_for_user(request.user, public_id)
    need = selectors.support_needs(user=request.user).get(pk=need.pk)
    can_act = access.can_act_on_support(request.user, need)
    return render(
        request,
        "companies/support_need_detail.html",
        {
            "need": need,
            "can_act": can_act,
            "action_form": SupportActionForm() if can_act else None,
            "status_form": SupportStatusForm(initial={"status": need.status}) if can_act else None,
        },
    )


def support_need_create(request, public_id):
    company = access.get_company_for_user(request.user, public_id, need="support")
    form = SupportNeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.support_need_create(
                actor=request.user, company=company, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The support request was sent. A coach will get in touch."))
            return redirect("companies:support_need_detail", public_id=need.public_id)
    return render(request, "companies/support_need_form.html", {"form": form, "company": company})


def support_action_create(request, public_id):
    need = access.get_support_need_for_user(request.user, public_id, need="act")
    form = SupportActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_action_create(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The support action was logged."))
            return redirect("companies:support_need_detail", public_id=need.public_id)
    return render(request, "companies/support_action_form.html", {"form": form, "need": need})


@require_POST
def support_need_status(request, public_id):
    need = access.get_support_need_for_user(request.user, public_id, need="act")
    form = SupportStatusForm(request.POST)
    if form.is_valid():
        try:
            services.support_need_set_status(
                actor=request.user, need=need, status=form.cleaned_data["status"]
            )
        except ValidationError as exc:
            messages.error(request, message_of(exc))
        else:
            messages.success(request, _("The status was saved."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("companies:support_need_detail", public_id=need.public_id)
