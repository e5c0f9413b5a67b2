"""The import checks a list a chunk of rows at a time and keeps the good rows as stored: the same
answers as checking the whole list at once, and the same values as `person_values`."""

from __future__ import annotations

import csv
import random
from datetime import date
from pathlib import Path

import pytest

from staging.demo.generator import generate_demo_site
from staging.registration import validate
from staging.registration.columns import CANONICAL_COLUMNS, map_headers
from staging.registration.reader import SourceRow, read_table
from staging.registration.service import import_registrations, person_values, stored_rows
from staging.registration.validate import RegistrationRecord, RowChecker, validate_rows
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations
from tests.staging.registration.support import TODAY, good_row, write_rows

MESSY = {
    "date_of_birth": ["15/06/1985", "1985-6-15", "31/02/1990", "2030-01-01", "", "ayer"],
    "a_number": ["A 212-345-678", "12.345.678", "A-12-34", "000000000", "2123456789x", ""],
    "sex": ["mujer", "M", "x", "quizá", ""],
    "case_status": ["pendiente", "En ausencia", "in_absentia", "", "perdido"],
    "mpp_enrollment_date": ["2019-09-10", "28/01/2019", "2018-01-01", "2022-01-01"],
    "vulnerabilities": ["embarazo; lactante", "pregnancy,infant", "", "volar"],
    "given_names": [" María\u00a0 José ", "Ana", "", "\u200b"],
    "appointment_date": ["", "2021-03-05", "05/03/2021", "mañana"],
    "household_id": ["", "H-1", " H-2 "],
}


def messy_list(count: int, seed: int) -> list[dict[str, str]]:
    """Demo rows, a third of them with a messy (often wrong) value somewhere."""
    rng = random.Random(seed)
    site = generate_demo_site(people=count, seed=seed, today=date(2021, 3, 1))
    rows = []
    for row in site.rows:
        row = {**good_row(), **row}
        if rng.random() < 0.33:
            column = rng.choice(sorted(MESSY))
            row[column] = rng.choice(MESSY[column])
        rows.append(row)
    return rows


def expected_stored(number: int, record: RegistrationRecord) -> tuple[object, ...]:
    values = {
        "registration_id": record.registration_id,
        "household_id": record.household_id,
        **person_values(record),
    }
    return (number, *(values[column] for column in CANONICAL_COLUMNS))


@pytest.mark.parametrize("remembered", [50_000, 7])
def test_a_list_checked_in_chunks_gives_the_answers_of_checking_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, remembered: int
) -> None:
    """Distinct values are remembered from one chunk to the next (and forgotten past a limit,
    here 7 to make it happen)."""
    monkeypatch.setattr(validate, "_REMEMBERED", remembered)
    table = read_table(write_rows(tmp_path / "lista.csv", messy_list(1_500, seed=5)))
    header_map = map_headers(table.headers)
    whole = validate_rows(table.rows, header_map, today=TODAY)
    assert 100 < sum(isinstance(r, validate.RowProblem) for r in whole) < 500

    checker = RowChecker(header_map, today=TODAY)
    problems = []
    stored = []
    for start in range(0, len(table.rows), 400):
        chunk = table.rows[start : start + 400]
        checked = checker.check(chunk)
        problems += [(start + i, p) for i, p in sorted(checked.problems.items())]
        stored += stored_rows(chunk, checked)

    assert problems == [(i, r) for i, r in enumerate(whole) if isinstance(r, validate.RowProblem)]
    assert stored == [
        expected_stored(row.number, record)
        for row, record in zip(table.rows, whole, strict=True)
        if isinstance(record, RegistrationRecord)
    ]


def test_a_short_row_and_an_unmapped_column_are_checked_as_blank_cells() -> None:
    header_map = map_headers(["registration_id", "given_names", "paternal_surname"])
    rows = [SourceRow(2, ["R-1", "Ana"]), SourceRow(3, ["R-2", "Luis", "Ruiz", "extra"])]
    checked = RowChecker(header_map, today=TODAY).check(rows)
    assert checked.problems[0].column == "paternal_surname"
    assert checked.problems[1].column == "date_of_birth"


def test_rows_the_write_refuses_go_to_the_rejects_file_as_they_came(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    """Their cells were kept by the check: a registration id or an A-number seen before in
    the list, or an A-number someone on the site holds."""
    import_registrations(
        store, coordinator, write_registrations(tmp_path / "a.csv", [registration_row(1)])
    )
    rows = [
        registration_row(2),
        registration_row(3, given_names=" Ana\u00a0 María "),  # tidied when stored, not here
        registration_row(3, a_number="A-200-000-099"),
        registration_row(4, a_number="2-0000-0002"),
        registration_row(5, a_number=registration_row(1)["a_number"]),
    ]
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "b.csv", rows)
    )
    assert (summary.imported, summary.conflicts) == (2, 3)
    assert summary.rejects_file is not None
    with open(summary.rejects_file, encoding="utf-8-sig", newline="") as handle:
        rejected = list(csv.reader(handle))[1:]
    assert [(cells[0], cells[8], cells[-2]) for cells in rejected] == [
        ("REG-0003", "A-200-000-099", "4"),
        ("REG-0004", "2-0000-0002", "5"),
        ("REG-0005", "200000001", "6"),
    ]
