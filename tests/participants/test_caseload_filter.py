"""The caseload's filter: plain choices read with values_list, cached per data version and
viewer scope (issue 20); only what the viewer may pick, anything else refused on its field."""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse

from jump.lib import versioned
from participants import selectors
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db

CASELOAD = reverse("participants:caseload")


def choice_values(response, name):
    return [value for value, _label in response.context["filter_form"].fields[name].choices]


def test_a_coach_picks_among_the_coaches_of_their_partner_and_any_partner(
    client_for, personas, partner_a, partner_b
):
    response = client_for("coach_a").get(CASELOAD)
    coaches = choice_values(response, "coach")
    assert str(personas.coach_a.public_id) in coaches
    assert str(personas.coach_b.public_id) not in coaches
    partners = choice_values(response, "partner")
    assert {str(partner_a.public_id), str(partner_b.public_id)} <= set(partners)
    assert coaches[0] == partners[0] == ""
    labels = dict(response.context["filter_form"].fields["coach"].choices)
    assert labels[str(personas.coach_a.public_id)] == personas.coach_a.get_full_name()


def test_a_manager_is_offered_the_coaches_of_the_chosen_partner(client_for, personas, partner_a):
    response = client_for("manager").get(CASELOAD, {"partner": str(partner_a.public_id)})
    coaches = choice_values(response, "coach")
    assert str(personas.coach_a.public_id) in coaches
    assert str(personas.coach_b.public_id) not in coaches
    assert not response.context["filter_form"].errors


def test_a_manager_without_a_partner_is_told_to_choose_one_and_offered_no_coach(
    client_for, personas
):
    """Issue 20: the programme's every coach (2,500 at 100,000 participants) is not rendered."""
    response = client_for("manager").get(CASELOAD)
    assert choice_values(response, "coach") == [""]
    assert "Choose a partner to pick one of its coaches." in response.content.decode()


def test_a_manager_may_still_filter_by_any_coach(client_for, personas, partner_a, partner_b):
    theirs = ParticipantFactory(partner=partner_b, coach=personas.coach_b)
    other = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    coach_b = str(personas.coach_b.public_id)
    response = client_for("manager").get(CASELOAD, {"coach": coach_b})
    form = response.context["filter_form"]
    assert not form.errors
    assert choice_values(response, "coach") == ["", coach_b]
    rows = response.context["page"].rows
    assert theirs in rows
    assert other not in rows


def test_a_manager_is_refused_a_coach_that_does_not_exist(client_for, personas):
    response = client_for("manager").get(CASELOAD, {"coach": str(uuid.uuid4())})
    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == ["coach"]


def test_a_coach_of_another_partner_is_refused_on_the_field_and_filters_nothing(
    client_for, personas, partner_a
):
    own = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    response = client_for("coach_a").get(CASELOAD, {"coach": str(personas.coach_b.public_id)})
    assert response.status_code == 200
    form = response.context["filter_form"]
    assert list(form.errors) == ["coach"]
    assert own in response.context["page"].rows


def test_an_unknown_partner_is_refused_on_the_field(client_for, personas):
    response = client_for("coach_a").get(CASELOAD, {"partner": str(uuid.uuid4())})
    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == ["partner"]


def test_the_filters_narrow_the_caseload(client_for, personas, partner_a, partner_b):
    mine = ParticipantFactory(partner=partner_a, coach=personas.coach_a)
    other = ParticipantFactory(partner=partner_a, coach=None)
    client = client_for("manager")
    by_coach = client.get(CASELOAD, {"coach": str(personas.coach_a.public_id)})
    assert list(by_coach.context["page"].rows) == [mine]
    by_partner = client.get(CASELOAD, {"partner": str(partner_b.public_id)})
    assert list(by_partner.context["page"].rows) == []
    assert {mine, other} <= set(client.get(CASELOAD).context["page"].rows)


@pytest.mark.django_db(transaction=True)
def test_the_choices_are_cached_per_data_version_and_scope(personas, monkeypatch):
    version = {"now": 1}
    monkeypatch.setattr(versioned, "_version_reader", lambda: version["now"])
    cache.clear()
    try:
        first = selectors.caseload_filter_choices(personas.coach_a)
        personas.coach_a.first_name = "Renamed"
        personas.coach_a.save()
        # The same version: the cached choices (no read).
        assert selectors.caseload_filter_choices(personas.coach_a) == first
        # Another scope never gets the coach's cached list.
        assert selectors.caseload_filter_choices(personas.manager) != first
        version["now"] = 2
        again = selectors.caseload_filter_choices(personas.coach_a)
        assert again != first
        assert any(label.startswith("Renamed") for _value, label, _pk in again["coach"])
    finally:
        cache.clear()


def test_the_caseload_rows_show_the_texts_the_includes_showed(client_for, personas, partner_a):
    """The status badge, the ladder and the next follow-up are made in the view (no include or
    blocktranslate per row), with the same words and classes as before."""
    import datetime

    from django.utils import timezone

    from tests.factories.participants import ContactFactory

    participant = ParticipantFactory(partner=partner_a, coach=personas.coach_a, status="active")
    follow_up = timezone.localdate() + datetime.timedelta(days=3)
    ContactFactory(participant=participant, author=personas.coach_a, follow_up_on=follow_up)
    response = client_for("coach_a").get(CASELOAD)
    html = response.text
    top = selectors.LADDER_TOP
    assert '<span class="badge status-badge text-bg-success">Active</span>' in html
    assert f'title="Mobility ladder: step 0 of {top}">0/{top}</span>' in html
    assert f"next {follow_up:%m/%d/%Y}" in html


def test_the_filter_fields_keep_the_chosen_values_and_link_their_errors(
    client_for, personas, partner_a
):
    """The fields are written out by the caseload's own template (no crispy per field)."""
    partner = str(partner_a.public_id)
    html = (
        client_for("manager")
        .get(CASELOAD, {"partner": partner, "status": "bogus", "q": 'Ann "x"'})
        .content.decode()
    )
    assert f'<option value="{partner}" selected>' in html
    assert '<option value="DK">' in html
    assert 'value="Ann &quot;x&quot;"' in html
    assert 'aria-invalid="true" aria-describedby="id_status_error"' in html
    assert '<div id="id_status_error" class="invalid-feedback">' in html
    coach = str(personas.coach_a.public_id)
    html = client_for("manager").get(CASELOAD, {"coach": coach}).content.decode()
    assert f'<option value="{coach}" selected>' in html
    assert 'aria-describedby="id_coach_helptext"' in html


def test_the_options_are_escaped_and_only_the_chosen_one_selected(client_for, personas):
    """The options are written by the form (issue 20): labels escaped, one option selected per
    field ("all" when nothing is chosen)."""
    from tests.factories.accounts import PartnerFactory

    partner = PartnerFactory(name='Produktionsskole & <Værksted> "Syd"', country="DK")
    ParticipantFactory(partner=partner)
    html = client_for("manager").get(CASELOAD, {"status": "active"}).content.decode()
    assert (
        f'<option value="{partner.public_id}">'
        "Produktionsskole &amp; &lt;Værksted&gt; &quot;Syd&quot;</option>"
    ) in html
    assert "<Værksted>" not in html
    # Four selects, one option selected in each: the chosen status, "all" in the others.
    assert html.count(" selected>") == 4
    assert '<option value="active" selected>Active</option>' in html
    assert html.count('<option value="" selected>all</option>') == 3
    assert '<option value="">all</option><option value="interested">' in html
