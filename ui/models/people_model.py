"""A table of people (search results, lists), tested without widgets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from staging.labels import label
from staging.queries import SearchHit
from staging.registration.parsing import format_a_number
from staging.rules import Policy, journey_stage

Index = QModelIndex | QPersistentModelIndex


class PeopleTableModel(QAbstractTableModel):
    COL_NAME, COL_BORN, COL_A_NUMBER, COL_REGISTRATION, COL_HOUSEHOLD, COL_STAGE = range(6)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, policy: Policy, language: str = "en") -> None:
        super().__init__()
        self._hits: list[SearchHit] = []
        self._policy = policy
        self._language = language

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Born"),
            self.tr("A-number"),
            self.tr("Registration"),
            self.tr("Household"),
            self.tr("Stage"),
        ]

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        person = hit.person
        if role == self.PersonIdRole:
            return person.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.COL_NAME:
            return person.full_name
        if column == self.COL_BORN:
            return person.date_of_birth.isoformat() if person.date_of_birth else ""
        if column == self.COL_A_NUMBER:
            return format_a_number(person.a_number) if person.a_number else ""
        if column == self.COL_REGISTRATION:
            return person.registration_id
        if column == self.COL_HOUSEHOLD:
            return hit.household_external_id or ""
        return label(journey_stage(person, self._policy), self._language)
