"""The module catalogue: browse, filter, search; editors write modules; feedback summary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access, selectors, services
from ..forms import CatalogueFilterForm, ModuleForm
from ._common import paginate, query_without_page


@access.training_role_required
def catalogue(request):
    """Home of trainers and staff learners: the published modules in the reader's language."""
    editor = access.can_edit(request.user)
    form = CatalogueFilterForm(request.GET or None, editor=editor)
    filters = form.cleaned_data if form.is_valid() else {}
    modules = selectors.catalogue_modules(
        user=request.user, **{name: value for name, value in filters.items() if value}
    )
    return render(
        request,
        "training_modules/module_list.html",
        {
            "form": form,
            "page": paginate(request, modules),
            "query": query_without_page(request),
            "can_edit": editor,
            "filtered": any(filters.values()),
        },
    )


@access.training_role_required
def module_detail(request, public_id):
    module = access.get_module_for_user(request.user, public_id)
    editor = access.can_edit(request.user)
    sessions = selectors.module_sessions(user=request.user, module=module)
    past_sessions = None
    if editor:
        past_sessions = selectors.module_sessions(user=request.user, module=module, past=True)
    return render(
        request,
        "training_modules/module_detail.html",
        {
            "module": module,
            "sessions": sessions,
            "past_sessions": past_sessions,
            "can_edit": editor,
        },
    )


@access.training_role_required
def module_create(request):
    access.require_editor(request.user)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            module = services.module_create(actor=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The module was saved."))
            return redirect("training_modules:module_detail", public_id=module.public_id)
    return render(request, "training_modules/module_form.html", {"form": form, "module": None})


@access.training_role_required
def module_update(request, public_id):
    module = access.get_module_for_user(request.user, public_id, need="change")
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        try:
            services.module_update(actor=request.user, module=module, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The module was saved."))
            return redirect("training_modules:module_detail", public_id=module.public_id)
    return render(request, "training_modules/module_form.html", {"form": form, "module": module})


@access.training_role_required
def module_feedback(request, public_id):
    """What participants said about a module: trainers, managers and admins."""
    module = access.get_module_for_user(request.user, public_id, need="change")
    summary = selectors.module_feedback_summary(module=module)
    return render(
        request, "training_modules/module_feedback.html", {"module": module, "summary": summary}
    )
