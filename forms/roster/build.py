"""From a trip as the core keeps it (`staging.transport.queries.roster`) to the paper and the
manifest: the same people, in the same order, on both.

Only people travelling are written: planned or boarded. A no-show is left off, so a roster or a
manifest made again after the trip closed is the list of the people who left.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from forms.roster.model import RosterRow, RosterSheet
from staging.domain import PORTS_BY_CODE, Person
from staging.transport.manifest import ManifestRow
from staging.transport.queries import OnBoard

TRAVELLING = frozenset({"planned", "boarded"})

# A trip with its seats: a row of `trips_of` (or `trip_row`) and its `roster`.
TripSeats = tuple[Mapping[str, Any], Sequence[OnBoard]]


def travelling(seats: Sequence[OnBoard]) -> list[OnBoard]:
    return [seat for seat in seats if seat.status in TRAVELLING]


def roster_row(seat: OnBoard) -> RosterRow:
    person = seat.person
    return RosterRow(
        seat=seat.seat,
        name=person.full_name,
        date_of_birth=person.date_of_birth,
        sex=person.sex,
        nationality=person.nationality,
        a_number=person.a_number or "",
        household=seat.household_external_id or "",
        cleared_on=seat.cleared_on,
        eoir33_done=seat.eoir33_done,
        band_code=seat.band_code,
    )


def roster_sheet(
    site: str, trip: Mapping[str, Any], seats: Sequence[OnBoard]
) -> RosterSheet | None:
    """The trip's sheet, or None when nobody travels on it (a sheet is never printed empty)."""
    rows = [roster_row(seat) for seat in travelling(seats)]
    if not rows:
        return None
    port = PORTS_BY_CODE.get(trip["port"])
    return RosterSheet(
        site=site,
        port_name=port.name if port is not None else trip["port"],
        port_code=trip["port"],
        day=date.fromisoformat(trip["day"]),
        departs_at=trip["departs_at"],
        vehicle=trip["vehicle"],
        rows=tuple(rows),
    )


def roster_sheets(site: str, trips: Sequence[TripSeats]) -> list[RosterSheet]:
    """One sheet per trip with someone on it, in the order given (by departure)."""
    sheets = [roster_sheet(site, trip, seats) for trip, seats in trips]
    return [sheet for sheet in sheets if sheet is not None]


def _surnames(person: Person) -> str:
    return " ".join(part for part in (person.paternal_surname, person.maternal_surname) if part)


def manifest_rows(trips: Sequence[TripSeats]) -> list[ManifestRow]:
    """The day's manifest, row for row the rosters' order: trips as given, then seats."""
    rows: list[ManifestRow] = []
    for trip, seats in trips:
        for seat in travelling(seats):
            person = seat.person
            rows.append(
                ManifestRow(
                    order=len(rows) + 1,
                    departs_at=trip["departs_at"],
                    vehicle=trip["vehicle"],
                    port=trip["port"],
                    seat=seat.seat,
                    household=seat.household_external_id or "",
                    last_name=_surnames(person),
                    first_name=person.given_names,
                    date_of_birth=person.date_of_birth,
                    sex=person.sex,
                    nationality=person.nationality,
                    a_number=person.a_number or "",
                    cleared_on=seat.cleared_on,
                )
            )
    return rows
