"""A check-in while another task (a large import) holds the write lock: the desk says so in the
volunteer's language, saves nothing, keeps the household open, and the next Enter checks it in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlite_utils import Database

from staging.security.access import Session
from staging.store.database import WRITE_WAIT_SECONDS, connect
from tests.helpers.desk import (
    check_ins,
    hold_nothing,
    households_not_checked_in,
    member_ids,
    press,
    scan,
)
from ui.language import set_language
from ui.main_window import DESK_WRITE_WAIT_SECONDS, MainWindow
from ui.workspaces.intake import IntakeWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]


@pytest.fixture
def other_task(session: Session) -> Iterator[Database]:
    """A second connection to the site, to hold the write lock as a large import does."""
    assert session.store.path is not None
    other = connect(session.store.path, session.key)
    yield other
    if other.conn.in_transaction:
        other.conn.execute("ROLLBACK")
    other.close()


@pytest.fixture
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def test_a_check_in_behind_an_import_says_so_and_the_next_enter_retries(
    qtbot,
    english: None,
    workspace: IntakeWorkspace,
    session: Session,
    other_task: Database,
) -> None:
    hold_nothing(session)
    workspace.refresh()
    session.store.write_wait = 0.2  # the desk's own wait, shortened for the test
    household = households_not_checked_in(session, 2)[0]
    members = member_ids(session, household)
    registration = session.store.db.execute(
        "SELECT registration_id FROM person WHERE id = ?", [members[0]]
    ).fetchone()[0]

    scan(qtbot, workspace, registration)
    other_task.conn.execute("BEGIN IMMEDIATE")  # the import starts its transaction
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {}
    assert "Another task" in workspace.message_label.text()
    assert "Try again in a moment" in workspace.message_label.text()
    set_language("es")
    assert "Otra tarea" in workspace.message_label.text()
    assert "no se guardó nada" in workspace.message_label.text()
    assert workspace.card.household_id == household  # still open, everyone still ticked
    assert len(workspace.card.model.arriving()) == len(members)
    assert QApplication.focusWidget() is workspace.scan_field

    other_task.conn.execute("COMMIT")  # the import is done
    set_language("en")
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {m: 1 for m in members}
    assert "Checked in" in workspace.message_label.text()


def test_the_desk_waits_briefly_and_background_work_waits_long(
    desk_windows: list, session: Session
) -> None:
    window = MainWindow(session, session.store.path)
    desk_windows.append(window)
    assert session.store.write_wait == DESK_WRITE_WAIT_SECONDS < WRITE_WAIT_SECONDS
    background = session.on_new_connection()
    try:
        assert background.store.write_wait == WRITE_WAIT_SECONDS
    finally:
        background.close()
