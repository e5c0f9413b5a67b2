"""Reading a registration list (CSV or Excel) into plain rows of text, whatever produced it.

Partners save lists from Excel in Spanish locales (semicolons, Windows-1252), from Google Sheets
(UTF-8, commas) or as workbooks. Everything is read as text so that a rejected row can be written
back exactly as it came, and so that validation sees the same thing for every source.

Nothing is guessed silently: a text file is read line by line in the encoding that fits each
line, and the lines that needed Windows-1252 in an otherwise UTF-8 file are named; a file that
cannot be read without garbling it (a line mixing both encodings, an old Mac file) is refused
with the reason. A workbook's merged cells count for every row they span; its hidden rows and
its other sheets with data are named; a formula whose result was never saved refuses the file,
naming its cells, rather than reading as an empty cell.
"""

from __future__ import annotations

import codecs
import csv
import gc
import posixpath
import re
import zipfile
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
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

from staging.registration.cells import may_hold_spreadsheet_safe, spreadsheet_value
from staging.registration.problems import ImportFileError

_TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_DELIMITERS = (",", ";", "\t")


@dataclass(slots=True)
class SourceRow:
    """One non-blank data row; `number` is the row number Excel shows, so staff can find it.

    `values` are the cells as text, at least as many as the header has.
    """

    number: int
    values: list[str]


@dataclass(frozen=True, slots=True)
class ReadWarning:
    """Something in the file staff should look at, though every row of it was read."""

    code: str  # "read_as_windows_1252", "hidden_rows", "other_sheets" or "hidden_sheet"
    message_en: str
    message_es: str
    rows: list[int] = field(default_factory=list)  # the rows it is about, if any


@dataclass
class SourceTable:
    """The file as read: header cells and rows as text, and how the text was written."""

    headers: list[str]
    rows: list[SourceRow]
    # "utf-8", "utf-8-sig", "utf-16" or "cp1252"; "utf-8" for a workbook (its XML is UTF-8).
    # A UTF-8 file with some lines in Windows-1252 is "utf-8" (or "utf-8-sig"), and `warnings`
    # names those rows.
    encoding: str
    # The delimiter of a text file; "," for a workbook.
    delimiter: str
    warnings: list[ReadWarning] = field(default_factory=list)


@dataclass
class SourceStream:
    """The file as it is being read: its header and how its text is written at once, its rows
    one at a time (so a list of 100,000 rows is never all in memory)."""

    headers: list[str]
    rows: Iterator[SourceRow]
    encoding: str
    delimiter: str
    # Complete once `rows` has been read to its end (some name rows only found on the way).
    warnings: list[ReadWarning] = field(default_factory=list)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cyclic garbage collector while a whole list is built.

    A list of 100,000 rows makes millions of small objects and no reference cycles; left running,
    the collector rescans them over and over, which doubles the time of an import.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_table(path: Path) -> SourceTable:
    """Read a .csv (also .txt/.tsv) or .xlsx file whole; see `stream_table`."""
    with gc_paused(), stream_table(path) as source:
        rows = list(source.rows)
        return SourceTable(source.headers, rows, source.encoding, source.delimiter, source.warnings)


@contextmanager
def stream_table(path: Path) -> Iterator[SourceStream]:
    """Open a .csv (also .txt/.tsv) or .xlsx file; refuse anything unreadable with ImportFileError
    (while opening it, or while its rows are read).

    The header is the first non-blank row; completely blank rows after it are skipped, and short
    rows are padded with "" to the header's width.
    """
    suffix = path.suffix.casefold()
    if suffix in _WORKBOOK_SUFFIXES:
        with _workbook_stream(path) as source:
            yield source
    elif suffix in _TEXT_SUFFIXES:
        with _text_stream(path) as source:
            yield source
    elif suffix == ".xls":
        raise ImportFileError(
            f"{path.name} is an old Excel (.xls) file: save it as .xlsx or CSV and import that.",
            f"{path.name} es un archivo de Excel antiguo (.xls): guárdelo como .xlsx o CSV"
            " e importe ese.",
        )
    else:
        raise ImportFileError(
            f"{path.name} is not a CSV or Excel (.xlsx) file.",
            f"{path.name} no es un archivo CSV ni de Excel (.xlsx).",
        )


def _unreadable(path: Path, detail_en: str, detail_es: str) -> ImportFileError:
    return ImportFileError(
        f"{path.name} could not be read: {detail_en}.",
        f"No se pudo leer {path.name}: {detail_es}.",
    )


