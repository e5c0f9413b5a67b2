"""The administrator's workspace: who may log in, and the site's settings and policy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from staging.changes import Changes, Done, Kind
from staging.courts.site import load_court_directory, site_directory
from staging.domain import PORTS_OF_ENTRY, VULNERABILITY_FLAGS, Role
from staging.errors import UserError
from staging.rules import (
    ArrivalPolicy,
    Policy,
    PriorityPolicy,
    SitePolicy,
    StopSign,
)
from staging.rules.isolation import HouseholdRule
from staging.rules.paperwork import FormRevision
from staging.security import access
from staging.security.access import Session
from staging.site.settings import save_site_settings, site_name
from staging.vocabulary import label
from ui.language import current_language
from ui.models.users_model import UsersTableModel
from ui.operations import Operations
from ui.widgets.captions import buddy_label
from ui.widgets.messages import localized
from ui.workspaces.sync_hub import SyncHubSection


class UserDialog(QDialog):
    """A new user, or a new password for one: the password is typed twice."""

    def __init__(self, parent: QWidget, *, username: str = "") -> None:
        super().__init__(parent)
        self.username_field = QLineEdit(username)
        self.username_field.setReadOnly(bool(username))
        self.name_field = QLineEdit()
        self.role_box = QComboBox()
        for role in Role:
            self.role_box.addItem(label(role.value, current_language()), role)
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_field = QLineEdit()
        self.again_field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), self.username_field)
        if not username:
            form.addRow(self.tr("Full name"), self.name_field)
            form.addRow(self.tr("Role"), self.role_box)
        form.addRow(self.tr("Password"), self.password_field)
        form.addRow(self.tr("Password again"), self.again_field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setWindowTitle(self.tr("New password") if username else self.tr("New user"))

    def _check(self) -> None:
        if self.password_field.text() != self.again_field.text():
            QMessageBox.warning(self, self.windowTitle(), self.tr("The two passwords differ."))
            return
        self.accept()


def two_columns(boxes: Iterable[QCheckBox]) -> QWidget:
    """Tick boxes in two columns: the settings must fit a 1366×768 laptop screen."""
    holder = QWidget()
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    for number, box in enumerate(boxes):
        grid.addWidget(box, *divmod(number, 2))
    return holder


class AdminWorkspace(QWidget):
    status_message = Signal(str)
    # "Sync now", for the window's sync runner.
    sync_requested = Signal()

    def __init__(
        self, session: Session, operations: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.operations = operations
        operations.changed.connect(self.on_changes)
        self.users_model = UsersTableModel()
        self.users_table = QTableView()
        self.users_table.setModel(self.users_model)
        self.users_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.users_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.users_table.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_user)
        self.disable_button = QPushButton()
        self.disable_button.clicked.connect(self.disable_user)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(self.reset_password)
        user_buttons = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.reset_button):
            user_buttons.addWidget(button)
        user_buttons.addStretch()
        self.users_box = QGroupBox()
        users_layout = QVBoxLayout(self.users_box)
        users_layout.addWidget(self.users_table)
        users_layout.addLayout(user_buttons)

        self.settings_box = QGroupBox()
        self.settings_form = QFormLayout(self.settings_box)
        self.site_name_field = QLineEdit()
        self.port_box = QComboBox()
        for port in PORTS_OF_ENTRY:
            self.port_box.addItem(f"{port.name}, {port.state} ({port.code})", port.code)
        self.timezone_field = QLineEdit()
        self.clearance_days = QSpinBox(minimum=0, maximum=14)
        self.fever_threshold = QDoubleSpinBox(
            minimum=37.0, maximum=40.0, singleStep=0.1, decimals=1
        )
        self.isolation_days = QSpinBox(minimum=1, maximum=20)
        self.household_rule = QComboBox()
        for rule in HouseholdRule:
            self.household_rule.addItem("", str(rule))
        self.observation_hours = QSpinBox(minimum=0, maximum=72)
        self.auto_lock = QSpinBox(minimum=1, maximum=120)
        self.backup_hours = QSpinBox(minimum=1, maximum=168)
        self.backups_kept = QSpinBox(minimum=1, maximum=365)
        self.vulnerable_first = QCheckBox()
        self.flag_boxes = {flag: QCheckBox() for flag in VULNERABILITY_FLAGS}
        flags = two_columns(self.flag_boxes.values())
        self.stop_sign_boxes = {sign: QCheckBox() for sign in StopSign}
        stop_signs = two_columns(self.stop_sign_boxes.values())
        self.eoir33_revision = QComboBox()
        for revision in FormRevision:
            self.eoir33_revision.addItem("", str(revision))
        self.orientation_required = QCheckBox()
        self.reopen_required = QCheckBox()
        self._fields = (
            self.site_name_field,
            self.port_box,
            self.timezone_field,
            self.clearance_days,
            self.fever_threshold,
            self.isolation_days,
            self.household_rule,
            self.observation_hours,
            self.auto_lock,
            self.backup_hours,
            self.backups_kept,
            self.vulnerable_first,
            flags,
            stop_signs,
            self.eoir33_revision,
            self.orientation_required,
            self.reopen_required,
        )
        self._captions = [buddy_label(field) for field in self._fields]
        for caption, field in zip(self._captions, self._fields, strict=True):
            self.settings_form.addRow(caption, field)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_settings)
        self.settings_form.addRow(self.save_button)
        # Loaded at once, apart from the settings: both files are checked before anything is used.
        self.courts_summary = QLabel()
        self.courts_summary.setWordWrap(True)
        self.courts_button = QPushButton()
        self.courts_button.clicked.connect(self.load_court_list)
        courts_row = QWidget()
        courts_layout = QHBoxLayout(courts_row)
        courts_layout.setContentsMargins(0, 0, 0, 0)
        courts_layout.addWidget(self.courts_summary, 1)
        courts_layout.addWidget(self.courts_button)
        self.courts_caption = buddy_label(self.courts_button)
        self.settings_form.addRow(self.courts_caption, courts_row)

        # The policy grows with each stage of the journey: it scrolls rather than push the
        # window past a 1366×768 laptop's screen.
        self.settings_scroll = QScrollArea()
        self.settings_scroll.setWidgetResizable(True)
        self.settings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.settings_scroll.setWidget(self.settings_box)
        self.settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.settings_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.settings_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.sync_section = SyncHubSection(session, operations)
        self.sync_section.sync_requested.connect(self.sync_requested)
        people_and_desks = QVBoxLayout()
        people_and_desks.addWidget(self.users_box, 1)
        people_and_desks.addWidget(self.sync_section)
        layout = QHBoxLayout(self)
        layout.addLayout(people_and_desks, 2)
        layout.addWidget(self.settings_scroll, 3)
        self.refresh()
        self.retranslate()

    # --- text -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.users_box.setTitle(self.tr("Users"))
        self.add_button.setText(self.tr("&Add user…"))
        self.disable_button.setText(self.tr("&Disable"))
        self.reset_button.setText(self.tr("&Reset password…"))
        self.settings_box.setTitle(self.tr("Site settings and policy"))
        captions = (
            self.tr("Site name"),
            self.tr("Port of entry"),
            self.tr("Time zone"),
            self.tr("Clearance valid (calendar days after the test)"),
            self.tr("Fever from (°C)"),
            self.tr("Isolation (days)"),
            self.tr("Household of someone in isolation"),
            self.tr("Observation before departure (hours)"),
            self.tr("Lock after idle (minutes)"),
            self.tr("Automatic backup every (hours)"),
            self.tr("Automatic backups kept"),
            self.tr("Priority"),
            self.tr("Vulnerabilities that give priority"),
            self.tr("Check-in asks for confirmation when"),
            self.tr("Form EOIR-33 printed"),
            self.tr("Legal orientation"),
            self.tr("In absentia cases"),
        )
        for caption, text in zip(self._captions, captions, strict=True):
            caption.setText(text)
        self.vulnerable_first.setText(self.tr("Vulnerable households before longest waiting"))
        language = current_language()
        for flag, box in self.flag_boxes.items():
            box.setText(label(flag, language))
        for index, rule in enumerate(HouseholdRule):
            self.household_rule.setItemText(index, label(rule, language))
        for sign, box in self.stop_sign_boxes.items():
            box.setText(label(sign, language))
            box.setToolTip(self.tr("Unticked: the desk only warns"))
        self.save_button.setText(self.tr("&Save settings"))
        revisions = {
            FormRevision.REV_2021: self.tr("2021 edition (with “in care of”)"),
            FormRevision.REV_2026: self.tr("February 2026 edition"),
        }
        for index, revision in enumerate(FormRevision):
            self.eoir33_revision.setItemText(index, revisions[revision])
        self.orientation_required.setText(self.tr("Required before travel"))
        self.reopen_required.setText(self.tr("Documents to reopen the case required before travel"))
        self.courts_caption.setText(self.tr("Immigration courts"))
        self.courts_button.setText(self.tr("&Load court list…"))
        self.courts_button.setToolTip(
            self.tr("Two CSV files: the courts, then the ICE OPLA offices")
        )
        self._show_courts()
        self.users_model.set_language(language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_users()
        self.refresh_settings()

    def refresh_users(self) -> None:
        self.users_model.set_users(access.list_users(self.session))

    def refresh_settings(self) -> None:
        store = self.session.store
        policy = store.policy()
        self.site_name_field.setText(site_name(store))
        self.port_box.setCurrentIndex(self.port_box.findData(policy.site.port_of_entry))
        self.timezone_field.setText(policy.site.timezone)
        self.clearance_days.setValue(policy.screening.clearance_valid_days)
        self.fever_threshold.setValue(policy.screening.fever_threshold_c)
        self.isolation_days.setValue(policy.isolation.isolation_days)
        self.household_rule.setCurrentIndex(
            self.household_rule.findData(str(policy.isolation.household))
        )
        self.observation_hours.setValue(policy.screening.observation_hours)
        self.auto_lock.setValue(policy.site.auto_lock_minutes)
        self.backup_hours.setValue(policy.site.backup_every_hours)
        self.backups_kept.setValue(policy.site.backups_kept)
        self.vulnerable_first.setChecked(policy.priority.vulnerable_first)
        for flag, box in self.flag_boxes.items():
            box.setChecked(flag in policy.priority.priority_flags)
        for sign, box in self.stop_sign_boxes.items():
            box.setChecked(sign in policy.arrival.confirm_before_check_in)
        self.eoir33_revision.setCurrentIndex(
            self.eoir33_revision.findData(str(policy.paperwork.eoir33_revision))
        )
        self.orientation_required.setChecked(policy.paperwork.legal_orientation_required)
        self.reopen_required.setChecked(policy.paperwork.reopen_documents_required)
        self._read_courts()

    def _selected_user(self) -> str | None:
        rows = self.users_table.selectionModel().selectedRows()
        return self.users_model.username_at(rows[0].row()) if rows else None

    def _run(self, work: Callable[[], Done[Any]], done: str) -> bool:
        """Every change goes through the window's operations: the screens that show users or
        settings (this one, the intake desk, the status bar) redraw from its broadcast."""
        if self.operations.run(work, self._not_saved) is None:
            return False
        self.status_message.emit(done)
        return True

    def _not_saved(self, error: UserError) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), localized(error))

    def on_changes(self, changes: Changes) -> None:
        if changes.touches(Kind.USERS):
            self.refresh_users()
        if changes.touches(Kind.SETTINGS):
            self.refresh_settings()

    def add_user(self) -> None:
        dialog = UserDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        username = dialog.username_field.text().strip()
        self._run(
            lambda: access.add_user(
                self.session,
                username,
                dialog.role_box.currentData(),
                dialog.password_field.text(),
                display_name=dialog.name_field.text().strip(),
            ),
            self.tr("User {user} added").format(user=username),
        )

    def disable_user(self) -> None:
        username = self._selected_user()
        if username is None:
            return
        if self._another_task_running():
            return
        answer = QMessageBox.question(
            self,
            self.tr("Disable user"),
            self.tr(
                "{user} will no longer be able to log in, and the site will be re-encrypted"
                " under a new key so that no copy of their old key opens it. Close the other"
                " desks that use this database first. Continue?"
            ).format(user=username),
        )
        # Asked again: the desk's sync may have started while the question was open.
        if answer != QMessageBox.StandardButton.Yes or self._another_task_running():
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            done = self.operations.run(
                lambda: access.disable_user(self.session, username), self._not_saved
            )
        finally:
            QApplication.restoreOverrideCursor()
        if done is None:
            return
        self.status_message.emit(
            self.tr("User {user} disabled; the site was re-encrypted").format(user=username)
        )
        left_out = done.value.needs_new_password
        if left_out:
            QMessageBox.information(
                self,
                self.tr("Disable user"),
                self.tr(
                    "These users had not logged in since the key file was upgraded, so they"
                    " could not receive the new key: give them a new password (Reset"
                    " password): {users}"
                ).format(users=", ".join(left_out)),
            )

    def _another_task_running(self) -> bool:
        """A backup copying the old file while the site is re-encrypted would be unopenable (a
        sync writing with the old key would fail)."""
        if not self.operations.busy:
            return False
        QMessageBox.information(
            self,
            self.tr("Disable user"),
            self.tr("A backup is running; try again when it has finished."),
        )
        return True

    def reset_password(self) -> None:
        username = self._selected_user()
        if username is None:
            return
        dialog = UserDialog(self, username=username)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(
                lambda: access.reset_password(self.session, username, dialog.password_field.text()),
                self.tr("Password of {user} reset").format(user=username),
            )

    def current_policy(self) -> Policy:
        """The policy as the form shows it; the parts the form does not show are kept as stored.

        Raises `Refused` for an unknown time zone or port of entry.
        """
        current = self.session.store.policy()
        return replace(
            current,
            site=SitePolicy(
                timezone=self.timezone_field.text().strip(),
                port_of_entry=self.port_box.currentData(),
                auto_lock_minutes=self.auto_lock.value(),
                backup_every_hours=self.backup_hours.value(),
                backups_kept=self.backups_kept.value(),
            ),
            priority=PriorityPolicy(
                priority_flags=frozenset(
                    f for f, box in self.flag_boxes.items() if box.isChecked()
                ),
                vulnerable_first=self.vulnerable_first.isChecked(),
            ),
            arrival=ArrivalPolicy(
                confirm_before_check_in=frozenset(
                    sign for sign, box in self.stop_sign_boxes.items() if box.isChecked()
                )
            ),
            screening=replace(
                current.screening,
                clearance_valid_days=self.clearance_days.value(),
                fever_threshold_c=round(self.fever_threshold.value(), 1),
                observation_hours=self.observation_hours.value(),
            ),
            isolation=replace(
                current.isolation,
                isolation_days=self.isolation_days.value(),
                household=HouseholdRule(self.household_rule.currentData()),
            ),
            paperwork=replace(
                current.paperwork,
                eoir33_revision=FormRevision(self.eoir33_revision.currentData()),
                legal_orientation_required=self.orientation_required.isChecked(),
                reopen_documents_required=self.reopen_required.isChecked(),
            ),
        )

    def save_settings(self) -> None:
        self._run(
            lambda: save_site_settings(
                self.session.store,
                self.session.actor,
                self.site_name_field.text(),
                self.current_policy(),
            ),
            self.tr("Settings saved"),
        )

    def _read_courts(self) -> None:
        directory = site_directory(self.session.store)
        self._court_counts = (len(directory.courts), len(directory.opla_offices))
        self._show_courts()

    def _show_courts(self) -> None:
        """From what was read: a language change reads nothing (after a restore, the old
        session is closed while its screens still get the event)."""
        courts, offices = self._court_counts
        self.courts_summary.setText(
            self.tr("{courts} courts and {offices} ICE offices in use").format(
                courts=courts, offices=offices
            )
        )

    def load_court_list(self) -> None:
        """A newer list of courts and OPLA offices, as two CSV files; a file with any problem
        is refused whole, every problem named, and the list in use stays."""
        title = self.tr("Load court list")
        files = self.tr("CSV files (*.csv);;All files (*)")
        courts, _ = QFileDialog.getOpenFileName(
            self, self.tr("{title}: 1 of 2, the courts").format(title=title), "", files
        )
        if not courts:
            return
        offices, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("{title}: 2 of 2, the ICE OPLA offices").format(title=title),
            str(Path(courts).parent),
            files,
        )
        if not offices:
            return
        store, actor = self.session.store, self.session.actor
        self._run(
            lambda: load_court_directory(store, actor, Path(courts), Path(offices)),
            self.tr("Court list loaded"),
        )
