import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jump.notifications.models import Kind, Notification

from . import builders
from .conftest import DAY

# The at-once e-mail path (see conftest.every_kind_at_once).
pytestmark = pytest.mark.usefixtures("every_kind_at_once")


def test_send_reminders_for_a_given_date(personas, p1, mailoutbox):
    builders.case_note(personas.coach_a, p1, follow_up_on=DAY)
    out = StringIO()
    call_command("send_reminders", "--date", DAY.isoformat(), stdout=out)
    assert Notification.objects.get().kind == Kind.CONTACT_FOLLOW_UP
    text = out.getvalue()
    assert f"Reminders for {DAY.isoformat()}" in text
    assert "contact_follow_up" in text
    assert "1 e-mails queued" in text


def test_send_reminders_defaults_to_today(personas, p1, time_machine):
    time_machine.move_to(datetime.datetime(2026, 9, 15, 6, 0, tzinfo=builders.CPH))
    builders.case_note(personas.coach_a, p1, follow_up_on=DAY)
    call_command("send_reminders", stdout=StringIO())
    assert Notification.objects.get().due_date == DAY


@pytest.mark.parametrize("value", ["15.09.2026", "2026-02-30", "tomorrow"])
def test_send_reminders_refuses_a_bad_date(db, value):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", value, stdout=StringIO())
