"""Correcting one person's contact details and vulnerability flags at the desk.

Only what `intake.update_contact` accepts is offered; identity fields come from the lists and are
corrected by a coordinator. Only fields the volunteer actually changed are sent, so the audit log
shows the correction and nothing else. What the core refuses is marked on the field itself, every
wrong field at once, and what was typed stays for the volunteer to correct.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from staging.domain import VULNERABILITY_FLAGS
from staging.errors import UserError
from staging.intake.operations import update_contact
from staging.people.contact import ContactProblems
from staging.people.fields import DESK_GROUPS, fields_in, names
from staging.registration.problems import FieldProblem
from staging.security.access import Session
from staging.vocabulary import label
from ui.language import current_language
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE, CheckedField
from ui.widgets.messages import localized

# The one-line fields intake corrects, group by group (contact details, then the US address);
# notes and the vulnerability flags have widgets of their own.
LINE_FIELDS = names(field for field in fields_in(*DESK_GROUPS) if field.kind == "text")
FLAG_COLUMNS = 2


class ContactDialog(QDialog):
    def __init__(
        self,
        session: Session,
        operations: Operations,
        person: Mapping[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self._person = dict(person)
        self.changed = False
        self.name_label = QLabel()
        self.name_label.setWordWrap(True)
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.fields: dict[str, QLineEdit] = {}
        self.checked: dict[str, CheckedField] = {}
        # What the core last refused, kept so a language change can say it again.
        self._problems: dict[str, FieldProblem] = {}
        self.form = QFormLayout()
        for name in LINE_FIELDS:
            field = QLineEdit(self._person.get(name) or "")
            self.fields[name] = field
            self.checked[name] = CheckedField(field)
            field.textEdited.connect(lambda _text, name=name: self._forget_problem(name))
            self.form.addRow(buddy_label(field), self.checked[name])
        self.notes_field = QPlainTextEdit(self._person.get("notes") or "")
        self.notes_field.setTabChangesFocus(True)
        self.notes_field.setFixedHeight(self.notes_field.fontMetrics().lineSpacing() * 4)
        self.form.addRow(buddy_label(self.notes_field), self.notes_field)

        self._recorded_flags = set(
            filter(None, (self._person.get("vulnerabilities") or "").split(";"))
        )
        self.flags_box = QGroupBox()
        grid = QGridLayout(self.flags_box)
        self.flag_boxes: dict[str, QCheckBox] = {}
        for number, flag in enumerate(VULNERABILITY_FLAGS):
            box = QCheckBox()
            box.setChecked(flag in self._recorded_flags)
            self.flag_boxes[flag] = box
            grid.addWidget(box, *divmod(number, FLAG_COLUMNS))

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addLayout(self.form)
        layout.addWidget(self.flags_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self.fields["phone"].setFocus()

    def changes(self) -> dict[str, str]:
        """What differs from the record as it was opened."""
        typed = {name: field.text().strip() for name, field in self.fields.items()}
        typed["notes"] = self.notes_field.toPlainText().strip()
        changed = {
            name: value
            for name, value in typed.items()
            if value != (self._person.get(name) or "").strip()
        }
        ticked = {flag for flag, box in self.flag_boxes.items() if box.isChecked()}
        if ticked != self._recorded_flags:
            changed["vulnerabilities"] = ";".join(sorted(ticked))
        return changed

    def save(self) -> None:
        changes = self.changes()
        if changes:
            self._problems = {}
            self._mark_fields()
            self.error_label.setVisible(False)
            store, actor, person_id = self._session.store, self._session.actor, self._person["id"]
            changed = self._operations.run(
                lambda: update_contact(store, actor, person_id, changes), self._show_error
            )
            if changed is None:
                return
            self.changed = changed.value
        self.accept()

    def _show_error(self, error: UserError) -> None:
        if isinstance(error, ContactProblems):
            self._problems = dict(error.problems)
            self._mark_fields()
            first = self.fields[next(name for name in self.fields if name in self._problems)]
            first.setFocus()
            first.selectAll()
            text = self.tr("Nothing was saved: correct the fields marked in red.")
        else:
            text = localized(error)
        self.error_label.setText(text)
        self.error_label.setVisible(True)
        self._make_room()

    def _make_room(self) -> None:
        """A window does not grow by itself to fit word-wrapped messages: make it tall enough."""
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.heightForWidth(self.width())))

    def _mark_fields(self) -> None:
        """Each refused field shows its own problem, in the volunteer's language."""
        for name, checked in self.checked.items():
            if name in self._problems:
                checked.show_problem(localized(self._problems[name]))
            else:
                checked.clear_problem()

    def _forget_problem(self, name: str) -> None:
        """Once the volunteer types in a marked field, its old message no longer applies."""
        if self._problems.pop(name, None) is None:
            return
        self._mark_fields()
        if not self._problems:
            self.error_label.setVisible(False)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Contact details"))
        name = " ".join(
            part
            for part in (
                self._person.get("given_names"),
                self._person.get("paternal_surname"),
                self._person.get("maternal_surname"),
            )
            if part
        )
        self.name_label.setText(
            self.tr("{name} · registration {registration}").format(
                name=name, registration=self._person.get("registration_id", "")
            )
        )
        captions = {
            "phone": self.tr("&Phone"),
            "email": self.tr("E-&mail"),
            "languages": self.tr("&Languages"),
            "us_address_street": self.tr("US address: &street"),
            "us_address_city": self.tr("US address: &city"),
            "us_address_state": self.tr("US address: s&tate"),
            "us_address_zip": self.tr("US address: &ZIP code"),
            "us_contact_name": self.tr("US contact: &name"),
            "us_contact_phone": self.tr("US contact: p&hone"),
        }
        for name, checked in self.checked.items():
            self.form.labelForField(checked).setText(captions[name])
        self.fields["us_address_state"].setPlaceholderText(self.tr("code or name: TX, Texas"))
        self.form.labelForField(self.notes_field).setText(self.tr("N&otes"))
        self.flags_box.setTitle(self.tr("Vulnerabilities"))
        language = current_language()
        for flag, box in self.flag_boxes.items():
            box.setText(label(flag, language))
        if self._problems:
            self._mark_fields()
            self._make_room()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
