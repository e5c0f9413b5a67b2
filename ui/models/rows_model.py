"""Read-only table models over a list of rows: the boilerplate Qt asks of each of them.

`TableModel` counts the rows and the columns and shows the headers a subclass words; `RowsModel`
adds the cells, worded by `text`, and the tone that colours one column. The header texts stay in
each subclass (`headers`), so each is translated in its own model's context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ui.hooks import check_hooks
from ui.widgets.badges import Tone

Index = QModelIndex | QPersistentModelIndex
ROLES_OF_TONE = (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole)


def tone_color(tone: Tone, role: int) -> QColor:
    """A tone's background or foreground, for Qt's role of the same name."""
    background, foreground = tone.value
    return QColor(background if role == Qt.ItemDataRole.BackgroundRole else foreground)


class TableModel(QAbstractTableModel):
    """The rows shown (`_rows`), `COLUMNS` columns, and the headers a subclass words in
    `headers()` (a hook: each subclass's texts are translated in its own context)."""

    COLUMNS = 0
    HOOKS: tuple[str, ...] = ("headers",)
    headers: Callable[[], list[str]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_hooks(cls)

    def __init__(self, language: str = "en") -> None:
        super().__init__()
        self._language = language
        self._rows: list[Any] = []

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMNS - 1)
            )

    def _column_changed(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def row(self, number: int) -> Any:
        return self._rows[number]

    def rows(self) -> list[Any]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None


class RowsModel(TableModel):
    """Read-only rows of one kind; subclasses word the cells (`text(row, column)`, a hook) and
    may colour one column."""

    HOOKS = (*TableModel.HOOKS, "text")
    text: Callable[[Any, int], str]

    TONE_COLUMN = -1
    TEXT_ROLES: tuple[int, ...] = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    """The roles a cell answers with its text (by default the tip: all of a cell cut short)."""

    def tone(self, row: Any) -> Tone | None:
        return None

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in self.TEXT_ROLES:
            return self.text(row, index.column())
        if role in ROLES_OF_TONE and index.column() == self.TONE_COLUMN:
            tone = self.tone(row)
            return None if tone is None else tone_color(tone, role)
        return self.role_data(row, role)

    def role_data(self, row: Any, role: int) -> Any:
        return None
