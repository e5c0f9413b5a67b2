"""Transport to the port of entry (DESIGN.md step 9): seating, the port's daily capacity, the plan.

Distancing in a vehicle is between households, not within one (CDC transit guidance, 2020:
close every other row, keep people who are not of one household apart). A household sits
together; the seats a plan uses follow from that seating, never from a flat per-person factor.
A household is never split across trips, and nobody blocked travels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from string import ascii_uppercase
from typing import TYPE_CHECKING

from staging.domain import Person
from staging.errors import Refused
from staging.vocabulary import Words

if TYPE_CHECKING:
    from staging.rules.policy import Policy

# 2021: each port received 25 a day at first (El Paso went 25 → 50 → 100, weekdays only).
DEFAULT_DAILY_CAPACITY = 25


@dataclass(frozen=True)
class PortCapacity:
    """How many people DHS receives at one port a day: a usual figure, days of the week it
    receives none (weekends, in 2021), and dated figures that replace it (the ramp-up)."""

    port: str
    daily: int = DEFAULT_DAILY_CAPACITY
    weekdays_only: bool = True
    # (date as YYYY-MM-DD, capacity): from that date on, until the next one.
    from_dates: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class TransportPolicy:
    close_every_other_row: bool = True
    empty_seat_between_households: bool = True
    capacities: tuple[PortCapacity, ...] = ()
    masks_required: bool = True
    mask_exempt_under_years: int = 2

    def __post_init__(self) -> None:
        # A stored policy brings lists and dicts; the rules compare frozen values.
        capacities = tuple(
            c if isinstance(c, PortCapacity) else PortCapacity(**_capacity_fields(c))
            for c in self.capacities
        )
        object.__setattr__(self, "capacities", capacities)


def _capacity_fields(stored: Mapping[str, object]) -> dict[str, object]:
    fields = dict(stored)
    fields["from_dates"] = tuple(tuple(pair) for pair in fields.get("from_dates", ()) or ())  # type: ignore[union-attr]
    return fields


def daily_capacity(policy: TransportPolicy, port: str, day: date) -> int:
    """The port's capacity on `day`: the latest dated figure on or before it, else the usual;
    none on a weekend when the port receives on weekdays only."""
    setting = next((c for c in policy.capacities if c.port == port), PortCapacity(port))
    if setting.weekdays_only and day.weekday() >= 5:
        return 0
    capacity = setting.daily
    for since, figure in sorted(setting.from_dates):
        if date.fromisoformat(since) <= day:
            capacity = figure
    return capacity


# --- seating --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vehicle:
    name: str
    rows: int
    seats_per_row: int

    def __post_init__(self) -> None:
        if not (1 <= self.rows <= 40 and 1 <= self.seats_per_row <= len(ascii_uppercase)):
            raise Refused(
                f"{self.name}: a vehicle has 1 to 40 rows of 1 to 26 seats",
                f"{self.name}: un vehículo tiene de 1 a 40 filas de 1 a 26 asientos",
            )


def open_rows(vehicle: Vehicle, policy: TransportPolicy) -> list[int]:
    """Row numbers (1 = the front) people may sit in."""
    step = 2 if policy.close_every_other_row else 1
    return list(range(1, vehicle.rows + 1, step))


def seat_label(row: int, seat: int) -> str:
    """Row 3, third seat from the left: "3C"."""
    return f"{row}{ascii_uppercase[seat]}"


@dataclass
class Seating:
    """A vehicle being filled, household by household, front to back.

    A household takes seats next to each other in one row; one too large for a row takes whole
    rows of its own. Between two households in a row the policy may leave a seat empty.
    """

    vehicle: Vehicle
    policy: TransportPolicy
    # Seats taken in each open row, counted from the left.
    used: dict[int, int] = field(default_factory=dict)
    seats: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.used = {row: 0 for row in open_rows(self.vehicle, self.policy)}

    @property
    def gap(self) -> int:
        return 1 if self.policy.empty_seat_between_households else 0

    def free_seats(self) -> int:
        """Seats a household could still take (a gap before each one already in a row)."""
        width = self.vehicle.seats_per_row
        return sum(
            width - used - (self.gap if used else 0) for used in self.used.values() if used < width
        )

    def place(self, household: str, size: int) -> tuple[str, ...] | None:
        """Seat a household, or None if it does not fit together (nothing changes then)."""
        width = self.vehicle.seats_per_row
        for row, used in self.used.items():
            start = used + (self.gap if used else 0)
            if start + size <= width:
                self.used[row] = start + size
                return self._keep(
                    household, tuple(seat_label(row, s) for s in range(start, start + size))
                )
        if size <= width:
            return None
        # Larger than a row: consecutive empty open rows of its own.
        needed = -(-size // width)
        rows = list(self.used)
        for first in range(len(rows) - needed + 1):
            block = rows[first : first + needed]
            if all(self.used[row] == 0 for row in block):
                labels = [seat_label(row, s) for row in block for s in range(width)][:size]
                for row in block:
                    self.used[row] = width
                return self._keep(household, tuple(labels))
        return None

    def _keep(self, household: str, labels: tuple[str, ...]) -> tuple[str, ...]:
        self.seats[household] = labels
        return labels


def effective_seats(vehicle: Vehicle, policy: TransportPolicy) -> int:
    """Seats in the open rows: the most a vehicle carries (a single household per row)."""
    return len(open_rows(vehicle, policy)) * vehicle.seats_per_row


# --- the day's plan ------------------------------------------------------------------------------


class NotPlanned(StrEnum):
    """Why someone stays behind who has no blocker of their own (blocked people say theirs)."""

    NO_CAPACITY_LEFT = "no_capacity_left"
    NO_SEAT_TOGETHER = "no_seat_together"
    # Ready, but the household travels together and someone in it may not.
    HOUSEHOLD_MEMBER_BLOCKED = "household_member_blocked"


@dataclass(frozen=True)
class Household:
    """A household in priority order, with each member's blockers on the departure day."""

    id: str
    members: tuple[str, ...]  # person ids, in seating order
    blockers: Mapping[str, tuple[StrEnum, ...]]

    @property
    def ready(self) -> bool:
        return not any(self.blockers.get(member) for member in self.members)


