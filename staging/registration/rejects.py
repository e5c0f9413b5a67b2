"""Writing the rows that could not be imported back out, for staff to fix and import again.

The rejects file holds each bad row as it came (same cells, same column order, same delimiter),
plus the spreadsheet row it came from and the reason, so fixing it in Excel and re-importing it is
all that is needed. It sits beside the input so staff find it.

It is opened in Excel, so every cell goes through `spreadsheet_safe`: a cell that Excel would run
as a formula gets a leading apostrophe, which the reader takes off again (`staging.registration
.cells` gives the rule), so a re-imported rejects file gives the values it was made from.

It never outlives an import that did not happen: an import removes the previous rejects file of
its list as it starts, writes the new one aside while its rows are written, and renames it into
place only once they are committed (`rejects_after_commit`). A failed, killed or refused import
leaves no rejects file that looks like the rows still to fix.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from staging.errors import Busy, StorageError
from staging.files import create_private
from staging.registration.cells import spreadsheet_safe
from staging.registration.columns import REJECTS_COLUMNS, is_rejects_column
from staging.registration.problems import ImportFileError
from staging.registration.reader import SourceTable
from staging.registration.validate import RowProblem


class NothingImported(StorageError):
    """The import's transaction failed (a full disk, a lost drive): none of its rows were saved
    and no rejects file was written, so the whole list is to be imported again."""


def rejects_path(input_path: Path) -> Path:
    """`lista.xlsx` → `lista.rejects.csv`, in the same folder."""
    return input_path.with_name(f"{input_path.stem}.rejects.csv")


def write_rejects(
    source: SourceTable,
    problems: list[RowProblem],
    input_path: Path,
    extra: dict[int, RowProblem] | None = None,
) -> Path | None:
    """Write the rejects file at once, or remove a stale one and return None when nothing was
    rejected; an import writes it through `rejects_after_commit` instead.

    `problems` come from validation and `extra` from later steps (the database refusing a row);
    a row is written once, with its first problem. The rejects columns of a re-imported rejects
    file are replaced, not repeated.
    """
    with rejects_after_commit(input_path) as rejects:
        return rejects.write(source, problems, extra)


class RejectsFile:
    """An import's rejects file, written aside until the import's rows are committed."""

    def __init__(self, input_path: Path) -> None:
        self.path = rejects_path(input_path)
        self._aside: Path | None = None

    def write(
        self,
        source: SourceTable,
        problems: list[RowProblem],
        extra: dict[int, RowProblem] | None = None,
    ) -> Path | None:
        """As `write_rejects`; the file appears at the returned path once the import commits."""
        lines = _rejects_lines(source, problems, extra)
        if lines is None:
            return None
        self._aside = _written_aside(self.path, lines, source.delimiter)
        return self.path

    def _place(self) -> None:
        if self._aside is None:
            return
        try:
            os.replace(self._aside, self.path)
        except OSError as exc:  # the rows are committed: say where their rejects are instead
            raise ImportFileError(
                f"The list was imported, but its rejects file could not be named"
                f" {self.path.name} ({exc.strerror}): the rejected rows are in"
                f" {self._aside.name}.",
                f"La lista se importó, pero su archivo de rechazos no pudo llamarse"
                f" {self.path.name} ({exc.strerror}): las filas rechazadas están en"
                f" {self._aside.name}.",
            ) from exc

    def _discard(self) -> None:
        if self._aside is not None:
            with contextlib.suppress(OSError):  # a read-only folder refuses the clean-up too
                self._aside.unlink(missing_ok=True)


@contextmanager
def rejects_after_commit(input_path: Path) -> Iterator[RejectsFile]:
    """Around an import's whole run, its commit included (see the module's docstring).

    A storage failure is said as `NothingImported`: the rows and the rejects file go together.
    """
    rejects = RejectsFile(input_path)
    _remove(rejects.path)  # refuses now, not after the work, if Excel holds it open
    try:
        yield rejects
    except BaseException as error:
        rejects._discard()
        if isinstance(error, StorageError) and not isinstance(error, Busy):
            raise NothingImported(
                f"Nothing was imported from {input_path.name}, and no rejects file was"
                f" written: {error.message_en}",
                f"No se importó nada de {input_path.name}, ni se escribió el archivo de"
                f" rechazos: {error.message_es}",
            ) from error
        raise
    rejects._place()


def _rejects_lines(
    source: SourceTable, problems: list[RowProblem], extra: dict[int, RowProblem] | None
) -> list[list[str]] | None:
    """The rejects file's lines, header first, every cell spreadsheet-safe; None if no row."""
    by_row: dict[int, RowProblem] = {}
    for problem in problems:
        by_row.setdefault(problem.row_number, problem)
    for number, problem in (extra or {}).items():
        by_row.setdefault(number, problem)
    if not by_row:
        return None
    rejected = [row for row in source.rows if row.number in by_row]
    unknown_rows = by_row.keys() - {row.number for row in rejected}
    if unknown_rows:
        raise ValueError(f"problems for rows not in the file: {sorted(unknown_rows)}")

    headers = source.headers
    width = max([len(headers), *(len(row.values) for row in rejected)])
    kept = [i for i in range(width) if i >= len(headers) or not is_rejects_column(headers[i])]
    header = [headers[i] if i < len(headers) else "" for i in kept] + list(REJECTS_COLUMNS)
    lines = [[spreadsheet_safe(cell) for cell in header]]
    for row in rejected:
        values = row.values
        cells = [values[i] if i < len(values) else "" for i in kept]
        cells += [str(row.number), by_row[row.number].message]
        lines.append([spreadsheet_safe(cell) for cell in cells])
    return lines


def _written_aside(path: Path, lines: list[list[str]], delimiter: str) -> Path:
    """The lines in `<rejects file>.tmp`, for a rename to put in place: a power cut never leaves
    half a rejects file. It holds personal data, so only this account may read it (one left by
    a crash may not be so: it is replaced)."""
    temporary = path.with_name(f"{path.name}.tmp")
    try:
        temporary.unlink(missing_ok=True)
        create_private(temporary)
        with temporary.open("w", encoding="utf-8-sig", newline="") as output:
            csv.writer(output, delimiter=delimiter).writerows(lines)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a read-only folder refuses the clean-up too
            temporary.unlink(missing_ok=True)
        raise _locked(path, exc) from exc
    return temporary


def _remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise _locked(path, exc) from exc


def _locked(path: Path, exc: OSError) -> ImportFileError:
    """On Windows the usual cause is the previous rejects file still open in Excel."""
    return ImportFileError(
        f"The rejects file {path.name} could not be written ({exc.strerror}), so nothing was"
        " imported: is it open in Excel? Close it, check the drive has space, and import again.",
        f"No se pudo escribir el archivo de rechazos {path.name} ({exc.strerror}), así que no se"
        " importó nada: ¿está abierto en Excel? Ciérrelo, revise que la unidad tenga espacio e"
        " importe de nuevo.",
    )
