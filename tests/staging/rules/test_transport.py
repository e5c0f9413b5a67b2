"""Transport to the port (DESIGN.md step 9) on plain data: the port's capacity on a day, seating a
vehicle household by household, and the day's plan.

The properties replay every plan against the rules as the issue states them, with their own
reading of a row (any free run of seats, not `Seating`'s left-to-right packing), so a plan that
splits a family, seats strangers side by side or passes over a household that fitted fails here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from staging.errors import Refused
from staging.rules.paperwork import PaperworkBlocker
from staging.rules.screening import ScreeningBlocker
from staging.rules.transport import (
    DEFAULT_DAILY_CAPACITY,
    DayPlan,
    Household,
    NotPlanned,
    Placed,
    PortCapacity,
    Seating,
    TransportPolicy,
    Trip,
    Vehicle,
    daily_capacity,
    effective_seats,
    open_rows,
    plan_day,
    seat_label,
)
from staging.vocabulary import LABELS

# CDC 2020: every other row closed and a seat left empty between households.
DISTANCED = TransportPolicy()
PACKED = TransportPolicy(close_every_other_row=False, empty_seat_between_households=False)
MONDAY = date(2021, 3, 1)
SATURDAY = date(2021, 3, 13)
FILLED_IN = "Smaller households behind one that did not fit took the seats left"


def household(
    id: str, size: int, blockers: Mapping[str, tuple[StrEnum, ...]] | None = None
) -> Household:
    return Household(id, tuple(f"{id}-{n}" for n in range(1, size + 1)), blockers or {})


def where(label: str) -> tuple[int, int]:
    """Seat "3C" is (3, 2): the row, and the seat counted from the left from 0."""
    return int(label[:-1]), ord(label[-1]) - ord("A")


def seated(plan: DayPlan) -> dict[str, tuple[str, ...]]:
    """Each placed household's seats, in member order."""
    seats: dict[str, list[str]] = defaultdict(list)
    for entry in plan.placed:
        seats[entry.household].append(entry.seat)
    return {household: tuple(labels) for household, labels in seats.items()}


def reasons(plan: DayPlan) -> dict[str, tuple[StrEnum, ...]]:
    return {entry.person: entry.reasons for entry in plan.left}


# --- the port's capacity ------------------------------------------------------------------------


def test_usual_figure_on_a_weekday() -> None:
    policy = TransportPolicy(capacities=(PortCapacity("ELP", daily=40),))
    assert daily_capacity(policy, "ELP", MONDAY) == 40
    # A port the site never set receives the 2021 figure.
    assert daily_capacity(policy, "SYS", MONDAY) == DEFAULT_DAILY_CAPACITY


def test_a_weekdays_only_port_receives_nobody_on_a_weekend() -> None:
    weekdays = TransportPolicy(capacities=(PortCapacity("ELP", daily=40),))
    every_day = TransportPolicy(capacities=(PortCapacity("ELP", daily=40, weekdays_only=False),))
    assert daily_capacity(weekdays, "ELP", SATURDAY) == 0
    assert daily_capacity(weekdays, "ELP", date(2021, 3, 14)) == 0
    assert daily_capacity(every_day, "ELP", SATURDAY) == 40


# El Paso, 2021: nobody before the programme, then 25 → 50 → 100 a day, weekdays only. Given out of
# order on purpose: the figure in force is the latest date on or before the day.
EL_PASO = TransportPolicy(
    capacities=(
        PortCapacity(
            "ELP",
            daily=0,
            from_dates=(("2021-03-15", 100), ("2021-02-19", 25), ("2021-03-01", 50)),
        ),
    )
)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2021, 2, 18), 0),  # before the first date: the usual figure
        (date(2021, 2, 19), 25),  # the first date itself
        (date(2021, 2, 26), 25),
        (date(2021, 3, 1), 50),
        (date(2021, 3, 12), 50),  # the day before the next figure
        (date(2021, 3, 13), 0),  # a Saturday in the 50 period
        (date(2021, 3, 15), 100),
        (date(2021, 6, 1), 100),
    ],
)
def test_ramp_up_gives_the_figure_in_force_on_each_day(day: date, expected: int) -> None:
    assert daily_capacity(EL_PASO, "ELP", day) == expected


