"""The intake desk at 6 a.m.: focus, keyboard, stop signs, roles and the small things a new
volunteer sees, in Spanish and in English (issue "The intake desk, field-ready")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from staging.domain import Role, Verification
from staging.rules import StopSign
from staging.security.access import Session
from staging.store.store import Actor
from staging.verification.operations import record_verification
from staging.wristbands.operations import issue_bands
from tests.helpers.desk import (
    check_ins,
    households_where,
    member_ids,
    open_copy,
    press,
    scan,
)
from ui.dialogs.stop_signs import ConfirmArrivalDialog
from ui.language import set_language
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.operations import Operations
from ui.widgets.dates import display_date
from ui.workspaces.intake import LIST_ARRIVED, IntakeWorkspace

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

# What the volunteer reads, by language, for the findings whose text matters.
WORDS = {
    "en": {
        "held": "Awaiting verification",
        "everyone": "everyone (",
        "not_eligible": "Not eligible",
        "not_checked_in": "was not checked in",
        "one_person": "Check in 1 person (Enter)",
        "no_appointment": "no appointment",
        "walk_in_refused": "may not register walk-ins",
        "admin": "(Administrator)",
        "no_household": "No household open",
    },
    "es": {
        "held": "En espera de verificación",
        "everyone": "todos (",
        "not_eligible": "No elegible",
        "not_checked_in": "no registró su llegada",
        "one_person": "Registrar llegada de 1 persona (Intro)",
        "no_appointment": "sin cita",
        "walk_in_refused": "no tiene permiso para registrar personas sin cita",
        "admin": "(Administrador(a))",
        "no_household": "Ningún hogar abierto",
    },
}


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    set_language(request.param)
    yield request.param
    set_language("en")


def open_by_scan(qtbot, workspace: IntakeWorkspace, household: str) -> list[str]:
    members = member_ids(workspace.session, household)
    store, actor = workspace.session.store, workspace.session.actor
    code = issue_bands(store, actor, members[:1]).value[members[0]]
    scan(qtbot, workspace, code)
    assert workspace.card.household_id == household
    return members


def answer_next_dialog(qtbot, choose) -> list[ConfirmArrivalDialog]:
    """Answers the confirmation dialog once it is open (it runs its own event loop)."""
    seen: list[ConfirmArrivalDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ConfirmArrivalDialog)
        seen.append(dialog)
        choose(dialog)

    QTimer.singleShot(50, answer)
    return seen


# --- finding 2: the scan field has the focus whenever the desk is shown ------------------------


@pytest.fixture
def window_for(qtbot, desk_windows: list, demo_site: Path, tmp_path: Path):
    def open_window(user: str) -> MainWindow:
        QSettings().remove("main_window/geometry")
        window = MainWindow(open_copy(demo_site, tmp_path, user), tmp_path / demo_site.name)
        desk_windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    return open_window


def keys_reach(window, widget) -> bool:
    """Once the window manager hands the window the keyboard back (after a dialog), typed keys
    reach `widget`."""
    window.activateWindow()
    return QApplication.focusWidget() is widget


def scan_field_has_focus(window: MainWindow) -> bool:
    return keys_reach(window, window.workspaces["intake"].scan_field)


def test_after_login_the_first_scan_lands_in_the_scan_field(qtbot, window_for) -> None:
    window = window_for("intake")
    qtbot.waitUntil(lambda: scan_field_has_focus(window))
    assert window.tabs.tabBar().focusPolicy() == Qt.FocusPolicy.NoFocus


def test_after_unlock_and_user_switch_the_scan_field_has_the_focus(qtbot, window_for) -> None:
    window = window_for("intake")
    window.lock()
    window.login_dialog.password_field.setText("intake-demo")
    window.login_dialog.try_login()
    qtbot.waitUntil(lambda: scan_field_has_focus(window))

    window.switch_user()
    window.login_dialog.user_field.setText("screener")
    window.login_dialog.password_field.setText("screener-demo")
    window.login_dialog.try_login()
    assert window.session.actor.user == "screener"
    qtbot.waitUntil(lambda: scan_field_has_focus(window))


# --- finding 3: a natural tab order, shortcuts on screen ----------------------------------------


def test_tab_walks_through_the_desk_and_leaves_the_members_table(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    household = households_where(session, "1", [])[0]
    workspace.open_household(household)
    card = workspace.card
    expected = [
        workspace.walk_in_button,
        card.table,
        card.check_in_button,
        card.wristbands_button,
        card.id_cards_button,
        card.edit_button,
        workspace.search_field,
        workspace.list_tabs,
        workspace.people_view,
    ]
    # Browsing the list opens the household under its cursor, so the card is read first.
    enabled = [widget for widget in expected if widget.isEnabled()]
    reached = []
    for _ in enabled:
        press(qtbot, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert reached == enabled


def test_the_shortcuts_are_written_on_the_desk(
    workspace: IntakeWorkspace, session: Session, language: str
) -> None:
    workspace.open_household(households_where(session, "1", [])[0])
    shown = [
        workspace.scan_label.text(),
        workspace.walk_in_button.text(),
        workspace.search_label.text(),
        *(button.text() for button in workspace.card.buttons()),
    ]
    for keys in ("F2", "Ctrl+N", "Ctrl+F", "Ctrl+P", "Ctrl+I", "Ctrl+E"):
        assert any(keys in text for text in shown), keys
    assert "Space" in workspace.card.hint_label.text() or "Espacio" in (
        workspace.card.hint_label.text()
    )


# --- finding 4: stop signs ----------------------------------------------------------------------


def awaiting_verification(session: Session) -> str:
    return households_where(session, "verification = 'submitted'", [])[0]


def test_a_held_household_is_stopped_named_and_checked_in_only_when_confirmed(
    qtbot, workspace: IntakeWorkspace, session: Session, language: str
) -> None:
    members = open_by_scan(qtbot, workspace, awaiting_verification(session))
    card = workspace.card
    held = {str(sign) for sign in card.held_signs()}
    assert str(StopSign.AWAITING_VERIFICATION) in held
    assert card.stop_label.isVisible()
    assert WORDS[language]["held"] in card.stop_label.text()
    # The whole household is awaiting: said once, not as a list of every name.
    assert WORDS[language]["everyone"] in card.stop_label.text()

    # Enter by habit: the dialog's default is "do not check in".
    dialogs = answer_next_dialog(qtbot, lambda dialog: press(qtbot, Qt.Key.Key_Return))
    press(qtbot, Qt.Key.Key_Return)
    assert len(dialogs) == 1
    assert dialogs[0].cancel_button.isDefault()
    assert check_ins(session, members) == {}
    assert WORDS[language]["not_checked_in"] in workspace.message_label.text()
    qtbot.waitUntil(lambda: keys_reach(workspace, workspace.scan_field))

    answer_next_dialog(qtbot, lambda dialog: dialog.confirm_button.click())
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {m: 1 for m in members}
    marks = ", ".join("?" for _ in members)
    recorded = session.store.db.execute(
        f"SELECT confirmed_stop_signs FROM check_in WHERE person_id IN ({marks})", members
    ).fetchall()
    confirmed = {sign for (text,) in recorded for sign in text.split(";")}
    assert str(StopSign.AWAITING_VERIFICATION) in confirmed
    assert confirmed <= held


def test_a_not_eligible_member_is_named_in_red(
    qtbot, workspace: IntakeWorkspace, session: Session, language: str
) -> None:
    household = households_where(session, "verification = 'submitted'", [])[1]
    members = member_ids(session, household)
    record_verification(
        session.store, Actor("carmen", Role.COORDINATOR), members[:1], Verification.INELIGIBLE
    )
    workspace.refresh()
    open_by_scan(qtbot, workspace, household)
    assert WORDS[language]["not_eligible"] in workspace.card.stop_label.text()


def test_the_site_policy_decides_that_a_sign_only_warns(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    from tests.helpers.desk import hold_nothing

    hold_nothing(session)
    workspace.refresh()
    members = open_by_scan(qtbot, workspace, awaiting_verification(session))
    assert not workspace.card.stop_label.isVisible()
    assert "Awaiting verification" in workspace.card.warning_label.text()
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {m: 1 for m in members}


# --- finding 5: what a role may not use is disabled, saying why ---------------------------------


def test_a_screener_sees_walk_in_and_edit_disabled_with_the_reason(
    qtbot, demo_site: Path, tmp_path: Path, language: str
) -> None:
    screener = open_copy(demo_site, tmp_path, "screener")
    try:
        workspace = IntakeWorkspace(screener, Operations())
        qtbot.addWidget(workspace)
        workspace.show()
        qtbot.waitExposed(workspace)
        assert not workspace.walk_in_button.isEnabled()
        assert WORDS[language]["walk_in_refused"] in workspace.walk_in_button.toolTip()
        workspace.open_household(households_where(screener, "1", [])[0])
        assert not workspace.card.edit_button.isEnabled()
        assert workspace.card.edit_button.toolTip()

        qtbot.waitUntil(lambda: keys_reach(workspace, workspace.scan_field))
        qtbot.keyClick(workspace.scan_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.activeModalWidget() is None  # no form to fill only to be refused
        assert WORDS[language]["walk_in_refused"] in workspace.message_label.text()
    finally:
        workspace.close()
        screener.close()


# --- finding 7: small things seen on screen ------------------------------------------------------


def test_the_household_title_follows_a_language_switch(
    workspace: IntakeWorkspace, session: Session
) -> None:
    household = households_where(session, "appointment_date IS NOT NULL", [])[0]
    workspace.open_household(household)
    set_language("es")
    try:
        appointment = workspace.card._appointment
        assert display_date(appointment) in workspace.card.title_label.text()
        assert "Hogar" in workspace.card.title_label.text()
    finally:
        set_language("en")
    assert display_date(appointment) in workspace.card.title_label.text()


def test_one_person_and_no_appointment_read_naturally(
    workspace: IntakeWorkspace, session: Session, language: str
) -> None:
    alone = session.store.db.execute(
        "SELECT household_id FROM person_facts GROUP BY household_id"
        " HAVING count(*) = 1 AND sum(checked_in) = 0 AND max(appointment_date) IS NULL"
    ).fetchone()[0]
    workspace.open_household(alone)
    title = workspace.card.title_label.text()
    assert title.endswith(WORDS[language]["no_appointment"])
    assert "appointment no appointment" not in title
    assert workspace.card.check_in_button.text().replace("&", "") == WORDS[language]["one_person"]


def test_an_unknown_scan_clears_the_previous_household(
    qtbot, workspace: IntakeWorkspace, session: Session, language: str
) -> None:
    open_by_scan(qtbot, workspace, households_where(session, "1", [])[0])
    scan(qtbot, workspace, "NOT-A-CODE-42")
    assert workspace.card.household_id is None
    assert workspace.card.title_label.text() == WORDS[language]["no_household"]
    assert "NOT-A-CODE-42" in workspace.message_label.text()
    assert not workspace.card.table.isVisible()


def test_the_arrived_list_shows_arrival_times_latest_first(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    from staging.intake.operations import check_in

    first, second = households_where(session, "1", [])[:2]
    everyone = frozenset(StopSign)
    check_in(session.store, session.actor, member_ids(session, first), everyone)
    session.store.clock.advance(timedelta(minutes=5))
    check_in(session.store, session.actor, member_ids(session, second), everyone)
    workspace.refresh()
    workspace.list_tabs.setCurrentIndex(LIST_ARRIVED)
    model = workspace.people_model
    assert not workspace.people_view.isColumnHidden(model.COL_ARRIVED)
    times = [model.data(model.index(row, model.COL_ARRIVED)) for row in range(model.rowCount())]
    assert times[0] == "10:05"
    assert times == sorted(times, reverse=True)


def test_the_administrator_is_called_a_person_not_a_department(window_for, language: str) -> None:
    window = window_for("admin")
    assert WORDS[language]["admin"] in window.user_label.text()


@pytest.mark.parametrize("user", ["intake", "admin"])
def test_the_window_fits_a_1366_by_768_laptop(window_for, user: str) -> None:
    """Seen: the administration form made the window taller than the screen."""
    window = window_for(user)
    assert window.width() <= 1366 and window.height() <= 768 - 60  # title bar and task bar
    assert window.minimumSizeHint().height() <= DEFAULT_SIZE.height()
    assert window.minimumSizeHint().width() <= DEFAULT_SIZE.width()


def test_the_empty_household_card_leaves_the_room_to_the_lists(
    workspace: IntakeWorkspace,
) -> None:
    assert workspace.card.household_id is None
    assert workspace.card.height() < workspace.height() / 4
    assert workspace.people_view.height() > workspace.height() / 2


def shortcut_override(widget, keys: str) -> bool:
    """Whether `widget`, having the focus, would keep `keys` from the window's shortcuts."""
    combination = QKeySequence(keys)[0]
    event = QKeyEvent(
        QEvent.Type.ShortcutOverride, combination.key(), combination.keyboardModifiers()
    )
    event.setAccepted(False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_the_scan_field_leaves_every_desk_shortcut_to_the_desk(
    workspace: IntakeWorkspace,
) -> None:
    """Under X11 a line edit keeps Ctrl+E (end of line) and "Edit contact (Ctrl+E)" never fired
    while the scan field had the focus, which is always."""
    for shortcut in workspace.shortcuts:
        assert not shortcut_override(workspace.scan_field, shortcut.key().toString())
    # The mechanism, on a key every platform's line edit keeps for itself (select all):
    assert shortcut_override(QLineEdit(), "Ctrl+A")
    workspace.scan_field.leave_to_desk([QKeySequence("Ctrl+A")])
    assert not shortcut_override(workspace.scan_field, "Ctrl+A")


def test_an_alt_key_is_not_typed_into_the_scan_field(workspace: IntakeWorkspace) -> None:
    """Seen under X: Alt+V (a button's letter in the other language) typed "v" into Scan."""
    alt_v = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier, "v")
    QApplication.sendEvent(workspace.scan_field, alt_v)
    assert workspace.scan_field.text() == ""
