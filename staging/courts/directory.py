"""The immigration courts a change of address is filed with, and the ICE OPLA offices it is
served on.

The app ships a directory built from public lists (`data/`, see `data/SOURCES.md`), and an
administrator can replace it with an updated pair of CSV files without a new release: courts
move and suites change. An updated list is checked as a whole before anything is used — a
wrong ZIP puts a court in the wrong place for the nearest-court proposal, and a court naming an
OPLA office that is not in the list leaves a form that cannot be served — so a list with any
problem is refused with every problem named (file, row, column), and the one in use stays.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

from staging.errors import NotFound, Refused
from staging.people.contact import check_zip, normalise_phone, us_state_code, zip_places
from staging.registration.cells import clean_text
from staging.registration.problems import FieldProblem
from staging.vocabulary import Words

COURT_COLUMNS = (
    "key",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "zip",
    "detained_only",
    "opla_key",
    "form_name_2026",
    "note",
    "note_es",
)
OPLA_COLUMNS = (
    "key",
    "name",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "zip",
    "phone",
    "note",
    "note_es",
)
_COURT_REQUIRED = (
    "key",
    "name",
    "address_line1",
    "city",
    "state",
    "zip",
    "detained_only",
    "opla_key",
)
_OPLA_REQUIRED = ("key", "name", "address_line1", "city", "state", "zip")

COURTS_FILE = "courts.csv"
OPLA_FILE = "opla_offices.csv"

# Territories with an immigration court or a ZIP of their own, beyond the states the desk takes
# for a sponsor's address (`staging.people.contact.US_STATES`): EOIR sits in Saipan.
TERRITORIES: dict[str, Words] = {
    "MP": Words("Northern Mariana Islands", "Islas Marianas del Norte"),
    "GU": Words("Guam", "Guam"),
    "VI": Words("U.S. Virgin Islands", "Islas Vírgenes de EE. UU."),
}
_YES = frozenset({"yes", "y", "true", "1", "si", "sí", "s"})
_NO = frozenset({"no", "n", "false", "0"})
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A list is refused with at most this many problems listed: the rest are counted.
SHOWN_PROBLEMS = 20


@dataclass(frozen=True)
class Court:
    """One immigration court, with the address a change of address is mailed to."""

    key: str
    name: str
    street_lines: tuple[str, ...]
    city: str
    state: str
    zip: str
    detained_only: bool  # hears only detained people's cases: never proposed to a released person
    opla_key: str  # the ICE OPLA office served for cases before this court
    form_name: str = ""  # the court's name in the drop-down of Form EOIR-33/IC (Rev. Feb. 2026)
    note: Words | None = None  # a doubt about this court's data, shown to whoever uses it

    @property
    def city_line(self) -> str:
        return f"{self.city}, {self.state} {self.zip}"

    @property
    def address_lines(self) -> tuple[str, ...]:
        """The lines under the court's name on an envelope or a form."""
        return (*self.street_lines, self.city_line)


@dataclass(frozen=True)
class OplaOffice:
    """An ICE Office of the Principal Legal Advisor: DHS is served there (8 C.F.R. 1003.32)."""

    key: str
    name: str
    street_lines: tuple[str, ...]
    city: str
    state: str
    zip: str
    phone: str = ""
    note: Words | None = None

    @property
    def city_line(self) -> str:
        return f"{self.city}, {self.state} {self.zip}"

    @property
    def address_lines(self) -> tuple[str, ...]:
        return (*self.street_lines, self.city_line)


