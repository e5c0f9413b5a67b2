"""Reading a registration list (CSV or Excel) into plain rows of text, whatever produced it.

Partners save lists from Excel in Spanish locales (semicolons, Windows-1252), from Google Sheets
(UTF-8, commas) or as workbooks. Everything is read as text so that a rejected row can be written
back exactly as it came, and so that validation sees the same thing for every source.
"""

from __future__ import annotations

import codecs
import csv
import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

import openpyxl

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


@dataclass
class SourceTable:
    """The file as read: header cells and rows as text, and how the text was written."""

    headers: list[str]
    rows: list[SourceRow]
    # "utf-8", "utf-8-sig", "utf-16" or "cp1252"; "utf-8" for a workbook (its XML is UTF-8).
    encoding: str
    # The delimiter of a text file; "," for a workbook.
    delimiter: str


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
    """Read a .csv (also .txt/.tsv) or .xlsx file; refuse anything unreadable with ImportFileError.

    The header is the first non-blank row; completely blank rows after it are dropped, and short
    rows are padded with "" to the header's width.
    """
    suffix = path.suffix.casefold()
    if suffix in _WORKBOOK_SUFFIXES:
        with gc_paused():
            return _read_workbook(path)
    if suffix in _TEXT_SUFFIXES:
        with gc_paused():
            return _read_text(path)
    if suffix == ".xls":
        raise ImportFileError(
            f"{path.name} is an old Excel (.xls) file: save it as .xlsx or CSV and import that.",
            f"{path.name} es un archivo de Excel antiguo (.xls): guárdelo como .xlsx o CSV"
            " e importe ese.",
        )
    raise ImportFileError(
        f"{path.name} is not a CSV or Excel (.xlsx) file.",
        f"{path.name} no es un archivo CSV ni de Excel (.xlsx).",
    )


def _unreadable(path: Path, detail_en: str, detail_es: str) -> ImportFileError:
    return ImportFileError(
        f"{path.name} could not be read: {detail_en}.",
        f"No se pudo leer {path.name}: {detail_es}.",
    )


def _table(path: Path, records: list[list[str]], encoding: str, delimiter: str) -> SourceTable:
    headers: list[str] | None = None
    width = 0
    rows: list[SourceRow] = []
    for number, cells in enumerate(records, start=1):
        if not "".join(cells).strip():
            continue
        if headers is None:
            headers = cells
            width = len(headers)
            continue
        if len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        rows.append(SourceRow(number, cells))
    if headers is None:
        raise _unreadable(path, "it is empty (no header row)", "está vacío (no tiene encabezado)")
    return SourceTable(headers, rows, encoding, delimiter)


# --- Text files --------------------------------------------------------------------------------


def _read_text(path: Path) -> SourceTable:
    """Parse the file as a stream once its encoding is known.

    Streaming keeps a second copy of the whole text out of memory (about 100 MB for 100,000 rows).
    """
    encoding, header_line = _sniff(path)
    delimiter = _detect_delimiter(header_line)
    try:
        with path.open(encoding=encoding, newline="") as stream:
            # strict: an unclosed quote must refuse the file, not swallow the rows after it.
            reader = csv.reader(stream, delimiter=delimiter, strict=True)
            try:
                records = list(reader)
            except csv.Error as exc:
                raise _unreadable(
                    path,
                    f"line {reader.line_num} is malformed (an unclosed quote?)",
                    f"la línea {reader.line_num} está mal formada (¿comillas sin cerrar?)",
                ) from exc
    except OSError as exc:
        raise _unreadable(path, str(exc.strerror), str(exc.strerror)) from exc
    return _table(path, records, encoding, delimiter)


def _sniff(path: Path) -> tuple[str, str]:
    """The file's encoding, and its first non-blank line (the header) to find the delimiter."""
    try:
        text, encoding = _decode(path, path.read_bytes())
    except OSError as exc:
        raise _unreadable(path, str(exc.strerror), str(exc.strerror)) from exc
    if "\x00" in text:
        raise _unreadable(path, "it is not a text file", "no es un archivo de texto")
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end + 1
        if text[start:end].strip():
            return encoding, text[start:end]
        start = end
    return encoding, ""


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (what Excel writes in Mexico).

    Text valid in both is read as UTF-8: real Windows-1252 Spanish text almost never is. A file
    with a UTF-8 BOM must be UTF-8: guessing again would garble the rows that are.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        encodings = ("utf-8", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _unreadable(
        path,
        "its text is neither UTF-8 nor Windows-1252",
        "su texto no está en UTF-8 ni en Windows-1252",
    )


def _detect_delimiter(header_line: str) -> str:
    """The delimiter used most on the header line (header names never contain one); "," if none."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


# --- Workbooks ---------------------------------------------------------------------------------


def _read_workbook(path: Path) -> SourceTable:
    """The first worksheet, read-only (streamed), so 100,000 rows do not need the whole DOM.

    openpyxl's warnings are about workbook features the list does not use (data validation,
    styles); they are silenced so they do not reach staff as noise.
    """
    records: list[list[str]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # any failure inside the zip/XML means the same to staff
            raise _unreadable(
                path,
                "it is not a valid Excel workbook (damaged, or password-protected?)",
                "no es un libro de Excel válido (¿dañado o protegido con contraseña?)",
            ) from exc
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # some producers write a wrong size; read what is there
            records.extend(
                [_cell_text(value) for value in cells]
                for cells in sheet.iter_rows(min_row=1, values_only=True)
            )
        except Exception as exc:  # read-only mode parses lazily: damage shows up here too
            raise _unreadable(
                path,
                "its first worksheet is damaged",
                "su primera hoja está dañada",
            ) from exc
        finally:
            workbook.close()
    return _table(path, records, "utf-8", ",")


def _cell_text(value: object) -> str:
    """A cell as the text a CSV export would hold: ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
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
