"""The possible duplicates waiting for review, as a table, tested without widgets.

The pairs and their order (the longest waiting first) are the core's
(`staging.duplicates.queries.open_pairs`); this model only words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QLocale, Qt

from staging.duplicates.queries import OpenPair, PairPerson
from ui.models.paperwork_model import a_number_shown
from ui.models.rows_model import RowsModel
from ui.widgets.dates import display_date


def person_line(person: PairPerson) -> str:
    """ "Name (registration id)", the way the desk names a registration."""
    return f"{person.name} ({person.registration_id})"


class DuplicatePairsModel(RowsModel):
    """One row a pair: the name (alike on both, by definition), both registration ids, the
    birth date and how alike the names are; both people in full in the row's tip."""

    COL_NAME, COL_REGISTRATIONS, COL_BORN, COL_SCORE = range(4)
    COLUMNS = 4
    TEXT_ROLES = (Qt.ItemDataRole.DisplayRole,)
    PairIdRole = Qt.ItemDataRole.UserRole + 1

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Registrations"), self.tr("Born"), self.tr("Alike")]

    def set_pairs(self, pairs: Sequence[OpenPair]) -> None:
        self.set_rows(pairs)

    def pair(self, row: int) -> OpenPair:
        return self._rows[row]

    def row_of(self, pair_id: str) -> int | None:
        return next((row for row, pair in enumerate(self._rows) if pair.id == pair_id), None)

    def text(self, row: OpenPair, column: int) -> str:
        people = (row.first, row.second)
        if column == self.COL_NAME:
            return " / ".join(dict.fromkeys(person.name for person in people))
        if column == self.COL_REGISTRATIONS:
            return " / ".join(person.registration_id for person in people)
        if column == self.COL_BORN:  # flagged for one birth date; edited since, maybe not
            born = dict.fromkeys(person.date_of_birth for person in people)
            return " / ".join(display_date(date.fromisoformat(d)) if d else "—" for d in born)
        return self.tr("{score} %").format(score=QLocale().toString(row.score))

    def role_data(self, row: OpenPair, role: int) -> Any:
        if role == self.PairIdRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            people = [
                f"{person_line(person)} · {a_number_shown(person.a_number) or '—'} · "
                f"{person.household or '—'}"
                for person in (row.first, row.second)
            ]
            found = display_date(datetime.fromisoformat(row.found_at).date())
            return "\n".join([*people, self.tr("Found on {date}").format(date=found)])
        return None
