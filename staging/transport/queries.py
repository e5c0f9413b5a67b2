"""What the roster, the boarding screen and the manifest read: who sits where on a trip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.domain import Person
from staging.people import queries
from staging.store.store import Store


@dataclass(frozen=True)
class OnBoard:
    """One seat of a trip: the person, their household, the status, and what the paper shows
    (the clearance's date, never its result; the form done; the wristband's code)."""

    person: Person
    household_external_id: str | None
    seat: str
    status: str  # planned, boarded, no_show
    locked: bool
    cleared_on: date | None
    eoir33_done: bool
    band_code: str


def roster(store: Store, trip_id: str) -> list[OnBoard]:
    """The trip's people in seat order (row, then seat), households together."""
    found = queries.rows(
        store.db,
        "SELECT f.*, r.seat, r.status AS entry_status, r.locked, "
        "(SELECT w.code FROM wristband w WHERE w.person_id = f.id AND w.replaced_at IS NULL "
        " ORDER BY w.issued_at DESC LIMIT 1) AS band_code "
        "FROM roster_entry r JOIN person_facts f ON f.id = r.person_id "
        "WHERE r.trip_id = ? AND r.status != 'removed'",
        [trip_id],
    )
    found.sort(key=lambda row: _seat_order(row["seat"]))
    return [_on_board(row) for row in found]


def _seat_order(seat: str) -> tuple[int, str]:
    digits = "".join(ch for ch in seat if ch.isdigit())
    return (int(digits) if digits else 0, seat)


def _on_board(row: dict[str, Any]) -> OnBoard:
    person = queries.person_from_row(row)
    cleared = person.health.clearance_base if person.health.outcome == "cleared" else None
    return OnBoard(
        person=person,
        household_external_id=row["household_external_id"],
        seat=row["seat"],
        status=row["entry_status"],
        locked=bool(row["locked"]),
        cleared_on=cleared,
        eoir33_done=person.paperwork.eoir33_served,
        band_code=row["band_code"] or "",
    )


def trip_counts(store: Store, trip_id: str) -> tuple[int, int]:
    """(boarded, expected) for the boarding screen."""
    boarded, expected = store.db.execute(
        "SELECT sum(status = 'boarded'), count(*) FROM roster_entry "
        "WHERE trip_id = ? AND status IN ('planned', 'boarded')",
        [trip_id],
    ).fetchone()
    return boarded or 0, expected or 0


def vehicles(store: Store) -> list[dict[str, Any]]:
    """The site's vehicles by name (id, name, rows, seats_per_row): what a trip can be made with."""
    return queries.rows(
        store.db, "SELECT id, name, rows, seats_per_row FROM vehicle ORDER BY name", []
    )
