"""The daily follow-up of one person in isolation, entered by keyboard.

The form asks CDC's questions in the order a screener asks them at the door of a room:
temperature, fever, medicine, symptoms, whether they improve, then the emergency warning signs.
Ticking a warning sign says at once, in red, to call for medical care: the referral must not
wait for the save. What the core refuses is shown here and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from staging.errors import UserError
from staging.isolation.operations import FollowUpEntry, FollowUpSaved, record_follow_up
from staging.rules.isolation import WarningSign
from staging.rules.screening import Symptom, TemperatureUnit
from staging.security.access import Session
from staging.vocabulary import label
from ui.language import current_language
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.household_card import STOP_STYLE
from ui.widgets.messages import localized

SYMPTOM_COLUMNS = 3
SIGN_COLUMNS = 2
IMPROVING, NOT_IMPROVING, NO_SYMPTOMS = range(3)
MIN_WIDTH = 640


def typed_number(text: str) -> float | None:
    """A temperature as typed: "36.8" or "36,8" (a Spanish keyboard's decimal comma)."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None


class FollowUpDialog(QDialog):
    def __init__(
        self,
        session: Session,
        operations: Operations,
        person_id: str,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self._person_id = person_id
        self._name = name
        self.saved: FollowUpSaved | None = None
        self._error: UserError | None = None
        self._not_a_number = False

        self.name_label = QLabel()
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.temperature_field = QLineEdit()
        self.temperature_field.setMaximumWidth(90)
        self.temperature_field.textEdited.connect(self._forget_error)
        self.unit_box = QComboBox()
        for unit in TemperatureUnit:
            self.unit_box.addItem(f"°{unit.value}", unit)
        temperature = QWidget()
        temperature_row = QHBoxLayout(temperature)
        temperature_row.setContentsMargins(0, 0, 0, 0)
        temperature_row.addWidget(self.temperature_field)
        temperature_row.addWidget(self.unit_box)
        temperature_row.addStretch(1)
        self.feverish_box = QCheckBox()
        self.medicine_box = QCheckBox()
        form = QFormLayout()
        self.temperature_caption = buddy_label(self.temperature_field)
        form.addRow(self.temperature_caption, temperature)
        form.addRow(self.feverish_box)
        form.addRow(self.medicine_box)

        self.symptoms_box = QGroupBox()
        grid = QGridLayout(self.symptoms_box)
        self.symptom_boxes: dict[Symptom, QCheckBox] = {}
        for number, symptom in enumerate(Symptom):
            box = QCheckBox()
            box.toggled.connect(self._symptoms_changed)
            self.symptom_boxes[symptom] = box
            grid.addWidget(box, *divmod(number, SYMPTOM_COLUMNS))

        self.improving_box = QGroupBox()
        self.improving_group = QButtonGroup(self)
        improving_row = QHBoxLayout(self.improving_box)
        self.improving_buttons = [QRadioButton() for _ in range(3)]
        for answer, button in enumerate(self.improving_buttons):
            self.improving_group.addButton(button, answer)
            improving_row.addWidget(button)
        improving_row.addStretch(1)
        self.improving_buttons[NO_SYMPTOMS].setChecked(True)

        self.signs_box = QGroupBox()
        signs_grid = QGridLayout(self.signs_box)
        self.sign_boxes: dict[WarningSign, QCheckBox] = {}
        for number, sign in enumerate(WarningSign):
            box = QCheckBox()
            box.toggled.connect(self._signs_changed)
            self.sign_boxes[sign] = box
            signs_grid.addWidget(box, *divmod(number, SIGN_COLUMNS))
        self.urgent_label = QLabel()
        self.urgent_label.setWordWrap(True)
        self.urgent_label.setStyleSheet(STOP_STYLE)
        self.urgent_label.setVisible(False)

        self.note_field = QPlainTextEdit()
        self.note_field.setTabChangesFocus(True)
        self.note_field.setFixedHeight(self.note_field.fontMetrics().lineSpacing() * 3 + 12)
        self.note_caption = buddy_label(self.note_field)
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
        layout.addLayout(form)
        layout.addWidget(self.symptoms_box)
        layout.addWidget(self.improving_box)
        layout.addWidget(self.signs_box)
        layout.addWidget(self.urgent_label)
        layout.addWidget(self.note_caption)
        layout.addWidget(self.note_field)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.retranslate()
        # No fixed minimum: the layout's own keeps every label whole, in either language.
        hint = self.sizeHint()
        self.resize(max(MIN_WIDTH, hint.width()), hint.height())
        self.temperature_field.setFocus()

    # --- what was entered ----------------------------------------------------------------------

    def entry(self) -> FollowUpEntry:
        improving = self.improving_group.checkedId()
        return FollowUpEntry(
            person_id=self._person_id,
            temperature=typed_number(self.temperature_field.text()),
            unit=TemperatureUnit(self.unit_box.currentData()),
            felt_feverish=self.feverish_box.isChecked(),
            fever_medicine=self.medicine_box.isChecked(),
            symptoms=frozenset(s for s, box in self.symptom_boxes.items() if box.isChecked()),
            symptoms_improving=None if improving == NO_SYMPTOMS else improving == IMPROVING,
            warning_signs=frozenset(s for s, box in self.sign_boxes.items() if box.isChecked()),
            note=self.note_field.toPlainText(),
        )

    def urgent(self) -> bool:
        return any(box.isChecked() for box in self.sign_boxes.values())

    def _symptoms_changed(self) -> None:
        """Once a symptom is ticked, "no symptoms" is no answer: the screener says whether
        they improve."""
        any_symptom = any(box.isChecked() for box in self.symptom_boxes.values())
        no_symptoms = self.improving_buttons[NO_SYMPTOMS]
        if any_symptom and no_symptoms.isChecked():
            self.improving_group.setExclusive(False)
            no_symptoms.setChecked(False)
            self.improving_group.setExclusive(True)
        no_symptoms.setEnabled(not any_symptom)
        if not any_symptom and self.improving_group.checkedId() == -1:
            no_symptoms.setChecked(True)

    def _signs_changed(self) -> None:
        self.urgent_label.setVisible(self.urgent())
        self._make_room()

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> None:
        self._forget_error()
        text = self.temperature_field.text().strip()
        if text and typed_number(text) is None:
            self._not_a_number = True
            self._show_problem(self.temperature_field)
            return
        if self.improving_group.checkedId() == -1:
            self._show_problem(self.improving_buttons[IMPROVING])
            return
        store, actor, entry = self._session.store, self._session.actor, self.entry()
        done = self._operations.run(lambda: record_follow_up(store, actor, entry), self._refused)
        if done is None:
            return
        self.saved = done.value
        self.accept()

    def _refused(self, error: UserError) -> None:
        self._error = error
        self._show_problem(self.temperature_field)

    def _show_problem(self, field: QWidget) -> None:
        self._show_error_text()
        field.setFocus()
        if isinstance(field, QLineEdit):
            field.selectAll()

    def _show_error_text(self) -> None:
        if self._error is not None:
            text = localized(self._error)
        elif self._not_a_number:
            text = self.tr("Type the temperature as a number, for example 36.8")
        elif self.improving_group.checkedId() == -1:
            text = self.tr("Say whether the symptoms are improving")
        else:
            self.error_label.setVisible(False)
            return
        self.error_label.setText(self.tr("Not saved: {problem}").format(problem=text))
        self.error_label.setVisible(True)
        self._make_room()

    def _forget_error(self) -> None:
        self._error = None
        self._not_a_number = False
        self.error_label.setVisible(False)

    def _make_room(self) -> None:
        """A window does not grow by itself to fit a banner: make it tall enough."""
        self.layout().activate()
        hint = self.sizeHint()
        self.resize(max(self.width(), hint.width()), max(self.height(), hint.height()))

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Daily follow-up"))
        self.name_label.setText(self.tr("Follow-up of {name}").format(name=self._name))
        self.temperature_caption.setText(self.tr("&Temperature"))
        self.feverish_box.setText(self.tr("&Felt feverish since the last follow-up"))
        self.medicine_box.setText(self.tr("Fever &medicine taken in the last 24 hours"))
        self.symptoms_box.setTitle(self.tr("Symptoms today"))
        for symptom, box in self.symptom_boxes.items():
            box.setText(label(symptom, language))
        self.improving_box.setTitle(self.tr("Are the symptoms improving?"))
        self.improving_buttons[IMPROVING].setText(self.tr("&Yes, improving"))
        self.improving_buttons[NOT_IMPROVING].setText(self.tr("N&o, not improving"))
        self.improving_buttons[NO_SYMPTOMS].setText(self.tr("No sym&ptoms"))
        self.signs_box.setTitle(self.tr("Emergency warning signs"))
        for sign, box in self.sign_boxes.items():
            box.setText(label(sign, language))
        self.urgent_label.setText(self.tr("Urgent referral: call for medical care now"))
        self.note_caption.setText(self.tr("&Note"))
        if self.error_label.isVisible():
            self._show_error_text()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