def _stream(
    path: Path,
    records: Iterator[list[str]],
    encoding: str,
    delimiter: str,
    noted: Callable[[list[int]], ReadWarning] | None = None,
    noted_rows: Container[int] = (),
) -> SourceStream:
    """The records (each row's cells, from row 1) as a stream, its header read already.

    `noted` makes the warning about the rows found in `noted_rows` (which may fill up as the
    records are read), once the rows have been read to the end.
    """
    numbered = enumerate(records, start=1)
    for _, headers in numbered:
        if "".join(headers).strip():
            break
    else:
        raise _unreadable(path, "it is empty (no header row)", "está vacío (no tiene encabezado)")
    source = SourceStream(headers, iter(()), encoding, delimiter)
    source.rows = _rows(numbered, len(headers), source.warnings, noted, noted_rows)
    return source


def _rows(
    numbered: Iterator[tuple[int, list[str]]],
    width: int,
    warnings: list[ReadWarning],
    noted: Callable[[list[int]], ReadWarning] | None,
    noted_rows: Container[int],
) -> Iterator[SourceRow]:
    found: list[int] = []
    for number, cells in numbered:
        if not "".join(cells).strip():
            continue
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        if number in noted_rows:
            found.append(number)
        yield SourceRow(number, cells)
    if noted is not None and found:
        warnings.append(noted(found))


def _rows_in_words(numbers: Sequence[int], most: int = 10) -> str:
    """Rows as staff look for them ("4, 7–9, 12"): the first `most` runs, then how many in all."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    words = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs[:most]]
    if len(runs) > most:
        words.append(f"… ({len(numbers)})")
    return ", ".join(words)


# --- Text files --------------------------------------------------------------------------------

# Decoded with "surrogateescape", bytes that are not UTF-8 become U+DC80–U+DCFF: any other
# character beyond ASCII was a valid UTF-8 sequence.
_DECODED_UTF8 = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_APOSTROPHES = frozenset("'’‘`´")
_WORD_EDGE = re.compile(r"[\s,;\"]")


@contextmanager
def _text_stream(path: Path) -> Iterator[SourceStream]:
    """Parse the file once its encoding is known, streamed from disk when it is one encoding.

    Streaming keeps a second copy of the whole text out of memory (about 100 MB for 100,000 rows).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, str(exc.strerror), str(exc.strerror)) from exc
    encoding, text, lines, windows_lines = _decode(path, data)
    del data
    if "\x00" in text:
        raise _unreadable(path, "it is not a text file", "no es un archivo de texto")
    delimiter = _detect_delimiter(_first_line(text))
    unmark = may_hold_spreadsheet_safe(text)
    del text
    windows_rows: set[int] = set()
    if lines is not None:
        records = _records(path, lines, delimiter, unmark, set(windows_lines), windows_rows)
        yield _stream(path, records, encoding, delimiter, _read_as_windows_1252, windows_rows)
        return
    try:
        stream = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise _unreadable(path, str(exc.strerror), str(exc.strerror)) from exc
    with stream:
        records = _records(path, stream, delimiter, unmark, set(), windows_rows)
        yield _stream(path, records, encoding, delimiter)


