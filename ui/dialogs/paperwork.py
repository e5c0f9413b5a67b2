"""The paperwork desk's facts about a form or a household: the proof of service, and the legal
orientation attended.

Each dialog runs its one core operation itself, so a refusal (no server named, a date in the
future) is shown where it was typed and nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from forms.eoir33.model import ServiceMethod
from staging.changes import Done
from staging.courts.directory import CourtDirectory
from staging.domain import Person
from staging.paperwork.operations import mark_served, record_legal_orientation
from staging.security.access import Session
from staging.store.store import Actor, Store
from staging.vocabulary import label
from ui.dialogs.medical_supplies import date_field
from ui.dialogs.operation_dialog import OperationDialog
from ui.language import current_language
from ui.operations import Operations
from ui.widgets.captions import buddy_label

MIN_WIDTH = 560


class PaperworkDialog(OperationDialog):
    """A question, a few fields, and the button that runs the dialog's core operation."""

    min_width = MIN_WIDTH
    HOOKS = OperationDialog.HOOKS  # a base: each paperwork dialog names its operation

    def not_saved(self, problem: str) -> str:
        return self.tr("Not saved: {problem}").format(problem=problem)


class ServedDialog(PaperworkDialog):
    """The proof of service: who served the copy on ICE's OPLA office, when, and how."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        person: Person,
        directory: CourtDirectory,
        opla_key: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self.person = person
        self.server_field = QLineEdit()
        self.office_box = QComboBox()
        for office in sorted(directory.opla_offices, key=lambda o: o.name):
            self.office_box.addItem(office.name, office.key)
        self.office_box.setCurrentIndex(max(0, self.office_box.findData(opla_key)))
        self.office_address = QLabel()
        self.office_address.setWordWrap(True)
        self._directory = directory
        self.office_box.currentIndexChanged.connect(self._show_address)
        self.served_on = date_field(session.store.today())
        self.method_buttons = {method: QRadioButton() for method in ServiceMethod}
        self.method_group = QButtonGroup(self)
        methods = QWidget()
        methods_layout = QHBoxLayout(methods)
        methods_layout.setContentsMargins(0, 0, 0, 0)
        for button in self.method_buttons.values():
            self.method_group.addButton(button)
            methods_layout.addWidget(button)
        methods_layout.addStretch(1)
        self.method_buttons[ServiceMethod.FIRST_CLASS_MAIL].setChecked(True)
        self.form.addRow(buddy_label(self.server_field), self.server_field)
        self.form.addRow(buddy_label(self.office_box), self.office_box)
        self.form.addRow("", self.office_address)
        self.form.addRow(buddy_label(self.served_on), self.served_on)
        self.form.addRow(buddy_label(methods), methods)
        self._methods = methods
        self._show_address()
        self.start(self.server_field)

    def method(self) -> ServiceMethod:
        return next(m for m, button in self.method_buttons.items() if button.isChecked())

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return mark_served(
            store,
            actor,
            self.person.id,
            server_name=self.server_field.text(),
            opla_office=self.office_box.currentData() or "",
            served_on=self.served_on.date().toPython(),
            method=str(self.method()),
        )

    def _show_address(self) -> None:
        office = self._directory.opla_offices_by_key.get(self.office_box.currentData() or "")
        self.office_address.setText(", ".join(office.address_lines) if office else "")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Proof of service"))
        self.question_label.setText(
            self.tr(
                "The copy of {name}'s form served on ICE: who served it, on which office, when"
                " and how."
            ).format(name=self.person.full_name)
        )
        self.form.labelForField(self.server_field).setText(self.tr("&Served by (name)"))
        self.form.labelForField(self.office_box).setText(self.tr("ICE &office (OPLA)"))
        self.form.labelForField(self.served_on).setText(self.tr("&Date of service"))
        self.form.labelForField(self._methods).setText(self.tr("Method"))
        language = current_language()
        for method, button in self.method_buttons.items():
            button.setText(label(method, language))
        self.ok_button.setText(self.tr("&Mark served"))
        super().retranslate()


class OrientationDialog(PaperworkDialog):
    """A legal orientation session, attended by the household together."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        household: str,
        members: Sequence[Person],
        provider: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self.household = household
        self.members = list(members)
        self.attended_on = date_field(session.store.today())
        self.provider_field = QLineEdit(provider)
        self.form.addRow(buddy_label(self.attended_on), self.attended_on)
        self.form.addRow(buddy_label(self.provider_field), self.provider_field)
        self.start(self.provider_field)

    def operation(self, store: Store, actor: Actor) -> Done[Any]:
        return record_legal_orientation(
            store,
            actor,
            [member.id for member in self.members],
            self.attended_on.date().toPython(),
            self.provider_field.text(),
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Legal orientation"))
        self.question_label.setText(
            self.tr("Legal orientation attended by household {household}: {names}.").format(
                household=self.household,
                names=", ".join(member.full_name for member in self.members),
            )
        )
        self.form.labelForField(self.attended_on).setText(self.tr("&Attended on"))
        self.form.labelForField(self.provider_field).setText(self.tr("&Given by (organisation)"))
        self.ok_button.setText(self.tr("&Record"))
        super().retranslate()
