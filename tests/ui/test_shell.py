"""The desk's shell: workspaces by role, language switch, automatic lock, user switching."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from staging.clock import FrozenClock
from staging.demo.build import create_demo_site
from staging.security.access import LoginRefused, open_site
from ui.language import current_language, set_language
from ui.main_window import MainWindow


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shell") / "site.db"
    create_demo_site(path, people=120, seed=9).close()
    return path


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2021, 3, 1, 18, 0, tzinfo=UTC))


@pytest.fixture
def window_for(desk_windows: list, demo_path: Path, clock: FrozenClock):
    def open_window(user: str) -> MainWindow:
        session = open_site(demo_path, user, f"{user}-demo", clock=clock)
        window = MainWindow(session, demo_path)
        desk_windows.append(window)
        return window

    return open_window


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def tab_titles(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_each_role_sees_only_its_workspaces(window_for, clock: FrozenClock) -> None:
    intake = window_for("intake")
    assert tab_titles(intake) == ["Intake desk", "Paperwork", "Transport"]
    screener = window_for("screener")
    assert tab_titles(screener) == ["Intake desk", "Screening", "Isolation"]
    coordinator = window_for("coordinator")
    assert tab_titles(coordinator) == ["Intake desk", "Paperwork", "Transport", "Data desk"]
    admin = window_for("admin")
    assert tab_titles(admin) == [
        "Intake desk",
        "Screening",
        "Isolation",
        "Paperwork",
        "Transport",
        "Data desk",
        "Administration",
    ]


def test_status_bar_names_site_user_role_device_sync_and_backup(
    window_for, clock: FrozenClock
) -> None:
    window = window_for("coordinator")
    assert "Demo" in window.site_label.text()
    assert "coordinator (Coordinator)" in window.user_label.text()
    assert window.session.store.device_id in window.user_label.text()
    assert "this desk only" in window.sync_label.text()
    assert window.backup_label.text().startswith("Last backup")


def test_language_switches_at_run_time(window_for, clock: FrozenClock) -> None:
    window = window_for("admin")
    window.language_actions["es"].trigger()
    assert current_language() == "es"
    titles = tab_titles(window)
    assert (titles[0], titles[-1]) == ("Recepción", "Administración")
    assert window.desk_menu.title() == "&Mostrador"
    window.language_actions["en"].trigger()
    assert tab_titles(window) == [
        "Intake desk",
        "Screening",
        "Isolation",
        "Paperwork",
        "Transport",
        "Data desk",
        "Administration",
    ]


def test_idle_desk_locks_and_the_same_user_unlocks(window_for, clock: FrozenClock) -> None:
    window = window_for("intake")
    window.show()
    clock.advance(timedelta(minutes=window.session.store.policy().site.auto_lock_minutes + 1))
    window.lock_if_idle()
    assert not window.centralWidget().isVisible()
    dialog = window.login_dialog
    assert dialog.user_field.text() == "intake"
    dialog.password_field.setText("intake-demo")
    dialog.try_login()
    assert window.centralWidget().isVisible()


def test_switching_user_changes_workspaces_without_closing(window_for, clock: FrozenClock) -> None:
    window = window_for("intake")
    window.switch_user()
    window.login_dialog.user_field.setText("admin")
    window.login_dialog.password_field.setText("admin-demo")
    window.login_dialog.try_login()
    assert window.session.actor.user == "admin"
    assert "Administration" in tab_titles(window)


def test_admin_saves_settings_through_the_core(window_for, monkeypatch: pytest.MonkeyPatch) -> None:
    warnings: list[tuple] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    window = window_for("admin")
    admin = window.workspaces["admin"]
    admin.auto_lock.setValue(25)
    admin.timezone_field.setText("America/Matamoros")
    admin.save_settings()
    policy = window.session.store.policy()
    assert (policy.site.auto_lock_minutes, policy.site.timezone) == (25, "America/Matamoros")
    admin.timezone_field.setText("Mars/Olympus")
    admin.save_settings()
    assert window.session.store.policy().site.timezone == "America/Matamoros"
    assert "Mars/Olympus" in warnings[0][2]


def test_saving_the_policy_changes_the_intake_desk_at_once(
    desk_windows: list, tmp_path: Path, clock: FrozenClock
) -> None:
    """The intake desk in the same window redraws from the broadcast: a new time zone moves
    the site's day (10:00 in Tijuana is already tomorrow in Tokyo), without a restart."""
    path = tmp_path / "site.db"
    create_demo_site(path, people=30, seed=3, clock=clock).close()
    window = MainWindow(open_site(path, "admin", "admin-demo", clock=clock), path)
    desk_windows.append(window)
    intake, admin = window.workspaces["intake"], window.workspaces["admin"]
    caption_before = intake.list_caption.text()
    assert intake.today.isoformat() == "2021-03-01"

    admin.timezone_field.setText("Asia/Tokyo")
    admin.vulnerable_first.setChecked(False)
    admin.save_settings()

    assert intake.today.isoformat() == "2021-03-02"
    assert intake.policy.site.timezone == "Asia/Tokyo"
    assert not intake.policy.priority.vulnerable_first
    assert intake.list_caption.text() != caption_before


