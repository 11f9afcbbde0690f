"""Who may do what with accounts (DESIGN: who may see what).

A person changes only their own account (name, language): the services act on the actor
itself, so the rule is that the actor is a signed-in, active user. Roles and organisations
are given in the admin, never through these pages.
"""

from .models import AnyUser


def may_change_own_account(user: AnyUser | None) -> bool:
    """A signed-in, active user changes their own name and language."""
    return bool(user is not None and user.is_authenticated and user.is_active)
