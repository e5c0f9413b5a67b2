"""The data desk's exports and backups page: the CLI's export, backup and restore, with the same
checks, run off the UI thread; a restore ends in a login on the restored database."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QMessageBox, QWidget

from staging.backup import automatic_backup_folder, backup_to
from staging.exports import MIN_PASSPHRASE_LENGTH, decrypt_export
from staging.rules import Action
from staging.security.access import Session
from staging.security.keyfile import keyfile_path
from staging.site.settings import save_site_settings, site_name
from tests.helpers.desk import open_copy
from ui.language import set_language
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.widgets.messages import refusal_text
from ui.workspaces.data_desk.exports import ExportsPage

PASSPHRASE = "mango river lantern"
SITE_DAY = "2021-03-01"  # the demo's reference day
JOB_TIMEOUT_MS = 20_000


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def page_for(qtbot, demo_site: Path, tmp_path: Path) -> Iterator[Callable[[str], ExportsPage]]:
    """The page for one user of a fresh copy of the demo site, shown at the size it gets in a
    1280×680 window."""
    sessions: list[Session] = []

    def open_page(user: str) -> ExportsPage:
        session = open_copy(demo_site, tmp_path, user)
        sessions.append(session)
        page = ExportsPage(session, Operations())
        qtbot.addWidget(page)
        page.resize(1260, 560)
        page.show()
        qtbot.waitExposed(page)
        return page

    yield open_page
    for session in sessions:
        session.close()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


class SaveDialog:
    """Stands in for the save-file dialog: records what it proposed, answers with a file in
    `folder` (the proposed name unless told another)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.proposed: list[str] = []
        self.answer: str | None = None

    def __call__(self, _parent, _title, proposed, files, **_options) -> tuple[str, str]:
        self.proposed.append(Path(proposed).name)
        return str(self.folder / (self.answer or Path(proposed).name)), files


@pytest.fixture
def save_dialog(monkeypatch: pytest.MonkeyPatch, out: Path) -> SaveDialog:
    dialog = SaveDialog(out)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


