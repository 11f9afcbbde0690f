import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories.accounts import UserFactory
from tests.factories.training_modules import (
    EnrolmentFactory,
    GoodPracticeFactory,
    ModuleFactory,
    SessionFactory,
)
from training_modules.models import (
    Attendance,
    CalendarFeed,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
)
from training_modules.services.content import tags_from_names


def url(name, obj=None, language="en", **kwargs):
    if obj is not None:
        kwargs["public_id"] = obj.public_id
    with translation.override(language):
        return reverse(f"training_modules:{name}", kwargs=kwargs or None)


def text(response) -> str:
    return response.content.decode()


def local(dt: datetime.datetime) -> str:
    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


# --- the whole path of a staff member ----------------------------------------------------------


def test_staff_member_finds_enrols_waits_is_promoted_attends_and_gets_a_verifiable_certificate(
    client_for, personas, django_capture_on_commit_callbacks
):
    """Issue 5, "Done when": find a module in one's language, enrol, be waitlisted and promoted,
    attend, download a certificate, and anyone can verify it by its code."""
    module = ModuleFactory(title_da="Sprogbevidst undervisning", title_en="Language-sensitive")
    session = SessionFactory(module=module, capacity=1, trainers=[personas.trainer])
    holder = EnrolmentFactory(session=session)
    learner = personas.staff_learner
    learner.preferred_language = "da"
    learner.save()
    client = client_for("staff_learner")

    catalogue = client.get(url("catalogue", language="da"), {"q": "sprogbevidst"})
    assert "Sprogbevidst undervisning" in text(catalogue)

    response = client.post(url("enrolment_create", session, language="da"), follow=True)
    enrolment = Enrolment.objects.get(session=session, person=learner)
    assert enrolment.status == Enrolment.Status.WAITLISTED

    holder_client = client_for("manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = holder_client.post(url("enrolment_cancel", holder))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
    assert [m.to for m in mail.outbox] == [[learner.email]]

    # The session takes place; the trainer marks attendance and completion.
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=2, hours=2),
        ends_at=timezone.now() - datetime.timedelta(days=2),
        enrolment_deadline=timezone.now() - datetime.timedelta(days=4),
    )
    session.refresh_from_db()
    trainer = client_for("trainer")
    day = session.days[0].isoformat()
    response = trainer.post(
        url("session_attendance", session), {"present": [f"{enrolment.public_id}|{day}"]}
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED
    response = trainer.post(url("enrolment_complete", enrolment))
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED

    page = client.get(url("enrolment_detail", enrolment))
    code = enrolment.certificate.verification_code
    assert code in text(page)
    download = client.get(url("certificate_download", enrolment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    anyone = client_for("anon")
    verified = anyone.get(url("certificate_verify", code=code))
    assert "This certificate is genuine." in text(verified)
    assert learner.get_full_name() in text(verified)


# --- catalogue -------------------------------------------------------------------------------


@pytest.fixture
def catalogue_modules(db):
    online = ModuleFactory(
        title_en="Online systems module",
        format=Module.Format.ONLINE,
        target_group=Module.TargetGroup.COACHES,
    )
    SessionFactory(module=online, country="DE")
    in_person = ModuleFactory(title_en="In-person intercultural module")
    SessionFactory(module=in_person, country="DK")
    SessionFactory(module=in_person, country="DE", days=-30)  # past: does not count
    archived = ModuleFactory(title_en="Old archived module", status=Module.Status.ARCHIVED)
    draft = ModuleFactory(title_en="Draft module", status=Module.Status.DRAFT)
    return online, in_person, archived, draft


def listed(response):
    return {module.pk for module in response.context["page"].object_list}


def test_catalogue_shows_staff_only_published_modules(client_for, personas, catalogue_modules):
    online, in_person, archived, draft = catalogue_modules
    response = client_for("staff_learner").get(url("catalogue"))
    assert listed(response) == {online.pk, in_person.pk}


def test_catalogue_shows_editors_drafts_but_not_archived_unless_asked(
    client_for, personas, catalogue_modules
):
    online, in_person, archived, draft = catalogue_modules
    client = client_for("trainer")
    assert listed(client.get(url("catalogue"))) == {online.pk, in_person.pk, draft.pk}
    assert listed(client.get(url("catalogue"), {"status": "archived"})) == {archived.pk}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"format": "online"}, "online"),
        ({"target_group": "coaches"}, "online"),
        ({"country": "DE"}, "online"),
        ({"country": "DK"}, "in_person"),
        ({"q": "intercultural"}, "in_person"),
    ],
)
def test_catalogue_filters(client_for, personas, catalogue_modules, params, expected):
    online, in_person, _archived, _draft = catalogue_modules
    modules = {"online": online, "in_person": in_person}
    response = client_for("coach_a").get(url("catalogue"), params)
    assert listed(response) == {modules[expected].pk}


