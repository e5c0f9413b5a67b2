"""The import page's tables: a file's first rows, what each of its columns is, and the list's
own words; tested without widgets.

`ColumnsModel` starts from what the rules decide alone (`map_headers` with no mapping), applies
a profile's mapping on top, and takes the person's choices; what it hands to the core
(`mapping()`) is only what differs from the rules, so a profile keeps working as the rules
improve. It says which columns still need the person, which required fields have no column,
and which two columns were put onto one field (the core would refuse that mapping whole).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Sex
from staging.people.fields import PERSON_FIELDS
from staging.registration.columns import (
    REQUIRED_COLUMNS,
    is_rejects_column,
    map_headers,
    normalize_header,
)
from staging.registration.mapping import IGNORE, ColumnMapping, folded_words
from staging.registration.reader import SourceRow
from staging.vocabulary import PERSON_FIELD_NAMES, label
from ui.models.rows_model import ROLES_OF_TONE, TableModel, tone_color
from ui.widgets.badges import Tone
from ui.widgets.choice_delegate import OPTIONS_ROLE, PLACEHOLDER_ROLE

Index = QModelIndex | QPersistentModelIndex
EDIT = Qt.ItemDataRole.EditRole
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
# How many of a column's values the mapping shows, and how much of each.
EXAMPLES = 3
EXAMPLE_LENGTH = 28
# The codes a list's words may be mapped onto, in the order a person expects them.
WORD_OPTIONS: dict[str, tuple[str, ...]] = {
    "case_status": tuple(status.value for status in CaseStatus),
    "sex": tuple(sex.value for sex in Sex),
    "vulnerabilities": (*VULNERABILITY_FLAGS, IGNORE),
}


def field_words(name: str, language: str) -> str:
    """A person field as the desk names it ("A-number", "Número A")."""
    words = PERSON_FIELD_NAMES.get(name)
    return words.in_language(language) if words else name


class FileRowsModel(QAbstractTableModel):
    """The first rows of a file under its own headers; the row numbers are the file's (Excel's),
    so a person finds the row; a header's HXL tag is its tip."""

    def __init__(self) -> None:
        super().__init__()
        self._headers: list[str] = []
        self._rows: list[SourceRow] = []
        self._tags: list[str] = []

    def set_rows(
        self, headers: list[str], rows: list[SourceRow], hxl_tags: list[str] | None
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = list(rows)
        self._tags = list(hxl_tags or [])
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or role not in (DISPLAY, TOOLTIP):
            return None
        values = self._rows[index.row()].values
        return values[index.column()] if index.column() < len(values) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(self._rows[section].number) if role == DISPLAY else None
        if role == DISPLAY:
            return self._headers[section]
        if role == TOOLTIP:
            tag = self._tags[section] if section < len(self._tags) else ""
            if tag:
                return self.tr("{header}\nHXL tag: {tag}").format(
                    header=self._headers[section], tag=tag
                )
            return self._headers[section]
        return None


class Found(Enum):
    """What the rules alone made of a column."""

    AUTOMATIC = "automatic"
    SUBMISSION_KEY = "submission_key"  # `_uuid` read as the registration id
    METADATA = "metadata"
    REPEATED = "repeated"  # a second column for a field: the first one is read
    UNKNOWN = "unknown"


class Status(Enum):
    """What the status column says about a line."""

    AUTOMATIC = "automatic"
    SUBMISSION_KEY = "submission_key"
    METADATA = "metadata"
    REPEATED = "repeated"
    NEEDS_YOU = "needs_you"
    PROFILE = "profile"
    YOURS = "yours"
    CLASH = "clash"


TONE_OF_STATUS = {
    Status.AUTOMATIC: Tone.GOOD,
    Status.SUBMISSION_KEY: Tone.GOOD,
    Status.METADATA: Tone.NEUTRAL,
    Status.REPEATED: Tone.NEUTRAL,
    Status.NEEDS_YOU: Tone.WAITING,
    Status.PROFILE: Tone.DONE,
    Status.YOURS: Tone.DONE,
    Status.CLASH: Tone.BLOCKED,
}


@dataclass
class ColumnLine:
    """One source column: what the rules made of it, what a mapping said, what it is now.

    `value` is a field (or, for a per-choice column, a vulnerability flag), IGNORE, or None
    while nobody has said (a column no rule can guess).
    """

    header: str
    examples: list[str]
    rule: str | None
    found: Found
    rule_choice: bool  # the rules read it as one 0/1 column of a Kobo select_multiple
    choice: bool = False
    value: str | None = None
    from_mapping: str | None = None  # what the profile applied said of it, if anything
    touched: bool = False  # the person chose its value here

    def explicit(self) -> bool:
        """Whether the core must be told (the rules alone would read it otherwise)."""
        if self.value is None:
            return False
        if self.choice != self.rule_choice:
            return True
        # A repeated column stays out even if the column it repeats is moved elsewhere.
        return self.value != self.rule or self.found is Found.REPEATED


def examples_of(rows: list[SourceRow], column: int) -> list[str]:
    """A column's first few distinct values, shortened."""
    seen: list[str] = []
    for row in rows:
        value = " ".join(row.values[column].split()) if column < len(row.values) else ""
        if value and value not in seen:
            seen.append(value)
            if len(seen) == EXAMPLES:
                break
    return [v if len(v) <= EXAMPLE_LENGTH else v[: EXAMPLE_LENGTH - 1] + "…" for v in seen]


def rule_lines(headers: list[str], rows: list[SourceRow]) -> list[ColumnLine]:
    """One line per column the import reads (not blank headers, nor a rejects file's own)."""
    rules = map_headers(headers)
    field_at = {index: name for name, index in rules.index_of.items()}
    lines: list[ColumnLine] = []
    for index, header in enumerate(headers):
        if not normalize_header(header) or is_rejects_column(header):
            continue
        examples = examples_of(rows, index)
        if index in field_at:
            found = Found.SUBMISSION_KEY if header == rules.key_from else Found.AUTOMATIC
            line = ColumnLine(header, examples, field_at[index], found, False)
        elif index in rules.choice_of:
            line = ColumnLine(header, examples, rules.choice_of[index], Found.AUTOMATIC, True)
        elif header in rules.unknown_choices:
            line = ColumnLine(header, examples, None, Found.UNKNOWN, True)
        elif header in rules.duplicates:
            line = ColumnLine(header, examples, IGNORE, Found.REPEATED, False)
        elif header in rules.ignored:
            line = ColumnLine(header, examples, IGNORE, Found.METADATA, False)
        else:
            line = ColumnLine(header, examples, None, Found.UNKNOWN, False)
        lines.append(line)
    return lines


class ColumnsModel(TableModel):
    """One line per source column, its drop-down in `COL_CHOICE` (see `ChoiceDelegate`)."""

    COLUMNS = 4
    COL_HEADER, COL_EXAMPLES, COL_CHOICE, COL_STATUS = range(4)
    # A person changed a line (the page re-checks whether it may go on).
    decided = Signal()

    def __init__(self, language: str = "en") -> None:
        super().__init__(language)
        self._rows: list[ColumnLine] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Column in the file"),
            self.tr("Examples"),
            self.tr("Is"),
            self.tr("Status"),
        ]

    # --- what the lines are ------------------------------------------------------------------

    def set_file(self, headers: list[str], rows: list[SourceRow]) -> None:
        self.beginResetModel()
        self._rows = rule_lines(headers, rows)
        for line in self._rows:
            line.choice, line.value = line.rule_choice, line.rule
        self.endResetModel()

    def apply(self, mapping: ColumnMapping) -> None:
        """A profile's decisions over the rules' (the person's own are forgotten), read the way
        the core reads them: a choice column first, then a column, else the rules."""
        for line in self._rows:
            line.choice, line.value, line.from_mapping = line.rule_choice, line.rule, None
            line.touched = False
            if line.header in mapping.choices:
                line.choice, line.value = True, mapping.choices[line.header]
                line.from_mapping = line.value
            elif line.header in mapping.columns:
                line.choice, line.value = False, mapping.columns[line.header]
                line.from_mapping = line.value
        self._all_changed()

    def lines(self) -> list[ColumnLine]:
        return list(self._rows)

    def line_of(self, header: str) -> int:
        return next(row for row, line in enumerate(self._rows) if line.header == header)

    def mapping(self, words: Mapping[str, Mapping[str, str]] | None = None) -> ColumnMapping:
        """What the core must be told (only what differs from the rules), with `words`."""
        columns = {
            line.header: line.value
            for line in self._rows
            if line.explicit() and not line.choice and line.value is not None
        }
        choices = {
            line.header: line.value
            for line in self._rows
            if line.explicit() and line.choice and line.value is not None
        }
        kept = {name: dict(pairs) for name, pairs in (words or {}).items() if pairs}
        return ColumnMapping(columns, choices, kept)

    def shown_value(self, line: ColumnLine) -> str | None:
        """What a line reads as now: the submission id stands aside, as the core has it, once
        another column is the registration id (unless the person put it there)."""
        if (
            line.found is Found.SUBMISSION_KEY
            and line.value == line.rule
            and not line.touched
            and any(
                other is not line and not other.choice and other.value == line.rule
                for other in self._rows
            )
        ):
            return IGNORE
        return line.value

    def needing_you(self) -> list[int]:
        return [row for row, line in enumerate(self._rows) if line.value is None]

    def missing_required(self) -> list[str]:
        """Required fields no column is read as, in the list's order."""
        taken = {self.shown_value(line) for line in self._rows if not line.choice}
        return [name for name in REQUIRED_COLUMNS if name not in taken]

    def clashes(self) -> dict[str, list[str]]:
        """Fields two or more columns are put onto: field → their headers."""
        by_field: dict[str, list[str]] = defaultdict(list)
        for line in self._rows:
            value = self.shown_value(line)
            if not line.choice and value:
                by_field[value].append(line.header)
        return {name: headers for name, headers in by_field.items() if len(headers) > 1}

    def status(self, line: ColumnLine, clashes: Mapping[str, list[str]] | None = None) -> Status:
        value = self.shown_value(line)
        if value is None:
            return Status.NEEDS_YOU
        clashes = self.clashes() if clashes is None else clashes
        if not line.choice and value in clashes:
            return Status.CLASH
        if value != line.value:
            return Status.METADATA
        if line.value == line.rule and line.choice == line.rule_choice:
            return Status(line.found.value)
        if line.value == line.from_mapping:
            return Status.PROFILE
        return Status.YOURS

    # --- Qt -------------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_CHOICE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = index.column()
        if column == self.COL_CHOICE:
            return self._choice_data(line, role)
        if column == self.COL_STATUS and role in ROLES_OF_TONE:
            return tone_color(TONE_OF_STATUS[self.status(line)], role)
        if role == DISPLAY:
            return self._text(line, column)
        if role == TOOLTIP:
            if column == self.COL_STATUS:
                return self._status_tip(line)
            return self._text(line, column)
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or index.column() != self.COL_CHOICE or role != EDIT:
            return False
        line = self._rows[index.row()]
        if value == self.shown_value(line):
            return False
        line.value, line.touched = value, True
        self._all_changed()
        self.decided.emit()
        return True

    def _all_changed(self) -> None:
        """A choice can start or end a clash on other lines: every status is worded again."""
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, self.COL_CHOICE), self.index(last, self.COL_STATUS))

    def _choice_data(self, line: ColumnLine, role: int) -> Any:
        value = self.shown_value(line)
        if role == EDIT:
            return value
        if role == OPTIONS_ROLE:
            return self.options(line)
        if role == PLACEHOLDER_ROLE:
            return self.tr("— choose —")
        if role in (DISPLAY, TOOLTIP):
            return dict(self.options(line)).get(value, self.tr("— choose —"))
        return None

    def options(self, line: ColumnLine) -> list[tuple[str, str]]:
        """Leave out, then each flag of a per-choice column, or each field (required marked)."""
        out = [(IGNORE, self.tr("— leave out —"))]
        if line.choice:
            return out + [(flag, label(flag, self._language)) for flag in VULNERABILITY_FLAGS]
        required = self.tr("{field} (required)")
        return out + [
            (
                field.name,
                required.format(field=field_words(field.name, self._language))
                if field.required
                else field_words(field.name, self._language),
            )
            for field in PERSON_FIELDS
        ]

    def _text(self, line: ColumnLine, column: int) -> str:
        if column == self.COL_HEADER:
            return line.header
        if column == self.COL_EXAMPLES:
            return " · ".join(line.examples) or self.tr("(empty in the first rows)")
        return self._status_text(line)

    def _status_text(self, line: ColumnLine) -> str:
        status = self.status(line)
        if status is Status.CLASH:
            others = [h for h in self.clashes()[line.value or ""] if h != line.header]
            return self.tr("Clash: also “{other}”").format(other=", ".join(others))
        return {
            Status.AUTOMATIC: self.tr("Automatic"),
            Status.SUBMISSION_KEY: self.tr("Automatic (submission id)"),
            Status.METADATA: self.tr("Form metadata, left out"),
            Status.REPEATED: self.tr("Repeated column, left out"),
            Status.NEEDS_YOU: self.tr("Needs you"),
            Status.PROFILE: self.tr("From the profile"),
            Status.YOURS: self.tr("Your choice"),
        }[status]

    def _status_tip(self, line: ColumnLine) -> str:
        status = self.status(line)
        if status is Status.SUBMISSION_KEY:
            return self.tr(
                "The list has no registration id of its own: each form submission's id (_uuid)"
                " serves as one, so importing it again updates the same people."
            )
        if status is Status.METADATA:
            return self.tr("Added by the form tool about the submission, not about the person.")
        if status is Status.REPEATED:
            return self.tr("Another column already names this field: the first one is read.")
        if status is Status.NEEDS_YOU:
            return self.tr("No rule recognises this header: say what it is, or leave it out.")
        if status is Status.CLASH:
            return self.tr("Two columns cannot be the same field: leave one of them out.")
        return self._status_text(line)


