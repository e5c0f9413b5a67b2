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

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from staging.registration.problems import ImportFileError
from staging.registration.source import (
    ReadWarning,
    SourceRow,
    SourceStream,
    SourceTable,
    gc_paused,
)
from staging.registration.text_files import text_stream
from staging.registration.workbooks import workbook_stream

__all__ = [
    "ReadWarning",
    "SourceRow",
    "SourceStream",
    "SourceTable",
    "gc_paused",
    "read_table",
    "stream_table",
]

_TEXT_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})


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
        with workbook_stream(path) as source:
            yield source
    elif suffix in _TEXT_SUFFIXES:
        with text_stream(path) as source:
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