def test_a_stored_policy_with_lists_gives_the_same_figures() -> None:
    stored = TransportPolicy(
        capacities=(
            {  # type: ignore[arg-type]
                "port": "ELP",
                "daily": 0,
                "from_dates": [["2021-03-15", 100], ["2021-02-19", 25], ["2021-03-01", 50]],
            },
        )
    )
    assert stored == EL_PASO
    assert daily_capacity(stored, "ELP", date(2021, 3, 12)) == 50


# --- seating -------------------------------------------------------------------------------------


def test_seat_labels_name_the_row_and_the_seat_from_the_left() -> None:
    assert seat_label(1, 0) == "1A"
    assert seat_label(3, 2) == "3C"
    assert seat_label(12, 4) == "12E"


def test_a_vehicle_outside_the_limits_is_refused() -> None:
    with pytest.raises(Refused):
        Vehicle("van", rows=0, seats_per_row=3)
    with pytest.raises(Refused):
        Vehicle("van", rows=3, seats_per_row=27)


def test_every_other_row_is_closed_by_policy() -> None:
    van = Vehicle("van", rows=5, seats_per_row=3)
    assert open_rows(van, DISTANCED) == [1, 3, 5]
    assert effective_seats(van, DISTANCED) == 9
    assert open_rows(van, PACKED) == [1, 2, 3, 4, 5]
    assert effective_seats(van, PACKED) == 15
    seating = Seating(van, DISTANCED)
    assert [seating.place(f"h{n}", 3) for n in range(4)] == [
        ("1A", "1B", "1C"),
        ("3A", "3B", "3C"),
        ("5A", "5B", "5C"),
        None,
    ]


def test_an_empty_seat_between_two_households_in_a_row() -> None:
    car = Vehicle("car", rows=1, seats_per_row=5)
    distanced = Seating(car, DISTANCED)
    assert distanced.place("a", 2) == ("1A", "1B")
    assert distanced.place("b", 2) == ("1D", "1E")
    assert distanced.place("c", 1) is None
    packed = Seating(car, PACKED)
    assert [packed.place(h, n) for h, n in [("a", 2), ("b", 2), ("c", 1)]] == [
        ("1A", "1B"),
        ("1C", "1D"),
        ("1E",),
    ]


def test_a_household_is_kept_in_one_row() -> None:
    seating = Seating(Vehicle("van", rows=3, seats_per_row=4), DISTANCED)
    assert seating.place("a", 2) == ("1A", "1B")
    # "1D" and "3A" + "3B" would be three seats, but not together.
    assert seating.place("b", 3) == ("3A", "3B", "3C")


def test_a_household_larger_than_a_row_takes_whole_consecutive_open_rows() -> None:
    seating = Seating(Vehicle("bus", rows=7, seats_per_row=3), DISTANCED)
    assert seating.place("single", 1) == ("1A",)
    # Row 1 is not empty: rows 3 and 5, the next open rows.
    assert seating.place("family", 5) == ("3A", "3B", "3C", "5A", "5B")
    assert seating.place("next", 1) == ("1C",)
    # "5C" is free but row 5 is the family's own.
    assert seating.place("last", 1) == ("7A",)


def test_a_household_that_does_not_fit_is_refused_and_nothing_changes() -> None:
    seating = Seating(Vehicle("bus", rows=5, seats_per_row=3), DISTANCED)
    assert seating.place("a", 1) == ("1A",)
    assert seating.place("b", 2) == ("3A", "3B")
    assert seating.place("c", 3) == ("5A", "5B", "5C")
    used, seats = dict(seating.used), dict(seating.seats)
    assert seating.place("pair", 2) is None  # a seat in row 1 and one in row 3, not together
    assert seating.place("wide", 4) is None  # two empty open rows needed, none is
    assert (seating.used, seating.seats) == (used, seats)
    assert seating.place("d", 1) == ("1C",)


# --- the day's plan ------------------------------------------------------------------------------


def test_priority_order_is_kept() -> None:
    trips = [Trip("t1", Vehicle("van", rows=3, seats_per_row=4))]
    queue = [household("first", 2), household("second", 3), household("third", 1)]
    plan = plan_day(trips, queue, 25, PACKED)
    # "third" sits in front of "second", but was considered after it.
    assert seated(plan) == {
        "first": ("1A", "1B"),
        "second": ("2A", "2B", "2C"),
        "third": ("1C",),
    }
    assert [entry.household for entry in plan.placed] == ["first"] * 2 + ["second"] * 3 + ["third"]
    assert plan.left == () and plan.notes == ()


