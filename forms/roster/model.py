"""A trip's roster as plain data: who sits where, and what the paper may say about them.

The core builds these values from the trip's roster entries; the renderer only lays them out.
What is *not* here is deliberate: a clearance is carried as the date it was given, never the
test's result or any other medical detail, because the roster is handed to the driver and to
the receiving officer, who need to know that a person went through screening, not how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from staging.rules import age_on
from staging.wristbands.codes import normalize_band_code

ADULT_AGE = 18  # age on the day of travel from which a person counts as an adult
_A_NUMBER = re.compile("[0-9]{9}")
_TIME_OF_DAY = re.compile("([01][0-9]|2[0-3]):[0-5][0-9]")


@dataclass(frozen=True)
class RosterRow:
    """One seat of a trip. ``band_code`` is the wristband's canonical code, or "" if the person
    has no band yet (the roster then says so instead of printing a QR code)."""

    seat: str
    name: str
    date_of_birth: date | None
    sex: str
    nationality: str
    a_number: str  # nine digits, or "" for a person without a case
    household: str  # the household's id as the registration list gives it
    cleared_on: date | None
    eoir33_done: bool
    band_code: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a roster row needs the person's name")
        if self.a_number and not _A_NUMBER.fullmatch(self.a_number):
            raise ValueError(f"an A-number is nine digits, not {self.a_number!r}")
        if self.band_code and normalize_band_code(self.band_code) != self.band_code:
            raise ValueError(f"not a canonical band code: {self.band_code!r}")

    @property
    def a_number_printed(self) -> str:
        """As EOIR's practice manual writes it, "A 012 345 678" (the EOIR-33 prints the same)."""
        if not self.a_number:
            return ""
        digits = self.a_number
        return f"A {digits[:3]} {digits[3:6]} {digits[6:]}"

    def is_child(self, day: date) -> bool | None:
        """Under 18 on the day of travel; None when the date of birth is unknown."""
        age = age_on(self.date_of_birth, day)
        return None if age is None else age < ADULT_AGE


@dataclass(frozen=True)
class RosterTotals:
    people: int
    households: int
    adults: int
    children: int
    age_unknown: int


@dataclass(frozen=True)
class RosterSheet:
    """One trip: its header and its rows in seat order, each household's members together."""

    site: str
    port_name: str
    port_code: str
    day: date
    departs_at: str  # "HH:MM", the site's local time
    vehicle: str
    rows: tuple[RosterRow, ...]

    def __post_init__(self) -> None:
        if not _TIME_OF_DAY.fullmatch(self.departs_at):
            raise ValueError(f"a departure time is HH:MM, not {self.departs_at!r}")
        if not self.rows:
            raise ValueError(f"nobody on the roster of {self.vehicle} {self.departs_at}")
        object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def totals(self) -> RosterTotals:
        """Ages are counted on the day of travel, as the port counts them on arrival."""
        kinds = [row.is_child(self.day) for row in self.rows]
        return RosterTotals(
            people=len(self.rows),
            households=len({row.household for row in self.rows}),
            adults=kinds.count(False),
            children=kinds.count(True),
            age_unknown=kinds.count(None),
        )