@dataclass
class WordLine:
    """A word of the list that means nothing here yet, and the code a person says it means."""

    field: str
    word: str
    code: str | None = None


class WordsModel(TableModel):
    """The list's own words (a case status "pendiente de audiencia", a sex "2"), each with its
    drop-down of our codes in `COL_CODE`."""

    COLUMNS = 3
    COL_FIELD, COL_WORD, COL_CODE = range(3)
    decided = Signal()

    def __init__(self, language: str = "en") -> None:
        super().__init__(language)
        self._rows: list[WordLine] = []

    def headers(self) -> list[str]:
        return [self.tr("Field"), self.tr("The list says"), self.tr("Means")]

    def set_words(self, unknown: Mapping[str, Iterable[str]]) -> None:
        self.beginResetModel()
        self._rows = [WordLine(name, word) for name, words in unknown.items() for word in words]
        self.endResetModel()

    def words(self) -> dict[str, dict[str, str]]:
        """The words decided so far, folded as a mapping keeps them: field → {word → code}."""
        pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for line in self._rows:
            if line.code is not None:
                pairs[line.field].append((line.word, line.code))
        return {name: folded_words(found) for name, found in pairs.items()}

    def undecided(self) -> int:
        return sum(1 for line in self._rows if line.code is None)

    def choose(self, row: int, code: str) -> None:
        self.setData(self.index(row, self.COL_CODE), code)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_CODE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def options(self, line: WordLine) -> list[tuple[str, str]]:
        return [
            (code, label(code, self._language) if code else self.tr("— no flag —"))
            for code in WORD_OPTIONS[line.field]
        ]

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid():
            return None
        line = self._rows[index.row()]
        column = index.column()
        if column == self.COL_CODE:
            if role == EDIT:
                return line.code
            if role == OPTIONS_ROLE:
                return self.options(line)
            if role == PLACEHOLDER_ROLE:
                return self.tr("— choose —")
            if role in (DISPLAY, TOOLTIP):
                if line.code is None:
                    return self.tr("— choose —")
                return dict(self.options(line))[line.code]
            return None
        if role not in (DISPLAY, TOOLTIP):
            return None
        if column == self.COL_FIELD:
            return field_words(line.field, self._language)
        return line.word

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or index.column() != self.COL_CODE or role != EDIT:
            return False
        line = self._rows[index.row()]
        if value == line.code:
            return False
        line.code = value
        self.dataChanged.emit(index, index)
        self.decided.emit()
        return True
