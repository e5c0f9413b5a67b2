"""The blank template: whatever language and format, a filled-in template imports cleanly."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from staging.registration.columns import CANONICAL_COLUMNS, SPANISH_HEADERS
from staging.registration.template import write_template
from staging.registration.validate import parse_file
from tests.staging.registration.support import TODAY, good_row


@pytest.mark.parametrize("spanish", [False, True])
def test_csv_template_is_the_header_row_with_a_bom(tmp_path: Path, spanish: bool) -> None:
    path = write_template(tmp_path / "plantilla.csv", spanish=spanish)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    expected = [SPANISH_HEADERS[c] if spanish else c for c in CANONICAL_COLUMNS]
    assert data.decode("utf-8-sig").splitlines() == [",".join(expected)]


@pytest.mark.parametrize("spanish", [False, True])
def test_filled_csv_template_imports_with_no_problems(tmp_path: Path, spanish: bool) -> None:
    path = write_template(tmp_path / "plantilla.csv", spanish=spanish)
    with path.open("a", encoding="utf-8", newline="") as template:
        writer = csv.writer(template)
        writer.writerow(good_row(registration_id="T-1").values())
        writer.writerow(good_row(registration_id="T-2", vulnerabilities="embarazo").values())

    parsed = parse_file(path, today=TODAY)

    assert (parsed.header_map.unknown, parsed.header_map.duplicates, parsed.problems) == (
        [],
        [],
        [],
    )
    assert [r.registration_id for r in parsed.records.values()] == ["T-1", "T-2"]


@pytest.mark.parametrize("spanish", [False, True])
def test_filled_xlsx_template_imports_with_no_problems(tmp_path: Path, spanish: bool) -> None:
    path = write_template(tmp_path / "plantilla.xlsx", spanish=spanish)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    assert [cell.value for cell in sheet[1]] == [
        SPANISH_HEADERS[c] if spanish else c for c in CANONICAL_COLUMNS
    ]
    # Every column is text, so Excel keeps 03/04/2020, leading zeros and phone numbers as typed.
    assert sheet.column_dimensions["F"].number_format == "@"
    sheet.append(list(good_row(registration_id="T-1", date_of_birth="03/04/1990").values()))
    workbook.save(path)

    parsed = parse_file(path, today=TODAY)

    assert (parsed.header_map.unknown, parsed.problems) == ([], [])
    assert [r.date_of_birth.isoformat() for r in parsed.records.values()] == ["1990-04-03"]