def test_a_blocked_member_keeps_the_whole_household_out() -> None:
    blockers = {"blocked-2": (ScreeningBlocker.NOT_SCREENED, PaperworkBlocker.EOIR33_NOT_DONE)}
    queue = [household("blocked", 3, blockers), household("next", 2)]
    plan = plan_day([Trip("t1", Vehicle("van", rows=3, seats_per_row=4))], queue, 25, DISTANCED)
    assert list(seated(plan)) == ["next"]
    # Each person says why: the blocked one their own blockers, the others whose they wait for.
    assert reasons(plan) == {
        "blocked-1": (NotPlanned.HOUSEHOLD_MEMBER_BLOCKED,),
        "blocked-2": (ScreeningBlocker.NOT_SCREENED, PaperworkBlocker.EOIR33_NOT_DONE),
        "blocked-3": (NotPlanned.HOUSEHOLD_MEMBER_BLOCKED,),
    }
    # Nobody waited behind a household that could fit: no note.
    assert plan.notes == ()


def test_a_household_is_never_split_across_trips() -> None:
    trips = [Trip(f"t{n}", Vehicle(f"car {n}", rows=1, seats_per_row=4)) for n in (1, 2)]
    queue = [household("a", 3), household("b", 3), household("c", 2)]
    plan = plan_day(trips, queue, 25, PACKED)
    assert {(entry.household, entry.trip) for entry in plan.placed} == {("a", "t1"), ("b", "t2")}
    # One seat left on each car is two seats, but not together.
    assert reasons(plan) == {person: (NotPlanned.NO_SEAT_TOGETHER,) for person in ("c-1", "c-2")}


def test_smaller_households_behind_one_that_does_not_fit_take_the_seats_left() -> None:
    trips = [Trip("t1", Vehicle("car", rows=1, seats_per_row=5))]
    queue = [household("a", 3), household("b", 3), household("c", 2)]
    plan = plan_day(trips, queue, 25, PACKED)
    assert seated(plan) == {"a": ("1A", "1B", "1C"), "c": ("1D", "1E")}
    assert reasons(plan) == {f"b-{n}": (NotPlanned.NO_SEAT_TOGETHER,) for n in (1, 2, 3)}
    assert [note.en for note in plan.notes] == [FILLED_IN]
    assert all(note.es for note in plan.notes)


def test_the_port_capacity_is_never_exceeded() -> None:
    trips = [Trip("t1", Vehicle("bus", rows=10, seats_per_row=4))]
    queue = [household("a", 3), household("b", 3), household("c", 2), household("d", 1)]
    plan = plan_day(trips, queue, 5, PACKED)
    assert list(seated(plan)) == ["a", "c"]
    assert plan.people == 5 == plan.capacity
    assert reasons(plan) == {
        person: (NotPlanned.NO_CAPACITY_LEFT,) for person in ("b-1", "b-2", "b-3", "d-1")
    }
    assert [note.en for note in plan.notes] == [FILLED_IN]


def test_no_capacity_on_the_day_plans_nobody() -> None:
    trips = [Trip("t1", Vehicle("bus", rows=10, seats_per_row=4))]
    plan = plan_day(trips, [household("a", 1)], 0, PACKED)
    assert plan.placed == ()
    assert reasons(plan) == {"a-1": (NotPlanned.NO_CAPACITY_LEFT,)}


def test_locked_households_keep_their_trip_and_count_against_capacity() -> None:
    kept = household("kept", 2)
    trips = [
        Trip("t1", Vehicle("car 1", rows=2, seats_per_row=4)),
        Trip("t2", Vehicle("car 2", rows=2, seats_per_row=4), {"kept": kept.members}),
    ]
    queue = [household("first", 2), kept, household("after", 2)]
    plan = plan_day(trips, queue, 4, DISTANCED)
    assert [(entry.household, entry.trip, entry.locked) for entry in plan.placed] == [
        ("kept", "t2", True),
        ("kept", "t2", True),
        ("first", "t1", False),
        ("first", "t1", False),
    ]
    assert reasons(plan) == {f"after-{n}": (NotPlanned.NO_CAPACITY_LEFT,) for n in (1, 2)}


