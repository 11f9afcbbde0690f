"""Small helpers shared by the participants views."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from ..access import get_participant_for_user
from ..forms import add_errors


def participant_methods(*methods):
    """Like require_http_methods, for views below a participant: a participant the user may not
    see is a 404 whatever the method, so a 405 never tells that it exists."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                get_participant_for_user(request.user, kwargs["public_id"])
                return HttpResponseNotAllowed(methods)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def visible_participant(request, public_id, **kwargs):
    """For `logs_access`: the participant if the user may see the case file (else 404)."""
    return get_participant_for_user(request.user, public_id)


def changeable_participant(request, public_id, **kwargs):
    """For `logs_access`: the participant if the user may change the case (404 / 403)."""
    return get_participant_for_user(request.user, public_id, need="change")


def to_section(participant, section: str):
    """Back to the participant page, at the section that was just changed."""
    return redirect(
        reverse("participants:detail", kwargs={"public_id": participant.public_id}) + f"#{section}"
    )


def form_page(
    request,
    form,
    *,
    title,
    participant=None,
    section: str = "",
    submit_label=None,
    multipart: bool = False,
    intro=None,
    cancel_url: str = "",
):
    """The generic page with one form (add/edit of a section of the participant page)."""
    if participant is not None and not cancel_url:
        cancel_url = reverse("participants:detail", kwargs={"public_id": participant.public_id}) + (
            f"#{section}" if section else ""
        )
    return render(
        request,
        "participants/object_form.html",
        {
            "form": form,
            "title": title,
            "participant": participant,
            "submit_label": submit_label,
            "multipart": multipart,
            "intro": intro,
            "cancel_url": cancel_url,
        },
    )


def save_form(request, form, participant, *, section: str, call, success):
    """A case-file form's POST: when the bound form is valid, `call(cleaned_data)` (the
    service); its ValidationError goes back onto the form's fields. On success the message
    (`success`, or `success(result)` when it needs what the service returned) and a redirect to
    the section of the case file; otherwise None (the caller shows the form again)."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return to_section(participant, section)
    return None
