"""Logging in to a site: user and password unwrap the database key, offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from staging.security.access import Session, open_site
from staging.security.keyfile import keyfile_path, read_notice
from staging.store.database import StoreError


class LoginDialog(QDialog):
    def __init__(self, database: Path) -> None:
        super().__init__()
        self._database = database
        self.session: Session | None = None
        self.setWindowTitle(self.tr("Staging Desk — log in / iniciar sesión"))
        self.user_field = QLineEdit()
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        notice = read_notice(keyfile_path(database))
        self.notice_label = QLabel(notice)
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))

        form = QFormLayout()
        form.addRow(self.tr("User / Usuario"), self.user_field)
        form.addRow(self.tr("Password / Contraseña"), self.password_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.user_field.setFocus()

    def try_login(self) -> None:
        try:
            self.session = open_site(
                self._database, self.user_field.text().strip(), self.password_field.text()
            )
        except StoreError as error:
            self.error_label.setText(f"{error.message_en}\n{error.message_es}")
            self.password_field.clear()
            self.password_field.setFocus()
            return
        self.accept()