@dataclass(frozen=True)
class Trip:
    id: str
    vehicle: Vehicle
    # Households kept from an earlier plan (locked or moved by hand): id → member ids.
    locked: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Placed:
    trip: str
    household: str
    person: str
    seat: str
    locked: bool


@dataclass(frozen=True)
class Left:
    household: str
    person: str
    reasons: tuple[StrEnum, ...]


@dataclass(frozen=True)
class DayPlan:
    placed: tuple[Placed, ...]
    left: tuple[Left, ...]
    notes: tuple[Words, ...]
    capacity: int

    @property
    def people(self) -> int:
        return len(self.placed)


def plan_day(
    trips: Sequence[Trip],
    queue: Sequence[Household],
    capacity: int,
    policy: TransportPolicy,
) -> DayPlan:
    """Fill the trips from the queue in priority order.

    Locked households keep their trip, with their members of today, unless someone in them is
    blocked now (a lock keeps a seat, not a clearance). Then each ready household goes to the
    first trip where it sits together, while the port has room for all of it; a household that
    does not fit does not stop the ones behind it, smaller ones may take the seats left (noted).
    Nobody blocked is planned; each person left says why.
    """
    seatings = {trip.id: Seating(trip.vehicle, policy) for trip in trips}
    placed: list[Placed] = []
    left: list[Left] = []
    notes: list[Words] = []
    queued = {household.id: household for household in queue}
    locked_ids = {household for trip in trips for household in trip.locked}
    for trip in trips:
        for household, kept in trip.locked.items():
            current = queued.get(household, Household(household, kept, {}))
            if not current.ready:
                continue
            members = current.members
            seats = seatings[trip.id].place(household, len(members))
            if seats is None:
                raise Refused(
                    f"The households kept on {trip.vehicle.name} no longer fit its seats",
                    f"Los hogares fijados en {trip.vehicle.name} ya no caben en sus asientos",
                )
            placed += [
                Placed(trip.id, household, person, seat, True)
                for person, seat in zip(members, seats, strict=True)
            ]
    if len(placed) > capacity:
        raise Refused(
            f"The households kept on the day's trips are {len(placed)} people; "
            f"the port receives {capacity}",
            f"Los hogares fijados en los viajes del día son {len(placed)} personas; "
            f"el puerto recibe {capacity}",
        )
    room = capacity - len(placed)
    skipped: str | None = None
    for household in queue:
        if not household.ready:
            left += [
                Left(
                    household.id,
                    person,
                    tuple(household.blockers.get(person, ()))
                    or (NotPlanned.HOUSEHOLD_MEMBER_BLOCKED,),
                )
                for person in household.members
            ]
            continue
        if household.id in locked_ids:
            continue
        seats, trip_id = None, None
        if len(household.members) <= room:
            for trip in trips:
                seats = seatings[trip.id].place(household.id, len(household.members))
                if seats is not None:
                    trip_id = trip.id
                    break
        if seats is None or trip_id is None:
            reason = (
                NotPlanned.NO_CAPACITY_LEFT
                if len(household.members) > room
                else NotPlanned.NO_SEAT_TOGETHER
            )
            left += [Left(household.id, person, (reason,)) for person in household.members]
            skipped = skipped or household.id
            continue
        if skipped is not None:
            notes.append(
                Words(
                    "Smaller households behind one that did not fit took the seats left",
                    "Hogares más pequeños detrás de uno que no cupo ocuparon los asientos libres",
                )
            )
            skipped = None
        room -= len(household.members)
        placed += [
            Placed(trip_id, household.id, person, seat, False)
            for person, seat in zip(household.members, seats, strict=True)
        ]
    return DayPlan(tuple(placed), tuple(left), tuple(dict.fromkeys(notes)), capacity)


# --- where the person stands -----------------------------------------------------------------


class TransportStage(StrEnum):
    PLANNED = "planned"
    BOARDED = "boarded"
    DELIVERED = "delivered"


def transport_blockers(person: Person, today: date, policy: Policy) -> list[StrEnum]:
    """Transport needs nothing more than being ready: the plan is where readiness is used."""
    return []


def transport_stage(person: Person, today: date, policy: Policy) -> TransportStage | None:
    travel = person.travel
    if travel.delivered_at is not None:
        return TransportStage.DELIVERED
    if travel.roster_status == "boarded":
        return TransportStage.BOARDED
    if travel.roster_status == "planned":
        return TransportStage.PLANNED
    return None
