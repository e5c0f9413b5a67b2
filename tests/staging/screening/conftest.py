"""A checked-in household of three (two adults and a baby), kits and an isolation place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.operations import check_in
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.screening.supplies import KNOWN_KITS, add_isolation_place, add_kit_lot, add_kit_type
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations

TODAY = date(2021, 3, 1)  # the conftest clock's day at the site


@dataclass(frozen=True)
class Site:
    store: Store
    clock: FrozenClock
    binax_lot: str
    carestart_lot: str
    expired_lot: str
    place: str
    adult: str
    partner: str
    baby: str


@pytest.fixture
def screener() -> Actor:
    return Actor("sofia", Role.SCREENER)


@pytest.fixture
def site(
    store: Store, clock: FrozenClock, coordinator: Actor, screener: Actor, tmp_path: Path
) -> Site:
    rows = [
        registration_row(1, household_id="H-1", appointment_date=TODAY.isoformat()),
        registration_row(2, household_id="H-1", given_names="Ana", sex="F"),
        registration_row(
            3,
            household_id="H-1",
            given_names="Bebé",
            date_of_birth="2020-08-01",
            mpp_enrollment_date="2020-09-01",
        ),
    ]
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    ids = [queries.find_person(store, f"REG-000{n}")["id"] for n in (1, 2, 3)]
    check_in(store, coordinator, ids, confirmed=frozenset(StopSign))
    binax, carestart = (add_kit_type(store, screener, kit).value for kit in KNOWN_KITS)
    binax_lot = add_kit_lot(store, screener, binax, "BX-1", date(2021, 6, 30)).value
    carestart_lot = add_kit_lot(store, screener, carestart, "CS-1", date(2021, 9, 30)).value
    expired = add_kit_lot(store, screener, binax, "BX-OLD", TODAY - timedelta(days=1)).value
    place = add_isolation_place(store, screener, "Hotel Frontera", "Av. Revolución 1").value
    return Site(store, clock, binax_lot, carestart_lot, expired, place, *ids)


def minutes_ago(clock: FrozenClock, minutes: int) -> datetime:
    return clock.now() - timedelta(minutes=minutes)
