"""Checking each row of a registration list and turning it into a typed record.

A row is accepted whole or rejected whole, with the first problem found (in column order), so
staff fix one thing at a time in the rejects file and the database never holds half a person.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from staging.domain import CaseStatus, Sex
from staging.people.fields import PERSON_FIELDS, names
from staging.registration.cells import clean_text, shown
from staging.registration.columns import (
    CANONICAL_COLUMNS,
    SPANISH_HEADERS,
    HeaderMap,
    choice_marked,
    map_headers,
)
from staging.registration.parsing import (
    fold_word,
    parse_a_number,
    parse_case_status,
    parse_date,
    parse_sex,
    parse_vulnerabilities,
    vulnerability_flag,
    vulnerability_items,
)
from staging.registration.problems import (
    FieldProblem,
    ImportFileError,
    ProblemCode,
    bilingual,
)
from staging.registration.reader import SourceRow, SourceTable, gc_paused, read_table

# MPP began on 28 January 2019 and enrolled no one after 21 January 2021 (the day new
# enrollments were suspended): an enrollment date outside them is a typing mistake.
MPP_START = date(2019, 1, 28)
MPP_LAST_ENROLLMENT = date(2021, 1, 21)
EARLIEST_BIRTH = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class RegistrationRecord:
    """One person from a list, every field checked; blank optional text (and sex) is ""."""

    registration_id: str
    household_id: str
    given_names: str
    paternal_surname: str
    maternal_surname: str
    date_of_birth: date
    sex: Sex | Literal[""]
    nationality: str
    a_number: str
    mpp_enrollment_date: date
    case_status: CaseStatus
    current_court: str
    phone: str
    email: str
    appointment_date: date | None
    us_address_street: str
    us_address_city: str
    us_address_state: str
    us_address_zip: str
    us_contact_name: str
    us_contact_phone: str
    languages: str
    vulnerabilities: frozenset[str]
    notes: str


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why one row was rejected, ready to show and to write into the rejects file."""

    row_number: int
    column: str
    value: str
    code: str
    message_en: str
    message_es: str

    @property
    def message(self) -> str:
        return bilingual(self.message_en, self.message_es)


@dataclass
class ParsedFile:
    """A whole file checked: good records by row number, and one problem per rejected row."""

    source: SourceTable
    header_map: HeaderMap
    records: dict[int, RegistrationRecord]
    problems: list[RowProblem]


def _row_problem(
    row: SourceRow, index: int | None, column: str, problem: FieldProblem
) -> RowProblem:
    """The problem in the words staff see; the value quoted is the cell exactly as typed."""
    value = row.values[index] if index is not None and index < len(row.values) else ""
    spanish = SPANISH_HEADERS[column]
    if problem.code is ProblemCode.REQUIRED:
        message_en = f"Row {row.number}: {column} {problem.message_en}"
        message_es = f"Fila {row.number}: {spanish} {problem.message_es}"
    else:
        message_en = f"Row {row.number}: {column} '{shown(value)}' {problem.message_en}"
        message_es = f"Fila {row.number}: {spanish} '{shown(value)}' {problem.message_es}"
    return RowProblem(row.number, column, value, problem.code, message_en, message_es)


def _missing() -> FieldProblem:
    return FieldProblem(
        ProblemCode.REQUIRED,
        "is required but the cell is empty",
        "es obligatorio pero la celda está vacía",
    )


# A text cell as `clean_text` stores it: NFC, no invisible characters, whitespace runs as one
# space. Every text cell (ids, names, contact details, notes) passes through `_text` and
# nowhere else, in `validate_row` and in the column-wise pass alike: cleaning a cell belongs
# there. A FieldProblem it raises rejects the row, as any other check's does. (A name for the
# function, not a function calling it: 800,000 cells in a 100,000-row list.)
_text = clean_text


def _required_text(value: str) -> str:
    text = _text(value)
    if not text:
        raise _missing()
    return text


def _present(text: str) -> str:
    if not text.strip():
        raise _missing()
    return text


