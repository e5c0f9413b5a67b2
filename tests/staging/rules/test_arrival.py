"""Stop signs at the door: what is unexpected about an arrival, and which ones hold it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from staging.domain import CaseStatus, Verification
from staging.errors import Refused
from staging.rules import Policy, StopSign, needs_confirmation, stop_signs
from staging.rules.arrival import ArrivalPolicy, check_in_held, unconfirmed_stops
from tests.staging.rules.sample import TODAY, person

EXPECTED = {"verification": Verification.VERIFIED, "appointment_date": TODAY}


def test_a_verified_person_on_their_day_raises_no_sign() -> None:
    assert stop_signs(person(**EXPECTED), TODAY, Policy()) == ()


@pytest.mark.parametrize(
    ("changes", "sign"),
    [
        ({"verification": Verification.INELIGIBLE}, StopSign.NOT_ELIGIBLE),
        ({"case_status": CaseStatus.REMOVED_AFTER_HEARING}, StopSign.NOT_ELIGIBLE),
        ({"verification": Verification.UNRESOLVED}, StopSign.ESCALATED_TO_CBP),
        ({"verification": Verification.SUBMITTED}, StopSign.AWAITING_VERIFICATION),
        (
            {"case_status": CaseStatus.UNKNOWN, "verification": Verification.UNVERIFIED},
            StopSign.VERIFICATION_NEEDED,
        ),
        ({"appointment_date": None}, StopSign.NO_APPOINTMENT),
        ({"appointment_date": TODAY + timedelta(days=3)}, StopSign.APPOINTMENT_OTHER_DAY),
        ({"appointment_date": TODAY - timedelta(days=1)}, StopSign.APPOINTMENT_OTHER_DAY),
    ],
)
def test_each_unexpected_fact_raises_its_sign(changes: dict, sign: StopSign) -> None:
    assert stop_signs(person(**{**EXPECTED, **changes}), TODAY, Policy()) == (sign,)


def test_signs_come_in_the_order_the_desk_shows_them() -> None:
    walk_in = person(case_status=CaseStatus.UNKNOWN, appointment_date=None)
    assert stop_signs(walk_in, TODAY, Policy()) == (
        StopSign.VERIFICATION_NEEDED,
        StopSign.NO_APPOINTMENT,
    )


def test_by_default_a_walk_in_only_warns_and_an_ineligible_person_is_held() -> None:
    policy = Policy()
    assert not needs_confirmation(StopSign.VERIFICATION_NEEDED, policy)
    assert not needs_confirmation(StopSign.NO_APPOINTMENT, policy)
    for held in (
        StopSign.NOT_ELIGIBLE,
        StopSign.ESCALATED_TO_CBP,
        StopSign.AWAITING_VERIFICATION,
        StopSign.APPOINTMENT_OTHER_DAY,
    ):
        assert needs_confirmation(held, policy)


def test_the_policy_decides_which_signs_hold() -> None:
    relaxed = Policy(arrival=ArrivalPolicy(confirm_before_check_in=frozenset()))
    strict = Policy(arrival=ArrivalPolicy(confirm_before_check_in=frozenset(StopSign)))
    walk_in = person(case_status=CaseStatus.UNKNOWN, appointment_date=None)
    assert unconfirmed_stops([walk_in], TODAY, relaxed, frozenset()) == {}
    assert unconfirmed_stops([walk_in], TODAY, strict, frozenset()) == {
        StopSign.VERIFICATION_NEEDED: [walk_in],
        StopSign.NO_APPOINTMENT: [walk_in],
    }
    assert unconfirmed_stops([walk_in], TODAY, strict, frozenset(StopSign)) == {}


def test_the_arrival_policy_is_stored_and_read_back() -> None:
    policy = Policy(
        arrival=ArrivalPolicy(confirm_before_check_in=frozenset({StopSign.NOT_ELIGIBLE}))
    )
    assert Policy.from_json(policy.to_json()) == policy


def test_a_stored_sign_this_version_does_not_know_is_refused_in_words() -> None:
    with pytest.raises(Refused, match="arrival warnings this version does not know: curfew"):
        Policy.from_json('{"arrival": {"confirm_before_check_in": ["curfew"]}}')


def test_the_refusal_names_each_sign_and_whom_it_is_about_in_both_languages() -> None:
    other_day = TODAY + timedelta(days=2)
    ana = person(
        id="a", given_names="Ana", verification=Verification.INELIGIBLE, appointment_date=other_day
    )
    luis = person(
        id="l", given_names="Luis", verification=Verification.VERIFIED, appointment_date=other_day
    )
    held = unconfirmed_stops([ana, luis], TODAY, Policy(), frozenset())
    refusal = check_in_held(held)
    assert "Not eligible: Ana Núñez López" in refusal.message("en")
    assert "Appointment on another day: Ana Núñez López, Luis Núñez López" in refusal.message("en")
    assert "No elegible: Ana Núñez López" in refusal.message("es")
    assert "Cita en otro día: Ana Núñez López, Luis Núñez López" in refusal.message("es")
