"""Two registrations of one man (REG-0001 and REG-0002: alike names, one birth date, flagged as a
possible duplicate by the import), and REG-0002's partner Ana (REG-0003) in household H-2."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.operations import check_in
from staging.paperwork.operations import Courts, prefilled_entry, save_form
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.rules.screening import Answers, AntigenResult
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.supplies import KNOWN_KITS, add_kit_lot, add_kit_type
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations

TODAY = date(2021, 3, 1)  # the conftest clock's day at the site
ADDRESS = {
    "us_address_street": "1520 N Mesa St",
    "us_address_city": "El Paso",
    "us_address_state": "TX",
    "us_address_zip": "79902",
}


@dataclass(frozen=True)
class Pair:
    store: Store
    clock: FrozenClock
    duplicate: str
    first: str  # REG-0001, household H-1
    second: str  # REG-0002, household H-2
    partner: str  # REG-0003, household H-2
    lot: str


@pytest.fixture
def screener() -> Actor:
    return Actor("sofia", Role.SCREENER)


@pytest.fixture
def admin() -> Actor:
    return Actor("admin", Role.ADMIN)


@pytest.fixture
def pair(
    store: Store, clock: FrozenClock, coordinator: Actor, screener: Actor, tmp_path: Path
) -> Pair:
    today = TODAY.isoformat()
    rows = [
        registration_row(1, household_id="H-1", appointment_date=today, **ADDRESS),
        registration_row(2, household_id="H-2", appointment_date=today, phone="+52 664 555 0202"),
        registration_row(
            3, household_id="H-2", given_names="Ana", sex="F", date_of_birth="1990-04-02"
        ),
    ]
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "lista.csv", rows)
    )
    assert summary.possible_duplicates == 1
    first, second, partner = (queries.find_person(store, f"REG-000{n}")["id"] for n in (1, 2, 3))
    duplicate = store.db.execute("SELECT id FROM possible_duplicate").fetchone()[0]
    kit = add_kit_type(store, screener, KNOWN_KITS[0]).value
    lot = add_kit_lot(store, screener, kit, "BX-1", TODAY + timedelta(days=90)).value
    return Pair(store, clock, duplicate, first, second, partner, lot)


def arrive(pair: Pair, actor: Actor, *person_ids: str) -> None:
    check_in(pair.store, actor, list(person_ids), frozenset(StopSign))


def screen(
    pair: Pair, actor: Actor, person_id: str, result: AntigenResult, corrects: str | None = None
) -> str:
    """An antigen test read 20 minutes after the specimen went onto the card."""
    now = pair.clock.now()
    entry = ScreeningEntry(
        person_id=person_id,
        answers=Answers(),
        temperature=36.7,
        kit_lot_id=pair.lot,
        collected_at=now - timedelta(minutes=20),
        read_at=now,
        result=result,
        corrects=corrects,
    )
    return record_screening(pair.store, actor, entry).value.screening_id


def complete_form(pair: Pair, actor: Actor, person_id: str) -> None:
    signed = replace(prefilled_entry(pair.store, person_id), signed_on=TODAY)
    courts = Courts(current="el-paso", receiving="el-paso")
    assert save_form(pair.store, actor, person_id, signed, courts).value.complete
