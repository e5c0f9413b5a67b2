"""Issue 13's "done when": on random small sites a planned day respects every transport rule,
and the printed roster and the CBP manifest carry exactly the planned people, in order.

Each example builds a site through the core (`tests.helpers.transport`): households of one to
six, ready or held by a blocker, screened one to five days before departure (a clearance counts
three days); one to three vehicles; a seating policy with or without closed rows and empty
seats between households, and a port capacity. The day is planned (in some examples planned
again with a household locked on its trip) and checked from the outside: the roster as
written, each planned person's status re-read on the departure day, the rendered roster's QR
codes decoded off the page, and the manifest read as CBP reads it.
"""

from __future__ import annotations

import csv
import io
import secrets
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from forms.roster.build import TripSeats, manifest_rows, roster_sheets, travelling
from forms.roster.pdf import render_roster
from staging.audit.keys import device_audit_key
from staging.clock import FrozenClock
from staging.domain import Role
from staging.domain import ScreeningOutcome as Outcome
from staging.intake.queries import resolve_scan
from staging.people import queries
from staging.registration.parsing import format_a_number
from staging.rules import Policy, household_priority, person_status
from staging.rules.screening import clearance_valid_through
from staging.rules.transport import (
    DayPlan,
    NotPlanned,
    PortCapacity,
    TransportPolicy,
    Vehicle,
    daily_capacity,
    effective_seats,
    open_rows,
)
from staging.site.settings import save_site_settings
from staging.store.store import Actor, Store
from staging.transport.manifest import manifest_csv
from staging.transport.operations import add_trip, add_vehicle
from staging.transport.planning import plan, set_locked, trips_of, waiting_households
from staging.transport.queries import roster
from tests.helpers.transport import (
    ADMIN,
    HouseholdSpec,
    Story,
    build_households,
    moment,
    scanned_in_order,
)

PORT = "SYS"
SITE = "Sitio de prueba — Tijuana"
COORDINATOR = Actor("carmen", Role.COORDINATOR)
LEFT_FOR_ROOM = {NotPlanned.NO_CAPACITY_LEFT, NotPlanned.NO_SEAT_TOGETHER}

households = st.builds(
    HouseholdSpec,
    size=st.sampled_from([1, 1, 2, 2, 3, 4, 5, 6]),
    story=st.sampled_from([Story.READY] * 4 + list(Story)),
    days_before=st.sampled_from([1, 1, 2, 3, 4, 5]),
    enrolled=st.dates(date(2019, 1, 29), date(2021, 1, 20)),
    baby=st.booleans(),
)
policies = st.builds(
    TransportPolicy,
    close_every_other_row=st.booleans(),
    empty_seat_between_households=st.booleans(),
    capacities=st.tuples(
        st.builds(
            PortCapacity,
            port=st.just(PORT),
            daily=st.integers(3, 40),
            weekdays_only=st.booleans(),
        )
    ),
)
vehicles = st.lists(st.tuples(st.integers(1, 10), st.integers(2, 5)), min_size=1, max_size=3)