def _date_of_birth(text: str, today: date) -> date:
    born = parse_date(_present(text))
    if born > today:
        raise FieldProblem(ProblemCode.DATE_FUTURE, "is in the future", "está en el futuro")
    if born < EARLIEST_BIRTH:
        raise FieldProblem(ProblemCode.DATE_TOO_OLD, "is before 1900", "es anterior a 1900")
    return born


def _enrollment_date(text: str, today: date) -> date:
    """The enrollment date within the programme; the check against birth needs the whole row."""
    enrolled = parse_date(_present(text))
    if enrolled > today:
        raise FieldProblem(ProblemCode.DATE_FUTURE, "is in the future", "está en el futuro")
    if enrolled < MPP_START:
        raise FieldProblem(
            ProblemCode.MPP_BEFORE_PROGRAMME,
            f"is before MPP began ({MPP_START.isoformat()})",
            f"es anterior al inicio del MPP ({MPP_START:%d/%m/%Y})",
        )
    if enrolled > MPP_LAST_ENROLLMENT:
        raise FieldProblem(
            ProblemCode.MPP_AFTER_PROGRAMME,
            f"is after the last MPP enrollments ({MPP_LAST_ENROLLMENT.isoformat()})",
            f"es posterior a las últimas inscripciones al MPP ({MPP_LAST_ENROLLMENT:%d/%m/%Y})",
        )
    return enrolled


def _enrolled_before_birth() -> FieldProblem:
    return FieldProblem(
        ProblemCode.MPP_BEFORE_BIRTH,
        "is before the date of birth",
        "es anterior a la fecha de nacimiento",
    )


def _sex(text: str) -> Sex | Literal[""]:
    return parse_sex(text) if text.strip() else ""


def _a_number(text: str) -> str:
    # Most lists write the nine digits as they are stored: those need no parsing.
    if len(text) == 9 and text.isascii() and text.isdigit() and text.strip("0"):
        return text
    return parse_a_number(_present(text))


def _appointment_date(text: str) -> date | None:
    return parse_date(text) if text.strip() else None


@functools.lru_cache(maxsize=8)
def _checks(today: date) -> dict[str, Callable[[str], Any]]:
    """How each column's cell becomes its field, in canonical order (the first problem wins).

    Cached per day because validate_row may be called for each of 100,000 rows.
    """
    checks: dict[str, Callable[[str], Any]] = {
        field.name: _required_text if field.required else _text for field in PERSON_FIELDS
    }
    checks.update(
        date_of_birth=lambda text: _date_of_birth(text, today),
        sex=_sex,
        a_number=_a_number,
        mpp_enrollment_date=lambda text: _enrollment_date(text, today),
        case_status=parse_case_status,
        appointment_date=_appointment_date,
        vulnerabilities=parse_vulnerabilities,
    )
    return checks


def validate_row(
    row: SourceRow, header_map: HeaderMap, *, today: date
) -> RegistrationRecord | RowProblem:
    """One row as a record, or the first problem found in it (columns in canonical order).

    For a whole file validate_rows gives the same answers several times faster.
    """
    cells = _columns([row], header_map)
    fields: dict[str, Any] = {}
    for column, check in _checks(today).items():
        index = header_map.index_of.get(column)
        try:
            fields[column] = check(cells[column][0])
            if column == "mpp_enrollment_date" and fields[column] < fields["date_of_birth"]:
                raise _enrolled_before_birth()
        except FieldProblem as problem:
            return _row_problem(row, index, column, problem)
    return RegistrationRecord(**fields)


def _each(
    values: Sequence[str], check: Callable[[str], object]
) -> tuple[list[Any], dict[int, FieldProblem]]:
    """Each value checked (None where it failed), and the problem of each row that failed."""
    checked: list[Any] = []
    problems: dict[int, FieldProblem] = {}
    for i, value in enumerate(values):
        try:
            checked.append(check(value))
        except FieldProblem as problem:
            checked.append(None)
            problems[i] = problem
    return checked, problems


def _all(
    values: Sequence[str], check: Callable[[str], object]
) -> tuple[list[Any], dict[int, FieldProblem]]:
    """As _each, in one pass without a handler per cell while no cell fails (the usual case);
    a column with a failing cell is checked again cell by cell."""
    try:
        return list(map(check, values)), {}
    except FieldProblem:
        return _each(values, check)


