"""Who may not use each accounts service (tests/service_refusals.py): a person changes only
their own account, so the one who may not is a deactivated user."""

from tests.factories.accounts import UserFactory
from tests.service_refusals import Refusal

SERVICES = "jump.accounts.services"


def deactivated(world):
    return UserFactory(email="deactivated@example.org", is_active=False)


REFUSALS = {
    "user_set_language": Refusal(deactivated, lambda w: {"language": "da"}),
    "user_update_profile": Refusal(
        deactivated,
        lambda w: {"first_name": "A", "last_name": "B", "preferred_language": "da"},
    ),
}

NO_ACTOR = {
    "administrator_create": "the first administrator, made on the server from the command line "
    "(manage.py create_admin): nobody is signed in yet",
}