def test_catalogue_search_looks_at_the_text_in_the_readers_language(client_for, personas):
    danish = ModuleFactory(title_da="Samarbejde med virksomheder", title_en="Working with firms")
    german_only = ModuleFactory(
        title_da="", title_en="", title_de="Bewerbungstraining", summary_da="", summary_en=""
    )
    client = client_for("staff_learner")
    found = listed(client.get(url("catalogue", language="da"), {"q": "virksomheder"}))
    assert found == {danish.pk}
    # The English title is not what a Danish reader sees: no match.
    assert listed(client.get(url("catalogue", language="da"), {"q": "firms"})) == set()
    # A German-only title is shown (with the fallback note), so it is searchable.
    found = listed(client.get(url("catalogue", language="da"), {"q": "bewerbung"}))
    assert found == {german_only.pk}


def test_bad_filter_values_show_the_list_not_an_error(client_for, personas, catalogue_modules):
    response = client_for("staff_learner").get(
        url("catalogue"), {"format": "nonsense", "q": "x" * 500, "page": "abc"}
    )
    assert response.status_code == 200


def test_module_text_is_escaped(client_for, personas):
    module = ModuleFactory(title_en="<script>alert(1)</script>", description_en="<b>bold</b>")
    page = text(client_for("staff_learner").get(url("module_detail", module)))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>bold</b>" not in page


# --- modules and sessions: forms -------------------------------------------------------------


def module_form_data(**changes):
    data = {
        "title_en": "Working with companies",
        "summary_en": "How to find companies.",
        "description_en": "A workshop and a visit.",
        "learning_outcomes_en": "Hold a first conversation",
        "hours": "10",
        "target_group": "company_liaison",
        "format": "blended",
        "status": "published",
    }
    return {**data, **changes}


def test_trainer_creates_a_module(client_for, personas):
    response = client_for("trainer").post(url("module_create"), module_form_data())
    module = Module.objects.get()
    assert response.status_code == 302
    assert module.created_by == personas.trainer
    assert module.title_en == "Working with companies"


def test_module_without_a_title_in_any_language_is_refused(client_for, personas):
    response = client_for("trainer").post(url("module_create"), module_form_data(title_en=""))
    assert response.status_code == 200
    assert "title_da" in response.context["form"].errors
    assert not Module.objects.exists()


def test_module_with_zero_hours_is_refused(client_for, personas):
    response = client_for("manager").post(url("module_create"), module_form_data(hours="0"))
    assert "hours" in response.context["form"].errors
    assert not Module.objects.exists()


def session_form_data(session=None, **changes):
    start = timezone.now() + datetime.timedelta(days=20)
    data = {
        "starts_at": local(start),
        "ends_at": local(start + datetime.timedelta(hours=6)),
        "enrolment_deadline": local(start - datetime.timedelta(days=3)),
        "place": "Produktionsschule Flensburg",
        "country": "DE",
        "language": "de",
        "capacity": "12",
        "status": "planned",
    }
    if session is not None:
        data.update(
            starts_at=local(session.starts_at),
            ends_at=local(session.ends_at),
            enrolment_deadline=local(session.enrolment_deadline),
            capacity=str(session.capacity),
        )
    return {**data, **changes}


def test_trainer_plans_a_session(client_for, personas):
    module = ModuleFactory()
    response = client_for("trainer").post(url("session_create", module), session_form_data())
    session = Session.objects.get()
    assert response.status_code == 302
    assert list(session.trainers.all()) == [personas.trainer]


