"""Starting the desk app: log in, then the main window on the opened site."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow


def run_gui(database: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Staging Desk")
    app.setOrganizationName("StagingDesk")
    login = LoginDialog(database)
    if login.exec() != LoginDialog.DialogCode.Accepted or login.session is None:
        return 0
    session = login.session
    window = MainWindow(session.store)
    window.show()
    try:
        return app.exec()
    finally:
        session.close()