def _first_line(text: str) -> str:
    """The first non-blank line (the header), to find the delimiter."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end + 1
        if text[start:end].strip():
            return text[start:end]
        start = end
    return ""


def _records(
    path: Path,
    lines: Iterable[str],
    delimiter: str,
    unmark: bool,
    windows_lines: set[int],
    windows_rows: set[int],
) -> Iterator[list[str]]:
    """Each record's cells; the records holding one of `windows_lines` go into `windows_rows`.

    `unmark`: the file may hold cells written by `spreadsheet_safe` (a rejects file or an export
    read again), which are read as the values they stand for.
    """
    # strict: an unclosed quote must refuse the file, not swallow the rows after it.
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    while True:
        first_line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _malformed(path, exc, first_line, reader.line_num) from exc
        number += 1
        if windows_lines and not windows_lines.isdisjoint(range(first_line, reader.line_num + 1)):
            windows_rows.add(number)
        yield [spreadsheet_value(cell) for cell in cells] if unmark else cells


def _malformed(path: Path, exc: csv.Error, first_line: int, line: int) -> ImportFileError:
    if not str(exc).startswith("field larger than field limit"):
        return _unreadable(
            path,
            f"line {line} is malformed (an unclosed quote?)",
            f"la línea {line} está mal formada (¿comillas sin cerrar?)",
        )
    limit = csv.field_size_limit()
    en = f"the cell starting on line {first_line} is longer than {limit:,} characters"
    es = f"la celda que empieza en la línea {first_line} tiene más de {limit:,} caracteres"
    if line > first_line:  # it runs over many lines: most likely a quote opened, never closed
        en += f" and runs on to line {line} (is its closing quote missing?)"
        es += f" y sigue hasta la línea {line} (¿le falta la comilla de cierre?)"
    else:
        en += ", more than any list needs: shorten it"
        es += ", más de lo que necesita cualquier lista: acórtela"
    return _unreadable(path, en, es)


def _decode(path: Path, data: bytes) -> tuple[str, str, list[str] | None, list[int]]:
    """The encoding, the whole text, the text line by line when its lines are in different
    encodings (else None: one encoding, which can be streamed), and the lines (from 1) that are
    Windows-1252 in a UTF-8 file.

    UTF-8 is tried first, for the whole file and then line by line: real Windows-1252 Spanish
    text is almost never valid UTF-8. A file that has no UTF-8 beyond ASCII anywhere is
    Windows-1252 (what Excel writes in Mexico) and is not reported; in one that does, each line
    that is not UTF-8 is read as Windows-1252 and named.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return "utf-16", data.decode("utf-16"), None, []
        except UnicodeDecodeError as exc:
            raise _unreadable(
                path,
                "it is marked as UTF-16 but its text is not",
                "está marcado como UTF-16 pero su texto no lo es",
            ) from exc
    bom = data.startswith(codecs.BOM_UTF8)
    encoding = "utf-8-sig" if bom else "utf-8"
    try:
        return encoding, data.decode(encoding), None, []
    except UnicodeDecodeError:
        pass
    if not bom and not _holds_utf8(data):
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise _neither(path, data[: exc.start].count(b"\n") + 1) from exc
        if _mac_roman_lead(data) > 0:
            raise _mac_roman(path, enumerate(data.splitlines(keepends=True), start=1))
        return "cp1252", text, None, []
    raw_lines = data.splitlines(keepends=True)  # as the csv module counts lines
    if bom:
        raw_lines[0] = raw_lines[0][len(codecs.BOM_UTF8) :]
    lines: list[str] = []
    windows_lines: list[int] = []
    for number, raw in enumerate(raw_lines, start=1):
        try:
            lines.append(raw.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if _holds_utf8(raw):
            raise _unreadable(
                path,
                f"line {number} mixes UTF-8 and Windows-1252 text, so some of its letters"
                " would be garbled: retype that line's accented letters and save the file"
                " as 'CSV UTF-8'",
                f"la línea {number} mezcla texto UTF-8 y Windows-1252, así que algunas de sus"
                " letras saldrían alteradas: vuelva a escribir las letras con acento de esa"
                " línea y guarde el archivo como 'CSV UTF-8'",
            )
        try:
            lines.append(raw.decode("cp1252"))
        except UnicodeDecodeError as exc:
            raise _neither(path, number) from exc
        windows_lines.append(number)
    if _mac_roman_lead(b"".join(raw_lines[number - 1] for number in windows_lines)) > 0:
        raise _mac_roman(path, ((number, raw_lines[number - 1]) for number in windows_lines))
    return encoding, "".join(lines), lines, windows_lines


def _holds_utf8(raw: bytes) -> bool:
    """Whether these bytes (not valid UTF-8 as a whole) hold any UTF-8 beyond ASCII: read as
    Windows-1252, that part would be garbled ("JosÃ©")."""
    return _DECODED_UTF8.search(raw.decode("utf-8", "surrogateescape")) is not None


def _neither(path: Path, line: int) -> ImportFileError:
    return _unreadable(
        path,
        f"line {line} is neither UTF-8 nor Windows-1252 (a file from an old Mac?):"
        " save it as 'CSV UTF-8' and import that",
        f"la línea {line} no está en UTF-8 ni en Windows-1252 (¿un archivo de una Mac"
        " antigua?): guárdelo como 'CSV UTF-8' e importe ese",
    )


def _mac_roman(path: Path, lines: Iterable[tuple[int, bytes]]) -> ImportFileError:
    """Refuse a file that reads as Windows-1252 but makes sense only as Mac-Roman (old Excel for
    Mac), showing the word that gives it away in both readings."""
    number, raw = max(lines, key=lambda line: _mac_roman_lead(line[1]))
    windows, mac = raw.decode("cp1252"), raw.decode("mac_roman")
    odd = min(_implausible(windows) - _implausible(mac))
    start, end = _word_around(windows, odd)
    return _unreadable(
        path,
        f"it looks like a file saved by an old Mac (Mac-Roman): line {number} would read"
        f" '{windows[start:end]}' where it means '{mac[start:end]}'. Save it as 'CSV UTF-8'"
        " and import that",
        f"parece un archivo guardado por una Mac antigua (Mac-Roman): la línea {number} diría"
        f" '{windows[start:end]}' donde quiere decir '{mac[start:end]}'. Guárdelo como"
        " 'CSV UTF-8' e importe ese",
    )


def _mac_roman_lead(raw: bytes) -> int:
    """How much more sense Mac-Roman makes of these bytes than Windows-1252 (below 1: none)."""
    return len(_implausible(raw.decode("cp1252"))) - len(_implausible(raw.decode("mac_roman")))


def _implausible(text: str) -> set[int]:
    """Where a non-ASCII character sits where no Spanish, Portuguese or English word has one:
    punctuation inside a word ("Nu–ez"), a capital right after a small letter ("JosŽ"), a small
    letter between capitals ("GARCêA")."""
    found: set[int] = set()
    last = len(text) - 1
    for match in _NON_ASCII.finditer(text):
        i = match.start()
        char = match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i < last else " "
        if not char.isalpha():
            odd = char not in _APOSTROPHES and before.isalpha() and after.isalpha()
        elif char.isupper():
            odd = before.islower()
        else:
            odd = before.isupper() and after.isupper()
        if odd:
            found.add(i)
    return found


def _word_around(text: str, index: int) -> tuple[int, int]:
    start = index
    while start > 0 and not _WORD_EDGE.match(text, start - 1):
        start -= 1
    end = index + 1
    while end < len(text) and not _WORD_EDGE.match(text, end):
        end += 1
    return start, end


def _read_as_windows_1252(rows: list[int]) -> ReadWarning:
    listed = _rows_in_words(rows)
    if len(rows) == 1:
        return ReadWarning(
            "read_as_windows_1252",
            f"Row {listed} is not UTF-8 like the rest of the file and was read as"
            " Windows-1252: check its accents.",
            f"La fila {listed} no está en UTF-8 como el resto del archivo y se leyó como"
            " Windows-1252: revise sus acentos.",
            rows,
        )
    return ReadWarning(
        "read_as_windows_1252",
        f"Rows {listed} are not UTF-8 like the rest of the file and were read as Windows-1252:"
        " check their accents.",
        f"Las filas {listed} no están en UTF-8 como el resto del archivo y se leyeron como"
        " Windows-1252: revise sus acentos.",
        rows,
    )


def _detect_delimiter(header_line: str) -> str:
    """The delimiter used most on the header line (header names never contain one); "," if none."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


# --- Workbooks ---------------------------------------------------------------------------------

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
def _workbook_stream(path: Path) -> Iterator[SourceStream]:
    """The first worksheet, with python-calamine (several times faster than openpyxl).

    Cells read as openpyxl read them (the tests compare both); merged cells filled down; what
    staff do not see at a glance in Excel (hidden rows, the other sheets) reported.
    """
    try:
        workbook = CalamineWorkbook.from_path(path)
    except Exception as exc:  # any failure inside the zip/XML means the same to staff
        raise _unreadable(
            path,
            "it is not a valid Excel workbook (damaged, or password-protected?)",
            "no es un libro de Excel válido (¿dañado o protegido con contraseña?)",
        ) from exc
    with workbook:
        sheets = workbook.sheets_metadata
        worksheets = [i for i, sheet in enumerate(sheets) if sheet.typ == SheetTypeEnum.WorkSheet]
        if not worksheets:
            raise _unreadable(path, "it has no worksheet", "no tiene ninguna hoja de cálculo")
        first = sheets[worksheets[0]]
        try:
            sheet = workbook.get_sheet_by_index(worksheets[0])
            marks = _sheet_marks(path, first.name)
        except Exception as exc:  # damage shows up while reading the sheet too
            raise _damaged(path) from exc
        records = _sheet_records(path, sheet, marks)
        hidden = {row + 1 for row in marks.hidden_rows}
        source = _stream(path, records, "utf-8", ",", _hidden_rows, hidden)
        if marks.unsaved_formulas:
            raise _unsaved_formulas(path, source.headers, marks.unsaved_formulas)
        if first.visible != SheetVisibleEnum.Visible:
            source.warnings.append(_hidden_sheet(first.name))
        others = [sheets[i].name for i in worksheets[1:] if _has_data(workbook, i)]
        if others:
            source.warnings.append(_other_sheets(first.name, others))
        yield source


def _damaged(path: Path) -> ImportFileError:
    return _unreadable(path, "its first worksheet is damaged", "su primera hoja está dañada")


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
    return _unreadable(
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
    listed = _rows_in_words(rows)
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
