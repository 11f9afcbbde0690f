"""The six-month follow-up without login: the token in the link is the authorisation. Unknown,
answered or expired → a clear page in the right language, nothing written."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache

from participants.forms import add_errors

from . import services
from .forms_documents import FollowUpForm

INVALID_STATUS = {
    services.FollowUpInvalid.UNKNOWN: 404,
    services.FollowUpInvalid.USED: 410,
    services.FollowUpInvalid.EXPIRED: 410,
}


def _invalid(request, reason):
    return render(
        request,
        "young_people/follow_up_invalid.html",
        {"reason": reason},
        status=INVALID_STATUS[reason],
    )


def _in_language(request, language):
    translation.activate(language)
    request.LANGUAGE_CODE = language


@login_not_required
@never_cache
def follow_up(request, token):
    """The three questions in the young person's language; the answer is a proposed outcome."""
    try:
        follow_up_request = services.follow_up_lookup(token)
    except services.FollowUpInvalid as exc:
        if exc.reason != services.FollowUpInvalid.UNKNOWN:
            # Answered or expired: the request's language is known from the token.
            known = services.follow_up_language(token)
            if known:
                _in_language(request, known)
        return _invalid(request, exc.reason)
    _in_language(request, follow_up_request.language)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_answer(token=token, **form.cleaned_data)
        except services.FollowUpInvalid as exc:
            return _invalid(request, exc.reason)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            return render(request, "young_people/follow_up_thanks.html")
    return render(
        request,
        "young_people/follow_up.html",
        {"form": form, "participant": follow_up_request.participant},
        status=400 if form.errors else 200,
    )
