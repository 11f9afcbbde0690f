"""seed_scale on a small N: the data set is consistent, the way the services would write it."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from bench import seed
from bench.management.commands.seed_scale import Command as SeedScale
from companies.models import Company, Offer, Placement, PlacementFeedback
from jump.accounts.models import Partner, User
from participants.models import Assessment, Consent, Contact, Outcome, Participant, Step
from training_modules.models import Enrolment, Session

N = 120


@pytest.fixture
def seeded(db):
    return seed.seed_scale(N, log=lambda line: None)


def test_seeds_n_participants_and_the_counts_per_participant(seeded):
    assert Participant.objects.count() == N
    assert seed.seeded_size() == N
    scale = seed.Scale(N)
    assert Partner.objects.count() == scale.partners
    assert set(Partner.objects.values_list("country", flat=True)) == {"DK", "DE"}
    assert Company.objects.count() == scale.companies
    # about ten case notes and five attendances per participant who entered
    assert 8 * N <= Contact.objects.count() <= 12 * N
    assert seeded["tables"]["participants_attendance"] >= 4 * N
    assert seeded["rows"] == sum(seeded["tables"].values())


def test_every_seeded_row_passes_model_validation(seeded):
    """A sample of every model, validated as a form or service would (fields, clean, database
    constraints)."""
    from participants.models import ActionPlan, Activity, Attendance, Goal, LanguageSkill
    from training_modules.models import GoodPractice, Module

    models = [
        Partner, User, Participant, Contact, Consent, LanguageSkill, Assessment, Outcome,
        ActionPlan, Goal, Step, Activity, Attendance, Company, Offer, Placement,
        PlacementFeedback, Module, Session, Enrolment, GoodPractice,
    ]  # fmt: skip
    for model in models:
        sample = list(model.objects.order_by("?")[:15])
        assert sample, model
        for instance in sample:
            instance.full_clean()


def test_statuses_match_dates_and_outcomes(seeded):
    assert not Participant.objects.filter(status="interested", entry_date__isnull=False).exists()
    left = Participant.objects.filter(status__in=["completed", "dropped_out"])
    assert left.exists()
    assert not left.filter(exit_date__isnull=True).exists()
    assert left.filter(outcomes__timing="exit").distinct().count() == left.count()
    assert not Participant.objects.filter(exit_date__isnull=True, outcomes__isnull=False).exists()
    six = Outcome.objects.filter(timing="six_months")
    assert not six.exclude(date=F("participant__exit_date") + datetime.timedelta(days=182)).exists()
    assert not Step.objects.filter(done_on__gt=timezone.localdate()).exists()


def test_placements_are_consistent_with_participants_and_offers(seeded):
    placements = Placement.objects.select_related("participant", "offer__company")
    assert placements.exists()
    for placement in placements:
        expected = placement.participant.country_of_residence != placement.offer.company.country
        assert placement.cross_border == expected
    assert not Placement.objects.filter(offer__status="draft").exists()
    assert not Placement.objects.filter(participant__status="interested").exists()
    over = Offer.objects.annotate(
        taking=Count("placements", filter=Q(placements__status__in=Placement.PLACE_TAKING))
    ).filter(taking__gt=F("places"))
    assert not over.exists()
    assert not Placement.objects.filter(status="declined", decline_reason="").exists()


def test_withdrawn_consent_is_a_later_row_of_the_ledger(seeded):
    withdrawn = Consent.objects.filter(purpose="share_with_companies", given=False)
    for row in withdrawn:
        earlier = Consent.objects.filter(
            participant=row.participant_id, purpose=row.purpose, given=True
        ).get()
        assert earlier.recorded_at < row.recorded_at


def test_enrolments_hold_at_most_one_place_per_person_and_session(seeded):
    assert Enrolment.objects.exists()
    holding = (
        Enrolment.objects.exclude(status="cancelled")
        .values("session", "person")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert not holding.exists()
    full = Session.objects.annotate(
        n=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDING_PLACE))
    ).filter(n__gt=F("capacity"))
    assert not full.exists()


def test_coaches_managers_and_admin_have_mfa_and_roles(seeded):
    from allauth.mfa.models import Authenticator

    for role in ("coach", "programme_manager", "admin"):
        users = User.objects.filter(groups__name=role)
        assert users.exists()
        assert not users.exclude(authenticator__type="totp").exists()
    assert User.objects.filter(groups__name="company_contact").count() == Company.objects.count()
    assert (
        Authenticator.objects.count()
        == User.objects.filter(groups__name__in=["coach", "programme_manager", "admin"]).count()
    )


def test_the_same_seed_gives_the_same_data(db):
    first = seed.seed_scale(40, log=lambda line: None)
    names = list(Participant.objects.order_by("pk").values_list("last_name", "status"))
    second = seed.seed_scale(40, reset=True, log=lambda line: None)
    assert first["tables"] == second["tables"]
    assert list(Participant.objects.order_by("pk").values_list("last_name", "status")) == names


def test_refuses_a_database_that_holds_data_unless_reset(seeded):
    with pytest.raises(ValueError, match="already holds data"):
        seed.seed_scale(10, log=lambda line: None)


def test_reset_is_refused_on_a_database_not_named_for_benchmarks_or_tests(seeded, monkeypatch):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "jump")
    with pytest.raises(ValueError, match="Refusing to reset"):
        seed.seed_scale(10, reset=True, log=lambda line: None)
    assert Participant.objects.count() == N


def test_command_reuses_a_database_of_the_same_size(seeded, capsys):
    call_command(SeedScale(), "--participants", str(N), "--reuse")
    assert "reused" in capsys.readouterr().out
    call_command(SeedScale(), "--participants", "30", "--reuse")
    assert Participant.objects.count() == 30
    assert seed.seeded_size() == 30


def test_command_turns_a_refusal_into_a_command_error(seeded):
    with pytest.raises(CommandError, match="already holds data"):
        call_command(SeedScale(), "--participants", "30")
