"""The court directory: the one shipped with the app, and an administrator's updated list,
checked whole before any of it is used."""

from __future__ import annotations

import csv
import io
from importlib import resources

import pytest
import zipcodes

from staging.courts.directory import (
    COURT_COLUMNS,
    OPLA_COLUMNS,
    DirectoryRefused,
    find_court,
    read_directory,
    shipped_directory,
)
from staging.errors import NotFound

DATA = resources.files("staging.courts").joinpath("data")


def shipped_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DATA.joinpath(name).read_text(encoding="utf-8"))))


def as_csv(rows: list[dict[str, str]], columns: tuple[str, ...], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def refusal(courts: list[dict[str, str]], offices: list[dict[str, str]] | None = None) -> str:
    """The English and Spanish messages of a refused pair of files."""
    offices = shipped_rows("opla_offices.csv") if offices is None else offices
    with pytest.raises(DirectoryRefused) as refused:
        read_directory(as_csv(courts, COURT_COLUMNS), as_csv(offices, OPLA_COLUMNS))
    return f"{refused.value.message_en}\n{refused.value.message_es}"


# --- The shipped directory ---------------------------------------------------------------------


def test_every_shipped_court_has_its_opla_office_and_a_real_zip_in_its_state() -> None:
    directory = shipped_directory()
    assert len(directory.courts) == 73
    for court in directory.courts:
        office = directory.opla_office_of(court)
        assert office.key == court.opla_key
        for place in (court, office):
            [found] = zipcodes.matching(place.zip[:5])
            assert found["state"] == place.state, place
        assert court.street_lines and court.city


def test_the_detained_only_courts_are_the_detention_dockets_of_ices_handout() -> None:
    detained = {court.key for court in shipped_directory().courts if court.detained_only}
    assert detained == {
        "adelanto", "aurora", "batavia", "conroe", "el-paso-spc", "elizabeth", "eloy",
        "florence", "imperial", "lasalle", "miami-krome", "otay-mesa", "otero", "pearsall",
        "port-isabel", "stewart", "tacoma",
    }  # fmt: skip


def test_the_listed_conflicts_keep_the_most_specific_source_and_say_so() -> None:
    directory = shipped_directory()
    offices = directory.opla_offices_by_key
    assert offices["orlando"].street_lines == ("500 North Orange Avenue", "Suite 5000")
    assert offices["new-orleans"].street_lines == ("423 Canal Street", "Suite 450")
    assert offices["santa-ana"].street_lines == ("1251 E. Dyer Road", "Suite 200")
    assert offices["charlotte"].street_lines == ("5701 Executive Center Drive, Suite 300",)
    indianapolis = find_court(directory, "indianapolis")
    assert indianapolis.street_lines == ("575 N. Pennsylvania Street", "Suite 617")
    varick = find_court(directory, "new-york-varick")
    assert varick.zip == "10014"
    for doubtful in (offices["orlando"], offices["new-orleans"], indianapolis, varick):
        assert doubtful.note is not None
        assert doubtful.note.en and doubtful.note.es
    assert "Suite 500" in offices["orlando"].note.en  # the other source's value is named
    assert "10007" in varick.note.es


def test_a_court_prints_as_the_2026_form_prints_it() -> None:
    el_paso = find_court(shipped_directory(), "el-paso")
    assert el_paso.name == "El Paso Immigration Court"
    assert el_paso.form_name == "El Paso"
    assert el_paso.address_lines == (
        "700 E. San Antonio Avenue",
        "Suite 750",
        "El Paso, TX 79901",
    )


def test_a_court_no_longer_in_the_directory_is_not_found_in_both_languages() -> None:
    with pytest.raises(NotFound) as missing:
        find_court(shipped_directory(), "atlantis")
    assert "atlantis" in missing.value.message_en
    assert "directorio de cortes" in missing.value.message_es


# --- An administrator's updated list -----------------------------------------------------------


def test_the_shipped_files_read_back_as_the_shipped_directory() -> None:
    again = read_directory(
        as_csv(shipped_rows("courts.csv"), COURT_COLUMNS),
        as_csv(shipped_rows("opla_offices.csv"), OPLA_COLUMNS),
    )
    assert again == shipped_directory()


def test_a_list_saved_by_a_spanish_excel_is_read() -> None:
    """Semicolons, Windows-1252 and an accent in a court's name."""
    courts = shipped_rows("courts.csv")
    courts[0]["name"] = "Corte de Inmigración de Adelanto"
    data = as_csv(courts, COURT_COLUMNS, delimiter=";").decode().encode("cp1252")
    offices = as_csv(shipped_rows("opla_offices.csv"), OPLA_COLUMNS, delimiter=";")
    directory = read_directory(data, offices)
    assert directory.courts[0].name == "Corte de Inmigración de Adelanto"


def test_a_missing_column_refuses_the_file_and_names_the_column() -> None:
    courts = shipped_rows("courts.csv")
    columns = tuple(column for column in COURT_COLUMNS if column != "opla_key")
    with pytest.raises(DirectoryRefused) as refused:
        read_directory(
            as_csv(courts, columns), as_csv(shipped_rows("opla_offices.csv"), OPLA_COLUMNS)
        )
    assert "courts.csv, row 1: the header row has no column opla_key" in refused.value.message_en
    assert "courts.csv, fila 1: la fila de encabezado no tiene la columna opla_key" in (
        refused.value.message_es
    )


@pytest.mark.parametrize(
    ("column", "value", "english", "spanish"),
    [
        ("zip", "99999", "column zip: ZIP 99999 does not exist", "columna zip: El código postal"),
        ("zip", "7990", "column zip: ZIP “7990” is not a ZIP code", "no es un código postal"),
        ("zip", "10001", "ZIP 10001 is in New York (NY), not Texas (TX)", "está en Nueva York"),
        ("state", "Tamaulipas", "column state: State “Tamaulipas” is not a US state", "estado"),
        ("opla_key", "el-pazo", "OPLA office “el-pazo” is not in the OPLA offices file", "no está"),
        ("detained_only", "maybe", "“maybe” is not yes or no", "no es sí (yes) ni no"),
        ("key", "El Paso", "“El Paso” is not a key", "no es una clave"),
        ("name", "", "column name: is empty", "columna name: está vacía"),
        ("city", "El\u202ePaso", "changes the direction text is shown in", "dirección"),
    ],
)
def test_a_wrong_cell_is_refused_naming_file_row_and_column(
    column: str, value: str, english: str, spanish: str
) -> None:
    courts = shipped_rows("courts.csv")
    row = next(number for number, court in enumerate(courts) if court["key"] == "el-paso")
    courts[row][column] = value
    message = refusal(courts)
    spreadsheet_row = row + 2  # the header is row 1
    assert f"courts.csv, row {spreadsheet_row}, column {column}: " in message
    assert f"courts.csv, fila {spreadsheet_row}, columna {column}: " in message
    assert english in message
    assert spanish in message


def test_a_note_shown_to_staff_needs_both_languages() -> None:
    courts = shipped_rows("courts.csv")
    courts[0]["note"] = "Moved in May"
    assert "courts.csv, row 2, column note_es: a note needs both languages" in refusal(courts)


def test_a_duplicate_key_is_refused_with_both_rows() -> None:
    courts = shipped_rows("courts.csv")
    courts.append(dict(courts[0], name="Another court"))
    message = refusal(courts)
    assert f"courts.csv, row {len(courts) + 1}, column key: “adelanto” is also on row 2" in message
    assert "también está en la fila 2" in message


def test_an_opla_office_with_a_bad_zip_is_refused_in_its_own_file() -> None:
    offices = shipped_rows("opla_offices.csv")
    offices[0]["zip"] = "79901"  # Adelanto's office, in California
    message = refusal(shipped_rows("courts.csv"), offices)
    assert "opla_offices.csv, row 2, column zip: ZIP 79901 is in Texas (TX), not California" in (
        message
    )


def test_every_problem_is_named_at_once() -> None:
    courts = shipped_rows("courts.csv")
    courts[0]["zip"] = "99999"
    courts[1]["state"] = "XX"
    courts[2]["opla_key"] = "nowhere"
    message = refusal(courts)
    assert "row 2, column zip" in message
    assert "row 3, column state" in message
    assert "row 4, column opla_key" in message


def test_an_empty_list_is_refused() -> None:
    message = refusal([])
    assert "courts.csv: has no rows below its header" in message


def test_a_territory_court_is_accepted() -> None:
    saipan = find_court(shipped_directory(), "saipan")
    assert (saipan.state, saipan.zip) == ("MP", "96950")
