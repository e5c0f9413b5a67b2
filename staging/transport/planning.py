"""Planning a day's trips to the port: the rules decide (`rules.transport.plan_day`), this module
reads who is waiting and writes the roster.

Only households with someone checked in and not yet delivered are considered: a 100,000-person
site has a few hundred of them, and reading the rest would only find people not at the site.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.changes import Done
from staging.domain import Person, Role
from staging.errors import NotFound, Refused
from staging.people import queries
from staging.rules import Action, person_status, priority_queue
from staging.rules.transport import (
    DayPlan,
    Household,
    Seating,
    Trip,
    Vehicle,
    daily_capacity,
    plan_day,
)
from staging.store.store import Actor, Store, UnitOfWork, require


@dataclass(frozen=True)
class Waiting:
    """A household that could travel, with its people in seating order (eldest first)."""

    household_id: str
    household_external_id: str | None
    members: tuple[Person, ...]
    no_show_before: bool


def waiting_households(store: Store, day: date) -> list[Waiting]:
    """Households at the site, not delivered, in priority order (DESIGN.md rule 3)."""
    records = queries.person_records(
        store.db,
        "household_id IN (SELECT p.household_id FROM person p JOIN check_in c "
        f"ON c.person_id = p.id WHERE p.id NOT IN ({queries.MERGED_AWAY})) "
        # A no-show's latest entry is on a trip that arrived: only those on board were delivered.
        "AND (delivered_at IS NULL OR roster_status != 'boarded')",
    )
    by_household: dict[str, list[Person]] = defaultdict(list)
    external: dict[str, str | None] = {}
    no_show: set[str] = set()
    for record in records:
        person = queries.person_from_row(record)
        by_household[person.household_id].append(person)
        external[person.household_id] = record["household_external_id"]
        if person.travel.roster_status == "no_show":
            no_show.add(person.household_id)
    order = priority_queue(by_household, day, store.policy())
    return [
        Waiting(
            household,
            external[household],
            tuple(sorted(by_household[household], key=_seating_order)),
            household in no_show,
        )
        for household in order
    ]


def _seating_order(person: Person) -> tuple[Any, ...]:
    return (person.date_of_birth is None, person.date_of_birth, person.registration_id)


def trips_of(store: Store, day: date, port: str) -> list[dict[str, Any]]:
    return queries.rows(
        store.db,
        "SELECT t.*, v.name AS vehicle, v.rows, v.seats_per_row FROM trip t "
        "JOIN vehicle v ON v.id = t.vehicle_id WHERE t.day = ? AND t.port = ? "
        "ORDER BY t.departs_at, v.name",
        [day.isoformat(), port],
    )


def _vehicle(trip: dict[str, Any]) -> Vehicle:
    return Vehicle(trip["vehicle"], trip["rows"], trip["seats_per_row"])


def _entries(store: Store, trip_ids: list[str]) -> list[dict[str, Any]]:
    marks = ", ".join("?" for _ in trip_ids)
    return queries.rows(
        store.db,
        f"SELECT * FROM roster_entry WHERE trip_id IN ({marks}) AND status != 'removed' "
        "ORDER BY seat",
        trip_ids,
    )


@dataclass(frozen=True)
class PlanResult:
    plan: DayPlan
    trips: list[dict[str, Any]]
    waiting: list[Waiting]


def preview_plan(store: Store, day: date, port: str, viewer: Role) -> PlanResult:
    """The plan the rules make for `day`, without writing it: locked and boarded households
    keep their seats; everyone else is placed again from the queue."""
    policy = store.policy()
    trips = [trip for trip in trips_of(store, day, port) if not trip["closed_at"]]
    if not trips:
        raise Refused(
            f"No open trip to {port} on {day:%Y-%m-%d}: add one first",
            f"No hay un viaje abierto a {port} el {day:%Y-%m-%d}: agregue uno primero",
        )
    kept: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    boarded: set[str] = set()
    for entry in _entries(store, [trip["id"] for trip in trips]):
        if entry["locked"] or entry["status"] == "boarded":
            kept[entry["trip_id"]][entry["household_id"]].append(entry["person_id"])
        if entry["status"] == "boarded":
            boarded.add(entry["household_id"])
    rule_trips = [
        Trip(trip["id"], _vehicle(trip), {h: tuple(m) for h, m in kept[trip["id"]].items()})
        for trip in trips
    ]
    waiting = waiting_households(store, day)
    queue = [
        Household(
            household.household_id,
            tuple(person.id for person in household.members),
            {
                person.id: person_status(person, day, policy, viewer).blockers
                for person in household.members
            },
        )
        for household in waiting
        # Someone on board keeps the household's seats whatever is recorded since.
        if not on_another_days_trip(household, day) and household.household_id not in boarded
    ]
    capacity = daily_capacity(policy.transport, port, day) - _travelled(store, day, port, trips)
    return PlanResult(plan_day(rule_trips, queue, capacity, policy.transport), trips, waiting)


def on_another_days_trip(household: Waiting, day: date) -> bool:
    """On another day's trip already (planned or boarded): not offered a second seat."""
    return any(
        person.travel.roster_status in ("planned", "boarded") and person.travel.roster_day != day
        for person in household.members
    )


