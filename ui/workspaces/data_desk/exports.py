"""The data desk's exports and backups: the command line's `export`, `backup` and `restore` for
coordinators and administrators who do not use a terminal, with the same checks and advice.

The page gathers the choices, asks the confirmations and says what happened; the files are
written by the core (`staging.exports`, `staging.backup`), off the UI thread on a connection of
its own, so the desk stays usable while Argon2id runs or a USB stick is slow.

A restore replaces the very file the desk has open. The desk's connection is closed before the
restore starts: Windows cannot move an open database, and a WAL connection closed after the
swap would delete the restored database's -wal and -shm files, which it finds by name.
`restoring` tells the window to stop reading the site meanwhile, and `restored` to drop the old
session and ask for a login on the restored database. A refused restore changed nothing: the
connection is opened again and the page says why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from staging.backup import (
    automatic_backup_folder,
    backup_to,
    default_backup_folder,
    last_backup,
    restore_from,
)
from staging.changes import Changes, Done, Kind
from staging.errors import UserError
from staging.exports import (
    ENCRYPTED_SUFFIX,
    FORMATS,
    MIN_PASSPHRASE_LENGTH,
    ExportFormat,
    ExportResult,
    check_passphrase,
    export_people,
)
from staging.rules import Action
from staging.security.access import Session
from staging.security.keyfile import keyfile_path
from staging.store.store import require
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.widgets.busy_bar import busy_bar, button_row
from ui.widgets.captions import buddy_label
from ui.widgets.checked_field import ERROR_COLOUR
from ui.widgets.labels import wrapped_label
from ui.widgets.message_line import page_message_line
from ui.widgets.messages import refusal_text
from ui.workspaces.data_desk.desk_page import DeskPage

WARNING_STYLE = f"color: {ERROR_COLOUR}; font-weight: bold;"
BACKUP_PATTERN = "staging-*.db"


class RestoreProgress(QProgressDialog):
    """Window-modal while the site's file is replaced: neither Esc nor the close button may give
    the desk back while its connection is closed."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setCancelButton(None)
        self.setRange(0, 0)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)

    def reject(self) -> None:
        """A restore cannot be stopped half way; it ends by itself, replaced or refused."""

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()