def test_session_ending_before_it_starts_is_a_form_error(client_for, personas):
    module = ModuleFactory()
    start = timezone.now() + datetime.timedelta(days=20)
    data = session_form_data(ends_at=local(start - datetime.timedelta(hours=1)))
    data["starts_at"] = local(start)
    response = client_for("trainer").post(url("session_create", module), data)
    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors
    assert not Session.objects.exists()


def test_deadline_after_the_start_is_a_form_error(client_for, personas):
    module = ModuleFactory()
    start = timezone.now() + datetime.timedelta(days=20)
    data = session_form_data(enrolment_deadline=local(start + datetime.timedelta(days=1)))
    data["starts_at"] = local(start)
    response = client_for("manager").post(url("session_create", module), data)
    assert "enrolment_deadline" in response.context["form"].errors


def test_capacity_below_the_enrolled_is_a_form_error(client_for, personas):
    session = SessionFactory(capacity=3, trainers=[personas.trainer])
    for _ in range(3):
        EnrolmentFactory(session=session)
    response = client_for("trainer").post(
        url("session_update", session), session_form_data(session, capacity="2")
    )
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors
    session.refresh_from_db()
    assert session.capacity == 3


@pytest.mark.parametrize("capacity", ["0", "-1", "abc", ""])
def test_impossible_capacity_is_a_form_error(client_for, personas, capacity):
    module = ModuleFactory()
    response = client_for("trainer").post(
        url("session_create", module), session_form_data(capacity=capacity)
    )
    assert response.status_code == 200
    assert "capacity" in response.context["form"].errors


def test_session_calendar_groups_upcoming_sessions_by_month(client_for, personas):
    SessionFactory(days=3)
    SessionFactory(days=40)
    SessionFactory(days=-3)  # over
    response = client_for("coach_b").get(url("session_list"))
    sessions = list(response.context["page"].object_list)
    assert len(sessions) == 2
    assert all(session.month for session in sessions)


# --- enrolment via the pages -----------------------------------------------------------------


def test_enrolling_twice_via_the_page_shows_a_clear_message(client_for, personas):
    session = SessionFactory()
    client = client_for("coach_a")
    client.post(url("enrolment_create", session))
    response = client.post(url("enrolment_create", session), follow=True)
    assert "You are already enrolled in this session." in text(response)
    assert Enrolment.objects.filter(session=session).count() == 1


def test_enrolling_after_the_deadline_via_the_page_shows_a_clear_message(client_for, personas):
    session = SessionFactory(
        days=2, enrolment_deadline=timezone.now() - datetime.timedelta(minutes=5)
    )
    response = client_for("staff_learner").post(url("enrolment_create", session), follow=True)
    assert "The enrolment deadline for this session has passed." in text(response)
    assert not Enrolment.objects.exists()


