"""The training world of the access matrix and the view tests.

S1: an open session trained by personas.trainer; staff_learner and another learner enrolled.
S2: an open session trained by another trainer.
PAST: a held session trained by personas.trainer: staff_learner completed (certificate),
another learner attended both days (ready to be completed).
"""

from types import SimpleNamespace

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.training_modules import (
    CertificateFactory,
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
)


@pytest.fixture
def world(personas):
    other_trainer = UserFactory(email="trainer2@example.org", roles=["trainer"])
    other_learner = UserFactory(email="learner2@example.org", roles=["staff_learner"])
    module = ModuleFactory()
    draft_module = ModuleFactory(status=Module.Status.DRAFT)
    s1 = SessionFactory(module=module, trainers=[personas.trainer])
    s2 = SessionFactory(module=module, trainers=[other_trainer], country="DE", language="de")
    past = SessionFactory(
        module=module, days=-10, length=2, trainers=[personas.trainer], status=Session.Status.HELD
    )
    e1 = EnrolmentFactory(session=s1, person=personas.staff_learner)
    e_other = EnrolmentFactory(session=s1, person=other_learner)
    done = EnrolmentFactory(
        session=past, person=personas.staff_learner, status=Enrolment.Status.COMPLETED
    )
    certificate = CertificateFactory(enrolment=done)
    attended = EnrolmentFactory(
        session=past, person=other_learner, status=Enrolment.Status.ATTENDED
    )
    # There on both days: completing it needs no confirmation.
    for day in past.days:
        Attendance.objects.create(enrolment=attended, day=day, present=True)
    practice = GoodPracticeFactory(author=personas.trainer)
    draft_practice = GoodPracticeFactory(
        status=GoodPractice.Status.DRAFT, published_at=None, author=other_trainer
    )
    feed = CalendarFeed.objects.create(user=personas.staff_learner, token="feed-token-of-learner")
    return SimpleNamespace(
        **vars(personas),
        other_trainer=other_trainer,
        other_learner=other_learner,
        module=module,
        draft_module=draft_module,
        s1=s1,
        s2=s2,
        past=past,
        e1=e1,
        e_other=e_other,
        done=done,
        attended=attended,
        certificate=certificate,
        practice=practice,
        draft_practice=draft_practice,
        feed=feed,
    )