class Confirmations:
    """Stands in for the confirmation boxes: records their text, answers `answer`."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.Yes

    def __call__(self, _parent, _title, text, *_buttons) -> QMessageBox.StandardButton:
        self.asked.append(text)
        return self.answer


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> Confirmations:
    confirmations = Confirmations()
    monkeypatch.setattr(QMessageBox, "warning", confirmations)
    return confirmations


def wait_for_export(qtbot, page: ExportsPage) -> None:
    qtbot.waitUntil(page.export_button.isEnabled, timeout=JOB_TIMEOUT_MS)


def people(session: Session) -> int:
    return session.store.db.execute("SELECT count(*) FROM person_facts").fetchone()[0]


def exports_audited(session: Session) -> int:
    row = session.store.db.execute("SELECT count(*) FROM audit_log WHERE entity = 'export'")
    return row.fetchone()[0]


# --- export --------------------------------------------------------------------------------------


def test_an_encrypted_export_opens_with_its_passphrase(
    qtbot, page_for, save_dialog: SaveDialog, out: Path
) -> None:
    page = page_for("coordinator")
    assert f"At least {MIN_PASSPHRASE_LENGTH} characters" in page.passphrase_hint.text()
    assert page.passphrase_field.echoMode() == page.passphrase_field.EchoMode.Password
    assert page.again_field.echoMode() == page.again_field.EchoMode.Password
    qtbot.keyClicks(page.passphrase_field, PASSPHRASE)
    qtbot.keyClicks(page.again_field, PASSPHRASE)
    qtbot.keyClick(page.again_field, Qt.Key.Key_Return)  # Enter exports
    assert not page.export_button.isEnabled()
    assert page.export_progress.isVisible()
    wait_for_export(qtbot, page)

    assert save_dialog.proposed == [f"people-{SITE_DAY}.csv.sdx"]
    written = out / f"people-{SITE_DAY}.csv.sdx"
    content = decrypt_export(written, PASSPHRASE).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == people(page.session) > 0
    assert not page.export_progress.isVisible()
    said = page.export_message.text()
    assert f"Encrypted export of {len(rows)} people" in said
    assert written.name in said and str(out) in said
    assert "Give the passphrase to the partner separately, never with the file" in said
    assert page.passphrase_field.text() == page.again_field.text() == ""


def test_a_json_export_gets_a_json_name(qtbot, page_for, save_dialog: SaveDialog) -> None:
    page = page_for("admin")
    page.format_box.setCurrentIndex(page.format_box.findData("json"))
    page.passphrase_field.setText(PASSPHRASE)
    page.again_field.setText(PASSPHRASE)
    page.export_button.click()
    wait_for_export(qtbot, page)
    assert save_dialog.proposed == [f"people-{SITE_DAY}.json.sdx"]
    assert (save_dialog.folder / f"people-{SITE_DAY}.json.sdx").exists()


@pytest.mark.parametrize(
    "again, said_en, said_es",
    [
        ("mango river lanterns", "The two passphrases differ", None),
        ("short", "at least 10 characters", "al menos 10 caracteres"),
    ],
    ids=["mismatched", "too-short"],
)
def test_a_bad_passphrase_writes_nothing_and_says_why(
    qtbot,
    page_for,
    save_dialog: SaveDialog,
    out: Path,
    again: str,
    said_en: str,
    said_es: str | None,
) -> None:
    page = page_for("coordinator")
    page.passphrase_field.setText(again if said_es else PASSPHRASE)
    page.again_field.setText(again)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert save_dialog.proposed == []  # refused before a file is even chosen
    assert page.operations.busy is False
    assert list(out.iterdir()) == []
    assert exports_audited(page.session) == 0
    assert page.export_message.isVisible()
    assert said_en in page.export_message.text()
    if said_es is not None:  # the core's own words, in the user's language
        set_language("es")
        assert said_es in page.export_message.text()


def test_a_plaintext_export_warns_and_needs_a_confirmation(
    qtbot, page_for, save_dialog: SaveDialog, confirm: Confirmations, out: Path
) -> None:
    page = page_for("coordinator")
    assert not page.plaintext_warning.isVisible()
    page.plaintext_choice.click()
    assert page.plaintext_warning.isVisible()
    assert "Anyone with this file can read it" in page.plaintext_warning.text()
    assert not page.passphrase_field.isVisible()

    confirm.answer = QMessageBox.StandardButton.No  # the coordinator thinks again
    page.export_button.click()
    assert save_dialog.proposed == [f"people-{SITE_DAY}.csv"]
    assert "will NOT be encrypted" in confirm.asked[0]
    assert not page.operations.busy
    assert list(out.iterdir()) == []

    confirm.answer = QMessageBox.StandardButton.Yes
    page.export_button.click()
    wait_for_export(qtbot, page)
    written = out / f"people-{SITE_DAY}.csv"
    rows = list(csv.DictReader(io.StringIO(written.read_text(encoding="utf-8-sig"))))
    assert len(rows) == people(page.session)
    assert "UNENCRYPTED export" in page.export_message.text()
    assert "delete it once delivered" in page.export_message.text()


def test_an_export_the_core_refuses_is_said_on_the_page(
    qtbot, page_for, save_dialog: SaveDialog, out: Path
) -> None:
    """The core never overwrites, so the dialog does not offer to either."""
    page = page_for("coordinator")
    existing = out / f"people-{SITE_DAY}.csv.sdx"
    existing.write_bytes(b"a partner's earlier file")
    page.passphrase_field.setText(PASSPHRASE)
    page.again_field.setText(PASSPHRASE)
    page.export_button.click()
    wait_for_export(qtbot, page)
    assert existing.read_bytes() == b"a partner's earlier file"
    assert "already exists; choose another file name" in page.export_message.text()
    assert page.passphrase_field.text() == PASSPHRASE  # kept for the second try


# --- backup --------------------------------------------------------------------------------------


def test_back_up_now_writes_a_backup_and_its_keys_file(qtbot, page_for) -> None:
    page = page_for("coordinator")
    assert page.last_backup_label.text() == "Last backup: never"
    page.backup_now_button.click()
    assert page.backup_progress.isVisible()
    assert not page.backup_now_button.isEnabled()
    qtbot.waitUntil(page.backup_now_button.isEnabled, timeout=JOB_TIMEOUT_MS)

    folder = automatic_backup_folder(page.session.store.path)
    (made,) = folder.glob("staging-backup-*.db")
    assert keyfile_path(made).is_file()
    said = page.backup_message.text()
    assert made.name in said and str(folder) in said
    assert f"Keep {keyfile_path(made).name} with it" in said
    assert not page.backup_progress.isVisible()
    assert page.last_backup_label.text() != "Last backup: never"  # redrawn from the broadcast


def test_a_backup_goes_to_the_chosen_folder(
    qtbot, page_for, monkeypatch: pytest.MonkeyPatch, out: Path
) -> None:
    page = page_for("admin")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(out))
    page.backup_elsewhere_button.click()
    qtbot.waitUntil(page.backup_elsewhere_button.isEnabled, timeout=JOB_TIMEOUT_MS)
    (made,) = out.glob("staging-backup-*.db")
    assert keyfile_path(made).is_file()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args: str(out / "gone"))
    page.backup_elsewhere_button.click()
    qtbot.waitUntil(page.backup_elsewhere_button.isEnabled, timeout=JOB_TIMEOUT_MS)
    assert "is the USB stick plugged in?" in page.backup_message.text()


# --- restore -------------------------------------------------------------------------------------


@pytest.fixture
def admin_desk(
    qtbot, desk_windows: list, demo_site: Path, tmp_path: Path, out: Path
) -> tuple[MainWindow, ExportsPage, Path]:
    """An administrator's window with the page connected as the data desk connects it, a
    backup on a USB stick, and the site renamed after the backup was made."""
    session = open_copy(demo_site, tmp_path, "admin")
    backup = backup_to(session, out).value
    save_site_settings(
        session.store, session.actor, "Renamed after the backup", session.store.policy()
    )
    window = MainWindow(session, session.store.path)
    desk_windows.append(window)
    page = ExportsPage(window.session, window.operations)
    window.tabs.addTab(page, "Exports and backups")
    window.connect_restore(page)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(page)
    return window, page, backup


def fill_restore(qtbot, page: ExportsPage, backup: Path, password: str) -> None:
    page.backup_file_field.setText(str(backup))
    qtbot.keyClicks(page.restore_user_field, "admin")
    qtbot.keyClicks(page.restore_password_field, password)
    qtbot.keyClick(page.restore_password_field, Qt.Key.Key_Return)  # Enter restores


def test_an_admin_restores_a_backup_and_logs_in_to_it(
    qtbot, admin_desk, confirm: Confirmations, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window, page, backup = admin_desk
    old = window.session
    database = old.store.path
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))

    fill_restore(qtbot, page, backup, "admin-demo")
    assert "will be replaced by the backup" in confirm.asked[0]
    assert "kept aside" in confirm.asked[0]
    assert not window._idle_timer.isActive()  # the idle check must not read a closed database
    qtbot.waitUntil(lambda: bool(told), timeout=JOB_TIMEOUT_MS)

    (replaced,) = (
        path
        for path in database.parent.glob(f"{database.name}.replaced-*")
        if path.suffix != ".keys" and not path.name.endswith("-wal")
    )
    assert str(replaced) in told[0]
    assert "Users and passwords are those of the backup's date" in told[0]
    assert keyfile_path(replaced).is_file()
    dialog = window.login_dialog
    assert dialog.isVisible() and dialog.user_field.text() == "admin"
    assert not window.centralWidget().isVisible()
    assert window.workspaces == {}
    set_language("es")  # the login's own language box: the window must not read the old session
    set_language("en")

    dialog.password_field.setText("admin-demo")
    dialog.try_login()
    assert window.session is not old
    assert window.centralWidget().isVisible()
    assert window._idle_timer.isActive()
    assert site_name(window.session.store) != "Renamed after the backup"  # the change is gone
    assert "Renamed after the backup" not in window.windowTitle()
    restores = window.session.store.db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'restore'"
    ).fetchone()[0]
    assert restores == 1


def break_keys(backup: Path) -> Path:
    keyfile_path(backup).unlink()
    return backup


@pytest.mark.parametrize(
    "password, spoil, said_en, said_es",
    [
        ("wrong-password", None, "Wrong user name or password", "Usuario o contraseña"),
        ("admin-demo", break_keys, "is missing beside the backup", "Falta el archivo de claves"),
    ],
    ids=["wrong-password", "missing-keys-file"],
)
def test_a_refused_restore_changes_nothing(
    qtbot,
    admin_desk,
    confirm: Confirmations,
    password: str,
    spoil: Callable[[Path], Path] | None,
    said_en: str,
    said_es: str,
) -> None:
    window, page, backup = admin_desk
    session = window.session
    database = session.store.path
    before = sorted(path.name for path in database.parent.iterdir())
    fill_restore(qtbot, page, spoil(backup) if spoil else backup, password)
    assert confirm.asked  # confirmed
    qtbot.waitUntil(lambda: said_en in page.restore_message.text(), timeout=JOB_TIMEOUT_MS)

    assert window.session is session
    assert site_name(session.store) == "Renamed after the backup"  # open again, and unchanged
    assert sorted(path.name for path in database.parent.iterdir()) == before
    assert getattr(window, "login_dialog", None) is None
    assert window._idle_timer.isActive()
    assert page.restore_password_field.text() == ""
    assert page._progress is None
    set_language("es")
    assert said_es in page.restore_message.text()


def test_a_restore_waits_for_the_running_task(qtbot, admin_desk, confirm: Confirmations) -> None:
    window, page, backup = admin_desk
    page.back_up_now()
    fill_restore(qtbot, page, backup, "admin-demo")
    assert confirm.asked == []
    assert "Another task" in page.restore_message.text()
    qtbot.waitUntil(lambda: not window.operations.busy, timeout=JOB_TIMEOUT_MS)
    assert site_name(window.session.store) == "Renamed after the backup"


@pytest.mark.parametrize("user", ["coordinator", "intake"])
def test_only_an_admin_may_restore(
    qtbot, page_for, user: str, out: Path, confirm: Confirmations
) -> None:
    page = page_for(user)
    actor = page.session.actor
    reason = refusal_text(actor, Action.RESTORE)
    assert reason
    assert page.restore_refused.isVisible() and page.restore_refused.text() == reason
    assert not page.restore_button.isEnabled()
    assert not page.restore_password_field.isEnabled()
    backup = out / "staging-backup-20210301T170000Z.db"
    backup.write_bytes(b"")
    page.backup_file_field.setText(str(backup))
    page.restore_user_field.setText("admin")
    page.restore_password_field.setText("admin-demo")
    page.restore()  # as if the button were pressed anyway
    assert confirm.asked == []
    assert not page.operations.busy
    assert site_name(page.session.store)  # the session was left open
    assert reason.split(" ")[0] in page.restore_message.text()
    if user == "intake":  # the rest of the page says why too
        assert page.export_refused.text() == refusal_text(actor, Action.EXPORT)
        assert page.backup_refused.text() == refusal_text(actor, Action.BACKUP)
        assert not page.export_button.isEnabled()
        assert not page.backup_now_button.isEnabled()


# --- keyboard ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_mnemonic_on_the_page_is_its_own(page_for, language: str) -> None:
    page = page_for("admin")
    set_language(language)
    texts = [
        widget.text()
        for widget in page.findChildren(QWidget)
        if isinstance(widget, QAbstractButton | QLabel) and "&" in widget.text()
    ]
    letters = [match.lower() for text in texts for match in re.findall(r"&(\w)", text)]
    assert len(letters) >= 12
    assert len(letters) == len(set(letters)), texts
