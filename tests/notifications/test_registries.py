"""The notifications app imports no domain app: each app registers its daily reminders, the
words of its e-mails and digest lines, and its attachments (jump.notifications.reminders and
.emails, from `<app>/notices.py`). These tests hold that every reminder and every word is
registered — a registration that went missing would silently drop reminders or words."""

from jump.notifications import emails
from jump.notifications.kinds import DAILY_KINDS
from jump.notifications.models import Kind
from jump.notifications.reminders import DAILY_REMINDERS, DailyReminder, register_reminder


def test_every_daily_reminder_is_registered_once():
    """The daily kinds (jump/notifications/kinds.py) are each made by one registered query."""
    kinds = [reminder.kind for reminder in DAILY_REMINDERS]
    assert sorted(kinds) == sorted(DAILY_KINDS)


def test_registering_a_kind_again_replaces_it():
    before = list(DAILY_REMINDERS)
    first = next(r for r in DAILY_REMINDERS if r.kind == Kind.CONTACT_FOLLOW_UP)
    again = DailyReminder(first.kind, first.model, first.due, first.rows)
    try:
        register_reminder(again)
        assert len(DAILY_REMINDERS) == len(before)
        assert DAILY_REMINDERS[before.index(first)] is again
    finally:
        DAILY_REMINDERS[:] = before


def test_the_words_of_each_object_are_registered_by_its_app():
    assert set(emails._ABOUT) == {
        "participants.step",
        "participants.contact",
        "participants.consent",
        "participants.participant",
        "companies.placement",
        "companies.supportneed",
        Kind.OFFERS_FIT,
        "training_modules.enrolment",
    }
    assert set(emails._CONTEXTS) == {
        "companies.placement",
        Kind.SUPPORT_REQUESTED,
        Kind.SUPPORT_ACTION_LOGGED,
        Kind.OFFERS_FIT,
        Kind.CONSENT_REVIEW,
        Kind.SESSION_SOON,
        Kind.WAITLIST_PROMOTED,
    }
    assert set(emails._ATTACHMENTS) == {Kind.SESSION_SOON, Kind.WAITLIST_PROMOTED}
