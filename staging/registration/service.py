"""Importing a registration list into the site database, through the one write path.

Good rows land in one transaction (all of them or none); bad rows and conflicts go, untouched,
to a rejects file beside the input with a specific reason. Re-importing updates by
registration id. Likely duplicates are flagged for review, never merged.

An import runs in two phases, so that a desk's check-in waits seconds, not the whole import:

1. **Checking**, outside any transaction: the file is read and checked a chunk of rows at a
   time (`stream_table`, `RowChecker`). Only this is kept: each chunk's good rows, their values
   as stored packed as JSON; the cells of the few good rows the write might refuse (a
   registration id or A-number seen before); the rejected rows' cells for the rejects file.
2. **Writing**, in one `Store.write` (`BEGIN IMMEDIATE`): who is already on the site is read
   inside the lock, then the chunks are unpacked one at a time — conflicts, households, updates,
   new people (each audited by a compact entry, `staging.audit.formats`) — and then the
   possible duplicates, the rejects file and the batch. From one chunk to the next only the
   registration ids, A-numbers and households seen so far are held, and the new people's name
   keys by birth date (for the duplicates).

The same list imported from two desks at once: the second waits for the first one's write,
then finds its people and updates them (or leaves them unchanged); it never fails halfway.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import islice
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

import orjson

from staging.changes import Changes, Kind
from staging.errors import UserError
from staging.ids import new_id
from staging.people.fields import PERSON_FIELDS, names
from staging.registration.columns import CANONICAL_COLUMNS, HeaderMap, map_headers
from staging.registration.name_matching import alike_pairs
from staging.registration.problems import ImportFileError, ProblemCode
from staging.registration.profiles import ColumnChoice, mapping_for
from staging.registration.reader import (
    ReadWarning,
    SourceRow,
    SourceTable,
    gc_paused,
    stream_table,
)
from staging.registration.rejects import RejectsFile, rejects_after_commit
from staging.registration.validate import CheckedRows, RegistrationRecord, RowChecker, RowProblem
from staging.rules import Action, Policy, possible_duplicate
from staging.store.store import Actor, Store, UnitOfWork, require, utc_timestamp
from staging.text import name_key

# Rows read, checked and written at a time (bounds an import's memory).
CHUNK_ROWS = 2_000
DATE_FIELDS = names(field for field in PERSON_FIELDS if field.kind == "date")
# Free text, stored as validation tidied it; person_values converts the other fields.
_TEXT_FIELDS = names(field for field in PERSON_FIELDS if field.kind in ("text", "note"))
# A new person's columns as the import writes them: the household's id in place of the list's.
PERSON_COLUMNS = ("id", *CANONICAL_COLUMNS, "source", "created_at", "updated_at")
# What an imported person's compact audit entry names besides the digest of the whole row.
KEY_FIELDS = ("registration_id", "a_number", "household_id")
# A packed row is [row number, *values in CANONICAL_COLUMNS order]: where each value sits.
_AT = {name: position for position, name in enumerate(CANONICAL_COLUMNS, start=1)}
_COMPARED = CANONICAL_COLUMNS[2:]  # what a re-import compares (with the household, below)
# Where a new person's birth date and names sit in PERSON_COLUMNS.
_BIRTH = PERSON_COLUMNS.index("date_of_birth")
_NAMES = itemgetter(
    *(
        PERSON_COLUMNS.index(name)
        for name in ("given_names", "paternal_surname", "maternal_surname")
    )
)
# A registration merged into another person is no one of its own: never a new duplicate.
_NOT_MERGED = "id NOT IN (SELECT person_id FROM person_merge)"
# Past this many birth dates, the people already on the site who may be duplicates of those
# imported are found in one pass over the site rather than by date.
_BIRTHS_PER_QUERY = 2_000
# The page cache an import writes with. A desk reads with 64 MiB (`connect`: a 100,000-person
# site stays in memory for search); a write that dirties every page once gains little from
# it: half of it costs the import ~3 % and keeps its peak memory ~30 MB lower.
IMPORT_CACHE_KIB = 32 * 1024


@dataclass
class ImportSummary:
    file: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    households: int = 0
    possible_duplicates: int = 0
    conflicts: int = 0
    rejects_file: str | None = None
    # Rows of registrations merged into another person: left as they are (see _write_file).
    merged: int = 0
    unknown_columns: list[str] = field(default_factory=list)
    repeated_columns: list[str] = field(default_factory=list)
    # Form metadata and columns the mapping leaves out; the profile used, if any; the column
    # read as the registration id when the list has none (KoboToolbox's `_uuid`).
    ignored_columns: list[str] = field(default_factory=list)
    profile: str | None = None
    key_from: str | None = None
    # What staff should check though it was read: rows read as Windows-1252, hidden rows,
    # a workbook's other sheets (`staging.registration.reader.ReadWarning`).
    warnings: list[ReadWarning] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problems"] = [
            {
                "row": p.row_number,
                "column": p.column,
                "value": p.value,
                "code": str(p.code),
                "message_en": p.message_en,
                "message_es": p.message_es,
            }
            for p in self.problems
        ]
        return data


_TEXT_OF = attrgetter(*_TEXT_FIELDS)


def person_values(record: RegistrationRecord) -> dict[str, Any]:
    """The person columns as stored: ISO dates, flags as a sorted `;` list."""
    values: dict[str, Any] = dict(zip(_TEXT_FIELDS, _TEXT_OF(record), strict=True))
    values["sex"] = str(record.sex)
    values["a_number"] = record.a_number
    values["case_status"] = str(record.case_status)
    values["vulnerabilities"] = ";".join(sorted(record.vulnerabilities))
    for name in DATE_FIELDS:
        day = getattr(record, name)
        values[name] = day.isoformat() if day else None
    return values


def _iso(day: date) -> str:
    return day.isoformat()


def _flag_list(flags: frozenset[str]) -> str:
    return ";".join(sorted(flags))


# How each kind of field is stored, where it is not stored as checked (person_values).
_STORED_AS: dict[str, Callable[[Any], Any]] = {
    "date": _iso,
    "sex": str,
    "case_status": str,
    "flags": _flag_list,
}


def stored_rows(rows: Sequence[SourceRow], checked: CheckedRows) -> list[tuple[Any, ...]]:
    """The good rows as `(row number, *values as stored)`, values in CANONICAL_COLUMNS order:
    person_values of each record, computed column by column (each distinct value once)."""
    columns: list[Sequence[Any]] = [[row.number for row in rows]]
    for person_field in PERSON_FIELDS:
        values = checked.fields[person_field.name]
        convert = _STORED_AS.get(person_field.kind)
        if convert is not None:
            stored = {value: convert(value) for value in set(values) if value is not None}
            values = list(map(stored.get, values))
        columns.append(values)
    packed = zip(*columns, strict=True)
    if not checked.problems:
        return list(packed)
    return [row for i, row in enumerate(packed) if i not in checked.problems]


def _conflict(row_number: int, column: str, value: str, code: ProblemCode, en: str, es: str):
    return RowProblem(
        row_number=row_number,
        column=column,
        value=value,
        code=code,
        message_en=f"Row {row_number}: {en}",
        message_es=f"Fila {row_number}: {es}",
    )


# What an import may change, for the screens to redraw (it reports a summary, not a Done).
IMPORT_CHANGES = Changes(frozenset({Kind.PEOPLE, Kind.DUPLICATES, Kind.IMPORTS}))


class ImportCancelled(UserError):
    """Someone pressed Cancel: the transaction was rolled back, nothing was imported."""

    def __init__(self) -> None:
        super().__init__(
            "The import was cancelled: nothing was imported.",
            "Se canceló la importación: no se importó nada.",
        )


def _keep_going() -> bool:
    return False


def _unwatched(stage: str, rows: int) -> None:
    return None


@dataclass
class ImportWatch:
    """How a desk follows a long import: `progress(stage, rows)` after each chunk ("checking",
    then "writing"), and `cancelled()` asked as often; a cancel raises ImportCancelled."""

    progress: Callable[[str, int], None] = _unwatched
    cancelled: Callable[[], bool] = _keep_going

    def step(self, stage: str, rows: int) -> None:
        if self.cancelled():
            raise ImportCancelled()
        self.progress(stage, rows)


def import_registrations(
    store: Store,
    actor: Actor,
    path: Path,
    columns: ColumnChoice | None = None,
    watch: ImportWatch | None = None,
) -> ImportSummary:
    """Import one file; raises `ImportFileError` if the file as a whole cannot be read, and
    ImportCancelled (nothing written) if `watch` says so.

    `columns`: how the list's columns are read (`ColumnChoice`); by default the profile made
    for these headers, if any, else the rules alone.
    """
    path = Path(path)
    require(actor, Action.IMPORT_REGISTRATIONS)  # before reading a file this user may not import
    watch = watch or ImportWatch()
    # The list's old rejects file goes now and its new one lands with the commit, or never.
    with gc_paused(), rejects_after_commit(path) as rejects:  # gc: see gc_paused
        checked = check_file(path, store, columns or ColumnChoice(), watch)
        checked.checker = None  # what it remembered only serves a preview
        summary = checked.summary()
        with _write_cache(store), store.write(actor, Action.IMPORT_REGISTRATIONS) as work:
            _write_file(work, store, checked, summary, path, rejects, watch)
    return summary


@contextmanager
def _write_cache(store: Store) -> Iterator[None]:
    """The connection's page cache at most IMPORT_CACHE_KIB while the import writes."""
    (before,) = store.db.execute("PRAGMA cache_size").fetchone()
    if not before < -IMPORT_CACHE_KIB:  # only ever made smaller (negative: KiB, not pages)
        yield
        return
    store.db.execute(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA cache_size = {before}")


@dataclass
class _Chunk:
    """A chunk's good rows as stored_rows gives them, packed as JSON: a third of the memory
    the Python objects take, and read back in milliseconds."""

    rows: bytes

    def unpacked(self) -> list[list[Any]]:
        return orjson.loads(self.rows)


@dataclass
class CheckedFile:
    """What the checking phase keeps of a whole file (see the module's docstring).

    `suspects` are the cells, as they came, of the good rows the write may refuse: a
    registration id or an A-number already seen in the file, or an A-number someone else held
    on the site when the file was checked. Should the site change before the write (another
    import), a row refused for it is read from the file again (`stamp` says it is the same).
    """

    path: Path
    headers: list[str]
    encoding: str
    delimiter: str
    header_map: HeaderMap
    profile: str | None
    stamp: tuple[int, int]  # the file's size and modification time as it was read
    rows: int = 0
    chunks: list[_Chunk] = field(default_factory=list)
    suspects: dict[int, list[str]] = field(default_factory=dict)
    rejected: list[SourceRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    checker: RowChecker | None = None

    def summary(self) -> ImportSummary:
        """The import's summary as far as checking knows it."""
        header_map = self.header_map
        return ImportSummary(
            file=str(self.path),
            unknown_columns=[*header_map.unknown, *header_map.unknown_choices],
            repeated_columns=list(header_map.duplicates),
            ignored_columns=list(header_map.ignored),
            profile=self.profile,
            key_from=header_map.key_from,
            warnings=self.warnings,
            problems=self.problems,
        )

    def rejected_table(self) -> SourceTable:
        """The rejected rows as the rejects file needs them, in the file's order."""
        self.rejected.sort(key=attrgetter("number"))
        return SourceTable(self.headers, self.rejected, self.encoding, self.delimiter)


def check_file(path: Path, store: Store, columns: ColumnChoice, watch: ImportWatch) -> CheckedFile:
    """Phase 1: read and check the file a chunk at a time, outside any transaction."""
    stamp = _stamp(path)
    with stream_table(path) as source:
        mapping, profile = mapping_for(store, source.headers, columns)
        header_map = map_headers(source.headers, mapping)
        if header_map.missing_required:
            raise ImportFileError.missing_columns(header_map.missing_required)
        checked = CheckedFile(
            path,
            source.headers,
            source.encoding,
            source.delimiter,
            header_map,
            profile,
            stamp,
        )
        checker = RowChecker(header_map, today=store.today())
        checked.checker = checker
        suspect = _Suspects(store)
        for rows in _chunks(source.rows, CHUNK_ROWS):
            watch.step("checking", checked.rows)
            checked.rows += len(rows)
            result = checker.check(rows)
            problems = result.problems
            good = rows
            if problems:
                checked.problems.extend(problems.values())
                checked.rejected.extend(rows[i] for i in sorted(problems))
                good = [row for i, row in enumerate(rows) if i not in problems]
            packed = stored_rows(rows, result)
            checked.suspects.update(
                (row.number, row.values)
                for row, values in zip(good, packed, strict=True)
                if suspect(values)
            )
            checked.chunks.append(_Chunk(orjson.dumps(packed)))
        checked.warnings = source.warnings  # complete now that every row has been read
    return checked


class _Suspects:
    """Whether the write might refuse a good row (see CheckedFile); a few false alarms cost
    a few rows' cells, a miss a second read of the file."""

    def __init__(self, store: Store) -> None:
        self._owner = dict(
            store.db.execute("SELECT a_number, registration_id FROM person WHERE a_number != ''")
        )
        self._registrations: set[str] = set()
        self._a_numbers: set[str] = set()

    def __call__(self, row: Sequence[Any]) -> bool:
        reg, a_number = row[1], row[_AT["a_number"]]
        suspect = (
            reg in self._registrations
            or a_number in self._a_numbers
            or self._owner.get(a_number, reg) != reg
        )
        self._registrations.add(reg)
        self._a_numbers.add(a_number)
        return suspect


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)  # stream_table says why it cannot be read
    return (status.st_size, status.st_mtime_ns)


def _read_again(path: Path, checked: CheckedFile, numbers: set[int]) -> list[SourceRow]:
    """These rows, read from the file again for the rejects file: only when the site changed
    between checking and writing (another import) and refused rows the check could not
    foresee. A file changed meanwhile imports nothing."""
    if _stamp(path) != checked.stamp:
        raise ImportFileError(
            f"{path.name} changed while it was being imported: nothing was imported."
            " Import it again.",
            f"{path.name} cambió mientras se importaba: no se importó nada. Impórtelo de nuevo.",
        )
    with stream_table(path) as source:
        return [row for row in source.rows if row.number in numbers]


def _chunks(rows: Iterator[SourceRow], size: int) -> Iterator[list[SourceRow]]:
    while chunk := list(islice(rows, size)):
        yield chunk


def _write_file(
    work: UnitOfWork,
    store: Store,
    checked: CheckedFile,
    summary: ImportSummary,
    path: Path,
    rejects: RejectsFile,
    watch: ImportWatch,
) -> None:
    """Phase 2, inside the write: who is on the site is read here, under the write lock, so
    a list imported twice at once is inserted once and then found (never a UNIQUE failure).

    A row of a registration merged into another person is left as it is: applying it would
    undo what the reviewer chose for the person kept, and it is no one new."""
    site = SitePeople.read(store)
    conflicts = Conflicts(site.a_number_owner, summary)
    batch = new_id()
    written = _Written(store.db.execute("SELECT coalesce(max(rowid), 0) FROM person").fetchone()[0])
    unforeseen: set[int] = set()  # refused rows whose cells were not kept
    done = 0
    checked.chunks.reverse()
    while checked.chunks:
        watch.step("writing", done)
        chunk = checked.chunks.pop()  # in the file's order, each let go once written
        rows = chunk.unpacked()
        done += len(rows)
        if site.merged:
            live = [row for row in rows if row[1] not in site.merged]
            summary.merged += len(rows) - len(live)
            rows = live
        kept = [row for row in rows if conflicts.keep(row)]
        if len(kept) < len(rows):
            for number in {row[0] for row in rows}.difference(row[0] for row in kept):
                cells = checked.suspects.get(number)
                if cells is None:
                    unforeseen.add(number)
                else:
                    checked.rejected.append(SourceRow(number, cells))
        _write_people(work, store, kept, site, batch, summary, written)
        del chunk, rows, kept
    del conflicts
    checked.suspects.clear()
    watch.step("writing", done)
    if unforeseen:
        checked.rejected.extend(_read_again(path, checked, unforeseen))
    summary.households = len(written.households)
    summary.possible_duplicates = _flag_possible_duplicates(
        work, store, written, store.policy(), lambda: watch.step("writing", done)
    )
    summary.problems.sort(key=attrgetter("row_number"))
    summary.rejected = len(summary.problems)
    # Written aside before the commit: if it cannot be (a read-only stick, a full disk), nothing
    # is imported, so "import again" is always the right advice; it is put in place after the
    # commit (`rejects_after_commit`), so no rejects file outlives a failed import.
    rejects_file = rejects.write(checked.rejected_table(), summary.problems)
    summary.rejects_file = str(rejects_file) if rejects_file else None
    work.insert(
        "import_batch",
        {
            "id": batch,
            "file_name": path.name,
            "imported_at": work.at,
            "imported_by": work.actor.user,
            "summary": json.dumps({k: v for k, v in summary.as_dict().items() if k != "problems"}),
        },
    )


@dataclass
class SitePeople:
    """Who is on the site as the write begins: registration ids, A-number owners, households."""

    registered: set[str]
    a_number_owner: dict[str, str]
    households: dict[str, str]  # external id → household id (new ones are added)
    merged: set[str]  # registration ids of people merged into another

    @classmethod
    def read(cls, store: Store) -> SitePeople:
        registered: set[str] = set()
        a_number_owner: dict[str, str] = {}
        for registration_id, a_number in store.db.execute(
            "SELECT registration_id, a_number FROM person"
        ):
            registered.add(registration_id)
            if a_number:
                a_number_owner[a_number] = registration_id
        households = dict(
            store.db.execute("SELECT external_id, id FROM household WHERE external_id IS NOT NULL")
        )
        merged = {
            registration_id
            for (registration_id,) in store.db.execute(
                "SELECT p.registration_id FROM person_merge m JOIN person p ON p.id = m.person_id"
            )
        }
        return cls(registered, a_number_owner, households, merged)


@dataclass
class _Written:
    """What the write has touched so far: for the duplicates, the people it added (their name
    keys by birth date, as they were written: no need to read them back) and those it
    changed, with their birth dates; and every household the list's people belong to.
    `rowid_before`: the people already on the site are the rows up to it."""

    rowid_before: int
    added: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    updated: set[str] = field(default_factory=set)
    updated_births: set[str] = field(default_factory=set)
    households: set[str] = field(default_factory=set)


class Conflicts:
    """A registration id twice in a file, or an A-number held by someone else, is a conflict.

    Rows are seen in the file's order; only the rows kept so far, and who held an A-number
    when the write began, decide.
    """

    def __init__(self, a_number_owner: dict[str, str], summary: ImportSummary) -> None:
        self._owner = a_number_owner
        self._summary = summary
        self._row_of_registration: dict[str, int] = {}
        # A-numbers are nine digits: kept as numbers, half the memory of the text.
        self._registration_of_a_number: dict[int, str] = {}

    def keep(self, row: list[Any]) -> bool:
        row_number, reg, a_number = row[0], row[1], row[_AT["a_number"]]
        digits = int(a_number)
        if reg in self._row_of_registration:
            other_row = self._row_of_registration[reg]
            problem = _conflict(
                row_number,
                "registration_id",
                reg,
                ProblemCode.DUPLICATE_REGISTRATION_ID,
                f"registration_id {reg} is already on row {other_row}",
                f"el id de registro {reg} ya está en la fila {other_row}",
            )
        elif digits in self._registration_of_a_number:
            other_reg = self._registration_of_a_number[digits]
            other_row = self._row_of_registration[other_reg]
            problem = _conflict(
                row_number,
                "a_number",
                a_number,
                ProblemCode.A_NUMBER_CONFLICT,
                f"A-number {a_number} is also on row {other_row} ({other_reg})",
                f"el número A {a_number} también está en la fila {other_row} ({other_reg})",
            )
        elif self._owner.get(a_number, reg) != reg:
            owner = self._owner[a_number]
            problem = _conflict(
                row_number,
                "a_number",
                a_number,
                ProblemCode.A_NUMBER_CONFLICT,
                f"A-number {a_number} already belongs to registration {owner}",
                f"el número A {a_number} ya pertenece al registro {owner}",
            )
        else:
            self._row_of_registration[reg] = row_number
            self._registration_of_a_number[digits] = reg
            return True
        self._summary.problems.append(problem)
        self._summary.conflicts += 1
        return False


def _write_people(
    work: UnitOfWork,
    store: Store,
    rows: list[list[Any]],
    site: SitePeople,
    batch: str,
    summary: ImportSummary,
    written: _Written,
) -> None:
    """One chunk's people: new households and people go in as batches (each new person with a
    compact audit entry); people already on the site are updated one by one."""
    current_of = current_people(store, [row[1] for row in rows if row[1] in site.registered])
    new_households: list[dict[str, Any]] = []
    household_of = [
        _household_for(site.households, new_households, row[2], current_of.get(row[1]), work.at)
        for row in rows
    ]
    work.insert_many("household", new_households)
    written.households.update(household_of)
    birth_at = _AT["date_of_birth"]
    fresh: list[list[Any]] = []
    fresh_rows: list[int] = []
    for row, household_id in zip(rows, household_of, strict=True):
        current = current_of.get(row[1])
        if current is None:
            fresh.append([new_id(), row[1], household_id, *row[3:], "import", work.at, work.at])
            fresh_rows.append(row[0])
            continue
        changed = changed_fields(current, row, household_id)
        if changed:
            work.update("person", current["id"], {**changed, "updated_at": work.at}, before=current)
            summary.updated += 1
            written.updated.add(current["id"])
            written.updated_births.add(row[birth_at])
        else:
            summary.unchanged += 1
    ids = work.insert_imported(
        "person", PERSON_COLUMNS, fresh, batch=batch, source_rows=fresh_rows, keys=KEY_FIELDS
    )
    for person_id, row in zip(ids, fresh, strict=True):
        if row[_BIRTH]:
            written.added[row[_BIRTH]].append((person_id, name_key(*_NAMES(row))))
    summary.imported += len(fresh)


def changed_fields(current: dict[str, Any], row: list[Any], household_id: str) -> dict[str, Any]:
    """What a packed row would change of a person on the site (living in `household_id`)."""
    values = dict(zip(_COMPARED, row[3:], strict=True))
    values["household_id"] = household_id
    return {k: v for k, v in values.items() if current[k] != v}


def current_people(store: Store, registration_ids: list[str]) -> dict[str, dict[str, Any]]:
    """These people as the site holds them, by registration id (with `updated_at`, so that
    an update's audit entry records the value it replaced)."""
    if not registration_ids:
        return {}
    columns = ["id", *names(PERSON_FIELDS), "updated_at"]
    cursor = store.db.execute(
        f"SELECT {', '.join(columns)} FROM person "
        "WHERE registration_id IN (SELECT value FROM json_each(?))",
        [json.dumps(registration_ids)],
    )
    rows = (dict(zip(columns, row, strict=True)) for row in cursor)
    return {row["registration_id"]: row for row in rows}


def _household_for(
    households: dict[str, str],
    new_households: list[dict[str, Any]],
    external: str,
    current: dict[str, Any] | None,
    at: str,
) -> str:
    """Rows sharing `household_id` form one household; a blank one keeps or makes a household."""
    if not external and current is not None:
        return current["household_id"]
    if external and external in households:
        return households[external]
    household = {"id": new_id(), "external_id": external or None, "created_at": at}
    new_households.append(household)
    if external:
        households[external] = household["id"]
    return household["id"]


def _flag_possible_duplicates(
    work: UnitOfWork,
    store: Store,
    written: _Written,
    policy: Policy,
    step: Callable[[], None],
) -> int:
    """Pairs with the same date of birth and alike names, at least one of them just imported
    (added or changed); each birth date's group is compared by `alike_pairs`."""
    if not (written.added or written.updated):
        return 0
    known = {
        (a, b)
        for a, b in store.db.execute("SELECT person_id, other_person_id FROM possible_duplicate")
    }
    threshold = policy.duplicates.possible_duplicate_min_score
    found: list[dict[str, Any]] = []
    found_at = utc_timestamp(store.clock)
    for group in _birth_groups(store, written):
        step()  # a Cancel is heard here too: thousands of birth dates take seconds
        marked = [touched for _, _, touched in group]
        if not any(marked):
            continue
        keys = [key for _, key, _ in group]
        for i, j, score in alike_pairs(keys, marked, threshold):
            first, second = group[i][0], group[j][0]
            pair = (first, second) if first < second else (second, first)
            if pair in known:
                continue
            if possible_duplicate(score, same_birth_date=True, policy=policy.duplicates):
                known.add(pair)
                found.append(
                    {
                        "id": new_id(),
                        "person_id": pair[0],
                        "other_person_id": pair[1],
                        "score": round(score),
                        "status": "open",
                        "found_at": found_at,
                    }
                )
    work.insert_many("possible_duplicate", found)
    return len(found)


def _birth_groups(store: Store, written: _Written) -> Iterator[list[tuple[str, str, bool]]]:
    """The people sharing a birth date with someone the import added or changed, as
    (person id, name key, touched), in groups of two or more: those added as the write kept
    them, those already on the site (changed or not) read from it."""
    groups: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for birth, added in written.added.items():
        groups[birth] = [(person_id, key, True) for person_id, key in added]
    written.added.clear()
    births = sorted(groups.keys() | {birth for birth in written.updated_births if birth})
    if written.rowid_before and births:
        columns = "id, date_of_birth, given_names, paternal_surname, maternal_surname"
        rows: Iterable[tuple[Any, ...]]
        if len(births) > _BIRTHS_PER_QUERY:
            # Many dates (a large list): one pass over the site beats thousands of lookups.
            wanted = set(births)
            rows = (
                row
                for row in store.db.execute(
                    f"SELECT {columns} FROM person WHERE rowid <= ? AND {_NOT_MERGED}",
                    [written.rowid_before],
                )
                if row[1] in wanted
            )
        else:
            rows = store.db.execute(
                f"SELECT {columns} FROM person WHERE rowid <= ? AND {_NOT_MERGED} "
                "AND date_of_birth IN (SELECT value FROM json_each(?))",
                [written.rowid_before, json.dumps(births)],
            )
        for person_id, birth, given, paternal, maternal in rows:
            key = name_key(given, paternal, maternal)
            groups[birth].append((person_id, key, person_id in written.updated))
    for group in groups.values():
        if len(group) > 1:
            yield group