@dataclass(frozen=True)
class CourtDirectory:
    """Courts and OPLA offices, checked: every court's office is in `opla_offices`."""

    courts: tuple[Court, ...]
    opla_offices: tuple[OplaOffice, ...]

    @cached_property
    def courts_by_key(self) -> dict[str, Court]:
        return {court.key: court for court in self.courts}

    @cached_property
    def opla_offices_by_key(self) -> dict[str, OplaOffice]:
        return {office.key: office for office in self.opla_offices}

    def opla_office_of(self, court: Court) -> OplaOffice:
        return self.opla_offices_by_key[court.opla_key]

    @cached_property
    def positions(self) -> dict[str, tuple[float, float]]:
        """Each court's latitude and longitude: the centroid of its ZIP code (no source gives
        the courts' own coordinates; a street ZIP's centroid is within a few miles of the door)."""
        return {court.key: zip_position(court.zip) for court in self.courts}


def find_court(directory: CourtDirectory, key: str) -> Court:
    """The court a record names; a court since removed from the directory is said so."""
    court = directory.courts_by_key.get(key)
    if court is None:
        raise NotFound(
            f"The court “{key}” is not in the court directory",
            f"La corte “{key}” no está en el directorio de cortes",
        )
    return court


def zip_position(zip_code: str) -> tuple[float, float]:
    """Latitude and longitude of a ZIP code's centroid (the data ships with `zipcodes`)."""
    for place in zip_places(zip_code[:5]):
        if place.get("lat") and place.get("long"):
            return float(place["lat"]), float(place["long"])
    raise Refused(
        f"ZIP {zip_code[:5]} has no known location to measure distances from",
        f"El código postal {zip_code[:5]} no tiene una ubicación conocida para medir distancias",
    )


# --- Reading and checking a directory ----------------------------------------------------------


@dataclass(frozen=True)
class CellProblem:
    """One thing wrong in a directory file; row 1 is the header, as a spreadsheet numbers it."""

    file: str
    row: int | None  # None: the file as a whole (its header, its encoding)
    column: str | None
    message: Words

    def said(self, language: str) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"{'fila' if language == 'es' else 'row'} {self.row}")
        if self.column is not None:
            where.append(f"{'columna' if language == 'es' else 'column'} {self.column}")
        return f"{', '.join(where)}: {self.message.in_language(language)}"


