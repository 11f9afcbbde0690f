"""A page's query count does not grow with its rows (docs/style.md: 1 row, 20 rows, same)."""

import pytest
from django.urls import reverse

from tests.factories.accounts import PartnerFactory, UserFactory
from tests.factories.training_modules import (
    CertificateFactory,
    EnrolmentFactory,
    GoodPracticeFactory,
    ModuleFactory,
    SessionFactory,
)
from training_modules.models import Attendance, Enrolment, SessionFeedback
from training_modules.services.content import tags_from_names


def same_for_1_and_20(count_queries, client, url, add_row):
    add_row(0)
    one = count_queries(client, url)
    for n in range(1, 20):
        add_row(n)
    twenty = count_queries(client, url)
    assert one == twenty


def test_catalogue_queries_do_not_grow_with_modules(client_for, personas, count_queries):
    trainer = UserFactory(roles=["trainer"])

    def add(n):
        module = ModuleFactory()
        SessionFactory(module=module, trainers=[trainer])

    same_for_1_and_20(
        count_queries, client_for("staff_learner"), reverse("training_modules:catalogue"), add
    )


def test_session_list_queries_do_not_grow_with_sessions(client_for, personas, count_queries):
    module = ModuleFactory()

    def add(n):
        session = SessionFactory(
            module=module, days=5 + n * 3, trainers=[UserFactory(roles=["trainer"])]
        )
        EnrolmentFactory(session=session)

    same_for_1_and_20(
        count_queries, client_for("staff_learner"), reverse("training_modules:session_list"), add
    )


def test_good_practice_list_queries_do_not_grow_with_articles(client_for, personas, count_queries):
    def add(n):
        practice = GoodPracticeFactory(partner=PartnerFactory(), author=personas.trainer)
        practice.tags.set(tags_from_names([f"tag {n}", "mentoring"]))

    same_for_1_and_20(
        count_queries,
        client_for("staff_learner"),
        reverse("training_modules:good_practice_list"),
        add,
    )


def test_module_detail_queries_do_not_grow_with_sessions(client_for, personas, count_queries):
    module = ModuleFactory()

    def add(n):
        SessionFactory(module=module, days=5 + n, trainers=[personas.trainer])
        SessionFactory(module=module, days=-5 - n, trainers=[personas.trainer])

    url = reverse("training_modules:module_detail", kwargs={"public_id": module.public_id})
    same_for_1_and_20(count_queries, client_for("trainer"), url, add)


def test_my_training_queries_do_not_grow_with_enrolments(client_for, personas, count_queries):
    def add(n):
        if n % 2:
            CertificateFactory(enrolment__person=personas.staff_learner)
        else:
            EnrolmentFactory(person=personas.staff_learner, status=Enrolment.Status.WAITLISTED)

    url = reverse("training_modules:enrolment_list")
    same_for_1_and_20(count_queries, client_for("staff_learner"), url, add)


def test_attendance_page_queries_do_not_grow_with_participants(client_for, personas, count_queries):
    session = SessionFactory(days=-3, length=2, trainers=[personas.trainer], capacity=40)

    def add(n):
        person = UserFactory(roles=["staff_learner"], partner=PartnerFactory())
        enrolment = EnrolmentFactory(session=session, person=person)
        Attendance.objects.create(enrolment=enrolment, day=session.days[0], present=True)
        EnrolmentFactory(session=session, status=Enrolment.Status.WAITLISTED)

    url = reverse("training_modules:session_attendance", kwargs={"public_id": session.public_id})
    same_for_1_and_20(count_queries, client_for("trainer"), url, add)


def test_module_feedback_queries_do_not_grow_with_evaluations(client_for, personas, count_queries):
    module = ModuleFactory()

    def add(n):
        enrolment = EnrolmentFactory(
            session__module=module, session__days=-3, status=Enrolment.Status.ATTENDED
        )
        SessionFeedback.objects.create(enrolment=enrolment, rating=1 + n % 5, comments=f"c{n}")

    url = reverse("training_modules:module_feedback", kwargs={"public_id": module.public_id})
    same_for_1_and_20(count_queries, client_for("manager"), url, add)


@pytest.mark.parametrize("persona", ["trainer", "staff_learner"])
def test_my_calendar_queries_do_not_grow_with_sessions(
    client_for, personas, persona, count_queries
):
    def add(n):
        session = SessionFactory(days=3 + n, trainers=[personas.trainer])
        EnrolmentFactory(session=session, person=personas.staff_learner)

    same_for_1_and_20(
        count_queries, client_for(persona), reverse("training_modules:my_calendar"), add
    )
