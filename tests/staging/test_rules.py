"""The journey's rules, tried on plain data (DESIGN.md rules 2, 3 and 8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from staging.domain import CaseStatus, Person, Role, Verification
from staging.rules import (
    Action,
    Blocker,
    Eligibility,
    Policy,
    Stage,
    blockers,
    eligibility,
    household_priority,
    journey_stage,
    may,
    priority_queue,
)

TODAY = date(2021, 3, 1)


def person(**changes: object) -> Person:
    base = Person(
        id="p1",
        registration_id="R-1",
        household_id="h1",
        given_names="María José",
        paternal_surname="Núñez",
        maternal_surname="López",
        date_of_birth=date(1990, 5, 4),
        mpp_enrollment_date=date(2019, 8, 1),
        case_status=CaseStatus.PENDING,
    )
    return replace(base, **changes)


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
    february = Policy(eligible_case_statuses=frozenset({CaseStatus.PENDING}))
    assert eligibility(CaseStatus.IN_ABSENTIA, Verification.VERIFIED, february) is (
        Eligibility.NOT_ELIGIBLE
    )


def test_blockers_list_everything_still_standing() -> None:
    assert blockers(person()) == [Blocker.NOT_VERIFIED, Blocker.NOT_CHECKED_IN]
    assert blockers(person(verification=Verification.VERIFIED)) == [Blocker.NOT_CHECKED_IN]
    assert blockers(person(verification=Verification.VERIFIED, checked_in=True)) == []
    assert blockers(person(case_status=CaseStatus.REMOVED_AFTER_HEARING)) == [Blocker.NOT_ELIGIBLE]


def test_journey_stage_is_derived_from_facts() -> None:
    assert journey_stage(person()) is Stage.REGISTERED
    assert journey_stage(person(verification=Verification.SUBMITTED)) is (
        Stage.VERIFICATION_SUBMITTED
    )
    verified = person(verification=Verification.VERIFIED)
    assert journey_stage(verified) is Stage.VERIFIED
    assert journey_stage(replace(verified, checked_in=True)) is Stage.CHECKED_IN
    assert journey_stage(person(verification=Verification.INELIGIBLE)) is Stage.NOT_ELIGIBLE


def test_longest_waiting_household_comes_first() -> None:
    early = person(
        id="a", registration_id="A", household_id="h-early", mpp_enrollment_date=date(2019, 2, 1)
    )
    late = person(
        id="b", registration_id="B", household_id="h-late", mpp_enrollment_date=date(2020, 6, 1)
    )
    assert priority_queue({"h-late": [late], "h-early": [early]}, TODAY) == ["h-early", "h-late"]


def test_vulnerable_household_goes_before_longer_waiting_one() -> None:
    waiting = person(id="a", registration_id="A", mpp_enrollment_date=date(2019, 2, 1))
    pregnant = person(
        id="b",
        registration_id="B",
        mpp_enrollment_date=date(2020, 6, 1),
        vulnerabilities=frozenset({"pregnancy"}),
    )
    assert priority_queue({"h1": [waiting], "h2": [pregnant]}, TODAY) == ["h2", "h1"]
    plain = Policy(vulnerable_first=False)
    assert priority_queue({"h1": [waiting], "h2": [pregnant]}, TODAY, plain) == ["h1", "h2"]


def test_age_gives_priority_without_a_flag() -> None:
    grandmother = person(
        id="g",
        registration_id="G",
        date_of_birth=date(1950, 1, 1),
        mpp_enrollment_date=date(2020, 9, 1),
    )
    younger = person(id="y", registration_id="Y", mpp_enrollment_date=date(2019, 2, 1))
    assert priority_queue({"h1": [younger], "h2": [grandmother]}, TODAY) == ["h2", "h1"]


def test_household_ranks_as_its_best_member() -> None:
    father = person(id="f", registration_id="F", mpp_enrollment_date=date(2020, 6, 1))
    infant = person(
        id="i",
        registration_id="I",
        date_of_birth=date(2020, 12, 1),
        mpp_enrollment_date=date(2020, 6, 1),
    )
    assert household_priority([father, infant], TODAY)[0] == 0


def test_households_with_no_one_eligible_leave_the_queue() -> None:
    removed = person(case_status=CaseStatus.REMOVED_AFTER_HEARING)
    assert priority_queue({"h1": [removed]}, TODAY) == []


people_lists = st.lists(
    st.builds(
        lambda n, d, v: person(
            id=f"p{n}",
            registration_id=f"R-{n}",
            mpp_enrollment_date=d,
            vulnerabilities=frozenset({"disability"}) if v else frozenset(),
        ),
        st.integers(0, 10_000),
        st.dates(date(2019, 1, 29), date(2021, 1, 20)),
        st.booleans(),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda p: p.registration_id,
)


@given(people_lists, st.randoms())
def test_queue_order_does_not_depend_on_input_order(people: list[Person], shuffler) -> None:
    households = {f"h-{p.registration_id}": [p] for p in people}
    shuffled = list(households.items())
    shuffler.shuffle(shuffled)
    assert priority_queue(dict(shuffled), TODAY) == priority_queue(households, TODAY)


@given(people_lists)
def test_queue_puts_every_vulnerable_household_before_the_rest(people: list[Person]) -> None:
    households = {f"h-{p.registration_id}": [p] for p in people}
    order = priority_queue(households, TODAY)
    flags = [bool(households[h][0].vulnerabilities) for h in order]
    assert flags == sorted(flags, reverse=True)
    for vulnerable in (True, False):
        dates = [
            households[h][0].mpp_enrollment_date
            for h in order
            if bool(households[h][0].vulnerabilities) is vulnerable
        ]
        assert dates == sorted(dates)


def test_policy_round_trips_through_json() -> None:
    policy = Policy(
        port_of_entry="ELP", clearance_valid_hours=48, priority_flags=frozenset({"pregnancy"})
    )
    assert Policy.from_json(policy.to_json()) == policy


def test_policy_refuses_an_unknown_port() -> None:
    with pytest.raises(ValueError, match="port"):
        Policy(port_of_entry="XXX")


def test_only_admins_manage_users_and_intake_cannot_import() -> None:
    assert may(Role.ADMIN, Action.MANAGE_USERS)
    assert not may(Role.COORDINATOR, Action.MANAGE_USERS)
    assert not may(Role.INTAKE, Action.IMPORT_REGISTRATIONS)
    assert may(Role.INTAKE, Action.CHECK_IN)
