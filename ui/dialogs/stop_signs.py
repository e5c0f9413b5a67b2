"""Asking for a deliberate confirmation before checking in a household that raised stop signs.

Enter alone must never get past it: the safe choice ("Do not check in") is the default, so a
volunteer in the habit of pressing Enter twice stops here and reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from staging.domain import Person
from staging.rules import StopSign
from ui.language import current_language
from ui.widgets.household_card import STOP_STYLE, describe_sign


class ConfirmArrivalDialog(QDialog):
    """Names each held stop sign and whom it is about; accepted only by "Check in anyway"."""

    def __init__(
        self,
        household: str,
        held: Mapping[StopSign, Sequence[Person]],
        arriving: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._household = household
        self._held = dict(held)
        self._arriving = arriving
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        bold = QFont(self.question_label.font())
        bold.setBold(True)
        self.question_label.setFont(bold)
        self.signs_label = QLabel()
        self.signs_label.setWordWrap(True)
        self.signs_label.setStyleSheet(STOP_STYLE)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setDefault(True)
        self.cancel_button.clicked.connect(self.reject)
        self.confirm_button = QPushButton()
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addWidget(self.signs_label)
        layout.addWidget(self.note_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self.cancel_button.setFocus()

    def confirmed(self) -> frozenset[StopSign]:
        """What accepting this dialog confirms, to be recorded with the check-in."""
        return frozenset(self._held)

    def retranslate(self) -> None:
        language = current_language()
        self.setWindowTitle(self.tr("Confirm the check-in"))
        self.question_label.setText(
            self.tr("Household {household} raised stop signs. Check in anyway?").format(
                household=self._household
            )
        )
        self.signs_label.setText(
            "\n".join(
                f"✖ {describe_sign(sign, whom, self._arriving, language)}"
                for sign, whom in self._held.items()
            )
        )
        self.note_label.setText(
            self.tr(
                "Check in only if a coordinator agrees. Your confirmation is recorded with the"
                " check-in, under your name."
            )
        )
        self.confirm_button.setText(self.tr("Check in &anyway"))
        self.cancel_button.setText(self.tr("&Do not check in (Enter)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
