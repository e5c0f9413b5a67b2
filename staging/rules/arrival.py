"""Arrival at the staging site (DESIGN.md step 4): the household checks in, wristbands follow.

A staging site never turns a person away at the door, but some arrivals are not what the lists
expected. Those raise a stop sign on the desk; the site's policy says which ones stop the
check-in until someone confirms it deliberately (the confirmation is recorded with it) and
which only warn.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from staging.domain import Person
from staging.errors import Refused
from staging.rules.eligibility import Eligibility, eligibility
from staging.rules.stored import known_codes
from staging.vocabulary import Words, label

if TYPE_CHECKING:
    from staging.rules.policy import Policy


class ArrivalBlocker(StrEnum):
    NOT_CHECKED_IN = "not_checked_in"


class ArrivalStage(StrEnum):
    CHECKED_IN = "checked_in"


class StopSign(StrEnum):
    """Why an arrival is not what the lists expected, in the order the desk shows them."""

    NOT_ELIGIBLE = "not_eligible"
    ESCALATED_TO_CBP = "escalated_to_cbp"
    AWAITING_VERIFICATION = "awaiting_verification"
    VERIFICATION_NEEDED = "verification_needed"
    APPOINTMENT_OTHER_DAY = "appointment_other_day"
    NO_APPOINTMENT = "no_appointment"


# Walk-ins arrive with no case status and no appointment by definition, so those two only warn.
CONFIRMED_BY_DEFAULT = frozenset(
    {
        StopSign.NOT_ELIGIBLE,
        StopSign.ESCALATED_TO_CBP,
        StopSign.AWAITING_VERIFICATION,
        StopSign.APPOINTMENT_OTHER_DAY,
    }
)


@dataclass(frozen=True)
class ArrivalPolicy:
    """Which stop signs hold a check-in until it is confirmed; every other one only warns."""

    confirm_before_check_in: frozenset[StopSign] = CONFIRMED_BY_DEFAULT

    def __post_init__(self) -> None:
        # A stored policy brings plain strings; the rules compare enum members.
        signs = known_codes(
            StopSign, self.confirm_before_check_in, Words("arrival warnings", "avisos de llegada")
        )
        object.__setattr__(self, "confirm_before_check_in", signs)


_SIGN_OF_ELIGIBILITY = {
    Eligibility.NOT_ELIGIBLE: StopSign.NOT_ELIGIBLE,
    Eligibility.ESCALATED_TO_CBP: StopSign.ESCALATED_TO_CBP,
    Eligibility.AWAITING_VERIFICATION: StopSign.AWAITING_VERIFICATION,
    Eligibility.VERIFICATION_NEEDED: StopSign.VERIFICATION_NEEDED,
}


def stop_signs(person: Person, today: date, policy: Policy) -> tuple[StopSign, ...]:
    """What is unexpected about this person arriving today (empty: nothing)."""
    signs = []
    status = eligibility(person.case_status, person.verification, policy.eligibility)
    if status in _SIGN_OF_ELIGIBILITY:
        signs.append(_SIGN_OF_ELIGIBILITY[status])
    if person.appointment_date is None:
        signs.append(StopSign.NO_APPOINTMENT)
    elif person.appointment_date != today:
        signs.append(StopSign.APPOINTMENT_OTHER_DAY)
    return tuple(signs)


def needs_confirmation(sign: StopSign, policy: Policy) -> bool:
    return sign in policy.arrival.confirm_before_check_in


def signs_among(people: list[Person], today: date, policy: Policy) -> dict[StopSign, list[Person]]:
    """Each stop sign raised by anyone among `people`, with whom it is about, in sign order."""
    found: dict[StopSign, list[Person]] = {}
    for person in people:
        for sign in stop_signs(person, today, policy):
            found.setdefault(sign, []).append(person)
    return {sign: found[sign] for sign in StopSign if sign in found}


def unconfirmed_stops(
    people: list[Person], today: date, policy: Policy, confirmed: frozenset[StopSign]
) -> dict[StopSign, list[Person]]:
    """The stop signs among `people` that hold their check-in and were not confirmed."""
    return {
        sign: whom
        for sign, whom in signs_among(people, today, policy).items()
        if needs_confirmation(sign, policy) and sign not in confirmed
    }


def check_in_held(held: dict[StopSign, list[Person]]) -> Refused:
    """The refusal for a check-in whose stop signs were not confirmed, naming each and whom."""

    def reasons(language: str) -> str:
        return "; ".join(
            f"{label(sign, language)}: {', '.join(p.full_name for p in people)}"
            for sign, people in held.items()
        )

    return Refused(
        f"Check-in held until it is confirmed — {reasons('en')}",
        f"Llegada detenida hasta que se confirme — {reasons('es')}",
    )


def arrival_blockers(person: Person, today: date, policy: Policy) -> list[ArrivalBlocker]:
    return [] if person.checked_in else [ArrivalBlocker.NOT_CHECKED_IN]


def arrival_stage(person: Person, today: date, policy: Policy) -> ArrivalStage | None:
    """Checked in, whatever DHS has said so far: being here is further along than waiting."""
    return ArrivalStage.CHECKED_IN if person.checked_in else None
