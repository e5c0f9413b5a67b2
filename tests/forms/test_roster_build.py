"""From a trip's stored roster to the paper and the manifest: the same people, in one order."""

from __future__ import annotations

from datetime import date

from forms.roster.build import manifest_rows, roster_sheets
from staging.domain import Person
from staging.transport.queries import OnBoard

DAY = date(2021, 3, 2)


def seat(number: int, seat_label: str, status: str, household: str = "H-1") -> OnBoard:
    person = Person(
        id=f"p{number}",
        registration_id=f"REG-{number:04d}",
        household_id=household.lower(),
        given_names=f"Ana {number}",
        paternal_surname="García",
        maternal_surname="López" if number % 2 else "",
        date_of_birth=date(1990, 1, number),
        sex="F",
        nationality="HND",
        a_number=f"{number:09d}" if number != 2 else None,
    )
    return OnBoard(person, household, seat_label, status, False, DAY, True, "")


def trip(departs_at: str, vehicle: str) -> dict[str, str]:
    return {"day": DAY.isoformat(), "port": "SYS", "departs_at": departs_at, "vehicle": vehicle}


def test_only_people_travelling_are_written_in_the_rosters_order() -> None:
    bus = (trip("07:30", "Autobús 1"), [seat(1, "1A", "boarded"), seat(2, "1B", "no_show")])
    van = (trip("10:00", "Van 2"), [seat(3, "1A", "planned", "H-2"), seat(4, "1B", "planned")])
    empty = (trip("12:00", "Van 3"), [seat(5, "1A", "no_show", "H-3")])

    sheets = roster_sheets("Casa del Migrante", [bus, van, empty])
    assert [(s.vehicle, s.port_name, s.day) for s in sheets] == [
        ("Autobús 1", "San Ysidro", DAY),
        ("Van 2", "San Ysidro", DAY),
    ]  # the no-show is left off; a trip with nobody travelling has no sheet
    assert [row.name for row in sheets[0].rows] == ["Ana 1 García López"]
    assert sheets[1].rows[0].a_number == "000000003" and sheets[1].rows[0].household == "H-2"

    rows = manifest_rows([bus, van, empty])
    assert [(r.order, r.departs_at, r.seat, r.first_name) for r in rows] == [
        (1, "07:30", "1A", "Ana 1"),
        (2, "10:00", "1A", "Ana 3"),
        (3, "10:00", "1B", "Ana 4"),
    ]
    assert (rows[0].last_name, rows[2].last_name) == ("García López", "García")
    assert rows[1].cleared_on == DAY and rows[1].port == "SYS"
