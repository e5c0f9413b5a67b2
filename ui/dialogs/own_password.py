"""Changing one's own password at the desk, and saying it may have leaked.

A volunteer who wrote a password on a sticky note, or typed it in front of others, ticks the
box: the site is then re-encrypted, so the old password with any copy of the old key file opens
nothing current (`access.change_own_password`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from staging.security.access import Session, change_own_password
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_STYLE
from ui.widgets.messages import localized


class OwnPasswordDialog(QDialog):
    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._operations = operations
        self.old_field, self.new_field, self.again_field = (QLineEdit() for _ in range(3))
        for field in (self.old_field, self.new_field, self.again_field):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.leaked_box = QCheckBox()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setVisible(False)
        self.form = QFormLayout()
        for field in (self.old_field, self.new_field, self.again_field):
            self.form.addRow(buddy_label(field), field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.leaked_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()
        self.old_field.setFocus()

    def save(self) -> None:
        if self.new_field.text() != self.again_field.text():
            self._show_error(self.tr("The two new passwords differ."))
            self.new_field.setFocus()
            return
        session, old, new = self._session, self.old_field.text(), self.new_field.text()
        leaked = self.leaked_box.isChecked()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # re-encrypting takes a while
        try:
            done = self._operations.run(
                lambda: change_own_password(session, old, new, suspected_leak=leaked),
                lambda error: self._show_error(localized(error)),
            )
        finally:
            QApplication.restoreOverrideCursor()
        if done is not None:
            self.accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change my password"))
        for field, caption in (
            (self.old_field, self.tr("&Current password")),
            (self.new_field, self.tr("&New password")),
            (self.again_field, self.tr("New password &again")),
        ):
            self.form.labelForField(field).setText(caption)
        self.leaked_box.setText(
            self.tr(
                "Someone else may know my current password: re-encrypt the site as well"
                " (close the other desks first)"
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