class DirectoryRefused(Refused):
    """An updated directory with problems: nothing of it is used, every problem is named."""

    def __init__(self, problems: list[CellProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._text("en"), self._text("es"))

    def _text(self, language: str) -> str:
        shown = [problem.said(language) for problem in self.problems[:SHOWN_PROBLEMS]]
        more = len(self.problems) - len(shown)
        if more:
            shown.append(f"… y {more} problemas más" if language == "es" else f"… and {more} more")
        heading = (
            "No se cargó el directorio de cortes:"
            if language == "es"
            else "The court directory was not loaded:"
        )
        return "\n".join([heading, *shown])


def decode_csv(data: bytes, file_name: str) -> str:
    """The file's text: UTF-8 (with or without Excel's BOM), else Windows-1252 (Excel's "CSV")."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise DirectoryRefused(
            [
                CellProblem(
                    file_name,
                    None,
                    None,
                    Words(
                        "is not a text file in UTF-8 or Windows-1252: save it as “CSV UTF-8”",
                        "no es un archivo de texto en UTF-8 ni Windows-1252: guárdelo como"
                        " “CSV UTF-8”",
                    ),
                )
            ]
        ) from None


def read_directory(
    courts_csv: bytes,
    opla_csv: bytes,
    *,
    courts_file: str = COURTS_FILE,
    opla_file: str = OPLA_FILE,
) -> CourtDirectory:
    """Both files checked together; any problem refuses both (`DirectoryRefused`)."""
    problems: list[CellProblem] = []
    office_rows = _rows(opla_csv, opla_file, OPLA_COLUMNS, _OPLA_REQUIRED, problems)
    court_rows = _rows(courts_csv, courts_file, COURT_COLUMNS, _COURT_REQUIRED, problems)
    if problems:
        raise DirectoryRefused(problems)
    offices = [office for row in office_rows if (office := _office(row, problems)) is not None]
    # A court naming an office whose own row has a problem is not wrong: only that row is.
    office_keys = {row.text("key") for row in office_rows}
    courts = [
        court for row in court_rows if (court := _court(row, office_keys, problems)) is not None
    ]
    _no_duplicates(office_rows, "key", problems)
    _no_duplicates(court_rows, "key", problems)
    _no_duplicates(court_rows, "name", problems)
    if not court_rows:
        problems.append(CellProblem(courts_file, None, None, _EMPTY))
    if not office_rows:
        problems.append(CellProblem(opla_file, None, None, _EMPTY))
    if problems:
        raise DirectoryRefused(sorted(problems, key=_problem_order))
    return CourtDirectory(tuple(courts), tuple(offices))


@functools.lru_cache(maxsize=1)
def shipped_directory() -> CourtDirectory:
    """The directory that comes with the app (checked like an administrator's, once)."""
    data = resources.files("staging.courts").joinpath("data")
    return read_directory(
        data.joinpath(COURTS_FILE).read_bytes(), data.joinpath(OPLA_FILE).read_bytes()
    )


_EMPTY = Words("has no rows below its header", "no tiene filas debajo del encabezado")


def _problem_order(problem: CellProblem) -> tuple[str, int, int]:
    columns = COURT_COLUMNS if problem.column in COURT_COLUMNS else OPLA_COLUMNS
    column = columns.index(problem.column) if problem.column in columns else -1
    return problem.file, problem.row or 0, column


@dataclass
class _Row:
    """One data row of a file, its cells cleaned; a problem found in it is added to `problems`."""

    file: str
    number: int
    cells: dict[str, str]
    problems: list[CellProblem]

    def text(self, column: str) -> str:
        return self.cells.get(column, "")

    def problem(self, column: str, en: str, es: str) -> None:
        self.problems.append(CellProblem(self.file, self.number, column, Words(en, es)))

    def checked(self, column: str, check: Callable[[str], str]) -> str | None:
        """The cell's value as `check` returns it, or None (the problem recorded)."""
        try:
            return check(self.text(column))
        except FieldProblem as problem:
            self.problem(column, problem.message_en, problem.message_es)
            return None


def _rows(
    data: bytes,
    file_name: str,
    columns: tuple[str, ...],
    required: tuple[str, ...],
    problems: list[CellProblem],
) -> list[_Row]:
    """The file's data rows by column name; a file whose header lacks a column gives none."""
    try:
        text = decode_csv(data, file_name)
    except DirectoryRefused as refused:
        problems.extend(refused.problems)
        return []
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [cell.strip().lstrip("\ufeff").lower() for cell in next(records, [])]
    missing = [column for column in columns if column not in header]
    if missing:
        names = ", ".join(missing)
        problems.append(
            CellProblem(
                file_name,
                1,
                None,
                Words(
                    f"the header row has no column {names} (the columns are: {', '.join(columns)})",
                    f"la fila de encabezado no tiene la columna {names} (las columnas son:"
                    f" {', '.join(columns)})",
                ),
            )
        )
        return []
    repeated = sorted({column for column in header if column and header.count(column) > 1})
    if repeated:
        problems.append(
            CellProblem(
                file_name,
                1,
                None,
                Words(
                    f"the header row has the column {', '.join(repeated)} twice",
                    f"la fila de encabezado tiene dos veces la columna {', '.join(repeated)}",
                ),
            )
        )
        return []
    rows = []
    for number, record in enumerate(records, start=2):
        if not any(cell.strip() for cell in record):
            continue
        row = _Row(file_name, number, {}, problems)
        if len(record) > len(header) and any(cell.strip() for cell in record[len(header) :]):
            row.problem(
                header[-1],
                "the row has more cells than the header has columns",
                "la fila tiene más celdas que columnas el encabezado",
            )
        for column, value in zip(header, record, strict=False):
            if column in columns:
                cleaned = _clean(row, column, value)
                row.cells[column] = cleaned
        for column in required:
            if not row.text(column):
                row.problem(column, "is empty", "está vacía")
        rows.append(row)
    return rows


def _clean(row: _Row, column: str, value: str) -> str:
    try:
        return clean_text(value)
    except FieldProblem as problem:
        row.problem(column, problem.message_en, problem.message_es)
        return ""


def _key(row: _Row, column: str) -> str | None:
    key = row.text(column)
    if key and not _KEY.fullmatch(key):
        row.problem(
            column,
            f"“{key}” is not a key: only lower-case letters, digits and hyphens (such as el-paso)",
            f"“{key}” no es una clave: solo minúsculas sin acentos, dígitos y guiones (como"
            " el-paso)",
        )
        return None
    return key or None


def _place(row: _Row) -> tuple[str, str] | None:
    """State as its code and the ZIP, checked together: a ZIP must be in the row's state."""
    state = row.checked("state", _state_code) if row.text("state") else None
    zip_code = row.text("zip")
    if not zip_code:
        return None
    checked = row.checked("zip", lambda text: check_zip(text, state))
    if checked is None or state is None:
        return None
    return state, checked


def _state_code(text: str) -> str:
    code = text.strip().upper()
    return code if code in TERRITORIES else us_state_code(text)


def _note(row: _Row) -> Words | None:
    """A doubt shown to staff in their language: both languages or none."""
    en, es = row.text("note"), row.text("note_es")
    if bool(en) != bool(es):
        column = "note_es" if en else "note"
        row.problem(
            column,
            "a note needs both languages: fill in note (English) and note_es (Spanish)",
            "una nota necesita ambos idiomas: llene note (inglés) y note_es (español)",
        )
        return None
    return Words(en, es) if en else None


def _street_lines(row: _Row) -> tuple[str, ...]:
    return tuple(line for line in (row.text("address_line1"), row.text("address_line2")) if line)


def _office(row: _Row, problems: list[CellProblem]) -> OplaOffice | None:
    before = len(problems)
    key = _key(row, "key")
    place = _place(row)
    phone = row.text("phone")
    if phone:
        row.checked("phone", lambda text: normalise_phone(text, "US"))
    note = _note(row)
    if len(problems) > before or key is None or place is None:
        return None
    state, zip_code = place
    return OplaOffice(
        key, row.text("name"), _street_lines(row), row.text("city"), state, zip_code, phone, note
    )


def _court(row: _Row, office_keys: set[str], problems: list[CellProblem]) -> Court | None:
    before = len(problems)
    key = _key(row, "key")
    place = _place(row)
    if place is not None:
        try:
            zip_position(place[1])
        except Refused as refused:
            row.problem("zip", refused.message_en, refused.message_es)
    detained = _yes_no(row, "detained_only")
    opla_key = row.text("opla_key")
    if opla_key and opla_key not in office_keys:
        row.problem(
            "opla_key",
            f"the OPLA office “{opla_key}” is not in the OPLA offices file",
            f"la oficina OPLA “{opla_key}” no está en el archivo de oficinas OPLA",
        )
    note = _note(row)
    if len(problems) > before or key is None or place is None or detained is None:
        return None
    state, zip_code = place
    return Court(
        key,
        row.text("name"),
        _street_lines(row),
        row.text("city"),
        state,
        zip_code,
        detained,
        opla_key,
        row.text("form_name_2026"),
        note,
    )


def _yes_no(row: _Row, column: str) -> bool | None:
    value = row.text(column).casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    if value:
        row.problem(
            column,
            f"“{row.text(column)}” is not yes or no",
            f"“{row.text(column)}” no es sí (yes) ni no",
        )
    return None


def _no_duplicates(rows: Iterable[_Row], column: str, problems: list[CellProblem]) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        value = row.text(column)
        if not value:
            continue
        folded = value.casefold()
        if folded in first_row:
            row.problem(
                column,
                f"“{value}” is also on row {first_row[folded]}",
                f"“{value}” también está en la fila {first_row[folded]}",
            )
        else:
            first_row[folded] = row.number
