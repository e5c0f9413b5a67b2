"""Arrival at the staging site (DESIGN.md step 4): the household checks in, wristbands follow."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from staging.domain import Person

if TYPE_CHECKING:
    from staging.rules.policy import Policy


class ArrivalBlocker(StrEnum):
    NOT_CHECKED_IN = "not_checked_in"


class ArrivalStage(StrEnum):
    CHECKED_IN = "checked_in"


def arrival_blockers(person: Person, today: date, policy: Policy) -> list[ArrivalBlocker]:
    return [] if person.checked_in else [ArrivalBlocker.NOT_CHECKED_IN]


def arrival_stage(person: Person, today: date, policy: Policy) -> ArrivalStage | None:
    """Checked in, whatever DHS has said so far: being here is further along than waiting."""
    return ArrivalStage.CHECKED_IN if person.checked_in else None
