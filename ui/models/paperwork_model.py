"""Who still needs Form EOIR-33 (`paperwork.queries.waiting_for_form`), tested without widgets.

The order is the core's (households together); the model words each form's state and colours
it, so the desk sees at a glance who has no form yet and whose form only waits to be served.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from staging.paperwork.queries import Waiting
from staging.registration.parsing import format_a_number
from ui.widgets.badges import Tone

Index = QModelIndex | QPersistentModelIndex

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


class WaitingForFormModel(QAbstractTableModel):
    COL_STATE, COL_NAME, COL_HOUSEHOLD, COL_A_NUMBER = range(4)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    StateRole = Qt.ItemDataRole.UserRole + 2
    """The form's state code: "none", "draft" or "complete"."""

    def __init__(self) -> None:
        super().__init__()
        self._waiting: list[Waiting] = []

    def state_words(self, state: str) -> str:
        return {
            "none": self.tr("No form yet"),
            "draft": self.tr("Draft"),
            "complete": self.tr("Complete, to serve"),
        }[state]

    def headers(self) -> list[str]:
        return [self.tr("Form"), self.tr("Name"), self.tr("Household"), self.tr("A-number")]

    def set_waiting(self, waiting: Sequence[Waiting]) -> None:
        self.beginResetModel()
        self._waiting = list(waiting)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._waiting:
            column = self.COL_STATE
            self.dataChanged.emit(self.index(0, column), self.index(len(self._waiting) - 1, column))

    def waiting(self, row: int) -> Waiting:
        return self._waiting[row]

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, w in enumerate(self._waiting) if w.person.id == person_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._waiting)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        waiting = self._waiting[index.row()]
        column = index.column()
        if role == self.PersonIdRole:
            return waiting.person.id
        if role == self.StateRole:
            return waiting.form_state
        if column == self.COL_STATE and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            background, foreground = TONE_OF_STATE[waiting.form_state].value
            return QColor(background if role == Qt.ItemDataRole.BackgroundRole else foreground)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_STATE:
            return self.state_words(waiting.form_state)
        if column == self.COL_NAME:
            return waiting.person.full_name
        if column == self.COL_HOUSEHOLD:
            return waiting.household_external_id or ""
        return a_number_shown(waiting.person.a_number)
