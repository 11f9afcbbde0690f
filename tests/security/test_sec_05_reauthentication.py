"""SECURITY 5 — re-authentication within the last five minutes before exports with names,
role changes (users and groups in the admin site) and erasure."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from jump.audit.models import AccessLog
from jump.reports.models import ReportRun
from tests.factories.accounts import TEST_PASSWORD
from tests.reports.test_views import post_request

from .formdata import form_data

pytestmark = pytest.mark.django_db


# --- exports with names (reports) ------------------------------------------------------------


@pytest.mark.parametrize("value", ["on", "yes", "0", "off"])
def test_sec_05_any_value_the_form_reads_as_yes_needs_the_fresh_login(
    client_for, reports_world, value
):
    response = post_request(client_for("manager"), with_names=value, reason="x" * 20)
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_sec_05_a_request_with_names_asks_for_a_fresh_login_and_then_proceeds(
    client_for, reports_world, django_capture_on_commit_callbacks
):
    client = client_for("manager")
    reason = "Audit sample requested by the managing authority"
    response = post_request(client, with_names="on", reason=reason)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert ReportRun.objects.count() == 2
    assert not AccessLog.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(response["Location"], {"password": TEST_PASSWORD})
    run = ReportRun.objects.latest("pk")
    assert run.with_names and run.reason == reason
    assert confirmed["Location"] == reverse("reports:run_detail", args=[run.public_id])
    log = AccessLog.objects.get()
    assert (log.action, log.reason, log.actor) == (
        AccessLog.Action.EXPORT_NAMES,
        reason,
        reports_world.personas.manager,
    )
    # Within the next five minutes no second confirmation is needed.
    again = post_request(client, with_names="on", reason=reason)
    assert again["Location"] == reverse(
        "reports:run_detail", args=[ReportRun.objects.latest("pk").public_id]
    )
    assert ReportRun.objects.filter(with_names=True).count() == 2


# --- role changes (admin site) ---------------------------------------------------------------


def user_change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def test_sec_05_the_user_change_page_opens_without_a_fresh_login(client_for, personas):
    response = client_for("admin").get(user_change_url(personas.trainer))
    assert response.status_code == 200


def test_sec_05_giving_a_user_a_role_asks_for_a_fresh_login_then_applies_it(client_for, personas):
    client = client_for("admin")  # force_login: no recent authentication in the session
    user = personas.trainer
    url = user_change_url(user)
    data = form_data(client.get(url).context["adminform"].form)
    coach = Group.objects.get(name="coach")
    data["groups"] = [*data.get("groups", []), str(coach.pk)]
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not user.groups.filter(pk=coach.pk).exists()  # nothing changed yet

    confirmed = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert confirmed.status_code == 302
    assert user.groups.filter(pk=coach.pk).exists()

    # Within the next five minutes a second change needs no second confirmation.
    data["groups"] = [str(coach.pk)]
    again = client.post(url, data)
    assert again.status_code == 302
    assert not again["Location"].startswith(reverse("account_reauthenticate"))


def test_sec_05_a_wrong_password_at_the_confirmation_changes_no_role(client_for, personas):
    client = client_for("admin")
    user = personas.trainer
    url = user_change_url(user)
    data = form_data(client.get(url).context["adminform"].form)
    data["is_superuser"] = "on"
    response = client.post(url, data)
    refused = client.post(response["Location"], {"password": "not the password"})
    assert refused.status_code == 200
    assert refused.context["form"].errors
    user.refresh_from_db()
    assert user.is_superuser is False


def test_sec_05_changing_what_a_role_may_do_asks_for_a_fresh_login(client_for):
    client = client_for("admin")
    group = Group.objects.get(name="trainer")
    url = reverse("admin:auth_group_change", args=[group.pk])
    data = form_data(client.get(url).context["adminform"].form)
    extra = Permission.objects.get(codename="delete_user")
    data["permissions"] = [*data.get("permissions", []), str(extra.pk)]
    response = client.post(url, data)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not group.permissions.filter(pk=extra.pk).exists()


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("admin:accounts_user_delete", {"post": "yes"}),
        ("admin:auth_user_password_change", {"password1": "x" * 20, "password2": "x" * 20}),
    ],
)
def test_sec_05_deleting_a_user_or_setting_their_password_asks_for_a_fresh_login(
    client_for, personas, url_name, data
):
    user = personas.trainer
    response = client_for("admin").post(reverse(url_name, args=[user.pk]), data)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    user.refresh_from_db()
    assert user.is_active
    assert user.check_password(TEST_PASSWORD)


def test_sec_05_bulk_actions_on_users_ask_for_a_fresh_login(client_for, personas):
    user = personas.trainer
    response = client_for("admin").post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [user.pk], "post": "yes"},
    )
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    user.refresh_from_db()
    assert user.is_active


# --- erasure (the audit app) -----------------------------------------------------------------


def test_sec_05_erasure_asks_for_a_fresh_login_then_erases(client_for, world):
    client = client_for("admin")
    url = reverse("audit:erase", args=[world.p1.public_id])
    response = client.post(url, {"reason": "Request of the participant", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    world.p1.refresh_from_db()
    assert world.p1.erased_at is None  # nothing erased before the confirmation

    confirmed = client.post(response["Location"], {"password": TEST_PASSWORD})
    assert confirmed.status_code == 302
    world.p1.refresh_from_db()
    assert world.p1.erased_at is not None
