"""Looking at a list before importing it: its first rows as read, then what an import would do.

A coordinator sees first how the file was read (encoding, delimiter, worksheet, header row, an
HXL tag row) and its first rows, at once even for 100,000 rows; then, with the columns mapped,
the whole file checked exactly as the import checks it — how many people would be added,
updated, left unchanged or rejected, and why — without writing anything or taking the write
lock, so the desks keep checking people in meanwhile.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from staging.registration.profiles import ColumnChoice
from staging.registration.reader import ReadWarning, SourceRow, gc_paused, stream_table
from staging.registration.service import (
    Conflicts,
    ImportSummary,
    ImportWatch,
    SitePeople,
    changed_fields,
    check_file,
    current_people,
)
from staging.registration.validate import RowProblem
from staging.rules import Action
from staging.store.store import Actor, Store, require

PREVIEW_ROWS = 20
# A household the list names that the site does not have yet: whoever joins it changes.
_NEW_HOUSEHOLD = "new household"


@dataclass
class FilePreview:
    """How a file was read, and its first rows as text."""

    file: str
    headers: list[str]
    rows: list[SourceRow]
    encoding: str
    delimiter: str
    sheet: str
    header_row: int
    hxl_tags: list[str] | None
    warnings: list[ReadWarning]


def preview_file(path: Path, rows: int = PREVIEW_ROWS) -> FilePreview:
    """The header and first rows; raises `ImportFileError` for a file that cannot be read."""
    path = Path(path)
    with stream_table(path) as source:
        first = list(islice(source.rows, rows))
        return FilePreview(
            str(path),
            source.headers,
            first,
            source.encoding,
            source.delimiter,
            source.sheet,
            source.header_row,
            source.hxl_tags,
            list(source.warnings),
        )


@dataclass(frozen=True)
class Reason:
    """One reason rows would be rejected: how many, and the first such row's problem."""

    code: str
    rows: int
    example: RowProblem


@dataclass
class ImportPreview:
    """What importing the file would do now. `summary` counts as the import would (imported =
    new people); possible duplicates are only looked for by the import itself."""

    summary: ImportSummary
    rows: int
    reasons: list[Reason] = field(default_factory=list)
    # The list's words that mean nothing here yet, by field: what to map (`ColumnMapping.words`).
    unknown_words: dict[str, list[str]] = field(default_factory=dict)


def preview_import(
    store: Store,
    actor: Actor,
    path: Path,
    columns: ColumnChoice | None = None,
    watch: ImportWatch | None = None,
) -> ImportPreview:
    """The whole file checked as `import_registrations` would, nothing written."""
    path = Path(path)
    require(actor, Action.IMPORT_REGISTRATIONS)
    watch = watch or ImportWatch()
    with gc_paused():
        checked = check_file(path, store, columns or ColumnChoice(), watch)
        summary = checked.summary()
        site = SitePeople.read(store)
        conflicts = Conflicts(site.a_number_owner, summary)
        done = 0
        for chunk in checked.chunks:
            watch.step("writing", done)
            rows = chunk.unpacked()
            done += len(rows)
            live = [row for row in rows if row[1] not in site.merged]
            summary.merged += len(rows) - len(live)
            kept = [row for row in live if conflicts.keep(row)]
            current_of = current_people(
                store, [row[1] for row in kept if row[1] in site.registered]
            )
            for row in kept:
                current = current_of.get(row[1])
                if current is None:
                    summary.imported += 1
                    continue
                external = row[2]
                household = (
                    site.households.get(external, _NEW_HOUSEHOLD)
                    if external
                    else current["household_id"]
                )
                if changed_fields(current, row, household):
                    summary.updated += 1
                else:
                    summary.unchanged += 1
        watch.step("writing", done)
    summary.problems.sort(key=lambda problem: problem.row_number)
    summary.rejected = len(summary.problems)
    checker = checked.checker
    return ImportPreview(
        summary,
        checked.rows,
        _reasons(summary.problems),
        checker.unknown_words() if checker else {},
    )


def _reasons(problems: list[RowProblem]) -> list[Reason]:
    """The reasons rows would be rejected, the commonest first."""
    counts = Counter(problem.code for problem in problems)
    first: dict[str, RowProblem] = {}
    for problem in problems:
        first.setdefault(problem.code, problem)
    return [Reason(code, count, first[code]) for code, count in counts.most_common()]
