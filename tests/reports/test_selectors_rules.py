"""The reads that left the dashboard views apply the reports' role rule themselves
(jump/reports/selectors.py): a caller that forgot the view's decorator still gets nothing."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from jump.reports import selectors

pytestmark = pytest.mark.django_db


def test_only_a_manager_gets_the_partners_to_choose_from(personas, partner_a, partner_b):
    assert {p.pk for p in selectors.partner_choices(personas.manager)} >= {
        partner_a.pk,
        partner_b.pk,
    }
    assert selectors.partner_choices(personas.coach_a) == []
    assert selectors.partner_choices(personas.contact_x) == []


@pytest.mark.parametrize("persona", ["coach_a", "contact_x", "trainer", "outsider", "youth_p1"])
def test_targets_and_submissions_are_refused_to_everyone_but_managers(personas, persona):
    user = getattr(personas, persona)
    with pytest.raises(PermissionDenied):
        selectors.indicator_targets(user)
    with pytest.raises(PermissionDenied):
        selectors.indicator_target(user, "P1")
    with pytest.raises(PermissionDenied):
        selectors.submissions(user)


def test_a_manager_reads_targets_and_submissions(personas):
    assert selectors.indicator_targets(personas.manager) == {}
    target = selectors.indicator_target(personas.manager, "P1")
    assert target.pk is None and target.code == "P1"
    assert list(selectors.submissions(personas.manager)) == []


def test_the_since_submission_is_404_when_unknown_and_refused_without_the_dashboard(personas):
    with pytest.raises(Http404):
        selectors.submission_or_404(personas.coach_a, str(uuid.uuid4()))
    with pytest.raises(Http404):
        selectors.submission_or_404(personas.manager, "not-a-uuid")
    with pytest.raises(PermissionDenied):
        selectors.submission_or_404(personas.contact_x, str(uuid.uuid4()))
