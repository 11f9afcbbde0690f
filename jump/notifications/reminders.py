"""The daily reminders: for each kind, ONE query over the whole database.

Each reminder says which model its notifications are about, which due date a run on `day`
looks for, and a query giving `(recipient_id, object_id)` pairs — never a query per object.
Only active recipients are reminded, and nobody about an erased participant.

The app that owns the model writes its reminders next to its models (`<app>/notices.py`) and
registers them with `register_reminder` from its AppConfig.ready(): this foundation app imports
no domain app. They run in the order registered (the order of INSTALLED_APPS).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

# One day: the due date of "tomorrow" and "yesterday" reminders.
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DailyReminder:
    kind: str
    model: type
    # The due date a run on `day` reminds about (stored in Notification.due_date).
    due: Callable[[datetime.date], datetime.date]
    # (day, due) → a values_list query of (recipient_id, object_id).
    rows: Callable[[datetime.date, datetime.date], QuerySet]


# The registered reminders, in the order the daily run creates them.
DAILY_REMINDERS: list[DailyReminder] = []


def register_reminder(reminder: DailyReminder) -> None:
    """Let the daily run create `reminder` (one per kind: registering a kind again replaces
    it, so a second ready() does not double the reminders)."""
    for index, registered in enumerate(DAILY_REMINDERS):
        if registered.kind == reminder.kind:
            DAILY_REMINDERS[index] = reminder
            return
    DAILY_REMINDERS.append(reminder)
