"""Where a person stands (DESIGN.md rule 8): one status, combined from every stage."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pytest

from staging.domain import CaseStatus, Person, Role, Verification
from staging.rules import readiness
from staging.rules.arrival import ArrivalBlocker, ArrivalStage
from staging.rules.eligibility import (
    Eligibility,
    EligibilityBlocker,
    EligibilityPolicy,
    EligibilityStage,
)
from staging.rules.policy import Policy
from staging.rules.readiness import JourneyStep, PersonStatus, person_status
from staging.rules.screening import ScreeningBlocker, ScreeningStage
from staging.vocabulary import LABELS
from tests.staging.rules.sample import CLEARED_TODAY, TODAY, person

SITE = Policy()


def status_of(someone: Person, policy: Policy = SITE) -> PersonStatus:
    return person_status(someone, TODAY, policy, Role.SCREENER)


def test_blockers_list_everything_still_standing_in_the_order_staff_clear_them() -> None:
    assert status_of(person()).blockers == (
        EligibilityBlocker.NOT_VERIFIED,
        ArrivalBlocker.NOT_CHECKED_IN,
        ScreeningBlocker.NOT_SCREENED,
    )
    verified = person(verification=Verification.VERIFIED)
    assert status_of(verified).blockers == (
        ArrivalBlocker.NOT_CHECKED_IN,
        ScreeningBlocker.NOT_SCREENED,
    )
    ready = person(verification=Verification.VERIFIED, checked_in=True, health=CLEARED_TODAY)
    assert status_of(ready) == PersonStatus(Eligibility.ELIGIBLE, ScreeningStage.CLEARED, ())


@pytest.mark.parametrize(
    ("facts", "stage"),
    [
        ({}, EligibilityStage.REGISTERED),
        ({"verification": Verification.SUBMITTED}, EligibilityStage.VERIFICATION_SUBMITTED),
        ({"verification": Verification.VERIFIED}, EligibilityStage.VERIFIED),
        ({"verification": Verification.UNRESOLVED}, EligibilityStage.ESCALATED_TO_CBP),
        ({"verification": Verification.VERIFIED, "checked_in": True}, ArrivalStage.CHECKED_IN),
        (
            {"verification": Verification.VERIFIED, "checked_in": True, "health": CLEARED_TODAY},
            ScreeningStage.CLEARED,
        ),
        ({"verification": Verification.INELIGIBLE}, EligibilityStage.NOT_ELIGIBLE),
    ],
)
def test_the_stage_is_derived_from_recorded_facts(facts: dict, stage: StrEnum) -> None:
    assert status_of(person(**facts)).stage is stage


def test_arriving_before_dhs_answers_shows_the_arrival_and_what_is_still_missing() -> None:
    status = status_of(person(verification=Verification.UNRESOLVED, checked_in=True))
    assert status.eligibility is Eligibility.ESCALATED_TO_CBP
    assert status.stage is ArrivalStage.CHECKED_IN
    assert status.blockers == (EligibilityBlocker.ESCALATED_TO_CBP, ScreeningBlocker.NOT_SCREENED)


def test_not_eligible_ends_the_journey_whatever_else_was_recorded() -> None:
    removed = person(case_status=CaseStatus.REMOVED_AFTER_HEARING, checked_in=True)
    assert status_of(removed) == PersonStatus(
        Eligibility.NOT_ELIGIBLE,
        EligibilityStage.NOT_ELIGIBLE,
        (EligibilityBlocker.NOT_ELIGIBLE,),
    )


def test_the_status_follows_the_site_policy() -> None:
    in_absentia = person(case_status=CaseStatus.IN_ABSENTIA, verification=Verification.VERIFIED)
    assert status_of(in_absentia).eligibility is Eligibility.ELIGIBLE
    pending_only = Policy(
        eligibility=EligibilityPolicy(eligible_case_statuses=frozenset({CaseStatus.PENDING}))
    )
    assert status_of(in_absentia, pending_only).blockers == (EligibilityBlocker.NOT_ELIGIBLE,)


class Boarding(StrEnum):
    NO_SEAT = "no_seat"
    BOARDED = "boarded"


def boarding_blockers(someone: Person, today: date, policy: Policy) -> list[Boarding]:
    return [] if someone.id == "on-board" else [Boarding.NO_SEAT]


def boarding_stage(someone: Person, today: date, policy: Policy) -> Boarding | None:
    return Boarding.BOARDED if someone.id == "on-board" else None


def test_a_stage_joins_the_journey_with_one_registration(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arrived = person(verification=Verification.VERIFIED, checked_in=True, health=CLEARED_TODAY)
    boarding = JourneyStep(boarding_blockers, boarding_stage)
    with monkeypatch.context() as patch:
        patch.setattr(readiness, "JOURNEY", (*readiness.JOURNEY, boarding))
        assert status_of(person()).blockers == (
            EligibilityBlocker.NOT_VERIFIED,
            ArrivalBlocker.NOT_CHECKED_IN,
            ScreeningBlocker.NOT_SCREENED,
            Boarding.NO_SEAT,
        )
        assert status_of(arrived).stage is ScreeningStage.CLEARED
        assert status_of(person(id="on-board", checked_in=True)).stage is Boarding.BOARDED
        removed = person(case_status=CaseStatus.REMOVED_AFTER_HEARING)
        assert status_of(removed).blockers == (EligibilityBlocker.NOT_ELIGIBLE,)
    assert status_of(arrived).blockers == ()
    assert status_of(person(id="on-board", checked_in=True)).stage is ArrivalStage.CHECKED_IN


@pytest.mark.parametrize(
    "codes",
    [
        Eligibility,
        EligibilityBlocker,
        EligibilityStage,
        ArrivalBlocker,
        ArrivalStage,
        ScreeningBlocker,
        ScreeningStage,
    ],
)
def test_every_status_code_has_words_in_both_languages(codes: type[StrEnum]) -> None:
    """A code without words would reach a Spanish screen as it is."""
    assert [code for code in codes if code not in LABELS] == []
