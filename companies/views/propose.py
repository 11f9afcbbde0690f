"""Propose a young person from their case file: the open offers ordered by fit (issue 17).

The page lists every published offer, best fit first (companies/fit.py), and says per offer
what fits and what does not. An unmet language requirement is a warning the coach confirms;
someone who has left the programme or does not share with companies cannot be proposed — the
page says so, and placement_propose refuses it whatever the page showed.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog
from participants import access as participants_access

from .. import access, fit, services
from ..forms import ProposeFromCaseForm
from ._errors import message_of


def _proposable_participant(request, public_id):
    participant = participants_access.get_participant_for_user(request.user, public_id)
    if not access.is_staff_writer(request.user):
        raise PermissionDenied
    return participant


def _page(request, participant):
    return f"propose page of participant {participant.public_id}"


@require_http_methods(["GET", "POST"])
@logs_access(
    AccessLog.Action.VIEW,
    what=_page,
    resolve=lambda request, public_id: _proposable_participant(request, public_id),
    methods=("GET",),
)
def propose_for_participant(request, public_id, participant):
    user = request.user
    proposable = access.proposable_participants(user).filter(pk=participant.pk).exists()
    offers = fit.open_offers()
    fits = fit.offers_by_fit(participant, offers) if proposable else []
    form = ProposeFromCaseForm(request.POST or None)
    if request.method == "POST":
        if not proposable:
            raise PermissionDenied
        if form.is_valid():
            offer = access.get_offer_for_user(user, form.cleaned_data["offer"], need="propose")
            chosen = next((f for f in fits if f.offer.pk == offer.pk), None)
            if chosen is None:
                form.add_error("offer", _("This offer is no longer open for proposals."))
            elif chosen.unmet_languages and not form.cleaned_data["confirm_languages"]:
                form.add_error(
                    "confirm_languages",
                    _(
                        "The young person does not meet every language requirement of this "
                        "offer. Confirm that you want to propose them anyway."
                    ),
                )
            else:
                try:
                    placement = services.placement_propose(
                        actor=user, offer=offer, participant=participant
                    )
                except ValidationError as exc:
                    form.add_error(None, message_of(exc))
                else:
                    messages.success(
                        request,
                        _("%(name)s was proposed for %(offer)s.")
                        % {"name": participant.first_name, "offer": offer.title},
                    )
                    return redirect("companies:placement_detail", public_id=placement.public_id)
    return render(
        request,
        "companies/propose_for_participant.html",
        {
            "participant": participant,
            "proposable": proposable,
            "has_left": participant.has_left,
            "fits": fits,
            "form": form,
        },
    )