def test_disabling_a_user_from_the_screen_re_encrypts_and_waits_for_a_backup(
    desk_windows: list, tmp_path: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "site.db"
    create_demo_site(path, people=30, seed=3, clock=clock).close()
    window = MainWindow(open_site(path, "admin", "admin-demo", clock=clock), path)
    desk_windows.append(window)
    admin = window.workspaces["admin"]
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    admin.status_message.connect(told.append)
    key_before = window.session.key
    row = [admin.users_model.username_at(r) for r in range(admin.users_model.rowCount())]
    admin.users_table.selectRow(row.index("screener"))

    operations = type(window.operations)
    # The day's backup is still copying the file.
    monkeypatch.setattr(operations, "busy", property(lambda _self: True))
    admin.disable_user()
    assert told == ["A backup is running; try again when it has finished."]
    assert window.session.key == key_before

    monkeypatch.setattr(operations, "busy", property(lambda _self: False))
    admin.disable_user()
    assert told[-1] == "User screener disabled; the site was re-encrypted"
    assert window.session.key != key_before
    with pytest.raises(LoginRefused):
        open_site(path, "screener", "screener-demo", clock=clock)


def test_a_volunteer_changes_a_leaked_password_from_the_desk(
    desk_windows: list, tmp_path: Path, clock: FrozenClock, qtbot
) -> None:
    """Issue 9: after a suspected leak the old password with a copy of the old key file must
    open nothing; the desk offers it without the command line."""
    from ui.dialogs.own_password import OwnPasswordDialog

    path = tmp_path / "site.db"
    create_demo_site(path, people=30, seed=3, clock=clock).close()
    window = MainWindow(open_site(path, "intake", "intake-demo", clock=clock), path)
    desk_windows.append(window)
    key_before = window.session.key
    dialog = OwnPasswordDialog(window.session, window.operations, window)
    qtbot.addWidget(dialog)
    dialog.old_field.setText("intake-demo")
    dialog.new_field.setText("una-clave-nueva")
    dialog.again_field.setText("otra-cosa")
    dialog.save()
    assert dialog.error_label.text() == "The two new passwords differ."
    dialog.again_field.setText("una-clave-nueva")
    dialog.leaked_box.setChecked(True)
    dialog.save()
    assert dialog.result() == OwnPasswordDialog.DialogCode.Accepted
    assert window.session.key != key_before
    with pytest.raises(LoginRefused):
        open_site(path, "intake", "intake-demo", clock=clock)
    open_site(path, "intake", "una-clave-nueva", clock=clock).close()


def test_a_language_change_after_a_restore_reads_nothing_from_the_closed_site(
    window_for, clock: FrozenClock, qapp
) -> None:
    """After a restore the old session is closed while its screens, not yet deleted, still get
    the language change; one that read the site then crashed the desk (PySide aborts on an
    error raised in a changeEvent)."""
    window = window_for("admin")
    window.show()
    for widget in window.workspaces.values():  # every screen drawn, a pair and courts shown
        window.tabs.setCurrentWidget(widget)
        qapp.processEvents()
    old = list(window.workspaces.values())
    window.log_in_after_restore("admin")
    set_language("es")
    qapp.processEvents()
    assert window.login_dialog.isVisible()
    assert all(not widget.isVisible() for widget in old)
    window.login_dialog.reject()
