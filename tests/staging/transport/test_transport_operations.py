"""A day's trip from plan to hand-over, through the write path, on a small site."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.domain import Role, Verification
from staging.errors import PermissionDenied, Refused
from staging.intake.operations import check_in
from staging.paperwork.operations import Courts, mark_served, prefilled_entry, save_form
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import StopSign, person_status
from staging.rules.screening import Answers, AntigenResult
from staging.rules.transport import (
    NotPlanned,
    PortCapacity,
    TransportPolicy,
    TransportStage,
    Vehicle,
)
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.supplies import KNOWN_KITS, add_kit_lot, add_kit_type
from staging.site.settings import save_site_settings
from staging.store.store import Actor, Store
from staging.transport.operations import (
    SplitHousehold,
    add_trip,
    add_vehicle,
    board,
    close_trip,
    record_arrival,
    trip_row,
)
from staging.transport.planning import move_household, plan, preview_plan
from staging.transport.queries import roster
from staging.verification.operations import record_verification
from tests.conftest import registration_row, write_registrations

TODAY = date(2021, 3, 1)  # a Monday
TOMORROW = TODAY + timedelta(days=1)
SCREENER = Actor("sofia", Role.SCREENER)
ADMIN = Actor("admin", Role.ADMIN)


def ready_household(store: Store, clock: FrozenClock, ids: list[str]) -> None:
    """Verified, checked in, cleared today, EOIR-33 served: ready to travel tomorrow."""
    record_verification(store, ADMIN, ids, Verification.VERIFIED)
    check_in(store, ADMIN, ids, frozenset(StopSign))
    lot = store.db.execute("SELECT id FROM kit_lot").fetchone()[0]
    for person in ids:
        now = clock.now()
        entry = ScreeningEntry(
            person,
            Answers(),
            36.7,
            kit_lot_id=lot,
            collected_at=now - timedelta(minutes=20),
            read_at=now,
            result=AntigenResult.NEGATIVE,
        )
        record_screening(store, SCREENER, entry)
        form = replace(
            prefilled_entry(store, person),
            current_street="1520 N Mesa St",
            current_city="El Paso",
            current_state="TX",
            current_zip="79902",
            signed_on=TODAY,
        )
        save_form(store, ADMIN, person, form, Courts("el-paso", "el-paso"))
        mark_served(
            store,
            ADMIN,
            person,
            server_name="Carmen",
            opla_office="el-paso",
            served_on=TODAY,
            method="first_class_mail",
        )


@pytest.fixture
def site(store: Store, clock: FrozenClock, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [
        registration_row(
            1, household_id="H-1", given_names="José", mpp_enrollment_date="2019-02-01"
        ),
        registration_row(
            2, household_id="H-1", given_names="Ana", mpp_enrollment_date="2019-02-01"
        ),
        registration_row(
            3, household_id="H-2", given_names="Luis", mpp_enrollment_date="2019-05-01"
        ),
        registration_row(
            4, household_id="H-3", given_names="Rosa", mpp_enrollment_date="2019-06-01"
        ),
    ]
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    kit = add_kit_type(store, ADMIN, KNOWN_KITS[0]).value
    add_kit_lot(store, ADMIN, kit, "BX-1", date(2021, 12, 31))
    ids = {n: queries.find_person(store, f"REG-000{n}")["id"] for n in (1, 2, 3, 4)}
    ready_household(store, clock, [ids[1], ids[2]])
    ready_household(store, clock, [ids[3]])
    check_in(store, ADMIN, [ids[4]], frozenset(StopSign))  # not screened: stays behind
    return store


def test_a_day_from_plan_to_hand_over(site: Store, coordinator: Actor) -> None:
    van = add_vehicle(site, coordinator, Vehicle("Van 1", rows=4, seats_per_row=3)).value
    trip = add_trip(site, coordinator, TOMORROW, "SYS", "07:30", van).value
    result = plan(site, coordinator, TOMORROW, "SYS").value
    planned = [p.person for p in result.placed]
    assert len(planned) == 3
    left = {entry.person: entry.reasons for entry in result.left}
    rosa = queries.find_person(site, "REG-0004")["id"]
    assert "not_screened" in [str(r) for r in left[rosa]]
    seats = {entry.person.registration_id: entry.seat for entry in roster(site, trip)}
    assert seats == {"REG-0001": "1A", "REG-0002": "1B", "REG-0003": "3A"}

    luis = queries.find_person(site, "REG-0003")
    with pytest.raises(Refused, match=r"STOP: .* is not on this trip"):
        board(site, coordinator, trip, "REG-0004", mask="own", instructions_given=True)
    with pytest.raises(Refused, match="travellers' instructions"):
        board(site, coordinator, trip, "REG-0001", mask="own", instructions_given=False)
    board(site, coordinator, trip, "REG-0001", mask="own", instructions_given=True)
    board(site, coordinator, trip, "REG-0002", mask="provided", instructions_given=True)
    assert close_trip(site, coordinator, trip).value == [luis["id"]]
    record_arrival(site, coordinator, trip)

    jose = queries.person_from_row(queries.find_person(site, "REG-0001"))
    status = person_status(jose, TOMORROW, site.policy(), Role.COORDINATOR)
    assert (status.stage, status.blockers) == (TransportStage.DELIVERED, ())
    luis_now = queries.person_from_row(queries.find_person(site, "REG-0003"))
    assert luis_now.travel.roster_status == "no_show"


def test_the_port_capacity_and_locks_hold_when_planning_again(
    site: Store, coordinator: Actor
) -> None:
    van = add_vehicle(site, coordinator, Vehicle("Van 1", rows=4, seats_per_row=3)).value
    bus = add_vehicle(site, coordinator, Vehicle("Bus 2", rows=6, seats_per_row=4)).value
    first = add_trip(site, coordinator, TOMORROW, "SYS", "07:30", van).value
    second = add_trip(site, coordinator, TOMORROW, "SYS", "09:00", bus).value
    plan(site, coordinator, TOMORROW, "SYS")
    h1 = queries.find_person(site, "REG-0001")["household_id"]
    move_household(site, coordinator, h1, second)
    plan(site, coordinator, TOMORROW, "SYS")
    on_second = {entry.person.registration_id for entry in roster(site, second)}
    assert on_second == {"REG-0001", "REG-0002"}  # moved by hand, kept on re-planning
    assert {e.person.registration_id for e in roster(site, first)} == {"REG-0003"}


def test_no_trip_no_plan_and_the_ports_capacity_is_never_exceeded(
    site: Store, coordinator: Actor
) -> None:
    with pytest.raises(Refused, match="No open trip"):
        preview_plan(site, TOMORROW, "SYS", Role.COORDINATOR)
    van = add_vehicle(site, coordinator, Vehicle("Van 1", rows=4, seats_per_row=3)).value
    add_trip(site, coordinator, TOMORROW, "SYS", "07:30", van)
    two_a_day = TransportPolicy(capacities=(PortCapacity("SYS", daily=2),))
    save_site_settings(
        site, ADMIN, "Casa del Migrante", replace(site.policy(), transport=two_a_day)
    )
    result = preview_plan(site, TOMORROW, "SYS", Role.COORDINATOR)
    assert [p.household for p in result.plan.placed] == [
        queries.find_person(site, "REG-0001")["household_id"]
    ] * 2
    luis = queries.find_person(site, "REG-0003")["id"]
    assert {left.person: left.reasons for left in result.plan.left}[luis] == (
        NotPlanned.NO_CAPACITY_LEFT,
    )


def test_only_coordinators_plan(site: Store, intake: Actor) -> None:
    with pytest.raises(PermissionDenied):
        add_vehicle(site, intake, Vehicle("Van 1", rows=4, seats_per_row=3))


def test_a_trip_does_not_leave_with_part_of_a_household_unless_confirmed(
    site: Store, coordinator: Actor
) -> None:
    """Seen in a manual run: one member boarded, the trip closed, the family split."""
    van = add_vehicle(site, coordinator, Vehicle("Van 1", rows=4, seats_per_row=3)).value
    trip = add_trip(site, coordinator, TOMORROW, "SYS", "07:30", van).value
    plan(site, coordinator, TOMORROW, "SYS")
    board(site, coordinator, trip, "REG-0001", mask="own", instructions_given=True)
    with pytest.raises(SplitHousehold, match="Ana Pérez2 did not board while their family did"):
        close_trip(site, coordinator, trip)
    assert trip_row(site, trip)["closed_at"] is None
    ana = queries.find_person(site, "REG-0002")["id"]
    luis = queries.find_person(site, "REG-0003")["id"]
    assert set(close_trip(site, coordinator, trip, split_confirmed=True).value) == {ana, luis}
