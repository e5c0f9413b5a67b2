"""Starting the desk app: language, log in, the main window, and the day's automatic backup."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from ui.language import LANGUAGES, default_language, set_language
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow


def run_gui(database: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Staging Desk")
    app.setOrganizationName("StagingDesk")
    language = QSettings().value("language", default_language())
    set_language(language if language in LANGUAGES else default_language())
    login = LoginDialog(database)
    if login.exec() != LoginDialog.DialogCode.Accepted or login.session is None:
        return 0
    window = MainWindow(login.session, database)
    window.show()
    window.start_auto_backup()
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        window.session.close()