def test_a_locked_household_with_someone_now_blocked_stays_behind() -> None:
    """A lock keeps a trip, not a clearance: someone who tested positive since does not travel."""
    blocked = household("kept", 2, {"kept-1": (ScreeningBlocker.IN_ISOLATION,)})
    trips = [Trip("t1", Vehicle("car", rows=1, seats_per_row=4), {"kept": blocked.members})]
    plan = plan_day(trips, [blocked, household("next", 4)], 25, DISTANCED)
    assert seated(plan) == {"next": ("1A", "1B", "1C", "1D")}
    assert reasons(plan) == {
        "kept-1": (ScreeningBlocker.IN_ISOLATION,),
        "kept-2": (NotPlanned.HOUSEHOLD_MEMBER_BLOCKED,),
    }


def test_a_locked_household_travels_with_its_members_of_today() -> None:
    """A baby added to the household after the lock goes with it, not silently nowhere."""
    grown = household("kept", 3)
    trips = [Trip("t1", Vehicle("car", rows=1, seats_per_row=4), {"kept": grown.members[:2]})]
    plan = plan_day(trips, [grown], 25, DISTANCED)
    assert seated(plan) == {"kept": ("1A", "1B", "1C")}
    assert plan.left == ()


def test_locked_households_that_no_longer_fit_are_refused() -> None:
    kept = {"a": ("a-1", "a-2", "a-3"), "b": ("b-1", "b-2")}
    trips = [Trip("t1", Vehicle("car", rows=1, seats_per_row=5), kept)]
    with pytest.raises(Refused):
        plan_day(trips, [], 25, DISTANCED)


def test_locked_households_beyond_the_port_capacity_are_refused() -> None:
    """DHS lowered the figure after the plan was locked: the coordinator must choose who waits."""
    kept = {"a": ("a-1", "a-2", "a-3"), "b": ("b-1", "b-2")}
    trips = [Trip("t1", Vehicle("bus", rows=4, seats_per_row=5), kept)]
    assert plan_day(trips, [], 5, DISTANCED).people == 5
    with pytest.raises(Refused):
        plan_day(trips, [], 4, DISTANCED)


def test_every_reason_not_planned_has_words_in_both_languages() -> None:
    """A code without words would reach a Spanish screen as it is."""
    assert [code for code in NotPlanned if code not in LABELS] == []
    assert all(LABELS[code].en and LABELS[code].es for code in NotPlanned)


# --- properties: every plan, replayed -----------------------------------------------------------

BLOCKERS: tuple[StrEnum, ...] = (
    ScreeningBlocker.NOT_SCREENED,
    ScreeningBlocker.IN_ISOLATION,
    ScreeningBlocker.CLEARANCE_EXPIRED,
    PaperworkBlocker.EOIR33_NOT_DONE,
)


@dataclass(frozen=True)
class Day:
    """What a coordinator plans: the trips (some households kept from an earlier plan), the
    queue in priority order and the port's capacity."""

    trips: tuple[Trip, ...]
    queue: tuple[Household, ...]
    capacity: int
    policy: TransportPolicy


@st.composite
def days(draw: st.DrawFn) -> Day:
    policy = TransportPolicy(
        close_every_other_row=draw(st.booleans()),
        empty_seat_between_households=draw(st.booleans()),
    )
    vehicles = draw(
        st.lists(
            st.builds(
                Vehicle,
                name=st.sampled_from(["van", "bus"]),
                rows=st.integers(1, 15),
                seats_per_row=st.integers(2, 5),
            ),
            min_size=1,
            max_size=3,
        )
    )
    queue = []
    for number, size in enumerate(draw(st.lists(st.integers(1, 9), max_size=14))):
        members = tuple(f"h{number}-{n}" for n in range(size))
        blocked = []
        if draw(st.integers(0, 3)) == 0:
            blocked = draw(st.lists(st.sampled_from(members), min_size=1, max_size=3, unique=True))
        blockers = {
            person: tuple(draw(st.lists(st.sampled_from(BLOCKERS), min_size=1, max_size=2)))
            for person in blocked
        }
        queue.append(Household(f"h{number}", members, blockers))
    capacity = draw(st.integers(0, 80))
    # Households kept from an earlier plan fitted their trip and the port when they were kept;
    # someone in one may have become blocked since.
    seatings = [Seating(vehicle, policy) for vehicle in vehicles]
    locked: list[dict[str, tuple[str, ...]]] = [{} for _ in vehicles]
    kept = 0
    for entry in queue:
        if draw(st.integers(0, 5)) != 0:
            continue
        index = draw(st.integers(0, len(vehicles) - 1))
        size = len(entry.members)
        if not entry.ready:
            locked[index][entry.id] = entry.members
        elif kept + size <= capacity and seatings[index].place(entry.id, size) is not None:
            locked[index][entry.id] = entry.members
            kept += size
    trips = tuple(Trip(f"t{n}", vehicle, locked[n]) for n, vehicle in enumerate(vehicles))
    return Day(trips, tuple(queue), capacity, policy)


