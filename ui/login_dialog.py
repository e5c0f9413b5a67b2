"""Logging in to a site: user and password unwrap the database key, offline."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from staging.errors import UserError
from staging.security.access import Session, open_site
from staging.security.keyfile import keyfile_path, read_notice
from ui.language import LANGUAGES, current_language, set_language
from ui.widgets.captions import buddy_label
from ui.widgets.messages import localized

LANGUAGE_NAMES = {"es": "Español", "en": "English"}


class LoginDialog(QDialog):
    def __init__(self, database: Path, user: str = "") -> None:
        super().__init__()
        self._database = database
        self.session: Session | None = None
        self.language_box = QComboBox()
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language_box.currentIndexChanged.connect(self._language_chosen)
        self.user_field = QLineEdit(user)
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        notice = read_notice(keyfile_path(database))
        self.notice_label = QLabel(notice)
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))

        self.language_caption = buddy_label(self.language_box)
        self.user_caption = buddy_label(self.user_field)
        self.password_caption = buddy_label(self.password_field)
        self.form = QFormLayout()
        self.form.addRow(self.language_caption, self.language_box)
        self.form.addRow(self.user_caption, self.user_field)
        self.form.addRow(self.password_caption, self.password_field)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.retranslate()
        (self.password_field if user else self.user_field).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Staging Desk — log in"))
        self.language_caption.setText(self.tr("&Language"))
        self.user_caption.setText(self.tr("&User"))
        self.password_caption.setText(self.tr("&Password"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_chosen(self) -> None:
        language = self.language_box.currentData()
        set_language(language)
        QSettings().setValue("language", language)

    def try_login(self) -> None:
        try:
            self.session = open_site(
                self._database, self.user_field.text().strip(), self.password_field.text()
            )
        except UserError as error:
            self.error_label.setText(localized(error))
            self.password_field.clear()
            self.password_field.setFocus()
            return
        self.accept()
