"""Who is waiting for the screener (`screening.queries.screening_queue`), tested without widgets.

The order is the core's (reviews and retests first, then arrivals); the model only words it,
and marks the people whose test is developing on this desk so the screener comes back to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from staging.rules.screening import ScreeningBlocker
from staging.screening.queries import Waiting
from staging.vocabulary import label
from ui.models.rows_model import RowsModel
from ui.widgets.badges import Tone
from ui.widgets.dates import display_date

# Waiting on a decision or a second test: the screener's eye goes there first.
TONE_OF_WHY: dict[ScreeningBlocker, Tone] = {
    ScreeningBlocker.CLINICAL_REVIEW: Tone.WAITING,
    ScreeningBlocker.RETEST_NEEDED: Tone.WAITING,
    ScreeningBlocker.RESCREENING_DUE: Tone.DONE,
    ScreeningBlocker.CLEARANCE_EXPIRED: Tone.BLOCKED,
    ScreeningBlocker.NOT_SCREENED: Tone.NEUTRAL,
}


class ScreeningQueueModel(RowsModel):
    COL_WHY, COL_NAME, COL_HOUSEHOLD, COL_ARRIVED, COL_TEST = range(5)
    COLUMNS, TONE_COLUMN = 5, COL_WHY
    TEXT_ROLES = (Qt.ItemDataRole.DisplayRole,)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    WhyRole = Qt.ItemDataRole.UserRole + 2
    """The `ScreeningBlocker` that puts the person in the queue."""

    def __init__(self, timezone: str, today: date, language: str = "en") -> None:
        super().__init__(language)
        self._zone = ZoneInfo(timezone)
        self._today = today
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
        self._rows = list(waiting)
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

    def waiting(self, row: int) -> Waiting:
        return self._rows[row]

    def row_of(self, person_id: str) -> int | None:
        return next((row for row, w in enumerate(self._rows) if w.person.id == person_id), None)

    def tone(self, row: Waiting) -> Tone:
        return TONE_OF_WHY[row.why]

    def role_data(self, row: Waiting, role: int) -> Any:
        if role == self.PersonIdRole:
            return row.person.id
        if role == self.WhyRole:
            return row.why
        return None

    def text(self, row: Waiting, column: int) -> str:
        if column == self.COL_WHY:
            return label(row.why, self._language)
        if column == self.COL_NAME:
            return row.person.full_name
        if column == self.COL_HOUSEHOLD:
            return row.household_external_id or ""
        if column == self.COL_ARRIVED:
            return self._when(datetime.fromisoformat(row.checked_in_at))
        started = self._developing.get(row.person.id)
        return self._when(started) if started else ""

    def _when(self, moment: datetime) -> str:
        """A time today at the site; an earlier day is named (a clearance that expired)."""
        local = moment.astimezone(self._zone)
        if local.date() == self._today:
            return local.strftime("%H:%M")
        return f"{display_date(local.date())} {local:%H:%M}"
