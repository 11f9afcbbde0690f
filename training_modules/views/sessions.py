"""Sessions: the calendar, a session's page, planning, attendance, iCal files and feeds."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access, ical, selectors, services
from ..forms import EnrolOtherForm, SessionFilterForm, SessionForm
from ..models import Enrolment, Session
from ._common import error_message, paginate, query_without_page


@access.training_role_required
def session_list(request):
    """Upcoming sessions of every visible module, month by month."""
    form = SessionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    sessions = selectors.upcoming_sessions(
        user=request.user, **{name: value for name, value in filters.items() if value}
    )
    return render(
        request,
        "training_modules/session_list.html",
        {
            "form": form,
            "page": paginate(request, sessions, 50),
            "query": query_without_page(request),
        },
    )


@access.training_role_required
def session_detail(request, public_id):
    session = access.get_session_for_user(request.user, public_id)
    session = selectors.session_with_places(user=request.user, session=session)
    manager = access.is_manager(request.user)
    return render(
        request,
        "training_modules/session_detail.html",
        {
            "session": session,
            "module": session.module,
            "can_change": access.can_change_session(request.user, session),
            "can_enrol_others": manager and session.enrolment_open,
            "enrol_form": EnrolOtherForm(session=session) if manager else None,
            "free": max(session.capacity - session.taken, 0),
        },
    )


@access.training_role_required
def session_create(request, public_id):
    module = access.get_module_for_user(request.user, public_id, need="change")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                actor=request.user,
                module=module,
                data=form.data_for_service,
                trainers=form.cleaned_data["trainers"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("training_modules:session_detail", public_id=session.public_id)
    return render(
        request,
        "training_modules/session_form.html",
        {"form": form, "module": module, "session": None},
    )


@access.training_role_required
def session_update(request, public_id):
    session = access.get_session_for_user(request.user, public_id, need="change")
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                actor=request.user,
                session=session,
                data=form.data_for_service,
                trainers=form.cleaned_data["trainers"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("training_modules:session_detail", public_id=session.public_id)
    return render(
        request,
        "training_modules/session_form.html",
        {"form": form, "module": session.module, "session": session},
    )


def _present_marks(request, roster, days) -> set[tuple[int, datetime.date]]:
    """The ticked boxes of the attendance page → (enrolment id, day)."""
    by_public_id = {str(enrolment.public_id): enrolment.pk for enrolment in roster}
    by_iso = {day.isoformat(): day for day in days}
    marks = set()
    for value in request.POST.getlist("present"):
        enrolment_key, _sep, day_key = value.rpartition("|")
        if enrolment_key in by_public_id and day_key in by_iso:
            marks.add((by_public_id[enrolment_key], by_iso[day_key]))
    return marks


@access.training_role_required
def session_attendance(request, public_id):
    """One page for the whole session: who was there on which day; completion per person."""
    session = access.get_session_for_user(request.user, public_id, need="attendance")
    roster, queue = selectors.session_roster(session=session)
    today = timezone.localdate()
    days = session.days
    open_days = [day for day in days if day <= today]
    if request.method == "POST":
        marks = _present_marks(request, roster, open_days)
        try:
            services.attendance_record(actor=request.user, session=session, present=marks)
        except ValidationError as exc:
            error_message(request, exc)
        else:
            messages.success(request, _("Attendance was saved."))
        return redirect("training_modules:session_attendance", public_id=session.public_id)
    rows = [
        {
            "enrolment": enrolment,
            "cells": [
                {
                    "day": day,
                    "value": f"{enrolment.public_id}|{day.isoformat()}",
                    "checked": day in enrolment.present_days,
                    "open": day in open_days,
                }
                for day in days
            ],
        }
        for enrolment in roster
    ]
    return render(
        request,
        "training_modules/session_attendance.html",
        {
            "session": session,
            "module": session.module,
            "days": days,
            "rows": rows,
            "queue": queue,
            "can_mark": session.attendance_open and session.status != Session.Status.CANCELLED,
            "attended": Enrolment.Status.ATTENDED,
        },
    )


@require_GET
@access.training_role_required
def session_ical(request, public_id):
    session = access.get_session_for_user(request.user, public_id)
    content = ical.calendar_bytes([session], name=session.module.title)
    return ical.ics_response(content, f"jump-training-{session.public_id}.ics")


@require_GET
@access.training_role_required
def my_calendar(request):
    """The user's own sessions (places held and sessions trained) as one .ics file."""
    sessions = selectors.calendar_sessions(user=request.user)
    content = ical.calendar_bytes(sessions, name=_("My JUMP training"))
    return ical.ics_response(content, "jump-my-training.ics")


@login_not_required
@require_GET
def calendar_feed(request, token):
    """The same calendar for calendar apps, by its secret address (no login, no cookies).

    Unknown token, or a person who no longer has a training role → 404.
    """
    feed = selectors.calendar_feed_by_token(token)
    if feed is None or not access.can_train(feed.user):
        raise Http404
    sessions = selectors.calendar_sessions(user=feed.user)
    # Calendar apps send no language: the feed speaks its owner's language.
    with translation.override(feed.user.preferred_language):
        content = ical.calendar_bytes(sessions, name=_("My JUMP training"))
    return ical.ics_response(content, "jump-my-training.ics")


@access.training_role_required
def calendar_subscription(request):
    """The page that shows, renews (POST action=renew) or stops (action=revoke) the feed."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(actor=request.user)
            messages.success(request, _("The calendar address no longer works."))
        else:
            services.calendar_feed_renew(actor=request.user)
            messages.success(request, _("Your calendar has a new address."))
        return redirect("training_modules:calendar_subscription")
    feed = selectors.own_calendar_feed(request.user)
    return render(request, "training_modules/calendar_subscription.html", {"feed": feed})
