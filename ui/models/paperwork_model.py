"""Who still needs Form EOIR-33 (`paperwork.queries.waiting_for_form`), tested without widgets.

The order is the core's (households together); the model words each form's state and colours
it, so the desk sees at a glance who has no form yet and whose form only waits to be served.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from staging.paperwork.queries import Waiting
from staging.registration.parsing import format_a_number
from ui.models.rows_model import RowsModel
from ui.widgets.badges import Tone

# Nothing yet stands out most; a complete form only waits for its service.
TONE_OF_STATE: dict[str, Tone] = {
    "none": Tone.BLOCKED,
    "draft": Tone.WAITING,
    "complete": Tone.DONE,
}


def a_number_shown(digits: str | None) -> str:
    """ "A 123-456-789" as on DHS papers; an A-number stored otherwise is shown as it is."""
    if not digits:
        return ""
    try:
        return format_a_number(digits)
    except ValueError:
        return digits


class WaitingForFormModel(RowsModel):
    COL_STATE, COL_NAME, COL_HOUSEHOLD, COL_A_NUMBER = range(4)
    COLUMNS, TONE_COLUMN = 4, COL_STATE
    TEXT_ROLES = (Qt.ItemDataRole.DisplayRole,)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    StateRole = Qt.ItemDataRole.UserRole + 2
    """The form's state code: "none", "draft" or "complete"."""

    def state_words(self, state: str) -> str:
        return {
            "none": self.tr("No form yet"),
            "draft": self.tr("Draft"),
            "complete": self.tr("Complete, to serve"),
        }[state]

    def headers(self) -> list[str]:
        return [self.tr("Form"), self.tr("Name"), self.tr("Household"), self.tr("A-number")]

    def set_waiting(self, waiting: Sequence[Waiting]) -> None:
        self.set_rows(waiting)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self._column_changed(self.COL_STATE)

    def waiting(self, row: int) -> Waiting:
        return self._rows[row]

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, w in enumerate(self._rows) if w.person.id == person_id), None)

    def tone(self, row: Waiting) -> Tone:
        return TONE_OF_STATE[row.form_state]

    def role_data(self, row: Waiting, role: int) -> Any:
        if role == self.PersonIdRole:
            return row.person.id
        if role == self.StateRole:
            return row.form_state
        return None

    def text(self, row: Waiting, column: int) -> str:
        if column == self.COL_STATE:
            return self.state_words(row.form_state)
        if column == self.COL_NAME:
            return row.person.full_name
        if column == self.COL_HOUSEHOLD:
            return row.household_external_id or ""
        return a_number_shown(row.person.a_number)
