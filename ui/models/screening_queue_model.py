"""Who is waiting for the screener (`screening.queries.screening_queue`), tested without widgets.

The order is the core's (reviews and retests first, then arrivals); the model only words it,
and marks the people whose test is developing on this desk so the screener comes back to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from staging.rules.screening import ScreeningBlocker
from staging.screening.queries import Waiting
from staging.vocabulary import label
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date

Index = QModelIndex | QPersistentModelIndex

# Waiting on a decision or a second test: the screener's eye goes there first.
TONE_OF_WHY: dict[ScreeningBlocker, Tone] = {
    ScreeningBlocker.CLINICAL_REVIEW: Tone.WAITING,
    ScreeningBlocker.RETEST_NEEDED: Tone.WAITING,
    ScreeningBlocker.RESCREENING_DUE: Tone.DONE,
    ScreeningBlocker.CLEARANCE_EXPIRED: Tone.BLOCKED,
    ScreeningBlocker.NOT_SCREENED: Tone.NEUTRAL,
}


class ScreeningQueueModel(QAbstractTableModel):
    COL_WHY, COL_NAME, COL_HOUSEHOLD, COL_ARRIVED, COL_TEST = range(5)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    WhyRole = Qt.ItemDataRole.UserRole + 2
    """The `ScreeningBlocker` that puts the person in the queue."""

    def __init__(self, timezone: str, today: date, language: str = "en") -> None:
        super().__init__()
        self._zone = ZoneInfo(timezone)
        self._today = today
        self._language = language
        self._waiting: list[Waiting] = []
        self._developing: dict[str, datetime] = {}

    def headers(self) -> list[str]:
        return [
            self.tr("Why"),
            self.tr("Name"),
            self.tr("Household"),
            self.tr("Arrived"),
            self.tr("Test"),
        ]

    def set_waiting(self, waiting: Sequence[Waiting], timezone: str, today: date) -> None:
        self.beginResetModel()
        self._waiting = list(waiting)
        self._zone = ZoneInfo(timezone)
        self._today = today
        self.endResetModel()

    def set_developing(self, started: Mapping[str, datetime]) -> None:
        """People whose test was started on this desk and is not saved yet."""
        self._developing = dict(started)
        self._column_changed(self.COL_TEST)

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self._column_changed(self.COL_WHY)

    def _column_changed(self, column: int) -> None:
        if self._waiting:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._waiting) - 1, column))

    def waiting(self, row: int) -> Waiting:
        return self._waiting[row]

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, w in enumerate(self._waiting) if w.person.id == person_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._waiting)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 5

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
        if role == self.WhyRole:
            return waiting.why
        if column == self.COL_WHY and role in (
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.ForegroundRole,
        ):
            background, foreground = TONE_OF_WHY[waiting.why].value
            return QColor(background if role == Qt.ItemDataRole.BackgroundRole else foreground)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_WHY:
            return label(waiting.why, self._language)
        if column == self.COL_NAME:
            return waiting.person.full_name
        if column == self.COL_HOUSEHOLD:
            return waiting.household_external_id or ""
        if column == self.COL_ARRIVED:
            return self._when(datetime.fromisoformat(waiting.checked_in_at))
        started = self._developing.get(waiting.person.id)
        return self._when(started) if started else ""

    def _when(self, moment: datetime) -> str:
        """A time today at the site; an earlier day is named (a clearance that expired)."""
        local = moment.astimezone(self._zone)
        if local.date() == self._today:
            return local.strftime("%H:%M")
        return f"{display_date(local.date())} {local:%H:%M}"
