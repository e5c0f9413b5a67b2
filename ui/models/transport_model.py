"""The transport desk's lists, tested without widgets: a day's trips, the households on a trip,
who is not planned and why, and a trip's seats at the vehicle's door.

The plan is the core's (`transport.planning`); what is on a trip is the stored roster
(`transport.queries.roster`). `planner_day` reads both for one day and port, so the planner shows
the roster as written and, beside it, who a plan made now would still leave behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt

from forms.roster.build import TRAVELLING, TripSeats
from staging.domain import PORTS_OF_ENTRY, Person, Role
from staging.errors import UserError
from staging.rules import person_status
from staging.rules.transport import Vehicle, effective_seats
from staging.rules.transport import daily_capacity as port_capacity
from staging.store.store import Store
from staging.transport.planning import (
    on_another_days_trip,
    preview_plan,
    trips_of,
    waiting_households,
)
from staging.transport.queries import OnBoard, roster
from staging.vocabulary import Words, label
from ui.models.rows_model import RowsModel
from ui.widgets.badges import Tone

# --- what the desk reads --------------------------------------------------------------------------


@dataclass(frozen=True)
class TripLine:
    """A trip of the day with its stored roster, and the seats its vehicle offers under the
    site's distancing (`rules.transport.effective_seats`)."""

    trip: dict[str, Any]
    seats: tuple[OnBoard, ...]
    effective: int

    @property
    def id(self) -> str:
        return self.trip["id"]

    @property
    def used(self) -> int:
        return sum(seat.status in TRAVELLING for seat in self.seats)

    @property
    def boarded(self) -> int:
        return sum(seat.status == "boarded" for seat in self.seats)

    @property
    def state(self) -> str:
        """ "open", "closed" (the vehicle left) or "arrived" (handed over at the port)."""
        if self.trip["arrived_at"]:
            return "arrived"
        return "closed" if self.trip["closed_at"] else "open"

    @property
    def trip_seats(self) -> TripSeats:
        return (self.trip, self.seats)


@dataclass(frozen=True)
class HouseholdBlock:
    """One household on a trip: it sits together and is moved, locked or left as one."""

    household_id: str
    label: str
    seats: tuple[OnBoard, ...]

    @property
    def locked(self) -> bool:
        return all(seat.locked for seat in self.seats)

    def count(self, status: str) -> int:
        return sum(seat.status == status for seat in self.seats)


def household_blocks(seats: Sequence[OnBoard]) -> list[HouseholdBlock]:
    """The trip's households in the order of their first seat (front to back)."""
    grouped: dict[str, list[OnBoard]] = {}
    for seat in seats:
        grouped.setdefault(seat.person.household_id, []).append(seat)
    return [
        HouseholdBlock(household, members[0].household_external_id or "", tuple(members))
        for household, members in grouped.items()
    ]


@dataclass(frozen=True)
class NotPlannedLine:
    """Someone waiting who has no seat on the day's trips, with the plan's reasons (none: ready,
    and a plan made now seats them)."""

    person: Person
    household_id: str
    household_label: str
    reasons: tuple[StrEnum, ...]
    no_show_before: bool
    on_a_trip: bool  # still on the stored roster, though a plan made now leaves them behind


@dataclass(frozen=True)
class PlannerDay:
    day: date
    port: str
    trips: tuple[TripLine, ...]
    capacity: int
    not_planned: tuple[NotPlannedLine, ...]
    notes: tuple[Words, ...]
    problem: UserError | None  # why no plan can be made (no open trip)

    @property
    def planned(self) -> int:
        """People on the day's trips to the port: they count against its daily capacity."""
        return sum(line.used for line in self.trips)


def trip_lines(store: Store, day: date, port: str) -> list[TripLine]:
    transport = store.policy().transport
    lines = []
    for trip in trips_of(store, day, port):
        vehicle = Vehicle(trip["vehicle"], trip["rows"], trip["seats_per_row"])
        lines.append(
            TripLine(trip, tuple(roster(store, trip["id"])), effective_seats(vehicle, transport))
        )
    return lines