def test_manager_enrols_a_staff_member_from_the_session_page(client_for, personas):
    session = SessionFactory()
    colleague = UserFactory(roles=["coach"], mfa=True)
    response = client_for("manager").post(
        url("enrolment_create_other", session), {"person": colleague.pk}
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(session=session).person == colleague


def test_manager_cannot_pick_a_company_contact_to_enrol(client_for, personas):
    session = SessionFactory()
    response = client_for("manager").post(
        url("enrolment_create_other", session), {"person": personas.contact_x.pk}
    )
    assert response.status_code == 200
    assert "person" in response.context["form"].errors
    assert not Enrolment.objects.exists()


def test_attendance_page_ignores_boxes_for_people_and_days_not_on_it(client_for, personas):
    session = SessionFactory(days=-3, trainers=[personas.trainer])
    enrolment = EnrolmentFactory(session=session)
    other = EnrolmentFactory(session=SessionFactory(days=-3))
    day = session.days[0].isoformat()
    response = client_for("trainer").post(
        url("session_attendance", session),
        {"present": [f"{other.public_id}|{day}", f"{enrolment.public_id}|1999-01-01", "junk"]},
    )
    assert response.status_code == 302
    assert not Attendance.objects.filter(enrolment=other).exists()
    assert not Attendance.objects.filter(present=True).exists()


# --- feedback --------------------------------------------------------------------------------


def test_feedback_is_summarised_per_module_without_names(client_for, personas):
    module = ModuleFactory()
    for rating, comments in ((5, "Very practical."), (3, "")):
        enrolment = EnrolmentFactory(
            session__module=module, session__days=-3, status=Enrolment.Status.ATTENDED
        )
        SessionFeedback.objects.create(enrolment=enrolment, rating=rating, comments=comments)
    response = client_for("trainer").get(url("module_feedback", module))
    summary = response.context["summary"]
    assert summary["count"] == 2
    assert summary["average"] == 4
    assert "Very practical." in text(response)
    assert enrolment.person.get_full_name() not in text(response)


def test_learner_gives_feedback_once_after_attending(client_for, personas):
    enrolment = EnrolmentFactory(
        person=personas.staff_learner, session__days=-3, status=Enrolment.Status.ATTENDED
    )
    client = client_for("staff_learner")
    response = client.post(url("feedback_create", enrolment), {"rating": "4", "comments": "Ok"})
    assert response.status_code == 302
    assert SessionFeedback.objects.get().rating == 4
    response = client.get(url("feedback_create", enrolment))
    assert response.status_code == 302  # already given: sent back with a message


def test_feedback_with_a_rating_outside_the_scale_is_a_form_error(client_for, personas):
    enrolment = EnrolmentFactory(
        person=personas.staff_learner, session__days=-3, status=Enrolment.Status.ATTENDED
    )
    response = client_for("staff_learner").post(url("feedback_create", enrolment), {"rating": "9"})
    assert response.status_code == 200
    assert "rating" in response.context["form"].errors
    assert not SessionFeedback.objects.exists()


# --- iCal ------------------------------------------------------------------------------------


def test_session_ical_file(client_for, personas):
    session = SessionFactory(module__title_en="Working with companies", place="Sønderborg")
    response = client_for("staff_learner").get(url("session_ical", session))
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"].startswith("attachment;")
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Working with companies"
    assert event.decoded("DTSTART") == session.starts_at
    assert event.decoded("DTEND") == session.ends_at
    assert "Sønderborg" in str(event["LOCATION"])


def _events(response):
    return {str(event["UID"]) for event in Calendar.from_ical(response.content).walk("VEVENT")}


def test_my_calendar_holds_my_places_and_the_sessions_i_train(client_for, personas):
    mine = EnrolmentFactory(person=personas.staff_learner).session
    EnrolmentFactory(person=personas.staff_learner, status=Enrolment.Status.CANCELLED)
    EnrolmentFactory()  # someone else's
    trained = SessionFactory(trainers=[personas.trainer])
    assert _events(client_for("staff_learner").get(url("my_calendar"))) == {
        f"training-session-{mine.public_id}@jump"
    }
    assert _events(client_for("trainer").get(url("my_calendar"))) == {
        f"training-session-{trained.public_id}@jump"
    }


def test_private_feed_address_can_be_created_used_and_stopped(client, client_for, personas):
    mine = EnrolmentFactory(person=personas.staff_learner).session
    learner = client_for("staff_learner")
    learner.post(url("calendar_subscription"), {"action": "renew"})
    feed = CalendarFeed.objects.get(user=personas.staff_learner)
    feed_url = url("calendar_feed", token=feed.token)
    assert _events(client.get(feed_url)) == {f"training-session-{mine.public_id}@jump"}
    learner.post(url("calendar_subscription"), {"action": "renew"})
    assert client.get(feed_url).status_code == 404  # the old address stops working
    learner.post(url("calendar_subscription"), {"action": "revoke"})
    assert not CalendarFeed.objects.exists()


# --- good practice ---------------------------------------------------------------------------


def test_good_practice_search_over_title_and_body_in_the_readers_language(client_for, personas):
    by_title = GoodPracticeFactory(title_de="Sprachcafé vor dem Praktikum")
    by_body = GoodPracticeFactory(body_de="Ehrenamtliche aus der Minderheit sprechen mit.")
    english_only_match = GoodPracticeFactory(body_en="A language café every week.")
    client = client_for("staff_learner")

    def found(q, language):
        response = client.get(url("good_practice_list", language=language), {"q": q})
        return {p.pk for p in response.context["page"].object_list}

    assert found("sprachcafé", "de") == {by_title.pk}
    assert found("ehrenamtliche", "de") == {by_body.pk}
    assert found("language café", "en") == {english_only_match.pk}
    assert found("language café", "de") == set()


def test_good_practice_filters_by_tag_partner_and_country(client_for, personas):
    tagged = GoodPracticeFactory(partner=personas.coach_a.partner, country="DK")
    tagged.tags.set(tags_from_names(["mentoring"]))
    other = GoodPracticeFactory(country="DE")
    client = client_for("coach_b")

    def found(**params):
        response = client.get(url("good_practice_list"), params)
        return {p.pk for p in response.context["page"].object_list}

    assert found(tag="Mentoring") == {tagged.pk}
    assert found(partner=str(personas.coach_a.partner.public_id)) == {tagged.pk}
    assert found(country="DE") == {other.pk}


def test_trainer_writes_a_good_practice_with_tags(client_for, personas):
    response = client_for("trainer").post(
        url("good_practice_create"),
        {
            "title_da": "Forældremøder på to sprog",
            "body_da": "Alt siges på dansk og tysk.",
            "country": "DK",
            "status": "published",
            "tag_names": "Families, language, families",
        },
    )
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.author == personas.trainer
    assert practice.published_at is not None
    assert sorted(t.name for t in practice.tags.all()) == ["families", "language"]


def test_good_practice_without_any_title_is_refused(client_for, personas):
    response = client_for("manager").post(
        url("good_practice_create"), {"body_en": "Text", "status": "draft", "tag_names": ""}
    )
    assert response.status_code == 200
    assert not GoodPractice.objects.exists()


# --- bad input never gives a 500 (SECURITY 14) -----------------------------------------------

from hypothesis import HealthCheck, given  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NASTY = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["\x00", "\u202e evil", "😀" * 50, "<script>alert(1)</script>", "9" * 400]),
)


