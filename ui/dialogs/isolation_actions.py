"""The isolation board's decisions about one person: release, severe illness, place.

Each dialog runs its one core operation itself, so a refusal (a clinician's assessment left
empty, a release the rules do not allow yet) is shown where it was typed and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from staging.changes import Done
from staging.isolation.board import BoardRow
from staging.isolation.operations import assign_place, mark_severe, release
from staging.screening.supplies import isolation_places
from staging.security.access import Session
from staging.store.store import Actor, Store
from ui.dialogs.operation_dialog import OperationDialog
from ui.models.isolation_model import days_of_isolation
from ui.operations import Operations
from ui.widgets.captions import buddy_label

MIN_WIDTH = 520


class IsolationActionDialog(OperationDialog):
    """A question about one person, a few fields, and the button that runs the operation.

    Each dialog adds its fields (`add_fields`), words them (`retranslate`) and names its core
    operation (`operation`); the layout, the save and the refusal are the same for all.
    """

    min_width = MIN_WIDTH
    # Besides the operation: each dialog adds its fields to `form` and returns the one the
    # typing starts in.
    HOOKS = (*OperationDialog.HOOKS, "add_fields")
    add_fields: Callable[[], QWidget]

    def __init__(
        self,
        session: Session,
        operations: Operations,
        row: BoardRow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self.row = row
        self.start(self.add_fields())

    def fit(self) -> None:
        """Room for every field, in either language (no fixed minimum holds the layout back)."""
        self.layout().activate()
        hint = self.sizeHint()
        self.resize(
            max(self.width(), hint.width(), self.min_width), max(self.height(), hint.height())
        )

    def not_saved(self, problem: str) -> str:
        return self.tr("Not saved: {problem}").format(problem=problem)


class ReleaseDialog(IsolationActionDialog):
    """Ends the isolation of a release candidate, with an optional note."""

    def add_fields(self) -> QWidget:
        self.note_field = QLineEdit()
        self.form.addRow(buddy_label(self.note_field), self.note_field)
        return self.note_field

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return release(store, actor, self.row.person.id, self.note_field.text())

    def retranslate(self) -> None:
        row = self.row
        number = QLocale().toString
        self.setWindowTitle(self.tr("Release from isolation"))
        self.question_label.setText(
            self.tr("Release {name} from isolation? Day {day} of {days}.").format(
                name=row.person.full_name,
                day=number(row.day),
                days=number(days_of_isolation(row)),
            )
        )
        self.form.labelForField(self.note_field).setText(self.tr("&Note (optional)"))
        self.ok_button.setText(self.tr("&Release"))
        super().retranslate()


class SevereIllnessDialog(IsolationActionDialog):
    """A clinician's word that the illness is severe (isolation up to 20 days), or no longer."""

    def add_fields(self) -> QWidget:
        self._severe_days = self._session.store.policy().isolation.severe_illness_days
        self.severe_box = QCheckBox()
        self.severe_box.setChecked(True)
        self.note_field = QLineEdit()
        self.form.addRow(self.severe_box)
        self.form.addRow(buddy_label(self.note_field), self.note_field)
        return self.note_field

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        severe, note = self.severe_box.isChecked(), self.note_field.text()
        return mark_severe(store, actor, self.row.person.id, severe, note)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Severe illness (clinician)"))
        if self.row.episode.severe:
            question = self.tr("{name} is isolated for severe illness.")
        else:
            question = self.tr("A clinician assessed {name}.")
        self.question_label.setText(question.format(name=self.row.person.full_name))
        self.severe_box.setText(
            self.tr("&Severe illness: isolation up to {days} days").format(
                days=QLocale().toString(self._severe_days)
            )
        )
        self.form.labelForField(self.note_field).setText(self.tr("Clinician's &assessment"))
        self.ok_button.setText(self.tr("Sa&ve"))
        super().retranslate()


class PlaceDialog(IsolationActionDialog):
    """Where the person isolates, from the site's list of places."""

    def add_fields(self) -> QWidget:
        self.place_box = QComboBox()
        for place in isolation_places(self._session.store):
            shown = f"{place['name']} · {place['address']}" if place["address"] else place["name"]
            self.place_box.addItem(shown, place["id"])
            if place["name"] == self.row.place:
                self.place_box.setCurrentIndex(self.place_box.count() - 1)
        self.form.addRow(buddy_label(self.place_box), self.place_box)
        self.ok_button.setEnabled(self.place_box.count() > 0)
        return self.place_box

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return assign_place(store, actor, self.row.person.id, self.place_box.currentData())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Isolation place"))
        if self.place_box.count():
            question = self.tr("Where does {name} isolate?")
        else:
            question = self.tr("{name}: no isolation place is on the site's list yet.")
        self.question_label.setText(question.format(name=self.row.person.full_name))
        self.form.labelForField(self.place_box).setText(self.tr("&Place"))
        self.ok_button.setText(self.tr("&Assign"))
        super().retranslate()
