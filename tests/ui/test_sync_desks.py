"""Two desks of one site, each in its own window on its own database, and a real PostgreSQL hub.

From the GUI an administrator sets the hub up on desk A and writes an enrollment file; desk B
joins with it. A check-in made on A then appears on B without anyone pressing anything, and
the status bars say so. With the hub out of reach both desks keep working and say since when
and how much waits, without a dialog; the phone of one person changed on both meanwhile comes
back as a conflict on the Conflicts page of both, with both values, who and which desk, and
the value a coordinator keeps closes it on both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from staging.clock import FrozenClock
from staging.intake.operations import check_in, update_contact
from staging.people.queries import find_person
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.security.access import Session, create_site, open_site
from staging.security.keyfile import KdfParams, Keyfile, keyfile_path
from staging.site.settings import save_site_settings
from staging.sync.enrollment import join_site
from staging.sync.hub import where_of
from tests.conftest import REFERENCE_MOMENT, registration_row, write_registrations
from tests.helpers.postgres import PostgresServer
from ui.language import set_language
from ui.main_window import MainWindow
from ui.sync_runner import Intervals
from ui.workspaces.data_desk.conflicts import ConflictsPage
from ui.workspaces.intake import LIST_ARRIVED
from ui.workspaces.sync_hub import SyncHubSection

FAST_KDF = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
# Quick enough for a test to watch several rounds; the desk's own are 1.5 s and 10 s.
QUICK = Intervals(soon_ms=100, every_ms=300)
WITHIN_MS = 15_000
PASSWORD = "a-good-password"
PASSPHRASE = "blue cactus under rain"
HUB_PASSWORD = "hub-secret-password"  # the test server trusts loopback: any password works
SITE = "tijuana"
PHONE_A, PHONE_B = "+526645550303", "+526645550333"


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@dataclass
class Desk:
    window: MainWindow

    @property
    def session(self) -> Session:
        return self.window.session

    @property
    def sync_section(self) -> SyncHubSection:
        return self.window.workspaces["admin"].sync_section  # type: ignore[attr-defined]

    @property
    def conflicts(self) -> ConflictsPage:
        return self.window.workspaces["data_desk"].conflicts_page  # type: ignore[attr-defined]

    @property
    def status(self) -> str:
        return self.window.sync_label.text()

    def run(self, work: Callable) -> None:
        """An action at this desk, as its screens run one (and broadcast what it changed)."""
        refused: list = []
        assert self.window.operations.run(work, refused.append) is not None, refused

    def person_id(self, number: int) -> str:
        found = find_person(self.session.store, f"REG-{number:04d}")
        assert found is not None
        return found["id"]


@pytest.fixture
def open_desk(qtbot, desk_windows: list) -> Iterator[Callable[[Session], Desk]]:
    """A desk's window, syncing every few hundred milliseconds; at the end no sync is left
    running when the windows close."""
    opened: list[Desk] = []

    def open_window(session: Session) -> Desk:
        window = MainWindow(session, session.store.path, sync_intervals=QUICK)
        desk_windows.append(window)
        window.resize(1280, 680)
        window.show()
        qtbot.waitExposed(window)
        opened.append(Desk(window))
        return opened[-1]

    yield open_window
    for desk in opened:
        desk.window.sync_runner.stop()
        qtbot.waitUntil(lambda d=desk: not d.window.operations.busy, timeout=WITHIN_MS)
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture
def desk_a(open_desk, tmp_path: Path) -> Desk:
    """The site's first desk, before any hub: a few people on the list, its administrator."""
    session = create_site(
        tmp_path / "a.db", "ana", PASSWORD, clock=FrozenClock(REFERENCE_MOMENT), kdf=FAST_KDF
    )
    store, actor = session.store, session.actor
    save_site_settings(store, actor, "Albergue El Buen Pastor", store.policy())
    rows = [registration_row(n) for n in range(1, 5)]
    import_registrations(store, actor, write_registrations(tmp_path / "list.csv", rows))
    return open_desk(session)


