"""Reading the files partners send: Excel in Spanish locales, Google Sheets, workbooks, and junk."""

from __future__ import annotations

import random
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from staging.registration.problems import ImportFileError
from staging.registration.reader import read_table
from tests.staging.registration.support import write_csv


def test_windows_1252_with_semicolons_as_spanish_excel_saves_it(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "lista.csv",
        [["Número A", "Nombres", "Apellido paterno"], ["A 212-345-678", "María", "Ñúñez"]],
        encoding="cp1252",
        delimiter=";",
    )
    assert path.read_bytes().count(b"\xf1") == 1  # really Windows-1252: ñ is one byte
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers == ["Número A", "Nombres", "Apellido paterno"]
    assert table.rows[0].values == ["A 212-345-678", "María", "Ñúñez"]


def test_utf8_with_bom_does_not_leak_the_bom_into_the_first_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lista.csv", [["id_registro", "nombres"], ["T-1", "José"]])
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers[0] == "id_registro"
    assert table.rows[0].values == ["T-1", "José"]


def test_utf8_without_bom_and_tab_delimited(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "lista.txt",
        [["id_registro", "nombres"], ["T-1", "Ángel; Iñaki, hijo"]],
        encoding="utf-8",
        delimiter="\t",
    )
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8", "\t")
    assert table.rows[0].values == ["T-1", "Ángel; Iñaki, hijo"]


def test_utf16_unicode_text_export(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "lista.txt",
        [["id_registro", "nombres"], ["T-1", "Zoë"]],
        encoding="utf-16",
        delimiter="\t",
    )
    table = read_table(path)
    assert table.encoding == "utf-16"
    assert table.rows[0].values == ["T-1", "Zoë"]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_excel_shows(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text(
        'id,nombre\r\n1,Ana\r\n,\r\n\r\n  ,  \r\n2,"Luis\r\nsegunda línea"\r\n3,Eva\r\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert [(row.number, row.values[1]) for row in table.rows] == [
        (2, "Ana"),
        (6, "Luis\r\nsegunda línea"),  # a quoted line break stays inside its one row
        (7, "Eva"),
    ]


def test_short_rows_are_padded_to_the_header_and_long_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("a,b,c\r\n1\r\n1,2,3,4\r\n", encoding="utf-8")
    table = read_table(path)
    assert [row.values for row in table.rows] == [["1", "", ""], ["1", "2", "3", "4"]]


def test_workbook_with_real_date_cells_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["numero_a", "fecha_nacimiento", "codigo_postal", "estatura", "fecha_cita"])
    sheet.append([12345678, datetime(1990, 4, 3), 77001.0, 1.65, date(2021, 3, 2)])
    sheet.append([None, None, None, None, None])
    sheet.append(["A-212-345-678", "03/04/1990", "02134", None, datetime(2021, 3, 2, 9, 30)])
    workbook.save(path)

    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-8", ",")
    assert table.headers[:2] == ["numero_a", "fecha_nacimiento"]
    assert [(row.number, row.values) for row in table.rows] == [
        (2, ["12345678", "1990-04-03", "77001", "1.65", "2021-03-02"]),
        (4, ["A-212-345-678", "03/04/1990", "02134", "", "2021-03-02 09:30:00"]),
    ]


def test_leading_blank_lines_before_the_header(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("\r\n;;\r\nid;nombre\r\n1;Ana\r\n", encoding="utf-8")
    table = read_table(path)
    assert (table.headers, table.delimiter) == (["id", "nombre"], ";")
    assert table.rows[0].number == 4


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("lista.xlsx", random.Random(7).randbytes(4096), "not a valid Excel workbook"),
        ("lista.xlsx", b"", "not a valid Excel workbook"),
        ("lista.csv", b"", "empty"),
        ("lista.csv", b"\r\n ,, \r\n", "empty"),
        ("lista.csv", b"id,nombre\r\n1,\x00\x01\x02\r\n", "not a text file"),
        ("lista.csv", b"\xef\xbb\xbfid,nombre\r\n1,\xe9\r\n", "neither UTF-8 nor Windows-1252"),
        ("lista.csv", b"id,nombre\r\n1,\x81\r\n", "neither UTF-8 nor Windows-1252"),
        ("lista.csv", b'id,nombre\r\n1,"Ana\r\n2,Luis\r\n', "malformed"),
        ("lista.xls", b"\xd0\xcf\x11\xe0", ".xlsx or CSV"),
        ("lista.pdf", b"%PDF-1.4", "not a CSV or Excel"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason_not_a_traceback(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    assert message in refused.value.message_en
    assert name in refused.value.message_es
    assert str(refused.value) == f"{refused.value.message_en} / {refused.value.message_es}"


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.jpg", b"\xff\xd8\xff")
    with pytest.raises(ImportFileError, match="not a valid Excel workbook"):
        read_table(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="could not be read"):
        read_table(tmp_path / "no-such.csv")
