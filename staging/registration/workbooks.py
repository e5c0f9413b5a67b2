"""Reading a registration workbook (.xlsx) with python-calamine, as the person saw it.

A workbook's merged cells count for every row they span; its hidden rows and its other sheets
with data are named; a formula whose result was never saved refuses the file, naming its cells,
rather than reading as an empty cell. Calamine reports neither hidden rows nor formulas, so the
sheet's XML is scanned for them alongside.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree
from xml.sax.saxutils import unescape

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from staging.registration.cells import spreadsheet_value
from staging.registration.problems import ImportFileError
from staging.registration.source import (
    ReadWarning,
    SourceStream,
    rows_in_words,
    stream_of,
    unreadable,
    unreadable_file,
)

# The sheet's XML is scanned for what python-calamine does not say: hidden rows, formulas with
# no saved result and error cells (which it reads as empty). Tags may carry a namespace prefix.
_PREFIX = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW_TAG = re.compile(rb"<(" + _PREFIX + rb")row\b([^>]*)>")
_CELL = re.compile(rb"<" + _PREFIX + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _PREFIX + rb"c>)", re.S)
_FORMULA = re.compile(rb"<" + _PREFIX + rb"f\b")
_VALUE = re.compile(rb"<" + _PREFIX + rb"v\b[^>]*?(?:/>|>([^<]*)<)")
_ROW_NUMBER = re.compile(rb"""\br=["']([0-9]+)["']""")
_CELL_REFERENCE = re.compile(rb"""\br=["']([A-Za-z]+)([0-9]+)["']""")
_CELL_TYPE = re.compile(rb"""\bt=["']([^"']*)["']""")
_HIDDEN = re.compile(rb"""\bhidden=["'](?:1|true)["']""")
_ERROR_CELL = re.compile(rb"""\bt=["']e["']""")
_CHUNK = 1 << 20
_ONLY_TEXT = {str}


@dataclass
class _SheetMarks:
    """What the sheet's XML says beyond its values; rows and columns from 0, as python-calamine."""

    hidden_rows: list[int] = field(default_factory=list)
    unsaved_formulas: list[tuple[int, int]] = field(default_factory=list)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)


