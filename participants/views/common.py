"""Small helpers shared by the participants views."""

from functools import wraps

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from ..access import get_participant_for_user


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
