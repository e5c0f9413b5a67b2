"""Every rule of the journey, as plain functions over plain data (DESIGN.md, "The journey").

A site administrator changes the defaults through `Policy`; nothing here reads a database,
a clock or a screen, so each rule is tested on its own with the facts it names.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from staging.domain import (
    PORTS_BY_CODE,
    VULNERABILITY_FLAGS,
    CaseStatus,
    Person,
    Role,
    Verification,
)

# Age-derived flags: a person's date of birth says these without anyone ticking a box.
AGE_65_PLUS = "age_65_plus"
INFANT = "infant"
INFANT_MAX_YEARS = 2
ELDER_MIN_YEARS = 65


@dataclass(frozen=True)
class Policy:
    """A site's adjustable defaults. Stored as JSON in the site settings."""

    timezone: str = "America/Tijuana"
    port_of_entry: str = "SYS"
    eligible_case_statuses: frozenset[CaseStatus] = frozenset(
        {CaseStatus.PENDING, CaseStatus.TERMINATED, CaseStatus.IN_ABSENTIA}
    )
    priority_flags: frozenset[str] = frozenset(VULNERABILITY_FLAGS)
    vulnerable_first: bool = True
    clearance_valid_hours: int = 72
    fever_threshold_c: float = 38.0
    isolation_days: int = 10
    possible_duplicate_min_score: int = 88
    auto_lock_minutes: int = 10
    backup_every_hours: int = 24
    backups_kept: int = 14

    def __post_init__(self) -> None:
        if self.port_of_entry not in PORTS_BY_CODE:
            raise ValueError(f"unknown port of entry: {self.port_of_entry}")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone: {self.timezone}") from error
        unknown = set(self.priority_flags) - set(VULNERABILITY_FLAGS)
        if unknown:
            raise ValueError(f"unknown vulnerability flags: {sorted(unknown)}")

    def to_json(self) -> str:
        data = asdict(self)
        data["eligible_case_statuses"] = sorted(str(s) for s in self.eligible_case_statuses)
        data["priority_flags"] = sorted(self.priority_flags)
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Policy:
        """Read a stored policy: unknown keys are ignored, missing ones take the default."""
        data = json.loads(text)
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "eligible_case_statuses" in values:
            values["eligible_case_statuses"] = frozenset(
                CaseStatus(s) for s in values["eligible_case_statuses"]
            )
        if "priority_flags" in values:
            values["priority_flags"] = frozenset(values["priority_flags"])
        return cls(**values)


# --- Eligibility -----------------------------------------------------------------------------


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    AWAITING_VERIFICATION = "awaiting_verification"
    VERIFICATION_NEEDED = "verification_needed"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    NOT_ELIGIBLE = "not_eligible"


def eligibility(
    case_status: CaseStatus, verification: Verification, policy: Policy = Policy()
) -> Eligibility:
    """Pending, terminated and in-absentia cases qualify; removal after a hearing never does.

    An unknown case status is not yet eligible; a qualifying status still needs DHS's
    verification before the person may travel, and an unresolved check goes to CBP.
    """
    if verification is Verification.INELIGIBLE:
        return Eligibility.NOT_ELIGIBLE
    if case_status is CaseStatus.UNKNOWN:
        return Eligibility.VERIFICATION_NEEDED
    if case_status not in policy.eligible_case_statuses:
        return Eligibility.NOT_ELIGIBLE
    if verification is Verification.VERIFIED:
        return Eligibility.ELIGIBLE
    if verification is Verification.UNRESOLVED:
        return Eligibility.ESCALATED_TO_CBP
    return Eligibility.AWAITING_VERIFICATION


# --- Journey and readiness --------------------------------------------------------------------


class Blocker(StrEnum):
    """What still stands between a person and transport. Later stages add their own."""

    NOT_ELIGIBLE = "not_eligible"
    CASE_STATUS_UNKNOWN = "case_status_unknown"
    NOT_VERIFIED = "not_verified"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    NOT_CHECKED_IN = "not_checked_in"


_ELIGIBILITY_BLOCKER = {
    Eligibility.NOT_ELIGIBLE: Blocker.NOT_ELIGIBLE,
    Eligibility.VERIFICATION_NEEDED: Blocker.CASE_STATUS_UNKNOWN,
    Eligibility.AWAITING_VERIFICATION: Blocker.NOT_VERIFIED,
    Eligibility.ESCALATED_TO_CBP: Blocker.ESCALATED_TO_CBP,
}


def blockers(person: Person, policy: Policy = Policy()) -> list[Blocker]:
    """Every blocker still standing, in the order staff would clear them; empty = ready."""
    found: list[Blocker] = []
    status = eligibility(person.case_status, person.verification, policy)
    if status is not Eligibility.ELIGIBLE:
        found.append(_ELIGIBILITY_BLOCKER[status])
    if status is Eligibility.NOT_ELIGIBLE:
        return found
    if not person.checked_in:
        found.append(Blocker.NOT_CHECKED_IN)
    return found


