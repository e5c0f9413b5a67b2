"""Reading a CSV (or .txt/.tsv) list without garbling it.

Partners save lists from Excel in Spanish locales (semicolons, Windows-1252) or from Google
Sheets (UTF-8, commas). A text file is read line by line in the encoding that fits each line,
and the lines that needed Windows-1252 in an otherwise UTF-8 file are named; a file that cannot
be read without garbling it (a line mixing both encodings, an old Mac file) is refused with the
reason.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from staging.registration.cells import may_hold_spreadsheet_safe, spreadsheet_value
from staging.registration.problems import ImportFileError
from staging.registration.source import (
    ReadWarning,
    SourceStream,
    rows_in_words,
    stream_of,
    unreadable,
    unreadable_file,
)

_DELIMITERS = (",", ";", "\t")
# Decoded with "surrogateescape", bytes that are not UTF-8 become U+DC80–U+DCFF: any other
# character beyond ASCII was a valid UTF-8 sequence.
_DECODED_UTF8 = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_APOSTROPHES = frozenset("'’‘`´")
_WORD_EDGE = re.compile(r"[\s,;\"]")


@contextmanager
def text_stream(path: Path) -> Iterator[SourceStream]:
    """Parse the file once its encoding is known, streamed from disk when it is one encoding.

    Streaming keeps a second copy of the whole text out of memory (about 100 MB for 100,000 rows).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    encoding, text, lines, windows_lines = _decode(path, data)
    del data
    if "\x00" in text:
        raise unreadable(path, "it is not a text file", "no es un archivo de texto")
    delimiter = _detect_delimiter(_first_line(text))
    unmark = may_hold_spreadsheet_safe(text)
    del text
    windows_rows: set[int] = set()
    if lines is not None:
        records = _records(path, lines, delimiter, unmark, set(windows_lines), windows_rows)
        yield stream_of(path, records, encoding, delimiter, _read_as_windows_1252, windows_rows)
        return
    try:
        stream = path.open(encoding=encoding, newline="")
    except OSError as exc:
        raise unreadable_file(path, exc) from exc
    with stream:
        records = _records(path, stream, delimiter, unmark, set(), windows_rows)
        yield stream_of(path, records, encoding, delimiter)


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
        return unreadable(
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
    return unreadable(path, en, es)


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
            raise unreadable(
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
            raise unreadable(
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
    return unreadable(
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
    return unreadable(
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
    listed = rows_in_words(rows)
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
