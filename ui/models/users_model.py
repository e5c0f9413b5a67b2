"""The list of users on the administrator's screen, tested without widgets."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from staging.vocabulary import label

Index = QModelIndex | QPersistentModelIndex


class UsersTableModel(QAbstractTableModel):
    COL_USER, COL_NAME, COL_ROLE, COL_STATE = range(4)

    def __init__(self) -> None:
        super().__init__()
        self._users: list[dict[str, Any]] = []
        self._language = "en"

    def set_users(self, users: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._users:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._users) - 1, 3))

    def username_at(self, row: int) -> str:
        return self._users[row]["username"]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("User"), self.tr("Name"), self.tr("Role"), self.tr("State"))[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        user = self._users[index.row()]
        column = index.column()
        if column == self.COL_USER:
            return user["username"]
        if column == self.COL_NAME:
            return user["display_name"]
        if column == self.COL_ROLE:
            return label(user["role"], self._language)
        if user["disabled"]:
            return self.tr("Disabled")
        return self.tr("Active") if user["can_log_in"] else self.tr("Needs a new password")
