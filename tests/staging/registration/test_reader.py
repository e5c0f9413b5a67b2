"""Reading the files partners send: Excel in Spanish locales, Google Sheets, workbooks, and junk."""

from __future__ import annotations

import random
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl
import pytest

from staging.registration.problems import ImportFileError
from staging.registration.reader import read_table
from staging.registration.workbooks import _cell_text
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


@pytest.mark.parametrize("name", ["no-such.csv", "no-such.xlsx"])
def test_a_missing_file_is_refused_in_both_languages(tmp_path: Path, name: str) -> None:
    """Seen: the Spanish half said the system's English ("No such file or directory")."""
    with pytest.raises(ImportFileError) as refused:
        read_table(tmp_path / name)
    assert "could not be read: it is not there any more" in refused.value.message_en
    assert "ya no está ahí" in refused.value.message_es
    assert "No such file" not in refused.value.message_es


def test_a_folder_named_like_a_list_is_refused_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "lista.csv").mkdir()
    with pytest.raises(ImportFileError) as refused:
        read_table(tmp_path / "lista.csv")
    assert "es una carpeta, no un archivo" in refused.value.message_es


# --- Never garble: each line in the encoding that fits it, or the file refused ------------------


def test_a_utf8_file_with_one_windows_1252_line_reads_every_name_right(tmp_path: Path) -> None:
    """Seen: one Windows-1252 byte made the whole file read as Windows-1252 ("JosÃ©")."""
    path = tmp_path / "lista.csv"
    path.write_bytes(
        "id,nombre\r\n1,José Ñúñez\r\n".encode()
        + "2,María Gómez\r\n".encode("cp1252")
        + '3,"Ángel\r\n'.encode()
        + 'Peña"\r\n'.encode("cp1252")
        + "4,Zoë\r\n".encode()
    )
    table = read_table(path)
    assert table.encoding == "utf-8"
    assert [(row.number, row.values[1]) for row in table.rows] == [
        (2, "José Ñúñez"),
        (3, "María Gómez"),
        (4, "Ángel\r\nPeña"),  # one row over two lines, the second Windows-1252
        (5, "Zoë"),
    ]
    (warning,) = table.warnings
    assert (warning.code, warning.rows) == ("read_as_windows_1252", [3, 4])
    assert "Rows 3–4" in warning.message_en and "read as Windows-1252" in warning.message_en
    assert "Windows-1252" in warning.message_es


def test_a_utf8_file_with_a_byte_order_mark_and_one_windows_1252_line(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(b"\xef\xbb\xbfid,nombre\r\n1,\xe9\r\n2,\xc3\xa9\r\n")
    table = read_table(path)
    assert table.encoding == "utf-8-sig"
    assert [row.values for row in table.rows] == [["1", "é"], ["2", "é"]]
    assert [warning.rows for warning in table.warnings] == [[2]]


def test_a_windows_1252_file_is_not_reported_row_by_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "lista.csv",
        [["id", "nombre"], ["1", "María"], ["2", "Ana"], ["3", "O’Brien – Peña"]],
        encoding="cp1252",
    )
    table = read_table(path)
    assert (table.encoding, table.warnings) == ("cp1252", [])
    assert table.rows[2].values == ["3", "O’Brien – Peña"]


def test_a_line_mixing_utf8_and_windows_1252_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes(b"id,nombre\r\n1,Ana\r\n" + b"2,Jos\xc3\xa9 N\xfa\xf1ez\r\n")
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    assert "line 3 mixes UTF-8 and Windows-1252" in refused.value.message_en
    assert "la línea 3 mezcla" in refused.value.message_es


def test_a_mac_roman_file_is_refused_showing_what_it_means(tmp_path: Path) -> None:
    rows = [["id", "nombre"], ["1", "Ana López"], ["2", "María Núñez García"]]
    path = write_csv(tmp_path / "lista.csv", rows, encoding="mac_roman")
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    message = refused.value.message_en
    assert "old Mac (Mac-Roman)" in message and "line 2" in message
    assert "'L—pez' where it means 'López'" in message
    assert "Mac-Roman" in refused.value.message_es