# Fields written with words from a closed list, which a list may write its own way.
WORD_FIELDS = ("case_status", "sex", "vulnerabilities")
# Columns where a list repeats a few values thousands of times: each is checked once.
_REPEATING = frozenset(names(field for field in PERSON_FIELDS if field.repeats))
# Distinct values remembered per repetitive column across the chunks of one file; past this
# many (a column that does not repeat after all) they are forgotten and remembering restarts.
_REMEMBERED = 50_000


def _each_remembered(
    values: Sequence[str], check: Callable[[str], object], remembered: dict[str, Any]
) -> tuple[list[Any], dict[int, FieldProblem]]:
    """As _each, checking each distinct value once per file: `remembered` holds what each
    value gave (its FieldProblem, for a value that failed) from one chunk to the next."""
    distinct = set(values)
    new = distinct.difference(remembered)
    if len(remembered) + len(new) > _REMEMBERED:
        remembered.clear()
        new = distinct
    for value in new:
        try:
            remembered[value] = check(value)
        except FieldProblem as problem:
            remembered[value] = problem
    checked = list(map(remembered.__getitem__, values))
    failed = {value for value in distinct if isinstance(remembered[value], FieldProblem)}
    if not failed:
        return checked, {}
    problems: dict[int, FieldProblem] = {}
    for i, value in enumerate(values):
        if value in failed:
            problems[i] = remembered[value]
            checked[i] = None
    return checked, problems


def _columns(rows: Sequence[SourceRow], header_map: HeaderMap) -> dict[str, Sequence[str]]:
    """The mapped cells column by column (a blank column for each unmapped one), the list's
    own words put in ours and per-choice columns gathered into the vulnerabilities."""
    width = max([*header_map.index_of.values(), *header_map.choice_of], default=-1) + 1
    table = [row.values for row in rows]
    if min(map(len, table), default=width) < width:
        table = [values + [""] * (width - len(values)) for values in table]
    transposed = list(zip(*table, strict=False))  # rows may run past the header: cut them
    blank = ("",) * len(rows)
    columns: dict[str, Sequence[str]] = {
        column: transposed[header_map.index_of[column]] if column in header_map.index_of else blank
        for column in CANONICAL_COLUMNS
    }
    for column, words in header_map.words.items():
        if words and column in columns:
            translate = _flag_words if column == "vulnerabilities" else _word
            cells = columns[column]
            meaning = {cell: translate(cell, words) for cell in set(cells)}
            columns[column] = list(map(meaning.__getitem__, cells))
    if header_map.choice_of:
        columns["vulnerabilities"] = _with_choices(
            columns["vulnerabilities"], transposed, header_map.choice_of
        )
    return columns


def _word(cell: str, words: dict[str, str]) -> str:
    return words.get(fold_word(cell), cell)


def _flag_words(cell: str, words: dict[str, str]) -> str:
    """A vulnerability cell with the list's own choice names put in ours ("" drops one)."""
    items = (words.get(fold_word(item), item) for item in vulnerability_items(cell))
    return ";".join(item for item in items if item)


def _with_choices(
    cells: Sequence[str], transposed: list[tuple[str, ...]], choice_of: dict[int, str]
) -> list[str]:
    """Each row's flags: its vulnerability cell and the choices marked in per-choice columns.

    A per-choice cell that is neither marked nor unmarked ("quizás") goes into the cell as it
    is, so the row is rejected naming it."""
    gathered = list(cells)
    for index, flag in choice_of.items():
        for i, mark in enumerate(transposed[index]):
            marked = choice_marked(mark)
            if marked is False:
                continue
            item = flag if marked else mark
            gathered[i] = f"{gathered[i]};{item}" if gathered[i].strip() else item
    return gathered


@dataclass
class CheckedRows:
    """Some rows checked column by column: each column's typed values, in canonical order
    (None in a column where a row failed), and the first problem of each rejected row, by the
    row's position among the rows checked."""

    fields: dict[str, list[Any]]
    problems: dict[int, RowProblem]