def planner_day(store: Store, day: date, port: str, viewer: Role) -> PlannerDay:
    """The day's trips as written, and who waits without a seat, in priority order, with the
    reasons a plan made now gives (blockers as the viewer may see them)."""
    trips = trip_lines(store, day, port)
    capacity = port_capacity(store.policy().transport, port, day)
    seated = {seat.person.id for line in trips for seat in line.seats if seat.status in TRAVELLING}
    try:
        preview = preview_plan(store, day, port, viewer)
    except UserError as problem:
        waiting = waiting_without_a_trip(store, day, viewer, seated)
        return PlannerDay(day, port, tuple(trips), capacity, waiting, (), problem)
    placed = {entry.person for entry in preview.plan.placed}
    reasons = {entry.person: entry.reasons for entry in preview.plan.left}
    lines = []
    for household in preview.waiting:
        for person in household.members:
            left = person.id in reasons
            if not left and (person.id in seated or person.id not in placed):
                continue  # seated as planned, or on another day's trip
            lines.append(
                NotPlannedLine(
                    person,
                    household.household_id,
                    household.household_external_id or "",
                    tuple(reasons.get(person.id, ())),
                    household.no_show_before,
                    left and person.id in seated,
                )
            )
    return PlannerDay(day, port, tuple(trips), capacity, tuple(lines), preview.plan.notes, None)


def waiting_without_a_trip(
    store: Store, day: date, viewer: Role, seated: set[str]
) -> tuple[NotPlannedLine, ...]:
    """Who waits when the day has no open trip to plan: the queue in priority order, each person
    with their blockers as the viewer may see them (none: ready once a trip is added). Those
    already on one of the day's trips, or on another day's, are left out, as a plan would."""
    policy = store.policy()
    return tuple(
        NotPlannedLine(
            person,
            household.household_id,
            household.household_external_id or "",
            person_status(person, day, policy, viewer).blockers,
            household.no_show_before,
            False,
        )
        for household in waiting_households(store, day)
        if not on_another_days_trip(household, day)
        for person in household.members
        if person.id not in seated
    )


def trips_today(store: Store, day: date) -> list[dict[str, Any]]:
    """Every trip of the day, to any port, by departure: the ones the boarding screen offers."""
    trips = [trip for port in PORTS_OF_ENTRY for trip in trips_of(store, day, port.code)]
    return sorted(trips, key=lambda trip: (trip["departs_at"], trip["vehicle"]))


# --- the models -----------------------------------------------------------------------------------


TONE_OF_TRIP = {"open": Tone.DONE, "closed": Tone.WAITING, "arrived": Tone.GOOD}


class TripsModel(RowsModel):
    COL_DEPARTS, COL_VEHICLE, COL_SEATS, COL_STATE = range(4)
    COLUMNS, TONE_COLUMN = 4, COL_STATE
    TripIdRole = Qt.ItemDataRole.UserRole + 1
    FillRole = Qt.ItemDataRole.UserRole + 2
    """Seats used as a share of the effective seats, 0 to 1, for the bar."""

    def headers(self) -> list[str]:
        return [self.tr("Departs"), self.tr("Vehicle"), self.tr("Seats"), self.tr("Trip")]

    def state_words(self, state: str) -> str:
        return {
            "open": self.tr("Open"),
            "closed": self.tr("Departed"),
            "arrived": self.tr("Arrived at the port"),
        }[state]

    def text(self, row: TripLine, column: int) -> str:
        if column == self.COL_DEPARTS:
            return row.trip["departs_at"]
        if column == self.COL_VEHICLE:
            return row.trip["vehicle"]
        if column == self.COL_SEATS:
            return f"{row.used} / {row.effective}"
        return self.state_words(row.state)

    def tone(self, row: TripLine) -> Tone:
        return TONE_OF_TRIP[row.state]

    def role_data(self, row: TripLine, role: int) -> Any:
        if role == self.TripIdRole:
            return row.id
        if role == self.FillRole:
            return row.used / row.effective if row.effective else 0.0
        return None

    def row_of(self, trip_id: str) -> int | None:
        return next((n for n, line in enumerate(self._rows) if line.id == trip_id), None)


