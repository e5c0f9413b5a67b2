"""A dialog that asks one question, takes a few fields and runs one core operation itself.

A refusal (a field left empty, a date the rules do not allow) is shown where it was typed and
nothing is lost. The isolation board's and the paperwork desk's dialogs derive from it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Done
from staging.errors import UserError
from staging.security.access import Session
from staging.store.store import Actor, Store
from ui.hooks import check_hooks
from ui.operations import Operations
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.messages import localized


class OperationDialog(QDialog):
    """A question, a few fields, and the button that runs the dialog's core operation.

    Each dialog adds its fields to `form`, then calls `start`; it words them (`retranslate`,
    ending with `super().retranslate()`) and names its core operation (`operation`). The line
    shown on a refusal is worded by `not_saved`, which each family of dialogs words itself.
    """

    min_width = 0
    # Hooks each dialog defines: its core operation with what was entered, and the line shown
    # when that operation is refused, in the current language.
    HOOKS: tuple[str, ...] = ("operation", "not_saved")
    operation: Callable[[Store, Actor], Done[Any]]
    not_saved: Callable[[str], str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_hooks(cls)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self._error: UserError | None = None
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        bold = QFont(self.question_label.font())
        bold.setBold(True)
        self.question_label.setFont(bold)
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.addButton(
            "", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        # Only once the button is inside the dialog does Enter in a field press it.
        self.ok_button.setDefault(True)

    def start(self, first: QWidget) -> None:
        """Called by each dialog once its fields are in: words, size, the keyboard."""
        self.retranslate()
        self.fit()
        first.setFocus()

    def fit(self) -> None:
        """Room for every field, in either language, and no more (before it is first shown a
        dialog's size is Qt's default 640×480, not a size anyone chose)."""
        self.layout().activate()
        hint = self.sizeHint()
        shown = self.isVisible()
        width = max(self.width() if shown else 0, hint.width(), self.min_width)
        self.resize(width, max(self.height() if shown else 0, hint.height()))

    def save(self) -> None:
        self._error = None
        self.error_label.setVisible(False)
        store, actor = self._session.store, self._session.actor
        if self._operations.run(lambda: self.operation(store, actor), self._refused) is not None:
            self.accept()

    def _refused(self, error: UserError) -> None:
        self._error = error
        self._show_error()

    def _show_error(self) -> None:
        if self._error is None:
            return
        self.error_label.setText(self.not_saved(localized(self._error)))
        self.error_label.setVisible(True)
        self.fit()

    def retranslate(self) -> None:
        """Subclasses word their question and fields, then call this for the error line."""
        self._show_error()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