def test_one_mac_roman_line_in_a_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_bytes("id,nombre\r\n1,José\r\n".encode() + "2,Ramón\r\n".encode("mac_roman"))
    with pytest.raises(ImportFileError, match="line 3 would read 'Ram—n' where it means 'Ramón'"):
        read_table(path)


def test_a_cell_over_the_field_limit_has_its_own_message(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("id,nota\r\n1,corta\r\n2," + "x" * 200_000 + "\r\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    message = refused.value.message_en
    assert "the cell starting on line 3 is longer than 131,072 characters" in message
    assert "quote" not in message
    assert "más de 131,072 caracteres" in refused.value.message_es


def test_a_quote_left_open_in_a_long_file_says_where_the_cell_starts(tmp_path: Path) -> None:
    path = tmp_path / "lista.csv"
    lines = [f"{n},Persona número {n}" for n in range(3, 10_000)]
    path.write_text('id,nota\r\n1,"abierta\r\n' + "\r\n".join(lines) + "\r\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    message = refused.value.message_en
    assert "the cell starting on line 2 is longer than 131,072 characters" in message
    assert "is its closing quote missing?" in message


# --- Workbooks through python-calamine, as openpyxl read them ---------------------------------


def _as_openpyxl_read_them(path: Path) -> list[tuple[int, list[str]]]:
    """What the importer read before python-calamine: openpyxl, read-only, values only."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    sheet.reset_dimensions()
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        values = [_cell_text(value) for value in cells]
        while values and not values[-1]:
            values.pop()
        if "".join(values).strip():
            rows.append((number, values))
    workbook.close()
    return rows


def _as_read(path: Path) -> list[tuple[int, list[str]]]:
    """The header (numbered as openpyxl found it) and the rows, trailing blank cells dropped."""
    table = read_table(path)
    header_number = _as_openpyxl_read_them(path)[0][0]
    rows = [(header_number, table.headers), *((row.number, row.values) for row in table.rows)]
    for _, values in rows:
        while values and not values[-1]:
            values.pop()
    return rows


def test_every_kind_of_cell_reads_as_openpyxl_read_it(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["B2"] = "numero_a"  # the list starts at B2, after a blank row and column
    sheet["C2"] = "fecha"
    sheet["D2"] = "codigo_postal"
    sheet["E2"] = "otro"
    cells: list[list[object]] = [
        [12345678, datetime(1990, 4, 3), "02134", 1.65],
        [212345678.0, date(2021, 3, 2), 2134, -5],
        ["A-212-345-678", datetime(2021, 3, 2, 9, 30), 77001.0, 2**53 + 1],
        ["  José\nLuis ", time(9, 30), 1e20, 0.1 + 0.2],
        [True, False, "#N/A", "#DIV/0!"],
        [None, "", None, "'=1+2"],
        [44000, 0.5, 123, timedelta(hours=30)],
    ]
    for row, values in enumerate(cells, start=3):
        for column, value in enumerate(values, start=2):
            if value is not None:
                sheet.cell(row, column, value)
    sheet["C9"].number_format = "0%"
    sheet["B9"].number_format = "dd/mm/yyyy"
    sheet["D9"].number_format = "00000"
    sheet["G4"] = "beyond the header"
    sheet["D8"] = "=1+2"
    sheet["D8"].data_type = "s"  # text that looks like a formula, as a typed "'=1+2" is kept
    workbook.save(path)

    assert _as_read(path) == _as_openpyxl_read_them(path)
    by_number = dict(_as_read(path))
    assert by_number[3][1:5] == ["12345678", "1990-04-03", "02134", "1.65"]
    assert by_number[7][1:5] == ["TRUE", "FALSE", "#N/A", "#DIV/0!"]
    assert by_number[9][1] == "2020-06-18"


def test_a_household_cell_merged_over_three_rows_counts_for_each(tmp_path: Path) -> None:
    """Seen: a merged household cell split a family into two households, with exit 0."""
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id_registro", "id_hogar", "nombres"])
    sheet.append(["T-1", "F-7", "María"])
    sheet.append(["T-2", None, "José"])
    sheet.append(["T-3", None, "Ana"])
    sheet.append(["T-4", "F-8", "Luis"])
    sheet.merge_cells("B2:B4")
    sheet.merge_cells("C6:C9")  # past the list: adds no row
    workbook.save(path)

    table = read_table(path)
    assert [row.values for row in table.rows] == [
        ["T-1", "F-7", "María"],
        ["T-2", "F-7", "José"],
        ["T-3", "F-7", "Ana"],
        ["T-4", "F-8", "Luis"],
    ]


def test_hidden_rows_and_other_sheets_with_data_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Lista"
    for row in (["id", "nombre"], ["1", "Ana"], ["2", "Luis"], ["3", "Eva"], [None], ["5", "Iris"]):
        sheet.append(row)
    for hidden in (3, 4, 5, 6):  # row 5 is blank: nothing to report
        sheet.row_dimensions[hidden].hidden = True
    workbook.create_sheet("Notas")["A1"] = "no importar"
    workbook.create_sheet("Vacía")
    oculta = workbook.create_sheet("Oculta")
    oculta["B2"] = 1
    oculta.sheet_state = "hidden"
    workbook.save(path)

    table = read_table(path)
    assert [row.number for row in table.rows] == [2, 3, 4, 6]
    codes = {warning.code: warning for warning in table.warnings}
    assert sorted(codes) == ["hidden_rows", "other_sheets"]
    assert codes["hidden_rows"].rows == [3, 4, 6]
    assert "Rows 3–4, 6 are hidden" in codes["hidden_rows"].message_en
    assert codes["other_sheets"].message_en == (
        "Only the first sheet, 'Lista', was read; the workbook's other sheets with data were"
        " not: 'Notas', 'Oculta'."
    )
    assert "'Notas', 'Oculta'" in codes["other_sheets"].message_es


def test_a_hidden_first_sheet_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Vieja"
    sheet.append(["id", "nombre"])
    sheet.append(["1", "Ana"])
    workbook.create_sheet("Nueva").append(["id", "nombre"])
    sheet.sheet_state = "hidden"
    workbook.active = 1
    workbook.save(path)
    codes = [warning.code for warning in read_table(path).warnings]
    assert codes == ["hidden_sheet", "other_sheets"]


def test_a_formula_without_a_saved_result_is_named_not_read_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id_registro", "id_hogar", "nombres"])
    sheet.append(["T-1", '="F-"&ROW()', "María"])  # openpyxl saves no result for a formula
    sheet.append(["T-2", "F-2", "José"])
    workbook.save(path)
    with pytest.raises(ImportFileError) as refused:
        read_table(path)
    assert "cells B2 (id_hogar) hold formulas whose results were never saved" in (
        refused.value.message_en
    )
    assert "open it in Excel or LibreOffice, save it" in refused.value.message_en
    assert "B2 (id_hogar)" in refused.value.message_es


def test_a_formula_with_its_saved_result_reads_as_that_result(tmp_path: Path) -> None:
    """As Excel and LibreOffice save them: the formula and its last result."""
    path = tmp_path / "lista.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["id_registro", "id_hogar", "nota"])
    sheet.append(["T-1", '="F-"&ROW()', '=IF(1,"","x")'])
    workbook.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"]
    xml = xml.replace(b"ROW()</f><v />", b"ROW()</f><v>F-2</v>")
    for cell in (b'<c r="B2"', b'<c r="C2"'):
        xml = xml.replace(cell, cell + b' t="str"')
    xml = xml.replace(b'"x")</f><v />', b'"x")</f><v></v>')
    parts["xl/worksheets/sheet1.xml"] = xml
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert read_table(path).rows[0].values == ["T-1", "F-2", ""]
