"""The conflicts waiting for a coordinator, as a table, tested without widgets.

Which fields are in conflict, their values and their words are the core's
(`staging.sync.review.conflicts_to_review`); this model only words them for the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt

from staging.clock import in_site_time
from staging.sync.review import ConflictShown
from staging.vocabulary import label
from ui.models.paperwork_model import a_number_shown
from ui.models.rows_model import RowsModel
from ui.widgets.dates import display_date


class ConflictsModel(RowsModel):
    """One row a conflict: the record (a person by name and registration id) and the field;
    its values, the one every desk shows first, in the row's tip (the page shows them)."""

    COL_RECORD, COL_FIELD = range(2)
    COLUMNS = 2
    TEXT_ROLES = (Qt.ItemDataRole.DisplayRole,)
    ConflictIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, language: str = "en", timezone: str = "UTC") -> None:
        super().__init__(language)
        self.timezone = timezone

    def headers(self) -> list[str]:
        return [self.tr("Record"), self.tr("Field")]

    def set_conflicts(self, conflicts: Sequence[ConflictShown]) -> None:
        self.set_rows(conflicts)

    def conflict(self, row: int) -> ConflictShown:
        return self._rows[row]

    def row_of(self, conflict_id: str) -> int | None:
        return next((row for row, found in enumerate(self._rows) if found.id == conflict_id), None)

    def text(self, row: ConflictShown, column: int) -> str:
        if column == self.COL_RECORD:
            return self.record_text(row)
        return row.field_name.in_language(self._language)

    def role_data(self, row: ConflictShown, role: int) -> Any:
        if role == self.ConflictIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return " / ".join(self.value_text(row, leaf.value) for leaf in row.leaves)
        return None

    # --- words -----------------------------------------------------------------------------------

    def record_text(self, conflict: ConflictShown) -> str:
        """A person by name and registration id; another record by its kind (and its person)."""
        kind = conflict.record_kind.in_language(self._language)
        person = conflict.person
        if person is None:
            return kind
        named = f"{person.name} ({person.registration_id})"
        return named if conflict.entity == "person" else f"{kind} · {named}"

    def value_text(self, conflict: ConflictShown, value: object) -> str:
        """A stored value as the coordinator reads it: dates, times and codes in their language."""
        if value is None or value == "":
            return self.tr("(blank)")
        text = str(value)
        kind = conflict.value_kind
        if kind == "date":
            return display_date(date.fromisoformat(text[:10]))
        if kind == "moment":
            moment = in_site_time(datetime.fromisoformat(text), self.timezone)
            return self.tr("{date} at {time}").format(
                date=display_date(moment.date()),
                time=QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat),
            )
        if kind == "yes_no":
            return self.tr("Yes") if value else self.tr("No")
        if kind == "a_number":
            return a_number_shown(text)
        if kind in ("sex", "case_status"):
            return label(text, self._language)
        if kind == "flags":
            return ", ".join(label(code, self._language) for code in text.split(";") if code)
        return " ".join(text.split())