@settings(max_examples=15, deadline=None)
@given(
    specs=st.lists(households, min_size=2, max_size=9),
    policy=policies,
    fleet=vehicles,
    departure=st.dates(date(2021, 3, 1), date(2021, 3, 14)),
    lock=st.booleans(),
)
def test_a_planned_day_keeps_every_rule_and_its_papers_carry_exactly_the_planned_people(
    specs: list[HouseholdSpec],
    policy: TransportPolicy,
    fleet: list[tuple[int, int]],
    departure: date,
    lock: bool,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "site.db"
        store = Store.open(
            path,
            clock=FrozenClock(moment(departure - timedelta(days=6))),
            key=secrets.token_bytes(32),
            audit_key=device_audit_key(path),
        )
        try:
            save_site_settings(store, ADMIN, SITE, Policy(transport=policy))
            build_households(store, Path(folder), specs, departure)
            for number, (rows, seats) in enumerate(fleet, start=1):
                vehicle = Vehicle(f"Vehículo {number}", rows, seats)
                vehicle_id = add_vehicle(store, COORDINATOR, vehicle).value
                add_trip(store, COORDINATOR, departure, PORT, f"{6 + number:02d}:30", vehicle_id)
            day_plan = plan(store, COORDINATOR, departure, PORT).value
            locked: dict[str, str] = {}
            if lock and day_plan.placed:
                last = day_plan.placed[-1]
                set_locked(store, COORDINATOR, last.trip, last.household, True)
                locked = {
                    p.person: p.trip for p in day_plan.placed if p.household == last.household
                }
                day_plan = plan(store, COORDINATOR, departure, PORT).value
                kept = {p.person: p.trip for p in day_plan.placed if p.person in locked}
                assert kept == locked, "a locked household keeps its trip"
            trips = [(trip, roster(store, trip["id"])) for trip in trips_of(store, departure, PORT)]
            check_rules(store, departure, policy, day_plan, trips, set(locked))
            check_papers(store, day_plan, trips)
        finally:
            store.close()


def seat_order(seat: str) -> tuple[int, str]:
    return int(seat[:-1]), seat[-1]


def check_rules(
    store: Store,
    day: date,
    policy: TransportPolicy,
    day_plan: DayPlan,
    trips: list[TripSeats],
    locked: set[str],
) -> None:
    written = {(s.person.id, trip["id"], s.seat) for trip, seats in trips for s in seats}
    assert written == {(p.person, p.trip, p.seat) for p in day_plan.placed}
    waiting = waiting_households(store, day)
    members = {w.household_id: {p.id for p in w.members} for w in waiting}
    household_of = {p.id: w.household_id for w in waiting for p in w.members}

    # Households are never split: all of one household on one trip, or none of it planned.
    trip_of: dict[str, set[str]] = defaultdict(set)
    planned: dict[str, set[str]] = defaultdict(set)
    for placed in day_plan.placed:
        trip_of[placed.household].add(placed.trip)
        planned[placed.household].add(placed.person)
    for household, people in planned.items():
        assert len(trip_of[household]) == 1
        assert people == members[household]

    # Seating: open rows only, a household together, households apart; seats per vehicle.
    for trip, seats in trips:
        vehicle = Vehicle(trip["vehicle"], trip["rows"], trip["seats_per_row"])
        check_seating(vehicle, policy, [(s.seat, household_of[s.person.id]) for s in seats])
        assert len(seats) <= effective_seats(vehicle, policy)

    # The port's capacity for the day.
    assert day_plan.people <= daily_capacity(policy, PORT, day)

    # Nobody blocked travels; each planned clearance still counts on the departure day.
    site_policy = store.policy()
    for placed in day_plan.placed:
        person = queries.person_from_row(queries.find_person(store, placed.person))
        assert person_status(person, day, site_policy, Role.ADMIN).blockers == ()
        health = person.health
        assert health.outcome is Outcome.CLEARED and health.clearance_base is not None
        through = clearance_valid_through(
            health.clearance_base, site_policy.screening, health.recovered_positive_on
        )
        assert day <= through

    # Priority: the queue is in priority order; a ready household left for want of room is
    # passed only by smaller ones; everyone else left says why.
    order = [w.household_id for w in waiting]
    by_id = {w.household_id: w for w in waiting}
    assert order == sorted(
        order,
        key=lambda h: (household_priority(by_id[h].members, day, site_policy.priority), h),
    )
    reasons = {left.person: set(left.reasons) for left in day_plan.left}
    smallest_left: int | None = None
    for household in order:
        people = members[household]
        if household in planned:
            if not people & locked and smallest_left is not None:
                assert len(people) < smallest_left, "a household passed only by smaller ones"
            continue
        assert all(reasons.get(person) for person in people), "everyone left says why"
        if all(reasons[person] <= LEFT_FOR_ROOM for person in people):
            smallest_left = min(len(people), smallest_left or len(people))


def check_seating(vehicle: Vehicle, policy: TransportPolicy, seats: list[tuple[str, str]]) -> None:
    """`seats`: (label, household) of one trip."""
    rows = open_rows(vehicle, policy)
    width = vehicle.seats_per_row
    taken = [(int(label[:-1]), ord(label[-1]) - ord("A"), household) for label, household in seats]
    assert len({(row, seat) for row, seat, _ in taken}) == len(taken), "one person a seat"
    assert all(row in rows and 0 <= seat < width for row, seat, _ in taken)
    by_household: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row, seat, household in taken:
        by_household[household].append((row, seat))
    for household, places in by_household.items():
        places.sort()
        used_rows = sorted({row for row, _ in places})
        if len(places) <= width:
            assert len(used_rows) == 1, "a household that fits a row sits in one"
            columns = [seat for _, seat in places]
            assert columns == list(range(columns[0], columns[0] + len(places)))
        else:
            first = rows.index(used_rows[0])
            assert used_rows == rows[first : first + len(used_rows)], "rows of its own, in turn"
            expected = [(row, seat) for row in used_rows for seat in range(width)]
            assert places == expected[: len(places)]
            sharing = {other for row, _, other in taken if row in used_rows}
            assert sharing == {household}, "a household larger than a row has its rows alone"
    gap = 1 if policy.empty_seat_between_households else 0
    in_row: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for row, seat, household in taken:
        in_row[row].append((seat, household))
    for row_seats in in_row.values():
        row_seats.sort()
        for (left, one), (right, other) in pairwise(row_seats):
            if one != other:
                assert right - left - 1 >= gap, "an empty seat between two households"


def check_papers(store: Store, day_plan: DayPlan, trips: list[TripSeats]) -> None:
    departs = {trip["id"]: index for index, (trip, _) in enumerate(trips)}
    expected = [
        p.person
        for p in sorted(day_plan.placed, key=lambda p: (departs[p.trip], seat_order(p.seat)))
    ]
    rows = manifest_rows(trips)
    sheets = roster_sheets(SITE, trips)
    assert [seat.person.id for _, seats in trips for seat in travelling(seats)] == expected
    if not expected:
        assert sheets == [] and rows == []
        return
    codes = scanned_in_order(render_roster(sheets))
    scanned = [resolve_scan(store, code) for code in codes]
    assert [record["id"] for record in scanned] == expected, "the QR codes are the plan, in order"
    manifest = list(csv.DictReader(io.StringIO(manifest_csv(rows).decode("utf-8-sig"))))
    assert len(manifest) == len(scanned)
    seats = {p.person: p.seat for p in day_plan.placed}
    for order, (record, line) in enumerate(zip(scanned, manifest, strict=True), start=1):
        assert line["order"] == str(order)
        assert line["seat"] == seats[record["id"]]
        assert line["a_number"] == format_a_number(record["a_number"])
        assert line["first_name"] == record["given_names"]
        assert line["household"] == record["household_external_id"]
