"""Which roles do what in training (docs/architecture.md "Who may see what")."""

from jump.accounts.roles import MANAGER_ROLES, Role

__all__ = ["EDITOR_ROLES", "LEARNER_ROLES", "MANAGER_ROLES", "TRAINING_ROLES"]

# Who may write modules, sessions and good practices; who may take part in training at all.
EDITOR_ROLES = (Role.TRAINER, Role.PROGRAMME_MANAGER, Role.ADMIN)
TRAINING_ROLES = (
    Role.TRAINER,
    Role.STAFF_LEARNER,
    Role.COACH,
    Role.PROGRAMME_MANAGER,
    Role.ADMIN,
)
# Roles a manager may enrol (pedagogical staff of the partners).
LEARNER_ROLES = (Role.STAFF_LEARNER, Role.COACH, Role.TRAINER, Role.PROGRAMME_MANAGER)
