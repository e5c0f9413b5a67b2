"""Starting the desk app: language, log in, the main window, and the day's automatic backup."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QSettings, QThreadPool, Signal
from PySide6.QtWidgets import QApplication

from staging.backup import auto_backup
from staging.errors import UserError
from staging.security.access import Session
from staging.store.store import Store
from ui.language import LANGUAGES, default_language, set_language
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow
from ui.widgets.messages import localized


class BackupSignals(QObject):
    finished = Signal(str)


class AutoBackup(QRunnable):
    """The daily backup on its own connection, so a large site does not freeze the desk."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._database = session.store.path
        self._key = session.key
        self._actor = session.actor
        self._clock = session.store.clock
        self.signals = BackupSignals()

    def run(self) -> None:
        try:
            store = Store.open(self._database, key=self._key, clock=self._clock)
        except UserError as error:
            self.signals.finished.emit(localized(error))
            return
        try:
            made = auto_backup(Session(store, self._actor, self._key))
            self.signals.finished.emit(str(made) if made else "")
        except UserError as error:
            self.signals.finished.emit(localized(error))
        finally:
            store.close()


def start_auto_backup(window: MainWindow) -> None:
    job = AutoBackup(window.session)
    job.signals.finished.connect(lambda _: window.retranslate())
    QThreadPool.globalInstance().start(job)


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
    start_auto_backup(window)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        window.session.close()
