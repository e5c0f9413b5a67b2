"""The members of the household open at the desk, each with a tick for "here today".

The tick is the only state the desk adds: eligibility, stage, age and flags all come from the
rules, computed from the member's recorded facts each time the household is shown.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from staging.domain import VULNERABILITY_FLAGS, Person, Role
from staging.registration.parsing import format_a_number
from staging.rules import Policy, age_on, effective_vulnerabilities, person_status
from staging.vocabulary import label
from ui.widgets.dates import display_date

Index = QModelIndex | QPersistentModelIndex
ABSENT_GREY = "#8a8a8a"


class HouseholdModel(QAbstractTableModel):
    COL_NAME, COL_AGE, COL_A_NUMBER, COL_ELIGIBILITY, COL_STAGE, COL_FLAGS = range(6)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    CodeRole = Qt.ItemDataRole.UserRole + 2
    """The eligibility or stage code behind a badge column, for the badge's colour."""

    def __init__(self, policy: Policy, today: date, viewer: Role, language: str = "en") -> None:
        super().__init__()
        self._viewer = viewer
        self._policy = policy
        self._today = today
        self._language = language
        self._members: list[Person] = []
        self._present: list[bool] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Age"),
            self.tr("A-number"),
            self.tr("Eligibility"),
            self.tr("Stage"),
            self.tr("Vulnerabilities"),
        ]

    # --- what the desk reads and changes ---------------------------------------------------------

    def set_members(
        self,
        members: Sequence[Person],
        policy: Policy,
        today: date,
        absent: Collection[str] = frozenset(),
    ) -> None:
        """Everyone is ticked but the `absent` ids: the volunteer unticks who is not here."""
        self.beginResetModel()
        self._members = list(members)
        self._present = [m.id not in absent for m in self._members]
        self._policy = policy
        self._today = today
        self.endResetModel()

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._members:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._members) - 1, self.columnCount() - 1)
            )

    def members(self) -> list[Person]:
        return list(self._members)

    def present(self) -> list[Person]:
        return [m for m, here in zip(self._members, self._present, strict=True) if here]

    def arriving(self) -> list[Person]:
        """Ticked and not checked in yet: who the "Check in" button is about."""
        return [m for m in self.present() if not m.checked_in]

    def absent_ids(self) -> set[str]:
        return {m.id for m, here in zip(self._members, self._present, strict=True) if not here}

    def set_present(self, row: int, here: bool) -> None:
        if self._present[row] != here:
            self._present[row] = here
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def toggle(self, row: int) -> None:
        self.set_present(row, not self._present[row])

    # --- Qt's side -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_NAME:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.COL_NAME
            or role != Qt.ItemDataRole.CheckStateRole
        ):
            return False
        self.set_present(index.row(), Qt.CheckState(value) == Qt.CheckState.Checked)
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._members[index.row()]
        column = index.column()
        if role == self.PersonIdRole:
            return person.id
        if role == self.CodeRole:
            return self._code(person, column)
        if role == Qt.ItemDataRole.CheckStateRole and column == self.COL_NAME:
            here = self._present[index.row()]
            return Qt.CheckState.Checked if here else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.COL_NAME, self.COL_AGE):
            born = display_date(person.date_of_birth) or "?"
            return self.tr("Born {date} · registration {registration}").format(
                date=born, registration=person.registration_id
            )
        if role == Qt.ItemDataRole.ForegroundRole and not self._present[index.row()]:
            return QColor(ABSENT_GREY)  # the unticked box says it too; the grey helps a glance
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(person, column)
        return None

    def _code(self, person: Person, column: int) -> str | None:
        if column not in (self.COL_ELIGIBILITY, self.COL_STAGE):
            return None
        status = person_status(person, self._today, self._policy, self._viewer)
        return str(status.eligibility if column == self.COL_ELIGIBILITY else status.stage)

    def _text(self, person: Person, column: int) -> str:
        if column == self.COL_NAME:
            return person.full_name
        if column == self.COL_AGE:
            age = age_on(person.date_of_birth, self._today)
            return "?" if age is None else QLocale().toString(age)
        if column == self.COL_A_NUMBER:
            return format_a_number(person.a_number) if person.a_number else ""
        if column == self.COL_FLAGS:
            flags = effective_vulnerabilities(person, self._today)
            return ", ".join(
                label(flag, self._language) for flag in VULNERABILITY_FLAGS if flag in flags
            )
        return label(self._code(person, column) or "", self._language)
