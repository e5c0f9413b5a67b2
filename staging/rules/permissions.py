"""Who may do what: the core checks every write against the acting user's role, whatever
screen or command asked, so hiding a button is never the only guard."""

from __future__ import annotations

from enum import StrEnum

from staging.domain import Role
from staging.errors import PermissionDenied
from staging.vocabulary import ACTION_NAMES, LABELS


class Action(StrEnum):
    """Kinds of write (and sensitive read) the core guards, whatever screen asks for them."""

    IMPORT_REGISTRATIONS = "import_registrations"
    REGISTER_WALK_IN = "register_walk_in"
    EDIT_CONTACT = "edit_contact"
    RECORD_VERIFICATION = "record_verification"
    CHECK_IN = "check_in"
    REVIEW_DUPLICATES = "review_duplicates"
    # Two registrations of one person become one: kept apart from the review, which intake
    # staff may do (a wrong merge moves a person's every fact onto someone else).
    MERGE_PEOPLE = "merge_people"
    BUILD_DEMO = "build_demo"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    CHANGE_OWN_PASSWORD = "change_own_password"
    BACKUP = "backup"
    RESTORE = "restore"
    READ_AUDIT = "read_audit"
    SCREEN = "screen"
    FOLLOW_UP_ISOLATION = "follow_up_isolation"
    MANAGE_MEDICAL_SUPPLIES = "manage_medical_supplies"
    # Reads, audited: one person's questionnaire, temperatures and results; the day's counts.
    READ_MEDICAL = "read_medical"
    READ_MEDICAL_COUNTS = "read_medical_counts"
    PREPARE_PAPERWORK = "prepare_paperwork"
    PLAN_TRANSPORT = "plan_transport"
    BOARD = "board"
    # The desk applying what other desks recorded (each change was checked where it was made).
    SYNC = "sync"
    # A coordinator's choice between the values two desks gave one field: an edit of any kind
    # of record, so kept apart from the actions that edit each kind.
    RESOLVE_CONFLICTS = "resolve_conflicts"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.INTAKE: frozenset(
        {
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.CHANGE_OWN_PASSWORD,
            Action.PREPARE_PAPERWORK,
            Action.BOARD,
            Action.SYNC,
        }
    ),
    Role.SCREENER: frozenset(
        {
            Action.CHECK_IN,
            Action.CHANGE_OWN_PASSWORD,
            Action.SCREEN,
            Action.FOLLOW_UP_ISOLATION,
            Action.MANAGE_MEDICAL_SUPPLIES,
            Action.READ_MEDICAL,
            Action.READ_MEDICAL_COUNTS,
            Action.SYNC,
        }
    ),
    Role.COORDINATOR: frozenset(
        {
            Action.IMPORT_REGISTRATIONS,
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.RECORD_VERIFICATION,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.MERGE_PEOPLE,
            Action.EXPORT,
            Action.CHANGE_OWN_PASSWORD,
            Action.BACKUP,
            Action.READ_MEDICAL_COUNTS,
            Action.PREPARE_PAPERWORK,
            Action.PLAN_TRANSPORT,
            Action.BOARD,
            Action.SYNC,
            Action.RESOLVE_CONFLICTS,
        }
    ),
    Role.ADMIN: frozenset(Action),
}


def may(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def refusal(user: str, role: Role, action: Action) -> PermissionDenied:
    """What a role may not do, in words (never its code): raised by the write path, and shown
    beside a disabled button before anyone tries."""
    doing = ACTION_NAMES[action.value]
    named = LABELS[role.value]
    return PermissionDenied(
        f"{user} ({named.en}) may not {doing.en}",
        f"{user} ({named.es}) no tiene permiso para {doing.es}",
        action=action,
    )
