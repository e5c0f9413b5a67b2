"""Who may travel at all (DESIGN.md rule 2): the case status, then DHS's verification of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from staging.domain import CaseStatus, Person, Verification
from staging.rules.stored import known_codes
from staging.vocabulary import Words

if TYPE_CHECKING:
    from staging.rules.policy import Policy


@dataclass(frozen=True)
class EligibilityPolicy:
    """Which case statuses qualify: before 23 June 2021 only pending cases did."""

    eligible_case_statuses: frozenset[CaseStatus] = frozenset(
        {CaseStatus.PENDING, CaseStatus.TERMINATED, CaseStatus.IN_ABSENTIA}
    )

    def __post_init__(self) -> None:
        # A stored policy brings plain strings; the rules compare enum members.
        statuses = known_codes(
            CaseStatus, self.eligible_case_statuses, Words("case statuses", "estados de caso")
        )
        object.__setattr__(self, "eligible_case_statuses", statuses)


class Eligibility(StrEnum):
    ELIGIBLE = "eligible"
    AWAITING_VERIFICATION = "awaiting_verification"
    VERIFICATION_NEEDED = "verification_needed"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    NOT_ELIGIBLE = "not_eligible"


def eligibility(
    case_status: CaseStatus,
    verification: Verification,
    policy: EligibilityPolicy = EligibilityPolicy(),
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


class EligibilityBlocker(StrEnum):
    """What eligibility still needs before the person may travel."""

    NOT_ELIGIBLE = "not_eligible"
    CASE_STATUS_UNKNOWN = "case_status_unknown"
    NOT_VERIFIED = "not_verified"
    ESCALATED_TO_CBP = "escalated_to_cbp"


class EligibilityStage(StrEnum):
    """The journey's first stages: registered, then DHS's check and its outcome."""

    REGISTERED = "registered"
    VERIFICATION_SUBMITTED = "verification_submitted"
    VERIFIED = "verified"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    NOT_ELIGIBLE = "not_eligible"


_BLOCKER_OF = {
    Eligibility.NOT_ELIGIBLE: EligibilityBlocker.NOT_ELIGIBLE,
    Eligibility.VERIFICATION_NEEDED: EligibilityBlocker.CASE_STATUS_UNKNOWN,
    Eligibility.AWAITING_VERIFICATION: EligibilityBlocker.NOT_VERIFIED,
    Eligibility.ESCALATED_TO_CBP: EligibilityBlocker.ESCALATED_TO_CBP,
}


def eligibility_blockers(person: Person, today: date, policy: Policy) -> list[EligibilityBlocker]:
    """The journey step's blockers (see `readiness`): at most one, as eligibility is one fact."""
    status = eligibility(person.case_status, person.verification, policy.eligibility)
    return [_BLOCKER_OF[status]] if status in _BLOCKER_OF else []


def eligibility_stage(person: Person, today: date, policy: Policy) -> EligibilityStage:
    """Every person has reached at least this step: registration."""
    status = eligibility(person.case_status, person.verification, policy.eligibility)
    if status is Eligibility.NOT_ELIGIBLE:
        return EligibilityStage.NOT_ELIGIBLE
    if status is Eligibility.ESCALATED_TO_CBP:
        return EligibilityStage.ESCALATED_TO_CBP
    if person.verification is Verification.VERIFIED:
        return EligibilityStage.VERIFIED
    if person.verification is Verification.SUBMITTED:
        return EligibilityStage.VERIFICATION_SUBMITTED
    return EligibilityStage.REGISTERED
