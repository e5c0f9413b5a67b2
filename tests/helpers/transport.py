"""Small transport sites for the tests, made through the core: households checked in, wearing
wristbands, screened and with their forms served on the days the spec says, some held back by
a blocker, and the day's trips added on the eve of departure.

The site's clock walks from the first household's day to the eve (`FrozenClock`s set on the
store in turn), so a clearance given four days before departure has expired by then, as at a
real site.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import zxingcpp

from staging.clock import FrozenClock
from staging.domain import Role, Verification
from staging.intake.operations import check_in
from staging.paperwork.operations import Courts, mark_served, prefilled_entry, save_form
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.rules.screening import Answers, AntigenResult
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.supplies import KNOWN_KITS, add_isolation_place, add_kit_lot, add_kit_type
from staging.store.store import Actor, Store
from staging.verification.operations import record_verification
from staging.wristbands.operations import issue_bands
from tests.conftest import registration_row, write_registrations

ADMIN = Actor("admin", Role.ADMIN)
SCREENER = Actor("sofia", Role.SCREENER)
ZONE = ZoneInfo("America/Tijuana")
MORNING = time(10, 0)


class Story(StrEnum):
    """Where a household stands when the day is planned."""

    READY = "ready"  # cleared, forms served (expired if cleared too long before departure)
    NOT_SCREENED = "not_screened"
    NOT_SERVED = "not_served"  # forms complete, not served on ICE
    ONE_NOT_SCREENED = "one_not_screened"  # all but the youngest: the household waits
    ISOLATED = "isolated"  # one member tested positive: the household is held


@dataclass(frozen=True)
class HouseholdSpec:
    size: int
    story: Story
    days_before: int  # arrived and screened this many days before departure (1: the eve)
    enrolled: date  # MPP enrolment: who waited longest goes first
    # The youngest was born a month before the enrolment: under 2 on departure (no test, no
    # mask) when the enrolment was recent.
    baby: bool = False


def moment(day: date) -> datetime:
    """10:00 at the site on `day`."""
    return datetime.combine(day, MORNING, ZONE).astimezone(UTC)


def build_households(
    store: Store, folder: Path, specs: list[HouseholdSpec], departure: date
) -> dict[str, list[str]]:
    """The households, imported and taken through their stories; returns person ids by
    household id ("H-1", …), ending with the store's clock on the eve of `departure`."""
    rows = []
    for number, spec in enumerate(specs, start=1):
        for member in range(spec.size):
            born = date(1980 + 5 * member, 1 + member, 10)
            if spec.baby and member == spec.size - 1:
                born = spec.enrolled - timedelta(days=30)
            rows.append(
                registration_row(
                    len(rows) + 1,
                    household_id=f"H-{number}",
                    given_names=f"Persona {member + 1}",
                    date_of_birth=born.isoformat(),
                    mpp_enrollment_date=spec.enrolled.isoformat(),
                )
            )
    first = departure - timedelta(days=max(spec.days_before for spec in specs))
    store.clock = FrozenClock(moment(first))
    import_registrations(store, ADMIN, write_registrations(folder / "list.csv", rows))
    kit = add_kit_type(store, ADMIN, KNOWN_KITS[0]).value
    lot = add_kit_lot(store, ADMIN, kit, "BX-1", departure + timedelta(days=365)).value
    place = add_isolation_place(store, ADMIN, "Hotel Frontera", "Av. Revolución 1").value
    people: dict[str, list[str]] = {}
    for row in rows:
        person = queries.find_person(store, row["registration_id"])["id"]
        people.setdefault(row["household_id"], []).append(person)
    record_verification(
        store, ADMIN, [p for ids in people.values() for p in ids], Verification.VERIFIED
    )
    order = sorted(range(len(specs)), key=lambda index: -specs[index].days_before)
    for index in order:
        spec, ids = specs[index], people[f"H-{index + 1}"]
        store.clock = FrozenClock(moment(departure - timedelta(days=spec.days_before)))
        _arrive(store, spec, ids, lot, place)
    store.clock = FrozenClock(moment(departure - timedelta(days=1)))
    return people


def _arrive(store: Store, spec: HouseholdSpec, ids: list[str], lot: str, place: str) -> None:
    check_in(store, ADMIN, ids, frozenset(StopSign))
    issue_bands(store, ADMIN, ids)
    if spec.story is Story.NOT_SCREENED:
        return
    screened = ids[:-1] if spec.story is Story.ONE_NOT_SCREENED else ids
    for position, person in enumerate(screened):
        positive = spec.story is Story.ISOLATED and position == 0
        now = store.clock.now()
        record_screening(
            store,
            SCREENER,
            ScreeningEntry(
                person,
                Answers(),
                36.7,
                kit_lot_id=lot,
                collected_at=now - timedelta(minutes=20),
                read_at=now,
                result=AntigenResult.POSITIVE if positive else AntigenResult.NEGATIVE,
                isolation_place_id=place if positive else None,
            ),
        )
    today = store.today()
    for person in ids:
        form = replace(
            prefilled_entry(store, person),
            current_street="1520 N Mesa St",
            current_city="El Paso",
            current_state="TX",
            current_zip="79902",
            signed_on=today,
        )
        save_form(store, ADMIN, person, form, Courts("el-paso", "el-paso"))
        if spec.story is not Story.NOT_SERVED:
            mark_served(
                store,
                ADMIN,
                person,
                server_name="Carmen Ruiz",
                opla_office="el-paso",
                served_on=today,
                method="first_class_mail",
            )


def scanned_in_order(pdf: bytes, dpi: int = 300) -> list[str]:
    """The QR payloads of every page, top to bottom, as a scanner going down the sheets."""
    payloads: list[str] = []
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    try:
        for page in document:
            found = zxingcpp.read_barcodes(page.render(scale=dpi / 72).to_pil())
            found.sort(key=lambda code: (code.position.top_left.y, code.position.top_left.x))
            payloads += [code.text for code in found]
    finally:
        document.close()
    return payloads
