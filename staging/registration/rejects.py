"""Writing the rows that could not be imported back out, for staff to fix and import again.

The rejects file holds each bad row exactly as it came (same cells, same column order, same
delimiter), plus the spreadsheet row it came from and the reason, so fixing it in Excel and
re-importing it is all that is needed. It sits beside the input so staff find it.
"""

from __future__ import annotations

import contextlib
import csv
import os
from pathlib import Path

from staging.files import create_private
from staging.registration.columns import REJECTS_COLUMNS, is_rejects_column
from staging.registration.problems import ImportFileError
from staging.registration.reader import SourceTable
from staging.registration.validate import RowProblem


def rejects_path(input_path: Path) -> Path:
    """`lista.xlsx` → `lista.rejects.csv`, in the same folder."""
    return input_path.with_name(f"{input_path.stem}.rejects.csv")


def write_rejects(
    source: SourceTable,
    problems: list[RowProblem],
    input_path: Path,
    extra: dict[int, RowProblem] | None = None,
) -> Path | None:
    """Write the rejects file, or remove a stale one and return None when nothing was rejected.

    `problems` come from validation and `extra` from later steps (the database refusing a row);
    a row is written once, with its first problem. The rejects columns of a re-imported rejects
    file are replaced, not repeated.
    """
    by_row: dict[int, RowProblem] = {}
    for problem in problems:
        by_row.setdefault(problem.row_number, problem)
    for number, problem in (extra or {}).items():
        by_row.setdefault(number, problem)
    path = rejects_path(input_path)
    if not by_row:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise _locked(path, exc) from exc
        return None
    rejected = [row for row in source.rows if row.number in by_row]
    unknown_rows = by_row.keys() - {row.number for row in rejected}
    if unknown_rows:
        raise ValueError(f"problems for rows not in the file: {sorted(unknown_rows)}")

    headers = source.headers
    width = max([len(headers), *(len(row.values) for row in rejected)])
    kept = [i for i in range(width) if i >= len(headers) or not is_rejects_column(headers[i])]
    lines = [[headers[i] if i < len(headers) else "" for i in kept] + list(REJECTS_COLUMNS)]
    for row in rejected:
        values = row.values
        cells = [values[i] if i < len(values) else "" for i in kept]
        lines.append([*cells, str(row.number), by_row[row.number].message])

    temporary = path.with_name(f"{path.name}.tmp")
    try:
        # Written aside and swapped in, so a power cut never leaves half a rejects file; it holds
        # personal data, so only this account may read it (one left by a crash may not be so).
        temporary.unlink(missing_ok=True)
        create_private(temporary)
        with temporary.open("w", encoding="utf-8-sig", newline="") as output:
            csv.writer(output, delimiter=source.delimiter).writerows(lines)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a read-only folder refuses the clean-up too
            temporary.unlink(missing_ok=True)
        raise _locked(path, exc) from exc
    return path


def _locked(path: Path, exc: OSError) -> ImportFileError:
    """On Windows the usual cause is the previous rejects file still open in Excel."""
    return ImportFileError(
        f"The rejects file {path.name} could not be written ({exc.strerror}); is it open in Excel?",
        f"No se pudo escribir el archivo de rechazos {path.name} ({exc.strerror});"
        " ¿está abierto en Excel?",
    )