@given(title=NASTY, hours=NASTY, starts=NASTY, capacity=NASTY)
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_module_and_session_forms_answer_bad_input_with_the_form(
    client_for, personas, title, hours, starts, capacity
):
    client = client_for("trainer")
    modules_before = Module.objects.count()
    response = client.post(url("module_create"), module_form_data(title_en=title, hours=hours))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Module.objects.count() == modules_before
    module = Module.objects.first() or ModuleFactory()
    sessions_before = Session.objects.count()
    response = client.post(
        url("session_create", module),
        session_form_data(starts_at=starts, capacity=capacity, place=title),
    )
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Session.objects.count() == sessions_before


@given(title=NASTY, body=NASTY, tags=NASTY, query=NASTY)
@hypothesis_settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_good_practice_form_and_search_answer_bad_input_without_error(
    client_for, personas, title, body, tags, query
):
    client = client_for("manager")
    response = client.post(
        url("good_practice_create"),
        {"title_en": title, "body_en": body, "status": "published", "tag_names": tags},
    )
    assert response.status_code in (200, 302)
    for name in ("good_practice_list", "catalogue", "session_list"):
        response = client.get(url(name), {"q": query, "tag": query, "country": query})
        assert response.status_code == 200


def test_catalogue_is_paginated(client_for, personas):
    for _ in range(31):
        ModuleFactory()
    client = client_for("staff_learner")
    first = client.get(url("catalogue"))
    assert len(first.context["page"].object_list) == 30
    assert "Page 1 of 2" in text(first)
    second = client.get(url("catalogue"), {"page": "2"})
    assert len(second.context["page"].object_list) == 1


def test_private_feed_speaks_its_owners_language(client, personas):
    personas.staff_learner.preferred_language = "da"
    personas.staff_learner.save()
    EnrolmentFactory(
        person=personas.staff_learner,
        session__module__title_da="Samarbejde med virksomheder",
        session__module__title_en="Working with companies",
    )
    feed = CalendarFeed.objects.create(user=personas.staff_learner, token="t" * 40)
    response = client.get(url("calendar_feed", token=feed.token, language="en"))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Samarbejde med virksomheder"
