import pytest
from django.utils import timezone

from jump.accounts import demo as accounts_demo
from participants import demo
from participants.models import (
    Activity,
    Assessment,
    Consent,
    Contact,
    Outcome,
    Participant,
    ParticipantShare,
    Step,
)
from participants.selectors import caseload

pytestmark = pytest.mark.django_db


def seeded():
    world = {}
    accounts_demo.seed(world)
    demo.seed(world)
    return world


def test_demo_has_realistic_caseloads_on_both_sides_of_the_border():
    world = seeded()
    coach_dk = world["users"]["coach.dk@jump.test"]
    coach_de = world["users"]["coach.de@jump.test"]
    partners = world["partners"]
    assert Participant.objects.filter(partner=partners[0]).count() == 12
    assert Participant.objects.filter(partner=partners[2]).count() == 10
    assert Participant.objects.filter(partner__in=[partners[1], partners[3]]).count() >= 4
    assert len(world["participants"]) == Participant.objects.count()
    # consents: most share with companies, some do not, one withdrew
    sharing = Participant.objects.with_consent("share_with_companies").count()
    assert 0 < sharing < Participant.objects.count()
    assert Consent.objects.filter(purpose="share_with_companies", given=False).count() == 1
    # plans with overdue steps, notes with follow-ups, outcomes at exit and after six months
    assert Step.objects.filter(done_on__isnull=True, due_on__lt=timezone.localdate()).exists()
    assert Contact.objects.filter(follow_up_on__isnull=False).exists()
    assert set(Assessment.objects.values_list("kind", flat=True)) == {"entry", "interim", "exit"}
    assert set(Outcome.objects.values_list("timing", flat=True)) == {"exit", "six_months"}
    assert Activity.objects.filter(cross_border=True).exists()
    # co-coaching DK → DE
    share = ParticipantShare.objects.get()
    assert share.participant.partner.country == "DK" and share.coach == coach_de
    caseload_de = set(caseload(coach_de))
    assert share.participant in caseload_de
    assert any(p.mobility_step >= 2 for p in caseload(coach_dk))


def test_demo_can_be_seeded_twice():
    seeded()
    count = Participant.objects.count()
    world = seeded()
    assert Participant.objects.count() == count
    assert len(world["participants"]) == count
