"""The good-practice library: search and read; trainers and managers write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services
from ..forms import GoodPracticeFilterForm, GoodPracticeForm
from ._common import paginate, query_without_page


@access.training_role_required
def good_practice_list(request):
    editor = access.can_edit(request.user)
    form = GoodPracticeFilterForm(request.GET or None, show_status=editor)
    filters = form.cleaned_data if form.is_valid() else {}
    practices = selectors.good_practices(
        user=request.user,
        **{name: value for name, value in filters.items() if value not in ("", None)},
    )
    return render(
        request,
        "training_modules/good_practice_list.html",
        {
            "form": form,
            "page": paginate(request, practices),
            "query": query_without_page(request),
            "can_edit": editor,
            "filtered": any(filters.values()),
        },
    )


@access.training_role_required
def good_practice_detail(request, public_id):
    practice = access.get_good_practice_for_user(request.user, public_id)
    return render(
        request,
        "training_modules/good_practice_detail.html",
        {
            "practice": practice,
            "tags": practice.tags.all(),
            "can_edit": access.can_edit(request.user),
        },
    )


@access.training_role_required
def good_practice_create(request):
    access.require_editor(request.user)
    form = GoodPracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.good_practice_create(
                actor=request.user,
                data=form.data_for_service,
                tags=form.cleaned_data["tag_names"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good practice was saved."))
            return redirect("training_modules:good_practice_detail", public_id=practice.public_id)
    return render(
        request, "training_modules/good_practice_form.html", {"form": form, "practice": None}
    )


@access.training_role_required
def good_practice_update(request, public_id):
    practice = access.get_good_practice_for_user(request.user, public_id, need="change")
    form = GoodPracticeForm(request.POST or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.good_practice_update(
                actor=request.user,
                practice=practice,
                data=form.data_for_service,
                tags=form.cleaned_data["tag_names"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The good practice was saved."))
            return redirect("training_modules:good_practice_detail", public_id=practice.public_id)
    return render(
        request, "training_modules/good_practice_form.html", {"form": form, "practice": practice}
    )