class RowChecker:
    """Checks the rows of one file column by column, a chunk of rows at a time.

    Gives validate_row's answers several times faster: no per-cell exception handler while
    no cell fails, and each distinct value of a repetitive column (names, dates, cities)
    checked once per file, not once per row.
    """

    def __init__(self, header_map: HeaderMap, *, today: date) -> None:
        self.header_map = header_map
        self._checks = _checks(today)
        self._remembered: dict[str, dict[str, Any]] = {column: {} for column in _REPEATING}

    def check(self, rows: Sequence[SourceRow]) -> CheckedRows:
        if not rows:
            return CheckedRows({column: [] for column in CANONICAL_COLUMNS}, {})
        cells = _columns(rows, self.header_map)
        fields: dict[str, list[Any]] = {}
        failures: dict[str, dict[int, FieldProblem]] = {}
        for column, check in self._checks.items():
            remembered = self._remembered.get(column)
            if remembered is None:
                fields[column], failures[column] = _all(cells[column], check)
            else:
                fields[column], failures[column] = _each_remembered(
                    cells[column], check, remembered
                )
        failures["mpp_enrollment_date"].update(
            (i, _enrolled_before_birth())
            for i, (born, enrolled) in enumerate(
                zip(fields["date_of_birth"], fields["mpp_enrollment_date"], strict=True)
            )
            if born and enrolled and enrolled < born
        )
        problems: dict[int, RowProblem] = {}
        for column, column_failures in failures.items():  # canonical order: first problem wins
            index = self.header_map.index_of.get(column)
            for i, problem in column_failures.items():
                if i not in problems:
                    problems[i] = _row_problem(rows[i], index, column, problem)
        return CheckedRows(fields, problems)

    def unknown_words(self) -> dict[str, list[str]]:
        """The words of the rows checked so far that mean nothing here, by field (a case status
        "pendiente de audiencia", a sex "2", a choice "menor_embarazada"): what a person can map
        onto our codes (`ColumnMapping.words`)."""
        found: dict[str, list[str]] = {}
        for column in WORD_FIELDS:
            remembered = self._remembered.get(column, {})
            failed = [cell for cell, meant in remembered.items() if isinstance(meant, FieldProblem)]
            if column == "vulnerabilities":
                words = {
                    item.strip()
                    for cell in failed
                    for item in vulnerability_items(cell)
                    if vulnerability_flag(item) is None
                }
            else:
                words = {cell.strip() for cell in failed}
            if words:
                found[column] = sorted(words, key=str.casefold)
        return found


def validate_rows(
    rows: Sequence[SourceRow], header_map: HeaderMap, *, today: date
) -> list[RegistrationRecord | RowProblem]:
    """Each row as a record, or the first problem found in it: validate_row for a whole file.

    The rows are checked column by column (`RowChecker`), which is what makes 100,000 rows
    take seconds rather than tens of seconds.
    """
    if not rows:
        return []
    with gc_paused():
        checked = RowChecker(header_map, today=today).check(rows)
        # Rejected rows are built too and replaced below: cheaper than filtering every column.
        # RegistrationRecord's fields are CANONICAL_COLUMNS in order, so each row is positional.
        results: list[RegistrationRecord | RowProblem] = list(
            map(RegistrationRecord, *(checked.fields[column] for column in CANONICAL_COLUMNS))
        )
        for i, problem in checked.problems.items():
            results[i] = problem
        return results


def parse_file(path: Path, *, today: date) -> ParsedFile:
    """Read and check a whole file; raises ImportFileError if it cannot be imported at all."""
    source = read_table(path)
    header_map = map_headers(source.headers)
    if header_map.missing_required:
        raise ImportFileError.missing_columns(header_map.missing_required)
    records: dict[int, RegistrationRecord] = {}
    problems: list[RowProblem] = []
    results = validate_rows(source.rows, header_map, today=today)
    for row, result in zip(source.rows, results, strict=True):
        if isinstance(result, RowProblem):
            problems.append(result)
        else:
            records[row.number] = result
    return ParsedFile(source, header_map, records, problems)
