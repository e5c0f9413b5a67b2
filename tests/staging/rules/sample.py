"""One made-up person the rules' tests change a fact or two of."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from staging.domain import CaseStatus, Health, Person, ScreeningOutcome

TODAY = date(2021, 3, 1)
# Screened today: a negative test, cleared.
CLEARED_TODAY = Health(outcome=ScreeningOutcome.CLEARED, screened_on=TODAY, clearance_base=TODAY)


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