def _travelled(store: Store, day: date, port: str, open_trips: list[dict[str, Any]]) -> int:
    """People already sent to the port that day on trips now closed: they used its capacity."""
    open_ids = {trip["id"] for trip in open_trips}
    closed = [trip["id"] for trip in trips_of(store, day, port) if trip["id"] not in open_ids]
    if not closed:
        return 0
    marks = ", ".join("?" for _ in closed)
    return store.db.execute(
        f"SELECT count(*) FROM roster_entry WHERE trip_id IN ({marks}) AND status = 'boarded'",
        closed,
    ).fetchone()[0]


def plan(store: Store, actor: Actor, day: date, port: str) -> Done[DayPlan]:
    """Write the day's plan: unlocked places are made again, locked and boarded ones stay."""
    require(actor, Action.PLAN_TRANSPORT)
    result = preview_plan(store, day, port, actor.role)
    return store.run(actor, Action.PLAN_TRANSPORT, lambda work: _write(work, result))


def _write(work: UnitOfWork, result: PlanResult) -> DayPlan:
    trip_ids = [trip["id"] for trip in result.trips]
    current = {
        (entry["trip_id"], entry["person_id"]): entry for entry in _entries(work.store, trip_ids)
    }
    household_of = {
        person.id: waiting.household_id for waiting in result.waiting for person in waiting.members
    }
    wanted = {(p.trip, p.person): p for p in result.plan.placed}
    for key, entry in current.items():
        if key not in wanted and entry["status"] == "planned":
            work.delete("roster_entry", entry["id"])
    for key, placed in wanted.items():
        entry = current.get(key)
        if entry is None:
            work.insert(
                "roster_entry",
                {
                    "trip_id": placed.trip,
                    "person_id": placed.person,
                    "household_id": household_of.get(placed.person, placed.household),
                    "seat": placed.seat,
                    "locked": int(placed.locked),
                    "status": "planned",
                    "created_at": work.at,
                    "updated_at": work.at,
                },
            )
        elif entry["seat"] != placed.seat:
            work.update("roster_entry", entry["id"], {"seat": placed.seat, "updated_at": work.at})
    return result.plan


def move_household(store: Store, actor: Actor, household_id: str, to_trip: str) -> Done[list[str]]:
    """By hand, within the limits: the household sits together on the other trip (after the
    households already there), and stays there when the day is planned again (locked)."""
    require(actor, Action.PLAN_TRANSPORT)
    target = queries.rows(
        store.db,
        "SELECT t.*, v.name AS vehicle, v.rows, v.seats_per_row FROM trip t "
        "JOIN vehicle v ON v.id = t.vehicle_id WHERE t.id = ?",
        [to_trip],
    )
    if not target or target[0]["closed_at"]:
        raise NotFound("No open trip of that id", "No existe un viaje abierto con ese id")
    trip = target[0]
    day = date.fromisoformat(trip["day"])
    moving = [
        entry
        for entry in _entries(store, [t["id"] for t in trips_of(store, day, trip["port"])])
        if entry["household_id"] == household_id and entry["status"] == "planned"
    ]
    if not moving:
        raise Refused(
            "That household is not planned on this day's trips",
            "Ese hogar no está en los viajes de este día",
        )
    seating = Seating(_vehicle(trip), store.policy().transport)
    staying: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in _entries(store, [to_trip]):
        if entry["household_id"] != household_id:
            staying[entry["household_id"]].append(entry)
    for other, entries in staying.items():
        seating.place(other, len(entries))
    seats = seating.place(household_id, len(moving))
    if seats is None:
        raise Refused(
            f"The household does not fit together on {trip['vehicle']}",
            f"El hogar no cabe junto en {trip['vehicle']}",
        )

    def move(work: UnitOfWork) -> list[str]:
        for entry, seat in zip(moving, seats, strict=True):
            work.update(
                "roster_entry",
                entry["id"],
                {"trip_id": to_trip, "seat": seat, "locked": 1, "updated_at": work.at},
            )
        return list(seats)

    return store.run(actor, Action.PLAN_TRANSPORT, move)


def set_locked(
    store: Store, actor: Actor, trip_id: str, household_id: str, locked: bool
) -> Done[int]:
    """A locked household keeps its trip and seats when the day is planned again."""
    require(actor, Action.PLAN_TRANSPORT)
    entries = [e for e in _entries(store, [trip_id]) if e["household_id"] == household_id]

    def mark(work: UnitOfWork) -> int:
        return sum(
            work.update("roster_entry", e["id"], {"locked": int(locked), "updated_at": work.at})
            for e in entries
        )

    return store.run(actor, Action.PLAN_TRANSPORT, mark)
