"""The desk's main window: one workspace per role, the status bar, language, lock and user switch.

The window holds no rule: which workspaces a role sees comes from `rules.may`, and every action
inside a workspace is a call into the core.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from staging.backup import auto_backup, last_backup
from staging.changes import Changes, Done, Kind
from staging.errors import UserError
from staging.rules import Action, may
from staging.security.access import Session
from staging.site.settings import site_name
from staging.vocabulary import label
from ui.dialogs.own_password import OwnPasswordDialog
from ui.language import current_language, set_language
from ui.login_dialog import LoginDialog
from ui.operations import Operations
from ui.sync_runner import Intervals, SyncRunner
from ui.widgets.messages import localized
from ui.workspaces.admin import AdminWorkspace
from ui.workspaces.data_desk.workspace import DataDeskWorkspace
from ui.workspaces.intake import IntakeWorkspace
from ui.workspaces.isolation import IsolationWorkspace
from ui.workspaces.paperwork import PaperworkWorkspace
from ui.workspaces.screening import ScreeningWorkspace
from ui.workspaces.transport import TransportWorkspace

IDLE_CHECK_MS = 15_000
# A desk's write (a check-in) waits this long for another task's write (an import, a backup)
# before saying so: a volunteer should not stare at a frozen screen for the core's 10 s.
DESK_WRITE_WAIT_SECONDS = 2.0
# Fits a 1366×768 laptop with its task bar and the window's title bar.
DEFAULT_SIZE = QSize(1280, 680)
INPUT_EVENTS = frozenset(
    {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}
)


@dataclass(frozen=True)
class Workspace:
    key: str
    factory: Callable[[Session, Operations], QWidget]
    needs: Action


# In the order of the journey; each appears when its issue lands, for the roles that may use it.
WORKSPACES = (
    Workspace("intake", IntakeWorkspace, Action.CHECK_IN),
    Workspace("screening", ScreeningWorkspace, Action.SCREEN),
    Workspace("isolation", IsolationWorkspace, Action.FOLLOW_UP_ISOLATION),
    Workspace("paperwork", PaperworkWorkspace, Action.PREPARE_PAPERWORK),
    Workspace("transport", TransportWorkspace, Action.BOARD),
    Workspace("data_desk", DataDeskWorkspace, Action.IMPORT_REGISTRATIONS),
    Workspace("admin", AdminWorkspace, Action.MANAGE_USERS),
)


class IdleWatch(QObject):
    """Counts minutes without keyboard or mouse input, for the automatic lock."""

    def __init__(self, clock_ms: Callable[[], int], parent: QObject) -> None:
        super().__init__(parent)
        self._clock_ms = clock_ms
        self.last_input_ms = clock_ms()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.last_input_ms = self._clock_ms()
        return False

    def now_ms(self) -> int:
        return self._clock_ms()

    def idle_minutes(self) -> float:
        return (self._clock_ms() - self.last_input_ms) / 60_000


class MainWindow(QMainWindow):
    def __init__(
        self, session: Session, database: Path, sync_intervals: Intervals | None = None
    ) -> None:
        super().__init__()
        self.session = session
        # False from a restore (which closed the session's connection) to the next login.
        self._session_open = True
        self._database = database
        self.workspaces: dict[str, QWidget] = {}
        self.operations = Operations(self)
        self.operations.changed.connect(self.on_changes)
        self.operations.busy_changed.connect(self._show_busy)
        # Started once the window is built: its first status reaches the status line.
        self.sync_runner = SyncRunner(self.operations, sync_intervals or Intervals(), self)
        self.sync_runner.state_changed.connect(self._show_sync)
        self.tabs = QTabWidget()
        # A scanner types into whatever has the focus: never the tab bar (Ctrl+Tab still works).
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCentralWidget(self.tabs)
        self.site_label, self.user_label, self.sync_label, self.backup_label = (
            QLabel(),
            QLabel(),
            QLabel(),
            QLabel(),
        )
        for part in (self.site_label, self.user_label, self.sync_label, self.backup_label):
            self.statusBar().addPermanentWidget(part)
        self._build_menus()
        self._build_workspaces()
        self.idle = IdleWatch(
            lambda: int(self.session.store.clock.now().timestamp() * 1000), parent=self
        )
        QApplication.instance().installEventFilter(self.idle)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_CHECK_MS)
        self._idle_timer.timeout.connect(self.lock_if_idle)
        self._idle_timer.start()
        self.retranslate()
        self.sync_runner.start(session)
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(DEFAULT_SIZE)

    # --- building -----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        self.desk_menu = self.menuBar().addMenu("")
        self.switch_user_action = QAction(self)
        self.switch_user_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.switch_user_action.triggered.connect(self.switch_user)
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_own_password)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("F9"))
        self.sync_action.triggered.connect(self.sync_runner.sync_now)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        for action in (
            self.switch_user_action,
            self.password_action,
            self.lock_action,
            self.sync_action,
            self.quit_action,
        ):
            self.desk_menu.addAction(action)
        self.language_menu = self.menuBar().addMenu("")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("es", "Español"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.triggered.connect(lambda _=False, c=code: self.change_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action

    def _build_workspaces(self) -> None:
        self.session.store.write_wait = DESK_WRITE_WAIT_SECONDS
        self.tabs.clear()
        for widget in self.workspaces.values():
            widget.deleteLater()
        self.workspaces = {}
        for workspace in WORKSPACES:
            if may(self.session.actor.role, workspace.needs):
                widget = workspace.factory(self.session, self.operations)
                status = getattr(widget, "status_message", None)
                if status is not None:
                    status.connect(lambda text: self.statusBar().showMessage(text, 8000))
                sync_requested = getattr(widget, "sync_requested", None)
                if sync_requested is not None:
                    sync_requested.connect(self.sync_runner.sync_now)
                self.connect_restore(widget)
                self.workspaces[workspace.key] = widget
                self.tabs.addTab(widget, "")

    # --- what changed -------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """The shell shows the site's name and the last backup; workspaces redraw themselves."""
        if changes.touches(Kind.SETTINGS, Kind.EVENTS):
            self.retranslate()

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("Working in the background…"))
        else:
            self.statusBar().clearMessage()

    def start_auto_backup(self) -> None:
        """The day's automatic backup, on a connection of its own so the desk stays usable."""
        session = self.session

        def backup() -> Done[Path | None]:
            own = session.on_new_connection()
            try:
                return auto_backup(own)
            finally:
                own.close()

        self.operations.run_in_background(backup, lambda _made: None, self._backup_failed)

    def _backup_failed(self, error: UserError) -> None:
        self.statusBar().showMessage(
            self.tr("Automatic backup failed: {problem}").format(problem=localized(error))
        )

    def _show_sync(self) -> None:
        """From what the runner last read: a language change reads nothing."""
        text, tip = self.sync_runner.describe()
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip)
        self.sync_action.setEnabled(self.sync_runner.state.linked)

    # --- text -----------------------------------------------------------------------------------

    def workspace_title(self, key: str) -> str:
        return {
            "intake": self.tr("Intake desk"),
            "screening": self.tr("Screening"),
            "isolation": self.tr("Isolation"),
            "paperwork": self.tr("Paperwork"),
            "transport": self.tr("Transport"),
            "data_desk": self.tr("Data desk"),
            "admin": self.tr("Administration"),
        }[key]

    def retranslate(self) -> None:
        store = self.session.store
        site = site_name(store)
        self.setWindowTitle(self.tr("Staging Desk — {site}").format(site=site))
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.switch_user_action.setText(self.tr("&Switch user…"))
        self.password_action.setText(self.tr("Change my &password…"))
        self.lock_action.setText(self.tr("&Lock"))
        self.quit_action.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[current_language()].setChecked(True)
        for index, key in enumerate(self.workspaces):
            self.tabs.setTabText(index, self.workspace_title(key))
        self.site_label.setText(self.tr("Site: {site}").format(site=site))
        self.user_label.setText(
            self.tr("{user} ({role}) · device {device}").format(
                user=self.session.actor.user,
                role=label(self.session.actor.role, current_language()),
                device=store.device_id,
            )
        )
        self.sync_action.setText(self.tr("S&ync now"))
        self._show_sync()
        self.backup_label.setText(self.backup_text())

    def backup_text(self) -> str:
        latest = last_backup(self.session)
        if latest is None:
            return self.tr("Last backup: never")
        local = latest.astimezone()
        return self.tr("Last backup: {when}").format(when=local.strftime("%Y-%m-%d %H:%M"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._session_open:
            self.retranslate()
        super().changeEvent(event)

    def change_language(self, language: str) -> None:
        set_language(language)
        QSettings().setValue("language", language)

    # --- who is at the desk -----------------------------------------------------------------

    def lock_if_idle(self) -> None:
        if self.idle.idle_minutes() >= self.session.store.policy().site.auto_lock_minutes:
            self.lock()

    def lock(self) -> None:
        """Hide the data until the same user (or another) logs in again; nothing is lost."""
        self.centralWidget().setVisible(False)
        self._log_in_again(locked=True)

    def change_own_password(self) -> None:
        dialog = OwnPasswordDialog(self.session, self.operations, self)
        if dialog.exec() == OwnPasswordDialog.DialogCode.Accepted:
            self.statusBar().showMessage(self.tr("Password changed"), 8000)

    def switch_user(self) -> None:
        self._log_in_again(locked=False)

    def connect_restore(self, widget: QWidget) -> None:
        """A page that restores backups (the data desk's exports page, or the workspace holding
        it, passing its signals on) says when the site's file is being replaced, and when it
        has been."""
        restoring = getattr(widget, "restoring", None)
        if restoring is not None:
            restoring.connect(self._restoring)
        restored = getattr(widget, "restored", None)
        if restored is not None:
            restored.connect(self.log_in_after_restore)

    def _restoring(self, underway: bool) -> None:
        """The session's connection is closed while a restore runs: the idle check reads it,
        and a sync would write to the file being replaced."""
        if underway:
            self._idle_timer.stop()
            self.sync_runner.stop()
        else:
            self._idle_timer.start()
            self.sync_runner.start(self.session)

    def log_in_after_restore(self, user: str) -> None:
        """The file under this session was replaced: nothing of the old session may be shown or
        written again, so its workspaces go, its connection is closed before anything opens the
        restored file (a WAL connection closing later would delete the new -wal by name), and
        `user` logs in to the restored site with a password of the backup's date; no login
        closes the window."""
        self.centralWidget().setVisible(False)
        self.tabs.clear()
        for widget in self.workspaces.values():
            widget.deleteLater()
        self.workspaces = {}
        self.session.close()
        self._session_open = False
        self._log_in_again(locked=True, user=user)

    def _log_in_again(self, *, locked: bool, user: str | None = None) -> None:
        """Non-blocking: the window stays responsive to the system while the dialog is open."""
        if user is None:
            user = self.session.actor.user if locked else ""
        self.sync_runner.stop()  # syncs again as whoever logs in
        self.login_dialog = LoginDialog(self._database, user=user)
        self.login_dialog.finished.connect(lambda result: self._logged_in_again(result, locked))
        self.login_dialog.open()

    def _logged_in_again(self, result: int, locked: bool) -> None:
        dialog = self.login_dialog
        if result == LoginDialog.DialogCode.Accepted and dialog.session is not None:
            old = self.session
            self.session = dialog.session
            self._session_open = True
            self._build_workspaces()
            self.retranslate()
            self._idle_timer.start()  # stopped by a restore
            QTimer.singleShot(0, old.close)  # after the old workspaces are gone
        elif locked:
            self.close()
            return
        self.sync_runner.start(self.session)
        self.centralWidget().setVisible(True)
        self.idle.last_input_ms = self.idle.now_ms()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync_runner.stop()
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)