class Stage(StrEnum):
    """The furthest point of the journey a person's recorded facts show."""

    REGISTERED = "registered"
    VERIFICATION_SUBMITTED = "verification_submitted"
    VERIFIED = "verified"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    NOT_ELIGIBLE = "not_eligible"
    CHECKED_IN = "checked_in"


def journey_stage(person: Person, policy: Policy = Policy()) -> Stage:
    status = eligibility(person.case_status, person.verification, policy)
    if status is Eligibility.NOT_ELIGIBLE:
        return Stage.NOT_ELIGIBLE
    if person.checked_in:
        return Stage.CHECKED_IN
    if status is Eligibility.ESCALATED_TO_CBP:
        return Stage.ESCALATED_TO_CBP
    if person.verification is Verification.VERIFIED:
        return Stage.VERIFIED
    if person.verification is Verification.SUBMITTED:
        return Stage.VERIFICATION_SUBMITTED
    return Stage.REGISTERED


# --- Priority ---------------------------------------------------------------------------------


def age_on(date_of_birth: date | None, day: date) -> int | None:
    if date_of_birth is None:
        return None
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def effective_vulnerabilities(person: Person, today: date) -> frozenset[str]:
    """Recorded flags plus those the date of birth proves (65+, infant)."""
    flags = set(person.vulnerabilities)
    age = age_on(person.date_of_birth, today)
    if age is not None:
        if age >= ELDER_MIN_YEARS:
            flags.add(AGE_65_PLUS)
        if age < INFANT_MAX_YEARS:
            flags.add(INFANT)
    return frozenset(flags)


def is_priority_vulnerable(person: Person, today: date, policy: Policy = Policy()) -> bool:
    return bool(effective_vulnerabilities(person, today) & policy.priority_flags)


PriorityKey = tuple[int, date, str]


def person_priority(person: Person, today: date, policy: Policy = Policy()) -> PriorityKey:
    """Smaller sorts first: vulnerable before others (if the policy says so), then longest waiting.

    The registration id breaks ties so the order never depends on how rows were read.
    """
    vulnerable_rank = 0
    if policy.vulnerable_first and not is_priority_vulnerable(person, today, policy):
        vulnerable_rank = 1
    enrolled = person.mpp_enrollment_date or date.max
    return (vulnerable_rank, enrolled, person.registration_id)


def household_priority(
    members: Sequence[Person], today: date, policy: Policy = Policy()
) -> PriorityKey:
    """A household ranks as its best-placed member: families travel together."""
    if not members:
        raise ValueError("a household has at least one member")
    return min(person_priority(p, today, policy) for p in members)


def in_queue(members: Iterable[Person], policy: Policy = Policy()) -> bool:
    """A household waits in the queue while any member could still travel."""
    return any(
        eligibility(p.case_status, p.verification, policy) is not Eligibility.NOT_ELIGIBLE
        for p in members
    )


def priority_queue(
    households: dict[str, Sequence[Person]], today: date, policy: Policy = Policy()
) -> list[str]:
    """Household ids in the order they should be offered seats."""
    waiting = [hid for hid, members in households.items() if in_queue(members, policy)]
    return sorted(
        waiting, key=lambda hid: (household_priority(households[hid], today, policy), hid)
    )


# --- Permissions ------------------------------------------------------------------------------


class Action(StrEnum):
    """Kinds of write (and sensitive read) the core guards, whatever screen asks for them."""

    IMPORT_REGISTRATIONS = "import_registrations"
    REGISTER_WALK_IN = "register_walk_in"
    EDIT_CONTACT = "edit_contact"
    RECORD_VERIFICATION = "record_verification"
    CHECK_IN = "check_in"
    REVIEW_DUPLICATES = "review_duplicates"
    BUILD_DEMO = "build_demo"
    EXPORT = "export"
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    CHANGE_OWN_PASSWORD = "change_own_password"
    BACKUP = "backup"
    RESTORE = "restore"
    READ_AUDIT = "read_audit"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.INTAKE: frozenset(
        {
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.CHANGE_OWN_PASSWORD,
        }
    ),
    Role.SCREENER: frozenset({Action.CHECK_IN, Action.CHANGE_OWN_PASSWORD}),
    Role.COORDINATOR: frozenset(
        {
            Action.IMPORT_REGISTRATIONS,
            Action.REGISTER_WALK_IN,
            Action.EDIT_CONTACT,
            Action.RECORD_VERIFICATION,
            Action.CHECK_IN,
            Action.REVIEW_DUPLICATES,
            Action.EXPORT,
            Action.CHANGE_OWN_PASSWORD,
            Action.BACKUP,
        }
    ),
    Role.ADMIN: frozenset(Action),
}


def may(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def possible_duplicate(name_score: float, same_birth_date: bool, policy: Policy = Policy()) -> bool:
    """Same birth date and alike names (accents, case, surname order aside): review, never merge."""
    return same_birth_date and name_score >= policy.possible_duplicate_min_score
