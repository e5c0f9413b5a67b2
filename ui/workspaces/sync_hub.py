"""The administrator's link between this desk and the site's sync hub.

The section says whether the desk is linked, to which hub (host and port: the address may hold
the hub's password, which is never shown), under which site name and as which desk; it sets a
hub up (`staging.sync.desk.set_up_hub`), writes an enrollment file for another laptop
(`staging.sync.enrollment.create_enrollment`) and asks the window for a sync at once. Reaching
the hub and Argon2id take a moment: both run in the background while their dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Done, Kind
from staging.errors import UserError
from staging.exports import MIN_PASSPHRASE_LENGTH, check_passphrase
from staging.rules import Action
from staging.security.access import Session
from staging.sync.desk import set_up_hub, sync
from staging.sync.enrollment import SUFFIX, create_enrollment
from staging.sync.hub import where_of
from staging.sync.keyring import Keyring
from staging.sync.revocation import Revoked, revoke_desk
from staging.sync.users import publish_credentials
from ui.hooks import check_hooks
from ui.operations import Operations
from ui.sync_runner import linked_hub
from ui.widgets.badges import Tone
from ui.widgets.busy_bar import busy_bar
from ui.widgets.captions import buddy_label
from ui.widgets.labels import value_label, wrapped_label
from ui.widgets.message_line import page_message_line
from ui.widgets.messages import refusal_text

T = TypeVar("T")
DIALOG_WIDTH = 560


class BackgroundDialog(QDialog):
    """A few fields and OK, whose work runs in the background: the dialog stays open, says it
    is working and cannot be closed meanwhile, then closes on success or says what went wrong
    and keeps what was typed.

    Each dialog adds its fields to `form`, words itself (`retranslate`) and, on OK, checks
    what was typed and calls `run` (`begin`)."""

    HOOKS: tuple[str, ...] = ("begin", "retranslate")
    begin: Callable[[], None]
    retranslate: Callable[[], None]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_hooks(cls)

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        self._underway = False
        self.form = QFormLayout()
        self.hint = wrapped_label()
        self.busy = busy_bar()
        self.message = page_message_line(selectable=True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.begin)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)  # what is asked, and why, before anything is typed
        layout.addLayout(self.form)
        layout.addWidget(self.busy)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(DIALOG_WIDTH)

    def run(self, work: Callable[[Session], Done[T]], on_success: Callable[[T], None]) -> None:
        """`work` on a connection of its own, off the desk's thread."""
        session = self.session

        def in_background() -> Done[T]:
            own = session.on_new_connection()
            try:
                return work(own)
            finally:
                own.close()

        def succeeded(value: T) -> None:
            self._working(False)
            on_success(value)
            self.accept()

        self.message.clear()
        self._working(True)
        self.operations.run_in_background(in_background, succeeded, self._refused)

    def not_ready(self, field: QLineEdit, text: Callable[[], str]) -> None:
        """What is missing or wrong in what was typed, said before anything runs."""
        self.message.say(Tone.BLOCKED, text)
        field.setFocus()

    def reject(self) -> None:
        if not self._underway:  # the work would end with no one told how it went
            super().reject()

    def _refused(self, error: UserError) -> None:
        self._working(False)
        self.message.refused(error)

    def _working(self, underway: bool) -> None:
        self._underway = underway
        self.busy.setVisible(underway)
        self.buttons.setEnabled(not underway)
        for field in self.findChildren(QLineEdit):
            field.setEnabled(not underway)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HubSetUpDialog(BackgroundDialog):
    """The hub's PostgreSQL address and the site's name there: the hub's tables are made if
    missing, the site and this desk registered, the site's keys made."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        site: str,
        on_linked: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self._on_linked = on_linked
        self.url_field = QLineEdit()
        self.url_field.setPlaceholderText(
            "postgresql://staging_hub@192.168.1.10:5432/staging_hub?sslmode=require"
        )
        self.site_field = QLineEdit(site)
        self.site_field.setPlaceholderText("tijuana")
        self.url_caption = buddy_label(self.url_field)
        self.site_caption = buddy_label(self.site_field)
        self.form.addRow(self.url_caption, self.url_field)
        self.form.addRow(self.site_caption, self.site_field)
        self.retranslate()
        self.url_field.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up a sync hub"))
        self.url_caption.setText(self.tr("Hub &address"))
        self.site_caption.setText(self.tr("&Site name at the hub"))
        self.hint.setText(
            self.tr(
                "The address is a PostgreSQL connection string; it may hold the hub's"
                " password, which stays in this desk's encrypted database and is never shown."
                " The hub's tables are made if missing, and this site and this desk are"
                " registered there. The other desks of the site join with an enrollment file."
            )
        )

    def begin(self) -> None:
        url, site = self.url_field.text().strip(), self.site_field.text().strip()
        if not url:
            self.not_ready(self.url_field, lambda: self.tr("Type the hub's address first."))
            return
        if not site:
            self.not_ready(
                self.site_field, lambda: self.tr("Type the site's name at the hub first.")
            )
            return

        def linked(_keys: Keyring) -> None:
            self._on_linked(where_of(url), site)

        self.run(lambda own: set_up_hub(own.store, own.actor, url, site), linked)


class EnrollmentDialog(BackgroundDialog):
    """A passphrase typed twice, then where to write the file that lets another laptop join."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        site: str,
        on_written: Callable[[Path], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self._site = site
        self._on_written = on_written
        self.passphrase_field = QLineEdit()
        self.again_field = QLineEdit()
        for field in (self.passphrase_field, self.again_field):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_caption = buddy_label(self.passphrase_field)
        self.again_caption = buddy_label(self.again_field)
        self.form.addRow(self.passphrase_caption, self.passphrase_field)
        self.form.addRow(self.again_caption, self.again_field)
        self.retranslate()
        self.passphrase_field.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Create an enrollment file"))
        self.passphrase_caption.setText(self.tr("Passp&hrase"))
        self.again_caption.setText(self.tr("A&gain"))
        self.hint.setText(
            self.tr(
                "At least {count} characters; a few unrelated words are easy to dictate. The"
                " file holds the hub's address and the keys that open every change of the"
                " site: give the passphrase to the new laptop's administrator separately,"
                " never with the file."
            ).format(count=MIN_PASSPHRASE_LENGTH)
        )

    def begin(self) -> None:
        passphrase = self.passphrase_field.text()
        if passphrase != self.again_field.text():
            self.again_field.clear()
            self.not_ready(
                self.again_field,
                lambda: self.tr("The two passphrases differ: type the same one twice."),
            )
            return
        try:
            check_passphrase(passphrase)
        except UserError as error:
            self.message.refused(error)
            self.passphrase_field.setFocus()
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Create an enrollment file"),
            str(Path.home() / f"{self._site}{SUFFIX}"),
            self.tr("Enrollment files (*{suffix})").format(suffix=SUFFIX),
            options=QFileDialog.Option.DontConfirmOverwrite,  # the core never overwrites
        )
        if not chosen:
            return

        def write(own: Session) -> Done[Path]:
            # The new laptop receives the site's users with its first sync: theirs go first.
            publish_credentials(own)
            sync(own.store, own.actor)
            return Done(create_enrollment(own.store, own.actor, Path(chosen), passphrase))

        self.run(write, self._on_written)


