"""Who may travel at all (DESIGN.md rule 2), tried on plain data."""

from __future__ import annotations

import pytest

from staging.domain import CaseStatus, Verification
from staging.rules.eligibility import Eligibility, EligibilityPolicy, eligibility


@pytest.mark.parametrize(
    ("status", "verification", "expected"),
    [
        (CaseStatus.PENDING, Verification.VERIFIED, Eligibility.ELIGIBLE),
        (CaseStatus.TERMINATED, Verification.VERIFIED, Eligibility.ELIGIBLE),
        (CaseStatus.IN_ABSENTIA, Verification.VERIFIED, Eligibility.ELIGIBLE),
        (CaseStatus.REMOVED_AFTER_HEARING, Verification.VERIFIED, Eligibility.NOT_ELIGIBLE),
        (CaseStatus.REMOVED_AFTER_HEARING, Verification.UNVERIFIED, Eligibility.NOT_ELIGIBLE),
        (CaseStatus.UNKNOWN, Verification.UNVERIFIED, Eligibility.VERIFICATION_NEEDED),
        (CaseStatus.UNKNOWN, Verification.SUBMITTED, Eligibility.VERIFICATION_NEEDED),
        (CaseStatus.PENDING, Verification.UNVERIFIED, Eligibility.AWAITING_VERIFICATION),
        (CaseStatus.PENDING, Verification.SUBMITTED, Eligibility.AWAITING_VERIFICATION),
        (CaseStatus.PENDING, Verification.UNRESOLVED, Eligibility.ESCALATED_TO_CBP),
        (CaseStatus.PENDING, Verification.INELIGIBLE, Eligibility.NOT_ELIGIBLE),
    ],
)
def test_eligibility_follows_the_dhs_criteria(
    status: CaseStatus, verification: Verification, expected: Eligibility
) -> None:
    assert eligibility(status, verification) is expected


def test_a_site_policy_can_narrow_the_eligible_statuses() -> None:
    """Before 23 June 2021 only pending cases qualified."""
    february = EligibilityPolicy(eligible_case_statuses=frozenset({CaseStatus.PENDING}))
    assert eligibility(CaseStatus.IN_ABSENTIA, Verification.VERIFIED, february) is (
        Eligibility.NOT_ELIGIBLE
    )
    assert eligibility(CaseStatus.PENDING, Verification.VERIFIED, february) is (
        Eligibility.ELIGIBLE
    )


def test_statuses_read_as_text_are_the_rules_own() -> None:
    """A stored policy lists plain strings; the rule compares them with enum members."""
    stored = EligibilityPolicy(eligible_case_statuses=frozenset({"pending"}))
    assert stored.eligible_case_statuses == {CaseStatus.PENDING}
    assert all(isinstance(s, CaseStatus) for s in stored.eligible_case_statuses)
