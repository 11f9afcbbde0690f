"""My appointments (issue 18): the activities they are registered for and their placement
dates, each as an .ics file, and their personal calendar feed (a signed address, no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jump.lib.ical import ics_response

from . import access, appointments, services

KINDS = ("activity", "placement")


@require_GET
@access.young_person_required
def appointments_page(request, participant):
    feed = appointments.own_feed(participant)
    feed_url = ""
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("young_people:calendar_feed", args=[appointments.feed_token(feed)])
        )
    return render(
        request,
        "young_people/appointments.html",
        {
            "participant": participant,
            "items": appointments.appointments(participant),
            "feed_url": feed_url,
        },
    )


@require_GET
@access.young_person_required
def appointment_ics(request, participant, kind, public_id):
    """One of their own appointments as an .ics file; anyone else's → 404."""
    item = appointments.one_appointment(participant, kind, public_id) if kind in KINDS else None
    if item is None:
        raise Http404
    return ics_response(appointments.calendar_bytes([item]), f"jump-{kind}-{public_id}.ics")


@require_POST
@access.young_person_required
def calendar_feed_renew(request, participant):
    services.calendar_feed_renew(actor=request.user, participant=participant)
    messages.success(request, _("Here is your new link. The old link does not work any more."))
    return redirect("young_people:appointments")


@require_POST
@access.young_person_required
def calendar_feed_stop(request, participant):
    services.calendar_feed_stop(actor=request.user, participant=participant)
    messages.success(request, _("The link is off. Your calendar gets no more news."))
    return redirect("young_people:appointments")


@login_not_required
@require_GET
def calendar_feed(request, token):
    """Public: the signed token is the authorisation. Forged, old or stopped → 404."""
    participant = appointments.feed_participant(token)
    if participant is None:
        raise Http404
    # Calendar apps send no language: the feed speaks its owner's language.
    with translation.override(participant.preferred_language):
        content = appointments.calendar_bytes(appointments.appointments(participant))
    return ics_response(content, "jump-my-appointments.ics")
