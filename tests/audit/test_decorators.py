"""logs_access: one record per successful response, none for a denied or failed request."""

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from jump.audit.decorators import logs_access
from jump.audit.models import AccessLog


@pytest.fixture
def participant(world):
    return world.p1


def _view(status=200):
    def view(request, public_id, participant):
        return HttpResponse(status=status)

    return view


def _request(user, method="get"):
    request = getattr(RequestFactory(), method)("/somewhere/?page=2&x=Anna")
    request.user = user
    return request


def test_a_successful_response_writes_one_record_with_who_role_whose_what(world, participant):
    view = logs_access(
        AccessLog.Action.VIEW, what="page", resolve=lambda request, public_id: participant
    )(_view())
    view(_request(world.personas.coach_a), public_id=participant.public_id)
    (record,) = AccessLog.objects.all()
    assert (record.actor, record.actor_roles, record.participant, record.what, record.path) == (
        world.personas.coach_a,
        "coach",
        participant,
        "page",
        "/somewhere/?page=2&x=***",
    )


def test_a_denied_request_writes_nothing_and_the_view_never_runs(world):
    def deny(request, public_id):
        raise Http404

    ran = []
    view = logs_access(AccessLog.Action.VIEW, what="page", resolve=deny)(
        lambda request, public_id, participant: ran.append(1)
    )
    with pytest.raises(Http404):
        view(_request(world.personas.coach_b), public_id="x")
    assert ran == [] and not AccessLog.objects.exists()


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_an_error_response_writes_nothing(world, participant, status):
    view = logs_access(
        AccessLog.Action.VIEW, what="page", resolve=lambda request, public_id: participant
    )(_view(status))
    view(_request(world.personas.coach_a), public_id=participant.public_id)
    assert not AccessLog.objects.exists()


def test_only_the_named_methods_are_logged(world, participant):
    view = logs_access(
        AccessLog.Action.VIEW,
        what="form",
        resolve=lambda request, public_id: participant,
        methods=("GET",),
    )(_view(302))
    view(_request(world.personas.coach_a, "post"), public_id=participant.public_id)
    assert not AccessLog.objects.exists()
    view(_request(world.personas.coach_a), public_id=participant.public_id)
    assert AccessLog.objects.count() == 1


def test_no_view_writes_the_access_log_by_hand():
    """Views log through logs_access only; services (an export being built) may call the
    service directly, as docs/style.md says services write their audit record."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("participants", "companies", "training_modules", "jump")
        for path in (root / folder).rglob("*.py")
        if "views" in path.parts or path.name == "views.py"
        if "access_log_record" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
