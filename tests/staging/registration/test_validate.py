"""Row validation: what is accepted, what is refused, and what staff are told about it."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from staging.domain import CaseStatus, Sex
from staging.registration.columns import CANONICAL_COLUMNS, SPANISH_HEADERS, map_headers
from staging.registration.problems import ImportFileError, ProblemCode
from staging.registration.reader import SourceRow
from staging.registration.validate import (
    RegistrationRecord,
    parse_file,
    validate_row,
    validate_rows,
)
from tests.staging.registration.support import TODAY, good_row, write_csv, write_rows


def test_a_messy_spanish_excel_export_imports(tmp_path: Path) -> None:
    cells = {
        "ID Registro": "T-7",
        "Nombres": " María\u00a0 José ",
        "APELLIDO PATERNO": "Ñúñez",
        "Apellido materno": "",
        "FECHA DE NACIMIENTO": "03/04/1990",
        "Sexo": "mujer",
        "Número A": "A-12-345-678",
        "Fecha inscripción MPP": "28/01/2019",
        "Estado del caso": "En ausencia",
        "Vulnerabilidades": "embarazo; lactante",
        "Notas": "Llega con\r\nsu hermana",
        "Color favorito": "azul",
    }
    path = write_csv(
        tmp_path / "lista.csv",
        [list(cells), list(cells.values())],
        encoding="cp1252",
        delimiter=";",
    )

    parsed = parse_file(path, today=TODAY)

    assert parsed.problems == []
    assert parsed.header_map.unknown == ["Color favorito"]
    assert parsed.records == {
        2: RegistrationRecord(
            registration_id="T-7",
            household_id="",
            given_names="María José",
            paternal_surname="Ñúñez",
            maternal_surname="",
            date_of_birth=date(1990, 4, 3),
            sex=Sex.FEMALE,
            nationality="",
            a_number="012345678",
            mpp_enrollment_date=date(2019, 1, 28),
            case_status=CaseStatus.IN_ABSENTIA,
            current_court="",
            phone="",
            email="",
            appointment_date=None,
            us_address_street="",
            us_address_city="",
            us_address_state="",
            us_address_zip="",
            us_contact_name="",
            us_contact_phone="",
            languages="",
            vulnerabilities=frozenset({"pregnancy", "infant"}),
            notes="Llega con su hermana",
        )
    }


def test_bad_row_is_reported_with_its_excel_row_number_in_both_languages(tmp_path: Path) -> None:
    rows = [good_row(registration_id=f"T-{n}") for n in range(6)]
    rows[5]["date_of_birth"] = "31/02/1990"  # the sixth data row: row 7 in Excel
    parsed = parse_file(write_rows(tmp_path / "lista.csv", rows), today=TODAY)

    assert sorted(parsed.records) == [2, 3, 4, 5, 6]
    [problem] = parsed.problems
    assert (problem.row_number, problem.column, problem.value, problem.code) == (
        7,
        "date_of_birth",
        "31/02/1990",
        ProblemCode.DATE_IMPOSSIBLE,
    )
    assert problem.message == (
        "Row 7: date_of_birth '31/02/1990' is not a real date"
        " / Fila 7: fecha_nacimiento '31/02/1990' no es una fecha válida"
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"date_of_birth": "2021-03-02"}, ProblemCode.DATE_FUTURE),
        ({"date_of_birth": "31/12/1899"}, ProblemCode.DATE_TOO_OLD),
        ({"date_of_birth": "1985"}, ProblemCode.DATE_FORMAT),
        ({"mpp_enrollment_date": "27/01/2019"}, ProblemCode.MPP_BEFORE_PROGRAMME),
        ({"mpp_enrollment_date": "2021-01-22"}, ProblemCode.MPP_AFTER_PROGRAMME),
        (
            {"mpp_enrollment_date": "2019-05-31", "date_of_birth": "2019-06-01"},
            ProblemCode.MPP_BEFORE_BIRTH,
        ),
        ({"a_number": "A1234567"}, ProblemCode.A_NUMBER_LENGTH),
        ({"a_number": "  "}, ProblemCode.REQUIRED),
        ({"given_names": " \u00a0 "}, ProblemCode.REQUIRED),
        ({"registration_id": ""}, ProblemCode.REQUIRED),
        ({"sex": "H"}, ProblemCode.SEX_UNKNOWN),
        ({"case_status": "deportado"}, ProblemCode.CASE_STATUS_UNKNOWN),
        ({"appointment_date": "mañana"}, ProblemCode.DATE_FORMAT),
        ({"vulnerabilities": "tos"}, ProblemCode.VULNERABILITY_UNKNOWN),
    ],
)
def test_each_kind_of_bad_value_is_rejected_for_what_it_is(
    tmp_path: Path, changes: dict[str, str], code: ProblemCode
) -> None:
    column = next(iter(changes))
    parsed = parse_file(write_rows(tmp_path / "lista.csv", [good_row(**changes)]), today=TODAY)
    assert parsed.records == {}
    [problem] = parsed.problems
    assert (problem.row_number, problem.column, problem.code) == (2, column, code)
    assert problem.message_en.startswith(f"Row 2: {column} ")
    assert problem.message_es.startswith(f"Fila 2: {SPANISH_HEADERS[column]} ")


def test_programme_boundaries_and_optional_blanks_are_accepted(tmp_path: Path) -> None:
    rows = [
        good_row(mpp_enrollment_date="28/01/2019", sex="", case_status="", appointment_date=""),
        good_row(mpp_enrollment_date="2021-01-21", date_of_birth="2021-01-21"),
    ]
    parsed = parse_file(write_rows(tmp_path / "lista.csv", rows), today=TODAY)
    assert parsed.problems == []
    assert parsed.records[2].sex == ""
    assert parsed.records[2].case_status is CaseStatus.UNKNOWN
    assert parsed.records[3].mpp_enrollment_date == date(2021, 1, 21)


def test_an_enrollment_after_the_injected_today_is_in_the_future(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lista.csv", [good_row(mpp_enrollment_date="2020-07-01")])
    [problem] = parse_file(path, today=date(2020, 6, 1)).problems
    assert problem.code is ProblemCode.DATE_FUTURE


def test_required_message_names_the_column_in_both_languages(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "lista.csv", [good_row(given_names="  ")])
    [problem] = parse_file(path, today=TODAY).problems
    assert problem.message == (
        "Row 2: given_names is required but the cell is empty"
        " / Fila 2: nombres es obligatorio pero la celda está vacía"
    )


def test_the_first_problem_in_column_order_wins(tmp_path: Path) -> None:
    row = good_row(a_number="A12", date_of_birth="31/02/1990", vulnerabilities="tos")
    [problem] = parse_file(write_rows(tmp_path / "lista.csv", [row]), today=TODAY).problems
    assert problem.column == "date_of_birth"


def test_a_header_without_required_columns_refuses_the_whole_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "lista.csv",
        [["Nombres", "Apellido paterno", "Sexo"], ["Ana", "Ruiz", "F"]],
    )
    with pytest.raises(ImportFileError) as refused:
        parse_file(path, today=TODAY)
    english, spanish = refused.value.message_en, refused.value.message_es
    assert (
        "no column for: registration_id (id_registro), date_of_birth (fecha_nacimiento)" in english
    )
    assert "a_number (numero_a)" in english and "mpp_enrollment_date" in english
    assert "faltan las columnas: id_registro (registration_id), fecha_nacimiento" in spanish
    assert "given_names (" not in english


def test_workbook_with_date_cells_and_numeric_a_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(CANONICAL_COLUMNS))
    row: dict[str, object] = dict(good_row())
    row.update(
        date_of_birth=datetime(1985, 6, 15),
        a_number=12345678,
        mpp_enrollment_date=datetime(2019, 9, 10),
        appointment_date=date(2021, 3, 2),
        us_address_zip=77001,
    )
    sheet.append([row[column] for column in CANONICAL_COLUMNS])
    workbook.save(path)

    parsed = parse_file(path, today=TODAY)
    assert parsed.problems == []
    record = parsed.records[2]
    assert (record.date_of_birth, record.mpp_enrollment_date, record.appointment_date) == (
        date(1985, 6, 15),
        date(2019, 9, 10),
        date(2021, 3, 2),
    )
    assert (record.a_number, record.us_address_zip) == ("012345678", "77001")


def test_record_fields_are_the_canonical_columns_in_order() -> None:
    """validate_rows builds records positionally from the columns."""
    fields = tuple(field.name for field in dataclasses.fields(RegistrationRecord))
    assert fields == CANONICAL_COLUMNS


_CELLS = {
    "registration_id": ["T-1", "", " T-2 "],
    "given_names": ["Ana", " ", "María  José"],
    "paternal_surname": ["Ruiz"],
    "date_of_birth": ["15/06/1985", "31/02/1990", "2030-01-01", "2019-06-01", "x"],
    "sex": ["F", "", "Q", "hombre"],
    "a_number": ["A 212-345-678", "12", "", "000000000"],
    "mpp_enrollment_date": ["2019-05-31", "2019-09-10", "2022-01-01", ""],
    "case_status": ["", "pendiente", "deportado"],
    "appointment_date": ["", "02/03/2021", "13/13/2021"],
    "vulnerabilities": ["", "embarazo", "tos"],
    "notes": ["", " nota\r\n larga "],
}


@given(
    st.lists(
        st.fixed_dictionaries({column: st.sampled_from(cells) for column, cells in _CELLS.items()}),
        min_size=1,
        max_size=12,
    )
)
def test_validate_rows_gives_the_same_answers_as_validate_row(rows: list[dict[str, str]]) -> None:
    """The whole-file path is column by column for speed; it must agree with the row path."""
    headers = list(_CELLS)
    header_map = map_headers(headers)
    source = [SourceRow(n, [row[h] for h in headers]) for n, row in enumerate(rows, start=2)]
    one_by_one = [validate_row(row, header_map, today=TODAY) for row in source]
    assert validate_rows(source, header_map, today=TODAY) == one_by_one


def test_validate_row_tolerates_a_row_shorter_than_the_header() -> None:
    header_map = map_headers(list(CANONICAL_COLUMNS))
    cells = list(good_row().values())[:10]  # stops after mpp_enrollment_date
    result = validate_row(SourceRow(2, cells), header_map, today=TODAY)
    assert isinstance(result, RegistrationRecord)
    assert (result.case_status, result.notes) == (CaseStatus.UNKNOWN, "")
    assert validate_rows([SourceRow(2, cells)], header_map, today=TODAY) == [result]


def test_the_registration_core_never_imports_qt() -> None:
    code = (
        "import sys, staging.registration.validate, staging.registration.rejects,"
        " staging.registration.template; print('PySide6' in sys.modules)"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ran.stdout.strip() == "False"