class HouseholdsModel(RowsModel):
    """The households on one trip, as blocks: a row each, its people with their seats."""

    COL_HOUSEHOLD, COL_PEOPLE, COL_STATUS, COL_LOCKED = range(4)
    COLUMNS, TONE_COLUMN = 4, COL_STATUS
    HouseholdIdRole = Qt.ItemDataRole.UserRole + 1
    LockedRole = Qt.ItemDataRole.UserRole + 2

    def headers(self) -> list[str]:
        return [
            self.tr("Household"),
            self.tr("People and seats"),
            self.tr("Status"),
            self.tr("Lock"),
        ]

    def text(self, row: HouseholdBlock, column: int) -> str:
        if column == self.COL_HOUSEHOLD:
            return row.label
        if column == self.COL_PEOPLE:
            return " · ".join(f"{seat.seat} {seat.person.full_name}" for seat in row.seats)
        if column == self.COL_STATUS:
            return self.status_words(row)
        return self.tr("Locked") if row.locked else ""

    def status_words(self, row: HouseholdBlock) -> str:
        size, boarded = len(row.seats), row.count("boarded")
        if row.count("no_show") == size:
            return label("no_show", self._language)
        if boarded == size:
            return label("boarded", self._language)
        if boarded:
            return self.tr("Boarded {count} of {size}").format(count=boarded, size=size)
        return self.tr("Planned, {size} seat(s)").format(size=size)

    def tone(self, row: HouseholdBlock) -> Tone:
        if row.count("boarded") == len(row.seats):
            return Tone.GOOD
        if row.count("no_show"):
            return Tone.BLOCKED
        return Tone.DONE

    def role_data(self, row: HouseholdBlock, role: int) -> Any:
        if role == self.HouseholdIdRole:
            return row.household_id
        if role == self.LockedRole:
            return row.locked
        return None

    def row_of(self, household_id: str) -> int | None:
        return next(
            (n for n, block in enumerate(self._rows) if block.household_id == household_id), None
        )


class NotPlannedModel(RowsModel):
    """Who waits without a seat, in priority order, and why in words."""

    COL_HOUSEHOLD, COL_NAME, COL_WHY = range(3)
    COLUMNS, TONE_COLUMN = 3, COL_WHY
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    ReasonsRole = Qt.ItemDataRole.UserRole + 2

    def headers(self) -> list[str]:
        return [self.tr("Household"), self.tr("Name"), self.tr("Why not planned")]

    def text(self, row: NotPlannedLine, column: int) -> str:
        if column == self.COL_HOUSEHOLD:
            return row.household_label
        if column == self.COL_NAME:
            return row.person.full_name
        return self.why(row)

    def why(self, row: NotPlannedLine) -> str:
        parts = [label(reason, self._language) for reason in row.reasons] or [
            self.tr("Ready: Plan the day gives a seat")
        ]
        if row.no_show_before:
            parts.append(label("no_show", self._language))
        text = "; ".join(parts)
        if row.on_a_trip:
            text = self.tr("{reasons} (still on a trip: plan the day again)").format(reasons=text)
        return text

    def tone(self, row: NotPlannedLine) -> Tone:
        if not row.reasons:
            return Tone.GOOD
        if any(str(reason) in ("no_capacity_left", "no_seat_together") for reason in row.reasons):
            return Tone.WAITING
        return Tone.BLOCKED

    def role_data(self, row: NotPlannedLine, role: int) -> Any:
        if role == self.PersonIdRole:
            return row.person.id
        if role == self.ReasonsRole:
            return row.reasons
        return None


TONE_OF_STATUS = {"planned": Tone.NEUTRAL, "boarded": Tone.GOOD, "no_show": Tone.BLOCKED}


class BoardingModel(RowsModel):
    """A trip's seats at the vehicle's door: who has boarded, who is still to come."""

    COL_SEAT, COL_NAME, COL_HOUSEHOLD, COL_STATUS = range(4)
    COLUMNS, TONE_COLUMN = 4, COL_STATUS
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    StatusRole = Qt.ItemDataRole.UserRole + 2

    def headers(self) -> list[str]:
        return [self.tr("Seat"), self.tr("Name"), self.tr("Household"), self.tr("Boarding")]

    def text(self, row: OnBoard, column: int) -> str:
        if column == self.COL_SEAT:
            return row.seat
        if column == self.COL_NAME:
            return row.person.full_name
        if column == self.COL_HOUSEHOLD:
            return row.household_external_id or ""
        if row.status == "planned":
            return self.tr("Not yet boarded")
        return label(row.status, self._language)

    def tone(self, row: OnBoard) -> Tone:
        return TONE_OF_STATUS.get(row.status, Tone.NEUTRAL)

    def role_data(self, row: OnBoard, role: int) -> Any:
        if role == self.PersonIdRole:
            return row.person.id
        if role == self.StatusRole:
            return row.status
        return None

    def row_of(self, person_id: str) -> int | None:
        return next((n for n, seat in enumerate(self._rows) if seat.person.id == person_id), None)
