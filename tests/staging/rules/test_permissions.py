"""Which role may do what (the write path itself is tried in tests/staging/test_permissions.py)."""

from __future__ import annotations

from staging.domain import Role
from staging.rules.permissions import Action, may


def test_only_admins_manage_users_and_intake_cannot_import() -> None:
    assert may(Role.ADMIN, Action.MANAGE_USERS)
    assert not may(Role.COORDINATOR, Action.MANAGE_USERS)
    assert not may(Role.INTAKE, Action.IMPORT_REGISTRATIONS)
    assert may(Role.INTAKE, Action.CHECK_IN)


def test_every_role_may_change_its_own_password() -> None:
    assert all(may(role, Action.CHANGE_OWN_PASSWORD) for role in Role)