class ExportsPage(DeskPage):
    """Export people for a partner, back up now, and (administrators) restore a backup."""

    # True as the desk's connection closes for a restore, False once it is open again (the
    # restore was refused): the window's idle check must not read the site in between.
    restoring = Signal(bool)
    # The backup is the site's database now; carries the administrator who restored it, whose
    # user name the new login proposes.
    restored = Signal(str)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, operations, parent)
        self._last_backup: datetime | None = None
        self._export_folder = Path.home()
        self._progress: RestoreProgress | None = None
        self._build_export()
        self._build_backup()
        self._build_restore()
        self._layout()
        self._keyboard()
        self._apply_permissions()
        self._show_protection()
        self.refresh()
        self.retranslate()

    # --- building --------------------------------------------------------------------------------

    def _build_export(self) -> None:
        self.export_box = QGroupBox()
        self.export_intro = wrapped_label()
        self.format_box = QComboBox()
        for fmt in FORMATS:
            self.format_box.addItem("", fmt)
        self.format_caption = buddy_label(self.format_box)
        self.encrypted_choice = QRadioButton()
        self.plaintext_choice = QRadioButton()
        self.protection_group = QButtonGroup(self)
        for choice in (self.encrypted_choice, self.plaintext_choice):
            self.protection_group.addButton(choice)
        self.encrypted_choice.setChecked(True)
        self.plaintext_choice.toggled.connect(self._show_protection)
        self.protection_caption = QLabel()
        self.passphrase_field = QLineEdit()
        self.again_field = QLineEdit()
        for field in (self.passphrase_field, self.again_field):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_caption = buddy_label(self.passphrase_field)
        self.again_caption = buddy_label(self.again_field)
        self.passphrase_hint = wrapped_label()
        self.plaintext_warning = wrapped_label(WARNING_STYLE)
        self.export_button = QPushButton()
        self.export_progress = busy_bar()
        self.export_message = page_message_line(selectable=True)
        self.export_refused = wrapped_label()

    def _build_backup(self) -> None:
        self.backup_box = QGroupBox()
        self.backup_intro = wrapped_label()
        self.backup_folder_label = wrapped_label()
        self.last_backup_label = QLabel()
        self.backup_now_button = QPushButton()
        self.backup_elsewhere_button = QPushButton()
        self.backup_progress = busy_bar()
        self.backup_message = page_message_line(selectable=True)
        self.backup_refused = wrapped_label()

    def _build_restore(self) -> None:
        self.restore_box = QGroupBox()
        self.restore_intro = wrapped_label()
        self.backup_file_field = QLineEdit()
        self.backup_file_caption = buddy_label(self.backup_file_field)
        self.choose_backup_button = QPushButton()
        self.restore_user_field = QLineEdit()
        self.restore_user_caption = buddy_label(self.restore_user_field)
        self.restore_password_field = QLineEdit()
        self.restore_password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.restore_password_caption = buddy_label(self.restore_password_field)
        self.restore_button = QPushButton()
        self.restore_message = page_message_line(selectable=True)
        self.restore_refused = wrapped_label()

    def _layout(self) -> None:
        self.export_form = QFormLayout()
        self.export_form.addRow(self.format_caption, self.format_box)
        choices = QVBoxLayout()
        choices.addWidget(self.encrypted_choice)
        choices.addWidget(self.plaintext_choice)
        self.export_form.addRow(self.protection_caption, choices)
        self.export_form.addRow(self.passphrase_caption, self.passphrase_field)
        self.export_form.addRow(self.again_caption, self.again_field)
        self.export_form.addRow(self.passphrase_hint)
        self.export_form.addRow(self.plaintext_warning)
        export = QVBoxLayout(self.export_box)
        export.addWidget(self.export_intro)
        export.addLayout(self.export_form)
        export.addLayout(button_row(self.export_button, self.export_progress))
        export.addWidget(self.export_message)
        export.addWidget(self.export_refused)

        backup = QVBoxLayout(self.backup_box)
        backup.addWidget(self.backup_intro)
        backup.addWidget(self.backup_folder_label)
        backup.addWidget(self.last_backup_label)
        backup.addLayout(
            button_row(self.backup_now_button, self.backup_elsewhere_button, self.backup_progress)
        )
        backup.addWidget(self.backup_message)
        backup.addWidget(self.backup_refused)

        file_row = QHBoxLayout()
        file_row.addWidget(self.backup_file_field, 1)
        file_row.addWidget(self.choose_backup_button)
        restore_form = QFormLayout()
        restore_form.addRow(self.backup_file_caption, file_row)
        restore_form.addRow(self.restore_user_caption, self.restore_user_field)
        restore_form.addRow(self.restore_password_caption, self.restore_password_field)
        restore = QVBoxLayout(self.restore_box)
        restore.addWidget(self.restore_intro)
        restore.addLayout(restore_form)
        restore.addLayout(button_row(self.restore_button))
        restore.addWidget(self.restore_message)
        restore.addWidget(self.restore_refused)

        left = QVBoxLayout()
        left.addWidget(self.export_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.backup_box)
        right.addWidget(self.restore_box)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)

    def _keyboard(self) -> None:
        """Tab goes down the export, then the backup, then the restore; Enter in a section's
        last field, or on a focused button, does what the section is for."""
        for button in (
            self.export_button,
            self.backup_now_button,
            self.backup_elsewhere_button,
            self.choose_backup_button,
            self.restore_button,
        ):
            button.setAutoDefault(True)
        self.export_button.clicked.connect(self.export)
        self.passphrase_field.returnPressed.connect(self.again_field.setFocus)
        self.again_field.returnPressed.connect(self.export)
        self.backup_now_button.clicked.connect(self.back_up_now)
        self.backup_elsewhere_button.clicked.connect(self.back_up_elsewhere)
        self.choose_backup_button.clicked.connect(self.choose_backup)
        self.restore_button.clicked.connect(self.restore)
        self.backup_file_field.returnPressed.connect(self.restore_user_field.setFocus)
        self.restore_user_field.returnPressed.connect(self.restore_password_field.setFocus)
        self.restore_password_field.returnPressed.connect(self.restore)
        chain = (
            self.format_box,
            self.encrypted_choice,
            self.plaintext_choice,
            self.passphrase_field,
            self.again_field,
            self.export_button,
            self.backup_now_button,
            self.backup_elsewhere_button,
            self.backup_file_field,
            self.choose_backup_button,
            self.restore_user_field,
            self.restore_password_field,
            self.restore_button,
        )
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _apply_permissions(self) -> None:
        """What the role may not do stays in view, disabled, with the reason beside it."""
        actor = self.session.actor
        for action, box, reason in (
            (Action.EXPORT, self.export_box, self.export_refused),
            (Action.BACKUP, self.backup_box, self.backup_refused),
            (Action.RESTORE, self.restore_box, self.restore_refused),
        ):
            allowed = refusal_text(actor, action) is None
            for child in box.findChildren(QWidget):
                if child is not reason:
                    child.setEnabled(allowed)
            reason.setVisible(not allowed)

    # --- text -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.export_box.setTitle(self.tr("Export people for a partner"))
        self.export_intro.setText(
            self.tr(
                "One file with everyone's registration, case and contact details, eligibility"
                " and stage, for UNHCR or IOM. Vulnerabilities and notes are left out."
            )
        )
        self.format_caption.setText(self.tr("F&ormat"))
        formats = {"csv": self.tr("CSV (opens in Excel)"), "json": self.tr("JSON")}
        for index, fmt in enumerate(FORMATS):
            self.format_box.setItemText(index, formats[fmt])
        self.protection_caption.setText(self.tr("Protection"))
        self.encrypted_choice.setText(self.tr("&Encrypted with a passphrase (recommended)"))
        self.plaintext_choice.setText(self.tr("&Plaintext (unencrypted)"))
        self.passphrase_caption.setText(self.tr("Passp&hrase"))
        self.again_caption.setText(self.tr("A&gain"))
        self.passphrase_hint.setText(
            self.tr(
                "At least {count} characters; a few unrelated words are easy to dictate."
                " Give the passphrase to the partner separately, never with the file."
            ).format(count=MIN_PASSPHRASE_LENGTH)
        )
        self.plaintext_warning.setText(
            self.tr(
                "⚠ Anyone with this file can read it. Export unencrypted only for a partner"
                " who cannot open an encrypted file, and delete the file once delivered."
            )
        )
        self.export_button.setText(self.tr("E&xport…"))

        self.backup_box.setTitle(self.tr("Backups"))
        self.backup_intro.setText(
            self.tr(
                "Automatic backups stay on this laptop. Only a copy on another drive (a USB"
                " stick kept elsewhere) protects against a lost or stolen laptop."
            )
        )
        database = self.session.store.path
        if database is not None:
            self.backup_folder_label.setText(
                self.tr("Automatic backups folder: {folder}").format(
                    folder=automatic_backup_folder(database)
                )
            )
        self.backup_now_button.setText(self.tr("&Back up now"))
        self.backup_now_button.setToolTip(self.tr("Into the automatic backups folder"))
        self.backup_elsewhere_button.setText(self.tr("Back up to a &folder (USB stick)…"))
        self._show_last_backup()

        self.restore_box.setTitle(self.tr("Restore a backup"))
        self.restore_intro.setText(
            self.tr(
                "Replaces the site's database with a backup; the current database is kept"
                " aside. Give the user name and password an administrator had when the backup"
                " was made. Everyone logs in again afterwards, with the users and passwords of"
                " the backup's date."
            )
        )
        self.backup_file_caption.setText(self.tr("Bac&kup file"))
        self.backup_file_field.setPlaceholderText(BACKUP_PATTERN)
        self.choose_backup_button.setText(self.tr("Choo&se…"))
        self.restore_user_caption.setText(self.tr("Administrator's &user name"))
        self.restore_password_caption.setText(self.tr("Pass&word in the backup"))
        self.restore_button.setText(self.tr("&Restore…"))

        actor = self.session.actor
        self.export_refused.setText(refusal_text(actor, Action.EXPORT) or "")
        self.backup_refused.setText(refusal_text(actor, Action.BACKUP) or "")
        self.restore_refused.setText(refusal_text(actor, Action.RESTORE) or "")

    def _show_last_backup(self) -> None:
        if self._last_backup is None:
            self.last_backup_label.setText(self.tr("Last backup: never"))
            return
        when = self._last_backup.astimezone().strftime("%Y-%m-%d %H:%M")
        self.last_backup_label.setText(self.tr("Last backup: {when}").format(when=when))

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read once here, so a language change words it again without reading the site."""
        self._last_backup = last_backup(self.session)
        self._show_last_backup()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.EVENTS):
            self.refresh()

    def _show_protection(self) -> None:
        plaintext = self.plaintext_choice.isChecked()
        for row in (self.passphrase_field, self.again_field, self.passphrase_hint):
            self.export_form.setRowVisible(row, not plaintext)
        self.export_form.setRowVisible(self.plaintext_warning, plaintext)

    # --- export ---------------------------------------------------------------------------------

    def export(self) -> None:
        """Check the passphrase, choose the file, confirm a plaintext one, then write it."""
        if not self.export_button.isEnabled():  # Enter in the field while one is being written
            return
        plaintext = self.plaintext_choice.isChecked()
        passphrase = None if plaintext else self._passphrase()
        if not plaintext and passphrase is None:
            return
        fmt: ExportFormat = self.format_box.currentData()
        path = self._choose_export_file(fmt, plaintext)
        if path is None:
            return
        if plaintext and not self._confirm_plaintext(path):
            return
        session = self.session

        def write() -> Done[ExportResult]:
            own = session.on_new_connection()
            try:
                return Done(
                    export_people(own, path, fmt=fmt, passphrase=passphrase, plaintext=plaintext)
                )
            finally:
                own.close()

        self._exporting(True)
        self.export_message.say(Tone.DONE, lambda: self.tr("Writing the export…"))
        self.operations.run_in_background(write, self._exported, self._export_failed)

    def _passphrase(self) -> str | None:
        """The passphrase typed twice and long enough, or None once the page has said why not."""
        passphrase = self.passphrase_field.text()
        if passphrase != self.again_field.text():
            self.export_message.say(
                Tone.BLOCKED,
                lambda: self.tr("The two passphrases differ: type the same one twice."),
            )
            self.again_field.clear()
            self.again_field.setFocus()
            return None
        try:
            check_passphrase(passphrase)
        except UserError as error:
            self.export_message.refused(error)
            self.passphrase_field.setFocus()
            return None
        return passphrase

    def _choose_export_file(self, fmt: ExportFormat, plaintext: bool) -> Path | None:
        """A save dialog proposing `people-<site's day>.csv.sdx` (or `.csv` when plaintext);
        it does not offer to overwrite, since the core never does."""
        name = f"people-{self.session.store.today().isoformat()}.{fmt}"
        if plaintext:
            kinds = {"csv": self.tr("CSV files (*.csv)"), "json": self.tr("JSON files (*.json)")}
            files = kinds[fmt]
        else:
            name += ENCRYPTED_SUFFIX
            files = self.tr("Encrypted exports (*{suffix})").format(suffix=ENCRYPTED_SUFFIX)
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export people"),
            str(self._export_folder / name),
            files,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        self._export_folder = Path(chosen).parent
        return Path(chosen)

    def _confirm_plaintext(self, path: Path) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Export without encryption"),
            self.tr(
                "{file} will NOT be encrypted: anyone with this file can read the names,"
                " A-numbers and contact details of everyone at the site. Write it anyway?"
            ).format(file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _exporting(self, underway: bool) -> None:
        self.export_button.setEnabled(not underway)
        self.export_progress.setVisible(underway)

    def _exported(self, result: ExportResult) -> None:
        self._exporting(False)
        self.passphrase_field.clear()
        self.again_field.clear()
        self.export_message.say(*self._export_words(result))

    def _export_words(self, result: ExportResult) -> tuple[Tone, Callable[[], str]]:
        """The same advice as `staging-site export`, with the folder and name on lines of their
        own so a long path wraps."""
        count = QLocale().toString(result.rows)
        where = {"folder": result.path.parent, "name": result.path.name, "count": count}
        if result.encrypted:
            return Tone.GOOD, lambda: self.tr(
                "Encrypted export of {count} people written in {folder}:\n{name}\n"
                "Give the passphrase to the partner separately, never with the file."
            ).format(**where)
        return Tone.WAITING, lambda: self.tr(
            "UNENCRYPTED export of {count} people written in {folder}:\n{name}\n"
            "Anyone with this file can read it: delete it once delivered."
        ).format(**where)

    def _export_failed(self, error: UserError) -> None:
        self._exporting(False)
        self.export_message.refused(error)

    # --- backup ---------------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._back_up(None)

    def back_up_elsewhere(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Back up to a folder (USB stick)"), str(Path.home())
        )
        if folder:
            self._back_up(Path(folder))

    def _back_up(self, folder: Path | None) -> None:
        """Into `folder`, or the automatic backups folder when None."""
        session = self.session

        def back_up() -> Done[Path]:
            own = session.on_new_connection()
            try:
                return backup_to(own, folder if folder is not None else default_backup_folder(own))
            finally:
                own.close()

        self._backing_up(True)
        self.backup_message.say(Tone.DONE, lambda: self.tr("Backing up…"))
        self.operations.run_in_background(back_up, self._backed_up, self._backup_failed)

    def _backing_up(self, underway: bool) -> None:
        self.backup_now_button.setEnabled(not underway)
        self.backup_elsewhere_button.setEnabled(not underway)
        self.backup_progress.setVisible(underway)

    def _backed_up(self, made: Path) -> None:
        self._backing_up(False)
        where = {"folder": made.parent, "name": made.name, "keys": keyfile_path(made).name}
        self.backup_message.say(
            Tone.GOOD,
            lambda: self.tr(
                "Backup saved in {folder}:\n{name}\n"
                "Keep {keys} with it: without it the backup cannot be opened."
            ).format(**where),
        )

    def _backup_failed(self, error: UserError) -> None:
        self._backing_up(False)
        self.backup_message.refused(error)

    # --- restore --------------------------------------------------------------------------------

    def choose_backup(self) -> None:
        database = self.session.store.path
        folder = automatic_backup_folder(database) if database is not None else Path.home()
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            str(folder if folder.is_dir() else Path.home()),
            self.tr("Backups ({pattern});;All files (*)").format(pattern=BACKUP_PATTERN),
        )
        if chosen:
            self.backup_file_field.setText(chosen)
            self.restore_user_field.setFocus()

    def restore(self) -> None:
        """Check what the page can, confirm, then restore with the desk's connection closed."""
        try:
            require(self.session.actor, Action.RESTORE)
        except UserError as error:
            self.restore_message.refused(error)
            return
        backup = self.backup_file_field.text().strip()
        user = self.restore_user_field.text().strip()
        password = self.restore_password_field.text()
        if not backup:
            self._restore_not_ready(
                self.backup_file_field, lambda: self.tr("Choose the backup file first.")
            )
            return
        if not user or not password:
            field = self.restore_user_field if not user else self.restore_password_field
            self._restore_not_ready(
                field,
                lambda: self.tr(
                    "Type the user name and password of an administrator as they were in the"
                    " backup."
                ),
            )
            return
        if self._another_task_running():
            return
        # Asked again after the question: the desk's sync may have started while it was open.
        if not self._confirm_restore(Path(backup)) or self._another_task_running():
            return
        self._start_restore(Path(backup), user, password)

    def _another_task_running(self) -> bool:
        """Another connection to the file would outlive the swap (and write to the old one)."""
        if not self.operations.busy:
            return False
        self.restore_message.say(
            Tone.WAITING,
            lambda: self.tr(
                "Another task (a backup, an export, an import or a sync) is running: restore"
                " once it has finished."
            ),
        )
        return True

    def _restore_not_ready(self, field: QLineEdit, text: Callable[[], str]) -> None:
        self.restore_message.say(Tone.BLOCKED, text)
        field.setFocus()

    def _confirm_restore(self, backup: Path) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Restore a backup"),
            self.tr(
                "The site's database will be replaced by the backup {backup}. Everything"
                " recorded since that backup was made leaves the site (the current database"
                " is kept aside, and where is said afterwards). Everyone must log in again,"
                " with the users and passwords of the backup's date. Replace the database?"
            ).format(backup=backup.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _start_restore(self, backup: Path, user: str, password: str) -> None:
        store = self.session.store
        target, clock = store.path, store.clock

        def restore() -> Done[Path | None]:
            return Done(restore_from(backup, target, user, password, clock=clock))

        self.restore_message.say(Tone.DONE, lambda: self.tr("Restoring the backup…"))
        self._progress = RestoreProgress(self)
        self._progress.setWindowTitle(self.tr("Restore a backup"))
        self._progress.setLabelText(
            self.tr("Restoring {backup}… The desk is closed until it is done.").format(
                backup=backup.name
            )
        )
        self._progress.open()
        self.restoring.emit(True)
        store.close()
        self.operations.run_in_background(
            restore, lambda replaced: self._restored(backup, user, replaced), self._not_restored
        )

    def _end_progress(self) -> None:
        self.restore_password_field.clear()
        if self._progress is not None:
            self._progress.hide()
            self._progress.deleteLater()
            self._progress = None

    def _restored(self, backup: Path, user: str, replaced: Path | None) -> None:
        """Said before the window asks for the new login, which this page does not outlive."""
        self._end_progress()
        lines = [self.tr("The backup {backup} is now the site's database.").format(backup=backup)]
        if replaced is not None:
            lines.append(
                self.tr("The previous database was kept as {replaced}.").format(replaced=replaced)
            )
        lines.append(self.tr("Users and passwords are those of the backup's date: log in again."))
        QMessageBox.information(self, self.tr("Backup restored"), "\n\n".join(lines))
        self.restored.emit(user)

    def _not_restored(self, error: UserError) -> None:
        """Nothing was replaced: the desk goes on with the database it had."""
        self.session.store.reconnect(self.session.key)
        self.restoring.emit(False)
        self._end_progress()
        self.restore_message.refused(error)
        self.restore_password_field.setFocus()