class RevokeDialog(BackgroundDialog):
    """A lost or stolen laptop's desk id: the hub refuses its changes from now on and the site's
    sync keys are changed, so it can read nothing synced after."""

    def __init__(
        self,
        session: Session,
        operations: Operations,
        on_revoked: Callable[[Revoked], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, operations, parent)
        self._on_revoked = on_revoked
        self.desk_field = QLineEdit()
        self.desk_caption = buddy_label(self.desk_field)
        self.form.addRow(self.desk_caption, self.desk_field)
        self.retranslate()
        self.desk_field.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Revoke a lost desk"))
        self.desk_caption.setText(self.tr("Lost &desk's id"))
        self.hint.setText(
            self.tr(
                "The lost laptop's desk id is shown in this section on that laptop, and"
                " `staging-site hub desks` lists the site's desks. The hub will refuse its"
                " changes, and the site's sync keys are replaced by new ones given to every"
                " other desk. This cannot be undone: a desk found again joins with a new"
                " enrollment file."
            )
        )

    def begin(self) -> None:
        device = self.desk_field.text().strip()
        if not device:
            self.not_ready(self.desk_field, lambda: self.tr("Type the lost desk's id first."))
            return
        self.run(lambda own: revoke_desk(own.store, own.actor, device), self._on_revoked)


class SyncHubSection(QGroupBox):
    """Whether and where this desk syncs, and an administrator's three ways to act on it."""

    sync_requested = Signal()

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        self._where: str | None = None
        self._site = ""
        self.dialog: BackgroundDialog | None = None
        operations.changed.connect(self.on_changes)
        self.state_label = wrapped_label()
        self.hub_value, self.site_value, self.desk_value = (value_label() for _ in range(3))
        self.hub_caption, self.site_caption, self.desk_caption = (
            buddy_label(value) for value in (self.hub_value, self.site_value, self.desk_value)
        )
        self.set_up_button = QPushButton()
        self.set_up_button.clicked.connect(self.set_up)
        self.enrollment_button = QPushButton()
        self.enrollment_button.clicked.connect(self.create_enrollment)
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(lambda: self.sync_requested.emit())
        self.revoke_button = QPushButton()
        self.revoke_button.clicked.connect(self.revoke)
        self.message = page_message_line(selectable=True)
        form = QFormLayout()
        form.addRow(self.hub_caption, self.hub_value)
        form.addRow(self.site_caption, self.site_value)
        form.addRow(self.desk_caption, self.desk_value)
        buttons = QGridLayout()
        buttons.addWidget(self.set_up_button, 0, 0)
        buttons.addWidget(self.enrollment_button, 0, 1)
        buttons.addWidget(self.sync_button, 1, 0)
        buttons.addWidget(self.revoke_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.refresh()
        self.retranslate()

    # --- reading ---------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.SETTINGS):
            self.refresh()

    def refresh(self) -> None:
        link = linked_hub(self.session)
        self._where = None if link is None else where_of(link.url)
        self._site = "" if link is None else link.site
        self.desk_value.setText(self.session.store.device_id)
        self._show()

    def _show(self) -> None:
        """From what was read: a language change reads nothing."""
        linked = self._where is not None
        self.state_label.setText(
            self.tr("This desk is linked to the site's sync hub and syncs by itself.")
            if linked
            else self.tr(
                "This desk is not linked to a sync hub: what is recorded here stays on it."
            )
        )
        self.hub_value.setText(self._where or "—")
        self.site_value.setText(self._site or "—")
        refused = refusal_text(self.session.actor, Action.MANAGE_SETTINGS)
        for button, needs_hub in (
            (self.set_up_button, False),
            (self.enrollment_button, True),
            (self.sync_button, True),
            (self.revoke_button, True),
        ):
            button.setEnabled(refused is None and (linked or not needs_hub))
            button.setToolTip(
                refused or ("" if linked or not needs_hub else self.tr("Set up the hub first."))
            )

    # --- acting ----------------------------------------------------------------------------------

    def set_up(self) -> None:
        self._open(HubSetUpDialog(self.session, self.operations, self._site, self._linked, self))

    def create_enrollment(self) -> None:
        self._open(EnrollmentDialog(self.session, self.operations, self._site, self._written, self))

    def revoke(self) -> None:
        self._open(RevokeDialog(self.session, self.operations, self._revoked, self))

    def _revoked(self, revoked: Revoked) -> None:
        self.message.say(
            Tone.GOOD,
            lambda: self.tr(
                "Desk {desk} is revoked: the hub refuses its changes. New sync keys were given"
                " to {granted} desk(s); {waiting} more get them when they next sync. Change"
                " the hub's password too: the lost laptop holds it."
            ).format(
                desk=revoked.device,
                granted=len(revoked.granted),
                waiting=len(revoked.waiting),
            ),
        )

    def _open(self, dialog: BackgroundDialog) -> None:
        """Window-modal without blocking: the desk keeps syncing behind it."""
        self.message.clear()
        self.dialog = dialog
        dialog.finished.connect(self._closed)
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _linked(self, where: str, site: str) -> None:
        self.message.say(
            Tone.GOOD,
            lambda: self.tr(
                "Linked to the hub at {where} as site {site}: this desk syncs by itself from"
                " now on."
            ).format(where=where, site=site),
        )
        self.sync_requested.emit()

    def _written(self, path: Path) -> None:
        self.message.say(
            Tone.GOOD,
            lambda: self.tr(
                "Enrollment file written in {folder}:\n{name}\nOn the new laptop: staging-site"
                " enroll join {name} --db site.db (the site's users log in there with their"
                " own passwords). Give the passphrase separately, never with the file."
            ).format(folder=path.parent, name=path.name),
        )

    # --- text ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Sync hub"))
        self.hub_caption.setText(self.tr("Hub"))
        self.site_caption.setText(self.tr("Site at the hub"))
        self.desk_caption.setText(self.tr("This desk"))
        self.set_up_button.setText(self.tr("Set up a &hub for this site…"))
        self.enrollment_button.setText(self.tr("Create an &enrollment file…"))
        self.sync_button.setText(self.tr("S&ync now (F9)"))
        self.revoke_button.setText(self.tr("Re&voke a lost desk…"))
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
