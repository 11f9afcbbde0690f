"""Access rules for the notifications pages: every logged-in user has their own list and
settings; a notification opens (or is marked read) only for its recipient — anyone else 404."""

from tests.access_matrix import REDIRECT, Rule, public


def _unsubscribe(world):
    from jump.notifications.access import unsubscribe_token

    return {"token": unsubscribe_token(world.coach_a, "step_due_soon")}


def _notification(world):
    return {"public_id": world.notification.public_id}


MATRIX = {
    "notifications:list": Rule(default=200),
    "notifications:preferences": Rule(default=200),
    "notifications:mark_all_read": Rule(default=REDIRECT, method="post"),
    # GET (the e-mail's link) resolves and redirects; nobody but the recipient learns anything.
    "notifications:open": Rule(default=404, expect={"coach_a": REDIRECT}, kwargs=_notification),
    # SECURITY 37: no login; the signed token is the only authority (GET only asks).
    "notifications:unsubscribe": public(200, kwargs=_unsubscribe),
    "notifications:mark_read": Rule(
        default=404, expect={"coach_a": REDIRECT}, kwargs=_notification, method="post"
    ),
}
