"""What reading a registration list gives: its rows as text, one at a time, and what staff
should look at in it. Shared by the text-file and workbook readers (`text_files`, `workbooks`)
and the import, which reads through `reader`.
"""

from __future__ import annotations

import errno
import gc
from collections.abc import Callable, Container, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from staging.registration.problems import ImportFileError


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
    # Where the header is (Excel's row number), the worksheet read ("" for a text file), and
    # the HXL hashtags of a tag row under the header (e.g. "#affected+name"), not read as data.
    header_row: int = 1
    sheet: str = ""
    hxl_tags: list[str] | None = None


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


def unreadable(path: Path, detail_en: str, detail_es: str) -> ImportFileError:
    return ImportFileError(
        f"{path.name} could not be read: {detail_en}.",
        f"No se pudo leer {path.name}: {detail_es}.",
    )


# Why the system would not read a file, in words a volunteer can act on (errno → English, Spanish).
_UNREADABLE_BECAUSE: dict[int, tuple[str, str]] = {
    errno.ENOENT: (
        "it is not there any more (moved, renamed, or on a USB stick that is not plugged in?)",
        "ya no está ahí (¿se movió, se cambió de nombre o está en una memoria USB desconectada?)",
    ),
    errno.EACCES: ("this account may not read it", "esta cuenta no tiene permiso para leerlo"),
    errno.EPERM: ("this account may not read it", "esta cuenta no tiene permiso para leerlo"),
    errno.EISDIR: ("it is a folder, not a file", "es una carpeta, no un archivo"),
    errno.EIO: (
        "the drive could not be read (removed, or damaged?)",
        "no se pudo leer la unidad (¿se retiró o está dañada?)",
    ),
}


def unreadable_file(path: Path, error: OSError) -> ImportFileError:
    """The system refused to read the file: said in both languages, never in the system's
    English alone on a Spanish screen (its words are kept, after ours, for anything else)."""
    known = _UNREADABLE_BECAUSE.get(error.errno or 0)
    if known is not None:
        return unreadable(path, *known)
    system = error.strerror or type(error).__name__
    return unreadable(
        path,
        f"the system refused to read it ({system})",
        f"el sistema no permitió leerlo ({system})",
    )


def stream_of(
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
    numbered: Iterator[tuple[int, list[str]]] = enumerate(records, start=1)
    for number, headers in numbered:
        if "".join(headers).strip():
            header_row = number
            break
    else:
        raise unreadable(path, "it is empty (no header row)", "está vacío (no tiene encabezado)")
    source = SourceStream(headers, iter(()), encoding, delimiter, header_row=header_row)
    for number, cells in numbered:
        if not "".join(cells).strip():
            continue
        if is_hxl_row(cells):
            source.hxl_tags = [cell.strip() for cell in cells]
        else:
            numbered = chain([(number, cells)], numbered)
        break
    source.rows = _rows(numbered, len(headers), source.warnings, noted, noted_rows)
    return source


def is_hxl_row(cells: Sequence[str]) -> bool:
    """A Humanitarian Exchange Language tag row (HXL): every filled cell a hashtag such as
    "#affected+name". Kobo and HDX exports put one under the header; it is not a person."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    return bool(filled) and all(
        cell.startswith("#") and len(cell) > 1 and cell[1].isalpha() for cell in filled
    )


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


def rows_in_words(numbers: Sequence[int], most: int = 10) -> str:
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
