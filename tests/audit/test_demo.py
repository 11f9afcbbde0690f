import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from jump.accounts.models import User
from jump.audit import erasure
from jump.audit.models import Retention

pytestmark = pytest.mark.django_db


def test_demo_has_a_participant_under_legal_hold_and_the_manager_sees_the_access_log(
    settings, client
):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    (held,) = Retention.objects.filter(legal_hold=True)
    settings.JUMP_FINAL_PAYMENT_DATE = datetime.date(2030, 6, 30)
    result = erasure.retention_apply(dry_run=True, today=datetime.date(2036, 1, 1))
    assert result.due and held.participant.public_id not in result.due
    client.force_login(User.objects.get(email="manager@jump.test"))
    assert client.get(reverse("audit:log")).status_code == 200
