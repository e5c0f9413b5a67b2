"""The isolation board as a table, tested without widgets.

The rows and their order come from `staging.isolation.board` (urgent, then overdue, then due
first); this model only words them and keeps the filter the screener chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QLocale, Qt

from staging.clock import site_date
from staging.isolation.board import BoardRow
from staging.rules.isolation import FollowUp
from staging.vocabulary import label
from ui.models.rows_model import Index, TableModel
from ui.widgets.dates import display_date

SHORT_DATE = "d MMM"


class BoardFilter(IntEnum):
    """Which rows the board shows (the order of the filter tabs)."""

    ALL = 0
    DUE_TODAY = 1
    RELEASE_CANDIDATES = 2


class Mark(StrEnum):
    """What a badge cell says at a glance; `ui.widgets.badges` colours each one."""

    OVERDUE = "follow_up_overdue"
    DUE_TODAY = "follow_up_due"
    DONE_TODAY = "follow_up_done"
    URGENT = "urgent_referral"
    RELEASE_CANDIDATE = "release_candidate"


def shown_by(board_filter: BoardFilter, row: BoardRow) -> bool:
    if board_filter is BoardFilter.DUE_TODAY:
        return row.due_today  # overdue rows are due today too
    if board_filter is BoardFilter.RELEASE_CANDIDATES:
        return row.release_candidate
    return True


def days_of_isolation(row: BoardRow) -> int:
    """The "M" of "day N of M": 10 days, or 20 for severe illness (from the core's date)."""
    return (row.release_from - row.episode.day_zero).days


class IsolationBoardModel(TableModel):
    (
        COL_NAME,
        COL_HOUSEHOLD,
        COL_PLACE,
        COL_DAY,
        COL_DAYS_LEFT,
        COL_RELEASE_FROM,
        COL_LAST_FOLLOW_UP,
        COL_FOLLOW_UP,
        COL_RELEASE,
    ) = range(9)
    COLUMNS = 9
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    CodeRole = Qt.ItemDataRole.UserRole + 2
    """A `Mark` in the badge columns (follow-up, release), for the badge's colour."""
    RowRole = Qt.ItemDataRole.UserRole + 3
    """The core's `BoardRow`, for the workspace's actions."""

    def __init__(self, today: date, timezone: str, language: str = "en") -> None:
        super().__init__(language)
        self._all: list[BoardRow] = []
        self._filter = BoardFilter.ALL
        self._today = today
        self._timezone = timezone

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Household"),
            self.tr("Place"),
            self.tr("Day"),
            self.tr("Days left"),
            self.tr("Release from"),
            self.tr("Last follow-up"),
            self.tr("Follow-up"),
            self.tr("Release"),
        ]

    # --- what is shown -----------------------------------------------------------------------

    def set_rows(self, rows: Sequence[BoardRow], today: date, timezone: str) -> None:
        """The board as the core read it on `today` (the site's day, in its time zone)."""
        self.beginResetModel()
        self._all = list(rows)
        self._today = today
        self._timezone = timezone
        self._rows = [row for row in self._all if shown_by(self._filter, row)]
        self.endResetModel()

    def set_filter(self, board_filter: BoardFilter) -> None:
        self.beginResetModel()
        self._filter = board_filter
        self._rows = [row for row in self._all if shown_by(board_filter, row)]
        self.endResetModel()

    def board_filter(self) -> BoardFilter:
        return self._filter

    def count(self, board_filter: BoardFilter) -> int:
        """How many rows a filter would show (written on its tab)."""
        return sum(1 for row in self._all if shown_by(board_filter, row))

    def row_of(self, person_id: str) -> int | None:
        return next((n for n, row in enumerate(self._rows) if row.person.id == person_id), None)

    def board_row(self, row: int) -> BoardRow:
        return self._rows[row]

    # --- Qt's model ----------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.PersonIdRole:
            return row.person.id
        if role == self.RowRole:
            return row
        if role == self.CodeRole:
            if column == self.COL_FOLLOW_UP:
                return self.follow_up_mark(row)
            if column == self.COL_RELEASE:
                return self.release_mark(row)
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_RELEASE:
            return self.why_not(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        return None

    # --- words ---------------------------------------------------------------------------------

    def _text(self, row: BoardRow, column: int) -> str:
        number = QLocale().toString
        if column == self.COL_NAME:
            return row.person.full_name
        if column == self.COL_HOUSEHOLD:
            return row.household_external_id or ""
        if column == self.COL_PLACE:
            return row.place or self.tr("not assigned")
        if column == self.COL_DAY:
            return self.tr("{day} of {days}").format(
                day=number(row.day), days=number(days_of_isolation(row))
            )
        if column == self.COL_DAYS_LEFT:
            return number(row.days_remaining)
        if column == self.COL_RELEASE_FROM:
            return display_date(row.release_from)
        if column == self.COL_LAST_FOLLOW_UP:
            return self.follow_up_text(row.last_follow_up)
        if column == self.COL_FOLLOW_UP:
            return self.follow_up_status(row)
        return self.release_status(row)

    def follow_up_mark(self, row: BoardRow) -> Mark | None:
        if row.overdue_days:
            return Mark.OVERDUE
        if row.due_today:
            return Mark.DUE_TODAY
        latest = row.last_follow_up
        if latest is not None and site_date(latest.recorded_at, self._timezone) == self._today:
            return Mark.DONE_TODAY
        return None

    def follow_up_status(self, row: BoardRow) -> str:
        mark = self.follow_up_mark(row)
        if mark is Mark.OVERDUE:
            if row.overdue_days == 1:
                return self.tr("Overdue 1 day")
            return self.tr("Overdue {count} days").format(
                count=QLocale().toString(row.overdue_days)
            )
        if mark is Mark.DUE_TODAY:
            return self.tr("Due today")
        if mark is Mark.DONE_TODAY:
            return self.tr("Done today")
        return ""

    def release_mark(self, row: BoardRow) -> Mark | None:
        if row.urgent:
            return Mark.URGENT
        if row.release_candidate:
            return Mark.RELEASE_CANDIDATE
        return None

    def release_status(self, row: BoardRow) -> str:
        mark = self.release_mark(row)
        if mark is Mark.URGENT:
            return self.tr("Urgent referral")
        if mark is Mark.RELEASE_CANDIDATE:
            return self.tr("Release candidate")
        return ""

    def why_not(self, row: BoardRow) -> str:
        """What stands before the release, in the rules' own words."""
        return "; ".join(label(code, self._language) for code in row.unmet)

    def follow_up_text(self, follow_up: FollowUp | None) -> str:
        """Time and temperature ("14:05 · 36.8 °C"), with the day when it was not today."""
        if follow_up is None:
            return self.tr("none yet")
        local = follow_up.recorded_at.astimezone(ZoneInfo(self._timezone))
        locale = QLocale()
        when = local.strftime("%H:%M")
        if local.date() != self._today:
            day = QDate(local.year, local.month, local.day)
            when = f"{locale.toString(day, SHORT_DATE)} {when}"
        parts = [when]
        if follow_up.temperature_c is not None:
            parts.append(f"{locale.toString(follow_up.temperature_c, 'f', 1)} °C")
        if follow_up.fever:
            parts.append(label("fever", self._language).lower())
        return " · ".join(parts)