@dataclass
class Cabin:
    """Who sits where in one vehicle, as a plan says, read without `Seating`."""

    vehicle: Vehicle
    policy: TransportPolicy
    taken: dict[int, dict[int, str]] = field(default_factory=lambda: defaultdict(dict))
    # Rows of a household larger than a row: nobody else sits there.
    own_rows: set[int] = field(default_factory=set)

    def sit(self, household: str, labels: Sequence[str]) -> None:
        for label in labels:
            row, seat = where(label)
            self.taken[row][seat] = household
        if len(labels) > self.vehicle.seats_per_row:
            self.own_rows |= {where(label)[0] for label in labels}

    def could_sit(self, size: int) -> bool:
        """Whether `size` people could sit together anywhere the rules allow."""
        width = self.vehicle.seats_per_row
        opened = open_rows(self.vehicle, self.policy)
        if size > width:
            needed = -(-size // width)
            return any(
                not any(self.taken.get(row) for row in opened[first : first + needed])
                for first in range(len(opened) - needed + 1)
            )
        gap = 1 if self.policy.empty_seat_between_households else 0
        return any(
            not any(
                seat in self.taken.get(row, {}) for seat in range(start - gap, start + size + gap)
            )
            for row in opened
            if row not in self.own_rows
            for start in range(width - size + 1)
        )


def check_seating(day: Day, plan: DayPlan) -> None:
    """Each vehicle: open rows only, no seat twice, households together and apart."""
    seats = seated(plan)
    assert len({(entry.trip, entry.seat) for entry in plan.placed}) == len(plan.placed)
    for trip in day.trips:
        width = trip.vehicle.seats_per_row
        opened = open_rows(trip.vehicle, day.policy)
        entries = [entry for entry in plan.placed if entry.trip == trip.id]
        assert len(entries) <= effective_seats(trip.vehicle, day.policy)
        rows: dict[int, dict[int, str]] = defaultdict(dict)
        for entry in entries:
            row, seat = where(entry.seat)
            assert row in opened and 0 <= seat < width, entry
            rows[row][seat] = entry.household
        if day.policy.empty_seat_between_households:
            for taken in rows.values():
                assert all(taken.get(seat + 1, who) == who for seat, who in taken.items()), taken
        for household in {entry.household for entry in entries}:
            spots = [where(label) for label in seats[household]]
            used = sorted({row for row, _ in spots})
            if len(spots) <= width:
                columns = sorted(seat for _, seat in spots)
                assert len(used) == 1 and columns == list(range(columns[0], columns[-1] + 1))
            else:
                first = opened.index(used[0])
                assert used == opened[first : first + -(-len(spots) // width)]
                assert all(set(rows[row].values()) == {household} for row in used)


def check_people(day: Day, plan: DayPlan) -> None:
    """Everyone queued is planned with the whole household, or stays behind saying why."""
    kept_on = {household: trip.id for trip in day.trips for household in trip.locked}
    seats = seated(plan)
    why = reasons(plan)
    everyone = sorted((h.id, person) for h in day.queue for person in h.members)
    assert (
        sorted(
            [(entry.household, entry.person) for entry in plan.placed]
            + [(entry.household, entry.person) for entry in plan.left]
        )
        == everyone
    )
    assert plan.people <= day.capacity
    for entry in day.queue:
        planned = [placed for placed in plan.placed if placed.household == entry.id]
        if planned:
            assert entry.ready
            assert tuple(placed.person for placed in planned) == entry.members
            assert len({placed.trip for placed in planned}) == 1
            assert {placed.locked for placed in planned} == {entry.id in kept_on}
            if entry.id in kept_on:
                assert planned[0].trip == kept_on[entry.id]
        elif not entry.ready:
            for person in entry.members:
                own = tuple(entry.blockers.get(person, ()))
                assert why[person] == (own or (NotPlanned.HOUSEHOLD_MEMBER_BLOCKED,))
        else:
            assert entry.id not in kept_on and entry.id not in seats
            assert {why[person] for person in entry.members} in (
                {(NotPlanned.NO_CAPACITY_LEFT,)},
                {(NotPlanned.NO_SEAT_TOGETHER,)},
            )


def check_priority(day: Day, plan: DayPlan) -> None:
    """Replay the queue: a ready household stays behind only if it could not go when its turn
    came, and one that goes after it did not take a place it could have had."""
    kept_on = {household: trip.id for trip in day.trips for household in trip.locked}
    seats = seated(plan)
    on_trip = {entry.household: entry.trip for entry in plan.placed}
    why = reasons(plan)
    cabins = {trip.id: Cabin(trip.vehicle, day.policy) for trip in day.trips}
    for household, trip in kept_on.items():
        if household in seats:
            cabins[trip].sit(household, seats[household])
    room = day.capacity - sum(len(seats[h]) for h in kept_on if h in seats)
    skipped: list[Household] = []
    filled_in = False
    for entry in day.queue:
        if entry.id in kept_on or not entry.ready:
            continue
        size = len(entry.members)
        fits = [trip.id for trip in day.trips if cabins[trip.id].could_sit(size)]
        if entry.id in seats:
            # The first trip where it sits together, with room left at the port.
            assert size <= room and fits[:1] == [on_trip[entry.id]]
            for other in skipped:
                assert len(other.members) > room or not any(
                    cabin.could_sit(len(other.members)) for cabin in cabins.values()
                )
            filled_in = filled_in or bool(skipped)
            cabins[on_trip[entry.id]].sit(entry.id, seats[entry.id])
            room -= size
        else:
            if size > room:
                assert why[entry.members[0]] == (NotPlanned.NO_CAPACITY_LEFT,)
            else:
                assert why[entry.members[0]] == (NotPlanned.NO_SEAT_TOGETHER,) and fits == []
            skipped.append(entry)
    assert [note.en for note in plan.notes] == ([FILLED_IN] if filled_in else [])


@settings(deadline=None, max_examples=400)
@given(days())
def test_every_plan_keeps_the_rules(day: Day) -> None:
    plan = plan_day(day.trips, day.queue, day.capacity, day.policy)
    assert plan.capacity == day.capacity
    check_seating(day, plan)
    check_people(day, plan)
    check_priority(day, plan)


@settings(deadline=None, max_examples=200)
@given(
    st.builds(
        Vehicle, name=st.just("van"), rows=st.integers(1, 15), seats_per_row=st.integers(2, 5)
    ),
    st.booleans(),
    st.booleans(),
    st.lists(st.integers(1, 9), max_size=20),
)
def test_seating_refuses_only_what_does_not_fit(
    vehicle: Vehicle, close_rows: bool, empty_seat: bool, sizes: list[int]
) -> None:
    """Seat by seat: what `place` gives is a place the rules allow, and None only when none is."""
    policy = TransportPolicy(
        close_every_other_row=close_rows, empty_seat_between_households=empty_seat
    )
    seating = Seating(vehicle, policy)
    cabin = Cabin(vehicle, policy)
    for number, size in enumerate(sizes):
        labels = seating.place(f"h{number}", size)
        assert (labels is not None) == cabin.could_sit(size)
        if labels is not None:
            assert len(labels) == size
            cabin.sit(f"h{number}", labels)
    trip = Trip("t", vehicle)
    placed = tuple(
        Placed("t", household, f"{household}-{n}", label, False)
        for household, labels in seating.seats.items()
        for n, label in enumerate(labels)
    )
    check_seating(Day((trip,), (), len(placed), policy), DayPlan(placed, (), (), len(placed)))
