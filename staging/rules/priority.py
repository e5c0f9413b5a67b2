"""Who is offered seats first (DESIGN.md rule 3): the vulnerable, then the longest waiting.

A household ranks as its best-placed member, and ties are broken by registration id, so the
queue never depends on the order rows were read in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from staging.domain import VULNERABILITY_FLAGS, Person
from staging.errors import Refused
from staging.rules.eligibility import Eligibility, EligibilityPolicy, eligibility
from staging.vocabulary import label

if TYPE_CHECKING:
    from staging.rules.policy import Policy

# Age-derived flags: a person's date of birth says these without anyone ticking a box.
AGE_65_PLUS = "age_65_plus"
INFANT = "infant"
INFANT_MAX_YEARS = 2
ELDER_MIN_YEARS = 65


@dataclass(frozen=True)
class PriorityPolicy:
    """Which vulnerabilities give priority, and whether they go before the longest waiting."""

    priority_flags: frozenset[str] = frozenset(VULNERABILITY_FLAGS)
    vulnerable_first: bool = True

    def __post_init__(self) -> None:
        unknown = sorted(set(self.priority_flags) - set(VULNERABILITY_FLAGS))
        if unknown:
            raise Refused(
                "These vulnerabilities cannot give priority, this version does not know them: "
                + ", ".join(label(flag, "en") for flag in unknown),
                "Estas vulnerabilidades no pueden dar prioridad, esta versión no las conoce: "
                + ", ".join(label(flag, "es") for flag in unknown),
            )


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


def is_priority_vulnerable(
    person: Person, today: date, policy: PriorityPolicy = PriorityPolicy()
) -> bool:
    return bool(effective_vulnerabilities(person, today) & policy.priority_flags)


PriorityKey = tuple[int, date, str]


def person_priority(
    person: Person, today: date, policy: PriorityPolicy = PriorityPolicy()
) -> PriorityKey:
    """Smaller sorts first: vulnerable before others (if the policy says so), then longest waiting.

    The registration id breaks ties so the order never depends on how rows were read.
    """
    vulnerable_rank = 0
    if policy.vulnerable_first and not is_priority_vulnerable(person, today, policy):
        vulnerable_rank = 1
    enrolled = person.mpp_enrollment_date or date.max
    return (vulnerable_rank, enrolled, person.registration_id)


def household_priority(
    members: Sequence[Person], today: date, policy: PriorityPolicy = PriorityPolicy()
) -> PriorityKey:
    """A household ranks as its best-placed member: families travel together."""
    if not members:
        raise ValueError("a household has at least one member")
    return min(person_priority(p, today, policy) for p in members)


def in_queue(members: Iterable[Person], policy: EligibilityPolicy) -> bool:
    """A household waits in the queue while any member could still travel."""
    return any(
        eligibility(p.case_status, p.verification, policy) is not Eligibility.NOT_ELIGIBLE
        for p in members
    )


def priority_queue(
    households: dict[str, Sequence[Person]], today: date, policy: Policy
) -> list[str]:
    """Household ids in the order they should be offered seats.

    Takes the whole site policy: who waits is eligibility's rule, the order is priority's.
    """
    waiting = [hid for hid, members in households.items() if in_queue(members, policy.eligibility)]
    return sorted(
        waiting, key=lambda hid: (household_priority(households[hid], today, policy.priority), hid)
    )
