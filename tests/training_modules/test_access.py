import pytest
from django.urls import reverse

from tests.access_matrix import PERSONAS, check

from .matrix import MATRIX


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", [name for name in MATRIX if not name.endswith(":*")])
def test_training_access_matrix(client_for, world, url_name, persona):
    check(client_for, world, url_name, MATRIX[url_name], persona)


def _get(client, name, obj, **params):
    return client.get(reverse(f"training_modules:{name}", kwargs={"public_id": obj.public_id}))


def test_trainer_sees_and_marks_attendance_of_own_session(client_for, world):
    response = _get(client_for("trainer"), "session_attendance", world.s1)
    assert response.status_code == 200
    assert world.staff_learner.get_full_name() in response.content.decode()


def test_trainer_gets_404_for_attendance_of_another_trainers_session(client_for, world):
    assert _get(client_for("trainer"), "session_attendance", world.s2).status_code == 404


def test_trainer_cannot_post_attendance_of_another_trainers_session(client_for, world):
    url = reverse("training_modules:session_attendance", kwargs={"public_id": world.s2.public_id})
    assert client_for("trainer").post(url, {"present": []}).status_code == 404


def test_trainer_may_not_edit_a_session_they_do_not_train(client_for, world):
    assert _get(client_for("trainer"), "session_update", world.s2).status_code == 403


def test_trainer_cannot_complete_an_enrolment_of_another_trainers_session(client_for, world):
    from tests.factories.training_modules import EnrolmentFactory, SessionFactory
    from training_modules.models import Enrolment

    other_past = SessionFactory(days=-5, trainers=[world.other_trainer])
    enrolment = EnrolmentFactory(session=other_past, status=Enrolment.Status.ATTENDED)
    url = reverse("training_modules:enrolment_complete", kwargs={"public_id": enrolment.public_id})
    assert client_for("trainer").post(url).status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ATTENDED


def test_staff_learner_gets_404_for_another_persons_enrolment(client_for, world):
    client = client_for("staff_learner")
    assert _get(client, "enrolment_detail", world.e_other).status_code == 404
    url = reverse(
        "training_modules:enrolment_cancel", kwargs={"public_id": world.e_other.public_id}
    )
    assert client.post(url).status_code == 404
    world.e_other.refresh_from_db()
    assert world.e_other.status == "enrolled"


def test_staff_learner_gets_404_for_another_persons_certificate(client_for, world):
    from tests.factories.training_modules import CertificateFactory

    other = CertificateFactory(enrolment__person=world.other_learner)
    url = reverse(
        "training_modules:certificate_download", kwargs={"public_id": other.enrolment.public_id}
    )
    assert client_for("staff_learner").get(url).status_code == 404
    assert client_for("coach_a").get(url).status_code == 404
    assert client_for("manager").get(url).status_code == 200


def test_staff_see_only_their_own_enrolments_in_my_training(client_for, world):
    response = client_for("staff_learner").get(reverse("training_modules:enrolment_list"))
    enrolments = list(response.context["enrolments"])
    assert {e.person_id for e in enrolments} == {world.staff_learner.pk}
    assert {e.pk for e in enrolments} == {world.e1.pk, world.done.pk}


def test_draft_module_is_404_for_staff_and_visible_to_editors(client_for, world):
    for persona in ("staff_learner", "coach_a"):
        assert _get(client_for(persona), "module_detail", world.draft_module).status_code == 404
    for persona in ("trainer", "manager", "admin"):
        assert _get(client_for(persona), "module_detail", world.draft_module).status_code == 200


def test_draft_good_practice_is_404_for_staff_and_visible_to_trainers(client_for, world):
    for persona in ("staff_learner", "coach_a"):
        response = _get(client_for(persona), "good_practice_detail", world.draft_practice)
        assert response.status_code == 404
    for persona in ("trainer", "manager"):
        response = _get(client_for(persona), "good_practice_detail", world.draft_practice)
        assert response.status_code == 200


def test_draft_good_practices_are_not_listed_for_staff(client_for, world):
    response = client_for("staff_learner").get(reverse("training_modules:good_practice_list"))
    listed = {p.pk for p in response.context["page"].object_list}
    assert listed == {world.practice.pk}
    response = client_for("trainer").get(reverse("training_modules:good_practice_list"))
    listed = {p.pk for p in response.context["page"].object_list}
    assert listed == {world.practice.pk, world.draft_practice.pk}


def test_unknown_calendar_feed_token_is_404(client, db):
    url = reverse("training_modules:calendar_feed", kwargs={"token": "no-such-token"})
    assert client.get(url).status_code == 404


def test_calendar_feed_of_a_user_who_lost_the_training_role_is_404(client, world):
    world.staff_learner.groups.clear()
    url = reverse("training_modules:calendar_feed", kwargs={"token": world.feed.token})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "enrolment_create",
        "enrolment_cancel",
        "enrolment_complete",
        "certificate_issue",
    ],
)
def test_get_to_a_post_only_action_is_405(client_for, world, name):
    obj = {"enrolment_create": world.s1}.get(name, world.e1)
    assert _get(client_for("manager"), name, obj).status_code == 405
