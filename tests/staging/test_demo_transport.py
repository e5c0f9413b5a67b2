"""The demo site's transport: tomorrow's trips fill from the ready people, yesterday's trip
reached the port with a household missing (back in the queue), all recorded through the
operations on the days it happened, and the same for a seed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.demo.generator import generate_demo_site
from staging.demo.transport import TOMORROWS_TRIPS, VEHICLES
from staging.domain import Role
from staging.people import queries
from staging.rules import person_status
from staging.rules.transport import NotPlanned, TransportStage, daily_capacity
from staging.security.access import Session
from staging.store.store import Actor
from staging.transport.planning import plan, trips_of, waiting_households
from staging.transport.queries import roster

MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)  # 10:00 in Tijuana
TODAY = date(2021, 3, 1)
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)
COORDINATOR = Actor("coordinator", Role.COORDINATOR)
PORT = "SYS"


def build(folder: Path) -> Session:
    folder.mkdir(exist_ok=True)
    return create_demo_site(folder / "site.db", people=300, seed=3, clock=FrozenClock(MOMENT))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    session = build(tmp_path_factory.mktemp("transport-demo"))
    yield session
    session.close()


def journey(demo: Session) -> list[tuple]:
    """The trips and who sat where, boarded how, by registration id (no ids made at random)."""
    return demo.store.db.execute(
        "SELECT t.day, t.departs_at, v.name, t.closed_at, t.arrived_at, p.registration_id, "
        "r.seat, r.status, b.mask, b.boarded_by FROM trip t JOIN vehicle v ON v.id = t.vehicle_id "
        "LEFT JOIN roster_entry r ON r.trip_id = t.id LEFT JOIN person p ON p.id = r.person_id "
        "LEFT JOIN boarding b ON b.trip_id = t.id AND b.person_id = r.person_id "
        "ORDER BY t.day, t.departs_at, r.seat"
    ).fetchall()


def test_the_ports_capacity_ramps_up_around_the_demos_day(demo: Session) -> None:
    policy = demo.store.policy().transport
    figures = [daily_capacity(policy, PORT, TODAY + timedelta(days=n)) for n in (-30, 1, 30)]
    assert figures == [25, 50, 100]


def test_planning_tomorrow_fills_its_trips(demo: Session) -> None:
    store = demo.store
    trips = trips_of(store, TOMORROW, PORT)
    assert [(t["vehicle"], t["departs_at"]) for t in trips] == list(TOMORROWS_TRIPS)
    day = plan(store, COORDINATOR, TOMORROW, PORT).value
    assert {p.trip for p in day.placed} == {t["id"] for t in trips}, "every trip takes people"
    left_for_seats = {
        left.household for left in day.left if NotPlanned.NO_SEAT_TOGETHER in left.reasons
    }
    assert left_for_seats, "ready people wait for want of seats: the trips are full"
    assert day.people < day.capacity, "the seats ran out, not the port's capacity"
    # Everyone wears a wristband: the printed roster has a QR code on every row.
    assert all(seat.band_code for trip in trips for seat in roster(store, trip["id"]))


def test_the_households_that_came_yesterday_are_ready_for_tomorrow(demo: Session) -> None:
    story = generate_demo_site(people=300, seed=3, today=TODAY).transport
    store, policy = demo.store, demo.store.policy()
    waiting = [registration for household in story.waiting for registration in household]
    assert waiting
    for registration in waiting:
        person = queries.person_from_row(queries.find_person(store, registration))
        assert person_status(person, TOMORROW, policy, Role.COORDINATOR).blockers == ()


def test_yesterdays_trip_reached_the_port_with_a_household_missing(demo: Session) -> None:
    store = demo.store
    [trip] = trips_of(store, YESTERDAY, PORT)
    assert trip["vehicle"] == VEHICLES[0].name and trip["closed_at"]
    assert datetime.fromisoformat(trip["arrived_at"]).date() == YESTERDAY
    seats = roster(store, trip["id"])
    boarded = [seat for seat in seats if seat.status == "boarded"]
    missing = [seat for seat in seats if seat.status == "no_show"]
    assert boarded and missing
    assert len({seat.household_external_id for seat in missing}) == 1
    policy = store.policy()
    for seat in boarded:
        person = queries.person_from_row(queries.find_person(store, seat.person.id))
        status = person_status(person, TODAY, policy, Role.COORDINATOR)
        assert (status.stage, status.blockers) == (TransportStage.DELIVERED, ())
    masks = {
        mask
        for (mask,) in store.db.execute(
            "SELECT mask FROM boarding WHERE trip_id = ? AND instructions_given", [trip["id"]]
        )
    }
    assert masks and masks <= {"own", "provided", "exempt"}


def test_the_no_show_is_back_in_the_queue_and_the_delivered_are_not(demo: Session) -> None:
    store = demo.store
    [trip] = trips_of(store, YESTERDAY, PORT)
    seats = roster(store, trip["id"])
    waiting = {w.household_external_id for w in waiting_households(store, TOMORROW)}
    missing = {seat.household_external_id for seat in seats if seat.status == "no_show"}
    delivered = {seat.household_external_id for seat in seats if seat.status == "boarded"}
    assert missing <= waiting
    assert not delivered & waiting


def test_the_same_seed_records_the_same_trips(tmp_path: Path) -> None:
    first, again = build(tmp_path / "first"), build(tmp_path / "again")
    try:
        assert journey(again) == journey(first)
    finally:
        first.close()
        again.close()