@contextmanager
def workbook_stream(path: Path) -> Iterator[SourceStream]:
    """The first worksheet, with python-calamine (several times faster than openpyxl).

    Cells read as openpyxl read them (the tests compare both); merged cells filled down; what
    staff do not see at a glance in Excel (hidden rows, the other sheets) reported.
    """
    try:
        # Opened once first: calamine says "file not found" without the reason's code.
        with path.open("rb"):
            pass
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    try:
        workbook = CalamineWorkbook.from_path(path)
    except Exception as exc:  # any failure inside the zip/XML means the same to staff
        raise unreadable(
            path,
            "it is not a valid Excel workbook (damaged, or password-protected?)",
            "no es un libro de Excel válido (¿dañado o protegido con contraseña?)",
        ) from exc
    with workbook:
        sheets = workbook.sheets_metadata
        worksheets = [i for i, sheet in enumerate(sheets) if sheet.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            raise unreadable(path, "it has no worksheet", "no tiene ninguna hoja de cálculo")
        first = sheets[worksheets[0]]
        try:
            sheet = workbook.get_sheet_by_index(worksheets[0])
            marks = _sheet_marks(path, first.name)
        except Exception as exc:  # damage shows up while reading the sheet too
            raise _damaged(path) from exc
        records = _sheet_records(path, sheet, marks)
        hidden = {row + 1 for row in marks.hidden_rows}
        source = stream_of(path, records, "utf-8", ",", _hidden_rows, hidden)
        source.sheet = first.name
        if marks.unsaved_formulas:
            raise _unsaved_formulas(path, source.headers, marks.unsaved_formulas)
        if first.visible != SheetVisibleEnum.Visible:
            source.warnings.append(_hidden_sheet(first.name))
        others = [sheets[i].name for i in worksheets[1:] if _has_data(workbook, i)]
        if others:
            source.warnings.append(_other_sheets(first.name, others))
        yield source


def _damaged(path: Path) -> ImportFileError:
    return unreadable(path, "its first worksheet is damaged", "su primera hoja está dañada")


def _sheet_records(path: Path, sheet: CalamineSheet, marks: _SheetMarks) -> Iterator[list[str]]:
    """Each row's cells from row 1 and column A, as text; error cells as Excel shows them; a
    cell merged down over several rows holds its value for each of them.

    Excel shows one household id beside three people; each of the three rows needs it. Only
    rows holding something else get it, so a merge running past the list adds no row of its own.
    """
    start = sheet.start
    if start is None:
        return
    # iter_rows gives every row from row 1, each starting at the sheet's first column in use.
    offset = [""] * start[1]
    errors: dict[int, list[tuple[int, str]]] = {}
    for (row, column), text in marks.errors.items():
        errors.setdefault(row, []).append((column, text))
    merges = sorted(
        (top, left, bottom)
        for (top, left), (bottom, _) in sheet.merged_cell_ranges or []
        if bottom > top
    )
    waiting = 0
    spanning: list[tuple[int, int, str]] = []  # (column, last row, value)
    try:
        for row, values in enumerate(sheet.iter_rows()):
            cells = _row_text(values)
            if offset:
                cells[:0] = offset
            for column, text in errors.get(row, ()):
                _put(cells, column, text)
            if spanning:
                spanning = [merge for merge in spanning if merge[1] >= row]
                if "".join(cells).strip():
                    for column, _, value in spanning:
                        _put(cells, column, value)
            while waiting < len(merges) and merges[waiting][0] <= row:
                top, left, bottom = merges[waiting]
                if top == row:
                    spanning.append((left, bottom, cells[left] if left < len(cells) else ""))
                waiting += 1
            while cells and not cells[-1]:  # as openpyxl: a row ends at its last cell
                cells.pop()
            yield cells
    except CalamineError as exc:
        raise _damaged(path) from exc


def _put(cells: list[str], column: int, text: str) -> None:
    if len(cells) <= column:
        cells.extend([""] * (column + 1 - len(cells)))
    cells[column] = text


def _has_data(workbook: CalamineWorkbook, index: int) -> bool:
    """Whether another sheet holds anything (one that cannot be read is taken to)."""
    try:
        return workbook.get_sheet_by_index(index).start is not None
    except Exception:  # damaged: staff should still hear that it was not imported
        return True


def _unsaved_formulas(
    path: Path, headers: list[str], cells: list[tuple[int, int]]
) -> ImportFileError:
    """Name the formula cells whose results the file does not hold (written by a program that
    does not calculate): read as empty, they would lose what Excel shows in them."""
    named = []
    for row, column in cells[:5]:
        name = f"{_column_letters(column)}{row + 1}"
        if column < len(headers) and headers[column].strip():
            name += f" ({headers[column].strip()})"
        named.append(name)
    if len(cells) > 5:
        named.append(f"… ({len(cells)})")
    where = ", ".join(named)
    return unreadable(
        path,
        f"cells {where} hold formulas whose results were never saved in the file: open it in"
        " Excel or LibreOffice, save it, and import it again",
        f"las celdas {where} tienen fórmulas cuyo resultado nunca se guardó en el archivo:"
        " ábralo en Excel o LibreOffice, guárdelo e impórtelo de nuevo",
    )


def _column_letters(column: int) -> str:
    letters = ""
    column += 1
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + letter - ord("A") + 1
    return index - 1


def _hidden_rows(rows: list[int]) -> ReadWarning:
    listed = rows_in_words(rows)
    if len(rows) == 1:
        return ReadWarning(
            "hidden_rows",
            f"Row {listed} is hidden in the workbook and was read like the others: check it.",
            f"La fila {listed} está oculta en el libro y se leyó como las demás: revísela.",
            rows,
        )
    return ReadWarning(
        "hidden_rows",
        f"Rows {listed} are hidden in the workbook and were read like the others: check them.",
        f"Las filas {listed} están ocultas en el libro y se leyeron como las demás: revíselas.",
        rows,
    )


def _hidden_sheet(name: str) -> ReadWarning:
    return ReadWarning(
        "hidden_sheet",
        f"The sheet read, '{name}', is hidden in the workbook: check it is the list you meant.",
        f"La hoja leída, '{name}', está oculta en el libro: revise que sea la lista que quería.",
    )


def _other_sheets(name: str, others: list[str]) -> ReadWarning:
    listed = ", ".join(f"'{other}'" for other in others)
    return ReadWarning(
        "other_sheets",
        f"Only the first sheet, '{name}', was read; the workbook's other sheets with data"
        f" were not: {listed}.",
        f"Solo se leyó la primera hoja, '{name}'; las otras hojas del libro con datos no:"
        f" {listed}.",
    )


def _sheet_marks(path: Path, sheet_name: str) -> _SheetMarks:
    with zipfile.ZipFile(path) as archive, archive.open(_sheet_part(archive, sheet_name)) as xml:
        return _scan_sheet(xml)


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str:
    """The zip member holding the named sheet, found as Excel finds it: through the package's
    and the workbook's relationships."""
    workbook_part = _target(archive, "_rels/.rels", "", "/officeDocument")
    folder, name = posixpath.split(workbook_part)
    rels_part = posixpath.join(folder, "_rels", f"{name}.rels")
    for element in ElementTree.fromstring(archive.read(workbook_part)).iter():
        if _local(element.tag) == "sheet" and element.get("name") == sheet_name:
            relation = next(v for k, v in element.attrib.items() if _local(k) == "id")
            return _target(archive, rels_part, folder, relation)
    raise KeyError(sheet_name)


def _target(archive: zipfile.ZipFile, rels_part: str, folder: str, wanted: str) -> str:
    """The part a relationship points to: by its id, or by the end of its type."""
    for element in ElementTree.fromstring(archive.read(rels_part)).iter():
        if _local(element.tag) != "Relationship":
            continue
        if element.get("Id") == wanted or element.get("Type", "").endswith(wanted):
            target = element.get("Target", "")
            if target.startswith("/"):
                return target[1:]
            return posixpath.normpath(posixpath.join(folder, target))
    raise KeyError(wanted)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _scan_sheet(xml: IO[bytes]) -> _SheetMarks:
    """Read the sheet's XML a megabyte at a time, each piece cut before a row's start tag so
    that every row is looked at whole."""
    marks = _SheetMarks()
    carry = b""
    row_start = b"<row"
    prefixed = False  # whether the start tag's namespace prefix is known yet
    last_row = 0
    while True:
        chunk = xml.read(_CHUNK)
        buffer = carry + chunk
        if chunk:
            if not prefixed:
                first = _ROW_TAG.search(buffer)
                if first is None:
                    carry = buffer
                    continue
                row_start, prefixed = b"<" + first.group(1) + b"row", True
            cut = buffer.rfind(row_start)
            if cut <= 0:
                carry = buffer
                continue
            piece, carry = buffer[:cut], buffer[cut:]
        else:
            piece, carry = buffer, b""
        last_row = _scan_rows(piece, last_row, row_start, marks)
        if not chunk:
            return marks


def _scan_rows(piece: bytes, last_row: int, row_start: bytes, marks: _SheetMarks) -> int:
    """Note the piece's hidden rows, unsaved formulas and errors; the last row number seen.

    Most pieces have none of them: plain searches tell, and then only the last row's number
    is read.
    """
    hidden = b"hidden" in piece
    errors = b'"e"' in piece or b"'e'" in piece
    cells = errors or b"f>" in piece or b"<f " in piece or b":f " in piece
    if not (hidden or cells):
        last = _ROW_TAG.match(piece, max(piece.rfind(row_start), 0))
        number = _ROW_NUMBER.search(last.group(2)) if last else None
        if number:
            return int(number.group(1))
    tags = list(_ROW_TAG.finditer(piece))
    for i, tag in enumerate(tags):
        attributes = tag.group(2)
        number = _ROW_NUMBER.search(attributes)
        last_row = int(number.group(1)) if number else last_row + 1
        if hidden and _HIDDEN.search(attributes):
            marks.hidden_rows.append(last_row - 1)
        if cells:
            end = tags[i + 1].start() if i + 1 < len(tags) else len(piece)
            _scan_cells(piece[tag.end() : end], last_row - 1, marks)
    return last_row


def _scan_cells(content: bytes, row: int, marks: _SheetMarks) -> None:
    if not (_ERROR_CELL.search(content) or _FORMULA.search(content)):
        return
    column = -1
    for cell in _CELL.finditer(content):
        attributes, inner = cell.group(1), cell.group(2) or b""
        reference = _CELL_REFERENCE.search(attributes)
        column = _column_index(reference.group(1)) if reference else column + 1
        kind = _CELL_TYPE.search(attributes)
        kind_name = kind.group(1) if kind else b"n"
        value = _VALUE.search(inner)
        text = value.group(1) if value else None
        if kind_name == b"e":
            marks.errors[row, column] = unescape((text or b"").decode("utf-8"))
        elif not text and kind_name != b"str" and _FORMULA.search(inner):
            marks.unsaved_formulas.append((row, column))


def _row_text(values: list[Any]) -> list[str]:
    """The row's cells as text; a row of plain text (the usual one) is kept as it is."""
    if set(map(type, values)) == _ONLY_TEXT and "\0'" not in "\0" + "\0".join(values):
        return values
    return [_cell_text(value) for value in values]


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return spreadsheet_value(value) if value[:1] == "'" else value
    if isinstance(value, datetime):
        if value.time() == time():
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
