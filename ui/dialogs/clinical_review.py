"""The screener's written decision on a screening left for clinical review.

A negative antigen test with fever, symptoms or signs of another disease is presumptive: the
screener looks at the person again and decides cleared or isolation, and says why. The
decision is a new screening naming the one it reviews (`review_screening`); the dialog shows
what that screening found so the decision is made on it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from staging.domain import Person
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import UserError
from staging.screening.operations import ScreeningSaved, review_screening
from staging.security.access import Session
from staging.vocabulary import label
from ui.language import current_language
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.messages import localized


class ClinicalReviewDialog(QDialog):
    def __init__(
        self,
        session: Session,
        operations: Operations,
        person: Person,
        screening: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self._person = person
        self._screening = screening
        self.saved: ScreeningSaved | None = None
        self._problem: Callable[[], str] | None = None

        self.name_label = QLabel()
        bold = QFont(self.name_label.font())
        bold.setBold(True)
        self.name_label.setFont(bold)
        self.found_label = QLabel()
        self.found_label.setWordWrap(True)
        self.decisions = {Outcome.CLEARED: QRadioButton(), Outcome.ISOLATION: QRadioButton()}
        self.group = QButtonGroup(self)
        choices = QHBoxLayout()
        for button in self.decisions.values():
            self.group.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        self.note_field = QPlainTextEdit()
        self.note_field.setTabChangesFocus(True)
        self.note_field.setFixedHeight(self.note_field.fontMetrics().lineSpacing() * 4)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        self.decision_caption = QLabel()
        form.addRow(self.decision_caption, choices)
        self.note_caption = buddy_label(self.note_field)
        form.addRow(self.note_caption, self.note_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.name_label)
        layout.addWidget(self.found_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self.decisions[Outcome.CLEARED].setFocus()

    def decided(self) -> Outcome | None:
        return next((o for o, button in self.decisions.items() if button.isChecked()), None)

    def save(self) -> None:
        decided = self.decided()
        if decided is None:
            self._show_problem(lambda: self.tr("Choose cleared or isolation."))
            return
        store, actor = self._session.store, self._session.actor
        screening_id, note = self._screening["id"], self.note_field.toPlainText()
        done = self._operations.run(
            lambda: review_screening(store, actor, screening_id, decided, note), self._refused
        )
        if done is not None:
            self.saved = done.value
            self.accept()

    def _refused(self, error: UserError) -> None:
        self._show_problem(partial(localized, error))

    def _show_problem(self, text: Callable[[], str]) -> None:
        """Kept as a callable so a language change words it again."""
        self._problem = text
        self.error_label.setText(text())
        self.error_label.setVisible(True)

    def _findings(self) -> str:
        """What the reviewed screening found, in words: the reasons, temperature, symptoms."""
        language = current_language()
        screening = self._screening
        answers = screening["answers"]
        found = [
            self.tr("Why: {reasons}").format(
                reasons=", ".join(label(r, language) for r in screening["reasons"])
            ),
        ]
        celsius = f"{screening['temperature_c']:g} °C"
        entered = screening["temperature_entered"]
        if entered == celsius:
            found.append(self.tr("Temperature: {celsius}").format(celsius=celsius))
        else:
            found.append(
                self.tr("Temperature: {celsius} (entered {entered})").format(
                    celsius=celsius, entered=entered
                )
            )
        if screening["result"]:
            found.append(
                self.tr("Test: {result}").format(result=label(screening["result"], language))
            )
        if answers.symptoms:
            found.append(
                self.tr("Symptoms: {symptoms}").format(
                    symptoms=", ".join(label(s, language) for s in sorted(answers.symptoms))
                )
            )
        if answers.disease_signs:
            found.append(
                self.tr("Signs: {signs}").format(
                    signs=", ".join(label(s, language) for s in sorted(answers.disease_signs))
                )
            )
        if screening["note"]:
            found.append(self.tr("Note: {note}").format(note=screening["note"]))
        return "\n".join(found)

    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Clinical review"))
        self.name_label.setText(self._person.full_name)
        self.found_label.setText(self._findings())
        self.decision_caption.setText(self.tr("Decision"))
        for outcome, button in self.decisions.items():
            button.setText(label(outcome, language))
        self.note_caption.setText(self.tr("&Why"))
        self.note_field.setPlaceholderText(self.tr("What you saw and why you decided (required)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if self._problem is not None:
            self._show_problem(self._problem)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
