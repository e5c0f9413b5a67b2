"""A table of people (search results, lists), tested without widgets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from staging.domain import Person, Role
from staging.people.queries import SearchHit, person_from_row
from staging.registration.parsing import format_a_number
from staging.rules import Policy, Stage, person_status
from staging.vocabulary import label
from ui.widgets.dates import display_date

Index = QModelIndex | QPersistentModelIndex
PageLoader = Callable[[int, int], Sequence[SearchHit]]
"""Loads `limit` rows starting at `offset`, for a list too long to read at once."""

PAGE_SIZE = 200


def hits_from_records(records: Sequence[Mapping[str, Any]]) -> list[SearchHit]:
    """Rows of `person_facts` (the lists' shape) as the search's shape, so one model shows both."""
    return [
        SearchHit(person_from_row(r), r["household_external_id"], r.get("checked_in_at"))
        for r in records
    ]


class PeopleTableModel(QAbstractTableModel):
    (
        COL_ARRIVED,
        COL_NAME,
        COL_BORN,
        COL_A_NUMBER,
        COL_REGISTRATION,
        COL_HOUSEHOLD,
        COL_STAGE,
    ) = range(7)
    PersonIdRole = Qt.ItemDataRole.UserRole + 1
    HouseholdIdRole = Qt.ItemDataRole.UserRole + 2
    CodeRole = Qt.ItemDataRole.UserRole + 3
    """The journey stage's code in the stage column, for the badge's colour."""

    def __init__(self, policy: Policy, today: date, viewer: Role, language: str = "en") -> None:
        super().__init__()
        self._viewer = viewer
        self._hits: list[SearchHit] = []
        self._policy = policy
        self._today = today
        self._language = language
        self._load_page: PageLoader | None = None
        self._total = 0

    def headers(self) -> list[str]:
        return [
            self.tr("Arrived"),
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
        self._load_page = None
        self._total = len(self._hits)
        self.endResetModel()

    def set_records(self, records: Sequence[Mapping[str, Any]]) -> None:
        self.set_hits(hits_from_records(records))

    def set_pages(self, load_page: PageLoader, total: int) -> None:
        """Show a long list (everyone on the site) a page at a time, as the view scrolls."""
        self.beginResetModel()
        self._hits = []
        self._load_page = load_page
        self._total = total
        self.endResetModel()
        self.fetchMore()

    def set_policy(self, policy: Policy, today: date) -> None:
        """A stage can depend on the day (a clearance expires), so both come together."""
        self._policy = policy
        self._today = today
        self._all_data_changed()

    def set_language(self, language: str) -> None:
        self._language = language
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self._all_data_changed()

    def _all_data_changed(self) -> None:
        if self._hits:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._hits) - 1, self.columnCount() - 1)
            )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt API
        return self._load_page is not None and not parent.isValid() and self._more_to_load()

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt API
        if self._load_page is None or parent.isValid() or not self._more_to_load():
            return
        page = list(self._load_page(len(self._hits), PAGE_SIZE))
        if not page:
            self._total = len(self._hits)  # the list shrank since it was counted
            return
        start = len(self._hits)
        self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
        self._hits.extend(page)
        self.endInsertRows()

    def _more_to_load(self) -> bool:
        return len(self._hits) < self._total

    def total_rows(self) -> int:
        """Rows in the whole list, including pages not loaded yet."""
        return self._total

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 7

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
        column = index.column()
        if role == self.PersonIdRole:
            return person.id
        if role == self.HouseholdIdRole:
            return person.household_id
        if role == self.CodeRole:
            return str(self._stage(person)) if column == self.COL_STAGE else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_ARRIVED:
            return self._local_time(hit.arrived_at)
        if column == self.COL_NAME:
            return person.full_name
        if column == self.COL_BORN:
            return display_date(person.date_of_birth)
        if column == self.COL_A_NUMBER:
            return format_a_number(person.a_number) if person.a_number else ""
        if column == self.COL_REGISTRATION:
            return person.registration_id
        if column == self.COL_HOUSEHOLD:
            return hit.household_external_id or ""
        return label(self._stage(person), self._language)

    def _local_time(self, moment: str | None) -> str:
        """A check-in's time of day at the site (the list is of one site day)."""
        if not moment:
            return ""
        local = datetime.fromisoformat(moment).astimezone(ZoneInfo(self._policy.site.timezone))
        return local.strftime("%H:%M")

    def _stage(self, person: Person) -> Stage:
        return person_status(person, self._today, self._policy, self._viewer).stage
