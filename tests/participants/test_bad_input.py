"""Bad input never gives a 500 or a partial write (SECURITY 14)."""

import datetime

from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participants.models import Contact, Participant

WEIRD_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "\x00",
            "Nul\x00byte",
            "\u202eRTL override",
            "emoji 🙂🇩🇰🇩🇪",
            "x" * 5000,
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            " ",
        ]
    ),
)
WEIRD_DATE = st.one_of(
    st.dates(min_value=datetime.date(1, 1, 1)).map(datetime.date.isoformat),
    st.sampled_from(["2026-02-30", "0000-00-00", "31.12.2026", "", "tomorrow", "9999-12-31"]),
)

HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(first_name=WEIRD_TEXT, last_name=WEIRD_TEXT, email=WEIRD_TEXT, dob=WEIRD_DATE)
def test_intake_with_any_input_answers_200_or_302(
    client_for, personas, first_name, last_name, email, dob
):
    before = Participant.objects.count()
    response = client_for("coach_a").post(
        reverse("participants:create"),
        {
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": dob,
            "gender": "female",
            "email": email,
            "country_of_residence": "DK",
            "education_level": "isced_0_2",
            "labour_market_status": "unemployed",
            "preferred_language": "da",
            "coach": personas.coach_a.public_id,
        },
    )
    assert response.status_code in (200, 302)
    created = Participant.objects.count() - before
    assert created == (1 if response.status_code == 302 else 0)


@HYPOTHESIS
@given(summary=WEIRD_TEXT, date=WEIRD_DATE, follow_up=WEIRD_DATE)
def test_case_note_with_any_input_answers_200_or_302(world, client_for, summary, date, follow_up):
    before = Contact.objects.count()
    response = client_for("coach_a").post(
        reverse("participants:contact_create", kwargs={"public_id": world.p1.public_id}),
        {"date": date, "channel": "phone", "summary": summary, "follow_up_on": follow_up},
    )
    assert response.status_code in (200, 302)
    assert Contact.objects.count() - before == (1 if response.status_code == 302 else 0)
