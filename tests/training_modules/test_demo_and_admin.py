import pytest
from django.test import override_settings
from django.urls import reverse

from jump.accounts import demo as accounts_demo
from training_modules import demo
from training_modules.models import (
    Certificate,
    Enrolment,
    GoodPractice,
    Module,
    Session,
    SessionFeedback,
)


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_demo_seeds_every_state_in_three_languages_and_can_run_again():
    world: dict = {}
    accounts_demo.seed(world)
    demo.seed(world)

    published = Module.objects.filter(status=Module.Status.PUBLISHED)
    assert published.count() == 5
    for module in published:
        for field in ("title", "summary", "description", "learning_outcomes"):
            for code in ("da", "de", "en"):
                assert getattr(module, f"{field}_{code}").strip(), (module, field, code)
    assert set(Enrolment.objects.values_list("status", flat=True)) == set(Enrolment.Status.values)
    assert {"DK", "DE"} <= set(Session.objects.values_list("country", flat=True))
    assert Session.objects.filter(status=Session.Status.HELD).exists()
    assert Session.objects.filter(status=Session.Status.PLANNED).exists()
    learner = world["users"]["learner.dk@jump.test"]
    assert Certificate.objects.filter(enrolment__person=learner).exists()
    assert SessionFeedback.objects.exists()
    translated = GoodPractice.objects.exclude(title_da="").exclude(title_de="").exclude(title_en="")
    assert translated.filter(status=GoodPractice.Status.PUBLISHED).count() >= 5

    counts = (Module.objects.count(), Session.objects.count(), Enrolment.objects.count())
    demo.seed(world)  # a second run changes nothing and does not crash
    assert (Module.objects.count(), Session.objects.count(), Enrolment.objects.count()) == counts
    assert world["training_sessions"]


@pytest.mark.parametrize(
    "name",
    [
        "admin:training_modules_module_changelist",
        "admin:training_modules_session_changelist",
        "admin:training_modules_enrolment_changelist",
        "admin:training_modules_certificate_changelist",
        "admin:training_modules_sessionfeedback_changelist",
        "admin:training_modules_goodpractice_changelist",
        "admin:training_modules_tag_changelist",
        "admin:training_modules_module_add",
        "admin:training_modules_goodpractice_add",
    ],
)
def test_admin_pages_of_training_open_for_administrators(client_for, world, name):
    assert client_for("admin").get(reverse(name)).status_code == 200


def test_admin_edits_a_module_in_three_languages(client_for, world):
    url = reverse("admin:training_modules_module_change", args=[world.module.pk])
    page = client_for("admin").get(url).content.decode()
    for code in ("da", "de", "en"):
        assert f'name="title_{code}"' in page


def test_enrolments_are_read_only_in_the_admin(client_for, world):
    url = reverse("admin:training_modules_enrolment_change", args=[world.e1.pk])
    response = client_for("admin").post(url, {"status": "completed"})
    world.e1.refresh_from_db()
    assert world.e1.status == "enrolled"
    assert response.status_code in (403, 200)