def set_up_hub_from_the_screen(qtbot, desk: Desk, url: str) -> None:
    section = desk.sync_section
    qtbot.mouseClick(section.set_up_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.url_field, url)
    qtbot.keyClick(dialog.url_field, Qt.Key.Key_Return)  # Enter is OK: the site name is asked
    assert "site's name at the hub" in dialog.message.text()
    assert dialog.focusWidget() is dialog.site_field
    qtbot.keyClicks(dialog.site_field, SITE)
    qtbot.keyClick(dialog.site_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dialog is None, timeout=WITHIN_MS)


def write_enrollment_from_the_screen(
    qtbot, desk: Desk, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    section = desk.sync_section
    target = folder / "for-desk-b"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kw: (str(target), ""))
    qtbot.mouseClick(section.enrollment_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    assert "At least 10 characters" in dialog.hint.text()  # said before anything is typed
    qtbot.keyClicks(dialog.passphrase_field, PASSPHRASE)
    qtbot.keyClicks(dialog.again_field, PASSPHRASE.upper())
    qtbot.keyClick(dialog.again_field, Qt.Key.Key_Return)
    assert "differ" in dialog.message.text() and section.dialog is dialog
    qtbot.keyClicks(dialog.again_field, PASSPHRASE)
    qtbot.keyClick(dialog.again_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dialog is None, timeout=WITHIN_MS)
    written = target.with_name("for-desk-b.sdenroll")
    assert written.is_file()
    assert written.name in section.message.text()
    return written


@pytest.fixture
def two_desks(
    qtbot, desk_a: Desk, open_desk, url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Desk, Desk]:
    """A linked from its administration screen; B joined with the file A wrote there."""
    set_up_hub_from_the_screen(qtbot, desk_a, url.replace("@", f":{HUB_PASSWORD}@", 1))
    enrollment = write_enrollment_from_the_screen(qtbot, desk_a, tmp_path, monkeypatch)
    join_site(
        enrollment,
        PASSPHRASE,
        tmp_path / "b.db",
        "lucia",
        PASSWORD,
        clock=FrozenClock(REFERENCE_MOMENT),
        kdf=FAST_KDF,
    )
    session_b = open_site(tmp_path / "b.db", "lucia", PASSWORD, clock=FrozenClock(REFERENCE_MOMENT))
    return desk_a, open_desk(session_b)


def arrived_tab(desk: Desk) -> str:
    intake = desk.window.workspaces["intake"]
    return intake.list_tabs.tabText(LIST_ARRIVED)  # type: ignore[attr-defined]


def no_dialog_open() -> bool:
    return QApplication.activeModalWidget() is None


def test_the_admin_links_a_desk_and_the_hub_password_is_never_shown(
    qtbot, desk_a: Desk, url: str
) -> None:
    section = desk_a.sync_section
    assert "not linked" in section.state_label.text()
    assert "this desk only" in desk_a.status
    assert not section.enrollment_button.isEnabled()
    assert not desk_a.window.sync_action.isEnabled()

    set_up_hub_from_the_screen(qtbot, desk_a, url.replace("@", f":{HUB_PASSWORD}@", 1))

    assert "is linked" in section.state_label.text()
    assert section.hub_value.text() == where_of(url)
    assert section.site_value.text() == SITE
    assert section.desk_value.text() == desk_a.session.store.device_id
    assert "Linked to the hub at" in section.message.text()
    assert section.enrollment_button.isEnabled() and desk_a.window.sync_action.isEnabled()
    # Everything the desk had is sent by itself, and the status bar says when.
    qtbot.waitUntil(lambda: "all sent" in desk_a.status, timeout=WITHIN_MS)
    assert desk_a.status.startswith("Sync: ")
    shown = [label.text() for label in desk_a.window.findChildren(QLabel)]
    assert not [text for text in shown if HUB_PASSWORD in text]


def test_a_hub_out_of_reach_is_said_in_the_setup_dialog_which_stays_open(
    qtbot, desk_a: Desk
) -> None:
    section = desk_a.sync_section
    qtbot.mouseClick(section.set_up_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None
    dialog.url_field.setText(f"postgresql://postgres:{HUB_PASSWORD}@127.0.0.1:1/hub")
    dialog.site_field.setText(SITE)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.message.text(), timeout=WITHIN_MS)
    assert dialog.isVisible() and dialog.url_field.isEnabled()
    assert "127.0.0.1:1" in dialog.message.text() and HUB_PASSWORD not in dialog.message.text()
    assert "not linked" in section.state_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert section.dialog is None


def test_a_check_in_on_one_desk_appears_on_the_other_by_itself(
    qtbot, two_desks: tuple[Desk, Desk]
) -> None:
    a, b = two_desks
    assert arrived_tab(b) == "Arri&ved (0)"
    a.run(
        lambda: check_in(
            a.session.store, a.session.actor, [a.person_id(1)], confirmed=frozenset(StopSign)
        )
    )
    assert arrived_tab(a) == "Arri&ved (1)"
    qtbot.waitUntil(lambda: arrived_tab(b) == "Arri&ved (1)", timeout=WITHIN_MS)
    qtbot.waitUntil(lambda: "all sent" in a.status and "all sent" in b.status, timeout=WITHIN_MS)
    assert b.sync_section.hub_value.text() == a.sync_section.hub_value.text()
    assert b.sync_section.desk_value.text() != a.sync_section.desk_value.text()


def test_offline_desks_say_so_and_a_conflict_made_meanwhile_is_reviewed_on_both(
    qtbot, two_desks: tuple[Desk, Desk], server: PostgresServer
) -> None:
    a, b = two_desks
    qtbot.waitUntil(lambda: "all sent" in a.status and "all sent" in b.status, timeout=WITHIN_MS)
    server.stop()
    try:
        # Both desks go on working; neither pops anything up.
        qtbot.waitUntil(
            lambda: "offline since" in a.status and "offline since" in b.status,
            timeout=WITHIN_MS,
        )
        a.run(
            lambda: update_contact(
                a.session.store, a.session.actor, a.person_id(3), {"phone": PHONE_A}
            )
        )
        b.run(
            lambda: update_contact(
                b.session.store, b.session.actor, b.person_id(3), {"phone": PHONE_B}
            )
        )
        qtbot.waitUntil(lambda: "— 1 waiting to send" in a.status, timeout=WITHIN_MS)
        qtbot.waitUntil(lambda: "— 1 waiting to send" in b.status, timeout=WITHIN_MS)
        assert "cannot be reached" in a.window.sync_label.toolTip()
        assert no_dialog_open()
    finally:
        server.start()
    for desk in (a, b):
        qtbot.waitUntil(lambda d=desk: d.conflicts.open_count() == 1, timeout=WITHIN_MS)
    qtbot.waitUntil(
        lambda: "conflicts to review: 1" in a.status and "conflicts to review: 1" in b.status,
        timeout=WITHIN_MS,
    )
    users = {a.session.store.device_id: "ana", b.session.store.device_id: "lucia"}
    for desk in (a, b):
        page = desk.conflicts
        data_desk = desk.window.workspaces["data_desk"]
        assert data_desk.pages.tabText(3) == "Conflicts: 1 (F8)"  # type: ignore[attr-defined]
        assert page.model.text(page.model.conflict(0), 1) == "Phone"
        assert page.panel is not None
        assert page.caption.text() == "Phone of José Luis Pérez3 Gómez (REG-0003)"
        values = [button.text() for button in page.panel.buttons()]
        assert sorted(values) == [PHONE_A, PHONE_B]
        said = [label.text() for label in page.panel.findChildren(QLabel)]
        for device, user in users.items():
            (line,) = [text for text in said if device in text]
            assert f"Set by {user} on " in line
            assert ("this desk" in line) == (device == desk.session.store.device_id)
        (shown_now,) = [text for text in said if "shown on every desk until you choose" in text]
        assert page.panel.conflict.leaves[0].device in shown_now
        assert page.panel.buttons()[0].isChecked()  # the value shown, ready to confirm

    # On B, the coordinator keeps the value that is not shown, with the keyboard.
    data_desk_b = b.window.workspaces["data_desk"]
    b.window.tabs.setCurrentWidget(data_desk_b)
    b.window.activateWindow()
    qtbot.waitUntil(b.window.isActiveWindow)
    conflicts = b.conflicts
    conflicts.table.setFocus()
    qtbot.keyClick(conflicts.table, Qt.Key.Key_F8)
    assert data_desk_b.pages.currentWidget() is conflicts  # type: ignore[attr-defined]
    qtbot.keyClick(conflicts.table, Qt.Key.Key_Tab)
    assert conflicts.panel is not None
    first, second = conflicts.panel.buttons()
    assert b.window.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert second.isChecked()
    kept = second.text()
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert b.window.focusWidget() is conflicts.keep_button
    qtbot.keyClick(conflicts.keep_button, Qt.Key.Key_Return)
    assert f"Kept {kept} as Phone" in conflicts.message_label.text()
    assert conflicts.open_count() == 0
    assert conflicts.stack.currentWidget() is conflicts.empty_page
    assert conflicts.empty_title.text() == "No conflicts to review"
    # A receives the choice with its next sync: closed there too, with the same phone.
    qtbot.waitUntil(lambda: a.conflicts.open_count() == 0, timeout=WITHIN_MS)
    assert find_person(a.session.store, "REG-0003")["phone"] == kept  # type: ignore[index]
    qtbot.waitUntil(
        lambda: "conflicts" not in a.status and "conflicts" not in b.status, timeout=WITHIN_MS
    )
    data_desk_a = a.window.workspaces["data_desk"]
    assert data_desk_a.pages.tabText(3) == "Conflicts (F8)"  # type: ignore[attr-defined]


def test_in_spanish_the_conflicts_page_and_the_hub_section_use_the_sites_words(
    qtbot, two_desks: tuple[Desk, Desk], server: PostgresServer
) -> None:
    a, b = two_desks
    qtbot.waitUntil(lambda: "all sent" in a.status and "all sent" in b.status, timeout=WITHIN_MS)
    a.window.sync_runner.stop()  # A edits offline, as far as B knows, until it syncs again
    a.run(
        lambda: update_contact(
            a.session.store, a.session.actor, a.person_id(2), {"email": "ana@example.org"}
        )
    )
    b.run(
        lambda: update_contact(
            b.session.store, b.session.actor, b.person_id(2), {"email": "luis@example.org"}
        )
    )
    qtbot.waitUntil(lambda: "all sent" in b.status, timeout=WITHIN_MS)
    a.window.sync_runner.start(a.session)
    qtbot.waitUntil(lambda: a.conflicts.open_count() == 1, timeout=WITHIN_MS)

    set_language("es")
    page = a.conflicts
    conflict = page.model.conflict(0)
    assert page.model.text(conflict, 0) == "José Luis Pérez2 Gómez (REG-0002)"
    assert page.model.text(conflict, 1) == "Correo electrónico"
    assert page.caption.text().startswith("Correo electrónico")
    assert sorted(button.text() for button in page.panel.buttons()) == [  # type: ignore[union-attr]
        "ana@example.org",
        "luis@example.org",
    ]
    section = a.sync_section
    assert section.hub_value.text() == b.sync_section.hub_value.text()
    assert section.site_value.text() == SITE
    set_language("en")
    assert page.model.text(conflict, 1) == "E-mail"


def test_a_locked_desk_stops_syncing_until_someone_logs_in_again(
    qtbot, two_desks: tuple[Desk, Desk]
) -> None:
    a, b = two_desks
    qtbot.waitUntil(lambda: "all sent" in a.status and "all sent" in b.status, timeout=WITHIN_MS)
    a.window.lock()
    person_id = b.person_id(2)
    b.run(
        lambda: check_in(
            b.session.store, b.session.actor, [person_id], confirmed=frozenset(StopSign)
        )
    )
    qtbot.waitUntil(lambda: "all sent" in b.status, timeout=WITHIN_MS)  # at the hub
    qtbot.wait(4 * QUICK.every_ms)
    assert not find_person(a.session.store, person_id)["checked_in"]  # type: ignore[index]

    dialog = a.window.login_dialog
    dialog.password_field.setText(PASSWORD)
    dialog.try_login()
    qtbot.waitUntil(
        lambda: find_person(a.session.store, person_id)["checked_in"],  # type: ignore[index]
        timeout=WITHIN_MS,
    )


def test_a_hub_that_lost_its_tables_is_said_in_the_status_bar_without_a_dialog(
    qtbot, desk_a: Desk, url: str
) -> None:
    set_up_hub_from_the_screen(qtbot, desk_a, url)
    qtbot.waitUntil(lambda: "all sent" in desk_a.status, timeout=WITHIN_MS)
    with psycopg.connect(url, autocommit=True) as hub:
        hub.execute("DROP SCHEMA public CASCADE")
        hub.execute("CREATE SCHEMA public")
    qtbot.waitUntil(lambda: desk_a.status.startswith("Sync failed: "), timeout=WITHIN_MS)
    tip = desk_a.window.sync_label.toolTip()
    assert tip.startswith("The sync hub has no tables yet")
    assert desk_a.status.endswith("…") and len(desk_a.status) < len("Sync failed: ") + len(tip)
    assert no_dialog_open()
    set_language("es")
    assert desk_a.window.sync_label.toolTip().startswith("El servidor de sincronización aún no")
    set_language("en")

    # The administrator makes the hub's tables again: the site's name is filled in already.
    section = desk_a.sync_section
    qtbot.mouseClick(section.set_up_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None and dialog.site_field.text() == SITE
    qtbot.keyClicks(dialog.url_field, url)
    qtbot.keyClick(dialog.url_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dialog is None, timeout=WITHIN_MS)
    qtbot.waitUntil(lambda: "all sent" in desk_a.status, timeout=WITHIN_MS)
    assert desk_a.window.sync_label.toolTip() == ""


def test_a_user_made_on_one_desk_logs_in_on_the_other_and_a_lost_desk_is_revoked(
    qtbot, two_desks: tuple[Desk, Desk], tmp_path: Path
) -> None:
    a, b = two_desks
    # lucia was made on B when it joined: after A's next sync she can log in on A too.
    a_keys = keyfile_path(tmp_path / "a.db")
    qtbot.waitUntil(lambda: "lucia" in Keyfile.load(a_keys).users, timeout=WITHIN_MS)
    open_site(tmp_path / "a.db", "lucia", PASSWORD).close()

    section = a.sync_section
    qtbot.mouseClick(section.revoke_button, Qt.MouseButton.LeftButton)
    dialog = section.dialog
    assert dialog is not None and "cannot be undone" in dialog.hint.text()
    qtbot.keyClick(dialog.desk_field, Qt.Key.Key_Return)
    assert "Type the lost desk's id first" in dialog.message.text()
    qtbot.keyClicks(dialog.desk_field, b.session.store.device_id)
    qtbot.keyClick(dialog.desk_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: section.dialog is None, timeout=WITHIN_MS)
    assert f"Desk {b.session.store.device_id} is revoked" in section.message.text()
    # B's next change is refused by the hub; its status line says so, without a dialog.
    b.run(
        lambda: update_contact(
            b.session.store, b.session.actor, b.person_id(3), {"phone": "+526645550333"}
        )
    )
    qtbot.waitUntil(lambda: "Sync failed" in b.status, timeout=WITHIN_MS)
    assert "revoked" in b.window.sync_label.toolTip() and no_dialog_open()
