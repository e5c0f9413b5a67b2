"""The isolation board, driven as a screener would on a morning round: the board, the daily
follow-up by keyboard, release, severe illness, the place, the timeline and the day's counts.

Each test works on its own copy of one demo site; people are made positive through the core,
and the site's frozen clock is moved to the days that matter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from staging.domain import Role
from staging.intake.operations import check_in
from staging.isolation.board import isolation_board
from staging.isolation.operations import FollowUpEntry, record_follow_up
from staging.rules import StopSign
from staging.rules.isolation import WarningSign
from staging.rules.screening import Answers, AntigenResult, Symptom
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.supplies import (
    KNOWN_KITS,
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    kit_types,
)
from staging.security.access import Session
from staging.store.store import Actor
from tests.helpers.desk import open_copy, press
from ui.dialogs.follow_up import FollowUpDialog
from ui.dialogs.isolation_actions import PlaceDialog, ReleaseDialog, SevereIllnessDialog
from ui.dialogs.medical_timeline import MedicalTimelineDialog
from ui.language import set_language
from ui.main_window import DEFAULT_SIZE, MainWindow
from ui.models.isolation_model import BoardFilter, IsolationBoardModel, Mark
from ui.operations import Operations
from ui.widgets.dates import display_date
from ui.widgets.health_counts import HealthCounts
from ui.workspaces.intake import IntakeWorkspace
from ui.workspaces.isolation import IsolationWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

PLACE = "Hotel Frontera"
Model = IsolationBoardModel


@pytest.fixture
def screener(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path, user="screener")
    yield opened
    opened.close()


@pytest.fixture
def supplies(screener: Session) -> dict[str, str]:
    """A kit lot and an isolation place of this test's own, added as a screener adds them."""
    store, actor = screener.store, screener.actor
    kit = KNOWN_KITS[0]
    known = {found.name: kit_id for kit_id, found in kit_types(store)}
    kit_id = known.get(kit.name) or add_kit_type(store, actor, kit).value
    lot = add_kit_lot(store, actor, kit_id, "BX-TEST-1", date(2021, 6, 30)).value
    place = add_isolation_place(store, actor, PLACE, "Av. Revolución 1").value
    return {"lot": lot, "place": place}


@pytest.fixture
def board(qtbot, screener: Session, supplies: dict[str, str]) -> IsolationWorkspace:
    """The board shown and ready, with the keyboard on the table."""
    widget = IsolationWorkspace(screener, Operations())
    qtbot.addWidget(widget)
    widget.resize(1280, 680)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.table.hasFocus())
    return widget


def arrivals(session: Session, count: int) -> list[str]:
    """Adults (old enough to be tested) who arrive now: checked in, not screened yet."""
    rows = session.store.db.execute(
        "SELECT id FROM person_facts WHERE checked_in = 0 AND date_of_birth <= '2010-01-01'"
        " AND screening_outcome IS NULL ORDER BY id LIMIT ?",
        [count],
    ).fetchall()
    assert len(rows) == count
    people = [row[0] for row in rows]
    check_in(session.store, Actor("intake", Role.INTAKE), people, confirmed=frozenset(StopSign))
    return people


def positive(session: Session, supplies: dict[str, str], person: str, **changes) -> ScreeningEntry:
    now = session.store.clock.now()
    values = dict(
        person_id=person,
        answers=Answers(),
        temperature=36.8,
        kit_lot_id=supplies["lot"],
        collected_at=now - timedelta(minutes=20),
        read_at=now,
        result=AntigenResult.POSITIVE,
        isolation_place_id=supplies["place"],
    )
    values.update(changes)
    return ScreeningEntry(**values)


def make_positive(session: Session, supplies: dict[str, str], person: str, **changes) -> None:
    record_screening(session.store, session.actor, positive(session, supplies, person, **changes))


def days_pass(session: Session, days: int) -> None:
    session.store.clock.advance(timedelta(days=days))


def name_of(session: Session, person: str) -> str:
    given, paternal, maternal = session.store.db.execute(
        "SELECT given_names, paternal_surname, maternal_surname FROM person WHERE id = ?",
        [person],
    ).fetchone()
    return " ".join(p for p in (given, paternal, maternal) if p)


def cell(model: Model, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def answer_dialog(expected: type, act: Callable[[QDialog], None]) -> list[QDialog]:
    """Acts on the next modal dialog once it is open (it runs its own event loop)."""
    seen: list[QDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, expected)
        seen.append(dialog)
        try:
            act(dialog)
        finally:
            # A failed check must not leave the test waiting on an open dialog.
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, answer)
    return seen


def shortcut(qtbot, keys: str) -> None:
    """A desk shortcut pressed wherever the keyboard is."""
    key = getattr(Qt.Key, f"Key_{keys[-1]}")
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.ControlModifier)


def row_of(board: IsolationWorkspace, person: str) -> int:
    row = board.model.row_of(person)
    assert row is not None, "not on the board"
    return row


def board_cell(
    board: IsolationWorkspace, person: str, column: int, role: int = Qt.ItemDataRole.DisplayRole
):
    return cell(board.model, row_of(board, person), column, role)


def choose(board: IsolationWorkspace, person: str) -> None:
    """The screener moves to the person's row on the board."""
    board.select_person(person)
    board.table.setFocus()
    assert board.selected_person_id() == person


def isolated_and_chosen(
    board: IsolationWorkspace,
    screener: Session,
    supplies: dict[str, str],
    days: int = 0,
    **changes,
) -> str:
    """An adult who arrived and tested positive `days` ago, chosen on the board read now."""
    (person,) = arrivals(screener, 1)
    make_positive(screener, supplies, person, **changes)
    days_pass(screener, days)
    board.refresh()
    choose(board, person)
    return person


def follow_ups(session: Session, person: str) -> list[tuple]:
    return session.store.db.execute(
        "SELECT temperature_c, fever, symptoms, symptoms_improving, warning_signs"
        " FROM isolation_follow_up WHERE person_id = ? ORDER BY recorded_at",
        [person],
    ).fetchall()


# --- the model, without widgets ------------------------------------------------------------------


def test_the_model_words_the_board_urgent_then_overdue_first(
    screener: Session, supplies: dict[str, str]
) -> None:
    overdue, urgent = arrivals(screener, 2)
    make_positive(screener, supplies, overdue)
    make_positive(screener, supplies, urgent)
    started = screener.store.today()
    days_pass(screener, 3)
    store, actor = screener.store, screener.actor
    record_follow_up(
        store,
        actor,
        FollowUpEntry(urgent, 36.6, warning_signs=frozenset({WarningSign.TROUBLE_BREATHING})),
    )
    today, zone = store.today(), store.policy().site.timezone
    rows = [
        row
        for row in isolation_board(store, actor, store.clock.now(), today)
        if row.person.id in {overdue, urgent}
    ]
    model = Model(today, zone)
    model.set_rows(rows, today, zone)

    assert [cell(model, row, Model.COL_NAME, Model.PersonIdRole) for row in range(2)] == [
        urgent,
        overdue,
    ]
    assert cell(model, 0, Model.COL_NAME) == name_of(screener, urgent)
    assert cell(model, 0, Model.COL_RELEASE) == "Urgent referral"
    assert cell(model, 0, Model.COL_RELEASE, Model.CodeRole) == Mark.URGENT
    assert cell(model, 0, Model.COL_FOLLOW_UP) == "Done today"
    assert cell(model, 0, Model.COL_FOLLOW_UP, Model.CodeRole) == Mark.DONE_TODAY
    assert cell(model, 0, Model.COL_LAST_FOLLOW_UP) == "10:00 · 36.6 °C"
    assert cell(model, 1, Model.COL_FOLLOW_UP) == "Overdue 2 days"
    assert cell(model, 1, Model.COL_FOLLOW_UP, Model.CodeRole) == Mark.OVERDUE
    assert cell(model, 1, Model.COL_LAST_FOLLOW_UP) == "none yet"
    assert cell(model, 1, Model.COL_DAY) == "3 of 10"
    assert cell(model, 1, Model.COL_DAYS_LEFT) == "7"
    assert cell(model, 1, Model.COL_RELEASE_FROM) == display_date(started + timedelta(days=10))
    assert cell(model, 1, Model.COL_PLACE) == PLACE
    assert cell(model, 1, Model.COL_RELEASE) == ""
    assert cell(model, 1, Model.COL_RELEASE, Qt.ItemDataRole.ToolTipRole) == (
        "Too early; No follow-up in the last 24 h"
    )

    model.set_filter(BoardFilter.DUE_TODAY)
    assert model.rowCount() == 1
    assert cell(model, 0, Model.COL_NAME, Model.PersonIdRole) == overdue
    model.set_filter(BoardFilter.RELEASE_CANDIDATES)
    assert model.rowCount() == 0
    assert (model.count(BoardFilter.ALL), model.count(BoardFilter.DUE_TODAY)) == (2, 1)

    model.set_filter(BoardFilter.ALL)
    model.set_language("es")
    assert cell(model, 1, Model.COL_RELEASE, Qt.ItemDataRole.ToolTipRole) == (
        "Aún no se cumplen los días; Sin seguimiento en las últimas 24 h"
    )


# --- the board -------------------------------------------------------------------------------


def test_the_next_day_the_board_shows_the_follow_up_due(
    board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    (person,) = arrivals(screener, 1)
    before = board.counts.counts
    # Recorded through the desk's runner: the board redraws on the change it broadcasts.
    board.operations.run(
        lambda: record_screening(
            screener.store, screener.actor, positive(screener, supplies, person)
        ),
        pytest.fail,
    )
    assert board_cell(board, person, Model.COL_FOLLOW_UP) == ""  # isolation started today
    after = board.counts.counts
    assert (after.positive, after.in_isolation) == (before.positive + 1, before.in_isolation + 1)
    assert f"in isolation {after.in_isolation}" in board.counts.text()

    days_pass(screener, 1)
    board.refresh()
    assert board_cell(board, person, Model.COL_FOLLOW_UP) == "Due today"
    assert board_cell(board, person, Model.COL_FOLLOW_UP, Model.CodeRole) == Mark.DUE_TODAY
    due = board.model.count(BoardFilter.DUE_TODAY)
    assert board.filter_tabs.tabText(BoardFilter.DUE_TODAY) == f"D&ue today ({due})"
    choose(board, person)
    assert not board.release_button.isEnabled()
    assert "Too early" in board.why_label.text()


def test_the_board_opens_on_the_most_urgent_and_filters_keep_the_choice(
    board: IsolationWorkspace,
) -> None:
    model = board.model
    assert board.selected_person_id() == cell(model, 0, Model.COL_NAME, Model.PersonIdRole)
    candidates = model.count(BoardFilter.RELEASE_CANDIDATES)
    assert candidates, "the demo has someone to release"
    board.filter_tabs.setCurrentIndex(BoardFilter.RELEASE_CANDIDATES)
    assert model.rowCount() == candidates
    assert all(
        cell(model, row, Model.COL_RELEASE, Model.CodeRole) == Mark.RELEASE_CANDIDATE
        for row in range(candidates)
    )
    chosen = cell(model, candidates - 1, Model.COL_NAME, Model.PersonIdRole)
    choose(board, chosen)
    board.filter_tabs.setCurrentIndex(BoardFilter.ALL)
    assert board.selected_person_id() == chosen
    assert board.release_button.isEnabled()


def test_a_follow_up_by_keyboard_keeps_what_was_typed_through_a_refusal(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies, 1)
    refused: list[str] = []

    def enter_follow_up(dialog: FollowUpDialog) -> None:
        assert QApplication.focusWidget() is dialog.temperature_field
        qtbot.keyClicks(dialog.temperature_field, "377")
        press(qtbot, Qt.Key.Key_Tab)  # the unit
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.feverish_box
        press(qtbot, Qt.Key.Key_Space)
        press(qtbot, Qt.Key.Key_Return)
        assert dialog.isVisible()
        refused.append(dialog.error_label.text())
        assert dialog.feverish_box.isChecked()  # nothing typed is lost
        assert QApplication.focusWidget() is dialog.temperature_field
        qtbot.keyClicks(dialog.temperature_field, "37.9")  # over the selected 377
        press(qtbot, Qt.Key.Key_Return)

    seen = answer_dialog(FollowUpDialog, enter_follow_up)
    shortcut(qtbot, "Ctrl+F")
    assert seen
    assert "377 °C is not a body temperature" in refused[0]
    assert follow_ups(screener, person) == [(37.9, 1, "", None, "")]
    assert board_cell(board, person, Model.COL_FOLLOW_UP) == "Done today"
    assert "Follow-up of" in board.message_label.text()
    assert board.selected_person_id() == person
    assert board.focusWidget() is board.table  # the arrows move on to the next person


def test_a_warning_sign_shows_the_urgent_referral_at_once(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies, 1)

    def enter_follow_up(dialog: FollowUpDialog) -> None:
        qtbot.keyClicks(dialog.temperature_field, "37,2")  # a Spanish keyboard's comma
        dialog.symptom_boxes[Symptom.COUGH].setFocus()
        press(qtbot, Qt.Key.Key_Space)
        assert dialog.improving_group.checkedId() == -1  # "no symptoms" is no answer now
        press(qtbot, Qt.Key.Key_Return)
        assert "improving" in dialog.error_label.text()
        dialog.improving_buttons[1].setFocus()
        press(qtbot, Qt.Key.Key_Space)  # not improving
        assert not dialog.urgent_label.isVisible()
        dialog.sign_boxes[WarningSign.BLUISH_LIPS_OR_FACE].setFocus()
        press(qtbot, Qt.Key.Key_Space)
        assert dialog.urgent_label.isVisible()
        assert dialog.urgent_label.text() == "Urgent referral: call for medical care now"
        press(qtbot, Qt.Key.Key_Return)

    seen = answer_dialog(FollowUpDialog, enter_follow_up)
    board.follow_up_button.click()
    assert seen
    assert follow_ups(screener, person) == [(37.2, 0, "cough", 0, "bluish_lips_or_face")]
    assert board_cell(board, person, Model.COL_RELEASE) == "Urgent referral"
    above = range(row_of(board, person))
    assert all(cell(board.model, row, 0, Model.RowRole).urgent for row in above)  # urgent first
    assert "Urgent referral for" in board.message_label.text()


def test_after_ten_days_and_a_follow_up_release_works(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies, 5)
    shortcut(qtbot, "Ctrl+R")  # not yet: the desk says why, and nothing is released
    assert "Not released yet: Too early" in board.message_label.text()

    days_pass(screener, 5)
    record_follow_up(screener.store, screener.actor, FollowUpEntry(person, 36.6))
    board.refresh()
    assert board_cell(board, person, Model.COL_RELEASE) == "Release candidate"
    assert board_cell(board, person, Model.COL_RELEASE, Model.CodeRole) == (Mark.RELEASE_CANDIDATE)
    assert board.selected_person_id() == person
    assert board.release_button.isEnabled()

    def confirm(dialog: ReleaseDialog) -> None:
        assert "Day 10 of 10" in dialog.question_label.text()
        qtbot.keyClicks(dialog.note_field, "Well, fever-free")
        press(qtbot, Qt.Key.Key_Return)

    seen = answer_dialog(ReleaseDialog, confirm)
    shortcut(qtbot, "Ctrl+R")
    assert seen
    released = screener.store.db.execute(
        "SELECT released_on, release_note FROM isolation_episode WHERE person_id = ?", [person]
    ).fetchone()
    assert released == (screener.store.today().isoformat(), "Well, fever-free")
    assert board.model.row_of(person) is None
    assert board.counts.counts.released == 1
    assert "Re-screening is next" in board.message_label.text()


def test_severe_illness_needs_the_clinicians_assessment(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies)

    def assess(dialog: SevereIllnessDialog) -> None:
        assert dialog.severe_box.isChecked()
        press(qtbot, Qt.Key.Key_Return)
        assert dialog.isVisible()
        assert "Write the clinician's assessment" in dialog.error_label.text()
        qtbot.keyClicks(dialog.note_field, "Dra. Ruiz: low oxygen saturation")
        press(qtbot, Qt.Key.Key_Return)

    seen = answer_dialog(SevereIllnessDialog, assess)
    shortcut(qtbot, "Ctrl+G")
    assert seen
    assert board_cell(board, person, Model.COL_DAY) == "0 of 20"


def test_a_place_is_assigned_from_the_sites_list(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies, isolation_place_id=None)
    assert board_cell(board, person, Model.COL_PLACE) == "not assigned"

    def assign(dialog: PlaceDialog) -> None:
        dialog.place_box.setCurrentIndex(dialog.place_box.findData(supplies["place"]))
        press(qtbot, Qt.Key.Key_Return)

    seen = answer_dialog(PlaceDialog, assign)
    shortcut(qtbot, "Ctrl+P")
    assert seen
    assert board_cell(board, person, Model.COL_PLACE) == PLACE


def test_enter_on_the_board_opens_the_timeline_oldest_first(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    (person,) = arrivals(screener, 1)
    store, actor = screener.store, screener.actor
    wrong = record_screening(
        store, actor, positive(screener, supplies, person, result=AntigenResult.NEGATIVE)
    ).value
    make_positive(screener, supplies, person, corrects=wrong.screening_id)
    days_pass(screener, 1)
    record_follow_up(store, actor, FollowUpEntry(person, 37.4, note="Sleeping well"))
    board.refresh()
    choose(board, person)

    seen = answer_dialog(MedicalTimelineDialog, lambda dialog: dialog.reject())
    press(qtbot, Qt.Key.Key_Return)
    assert seen
    events = seen[0].events
    assert [event.what for event in events] == [
        "Screening (corrected)",
        "Screening",
        "Isolation started",
        "Follow-up",
    ]
    assert [event.struck for event in events] == [True, False, False, False]
    assert "Result: Negative" in events[0].details
    assert "Outcome: Isolation (Positive test)" in events[1].details
    assert "BinaxNOW COVID-19 Ag Card, lot BX-TEST-1" in " ".join(events[1].details)
    assert f"Place: {PLACE}" in events[2].details
    assert "Note: Sleeping well" in events[3].details
    assert "<s>" in seen[0].html()


def test_tab_leaves_the_table_for_the_buttons(
    qtbot, board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    isolated_and_chosen(board, screener, supplies)
    reached = []
    for _ in range(4):
        press(qtbot, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    # Release is not offered yet, so Tab passes it by.
    assert reached == [
        board.follow_up_button,
        board.severe_button,
        board.place_button,
        board.timeline_button,
    ]
    for keys in ("Ctrl+F", "Ctrl+R", "Ctrl+G", "Ctrl+P", "Ctrl+T"):
        assert any(keys in button.text() for button in board.buttons()), keys


# --- the day's counts --------------------------------------------------------------------------


def test_a_coordinator_sees_the_days_counts_at_intake_and_intake_does_not(
    qtbot, demo_site: Path, tmp_path: Path
) -> None:
    coordinator = open_copy(demo_site, tmp_path, user="coordinator")
    try:
        operations = Operations()
        intake_desk = IntakeWorkspace(coordinator, operations)
        qtbot.addWidget(intake_desk)
        counts = intake_desk.health_counts
        assert counts is not None
        before = counts.counts
        assert counts.text().startswith(f"Today: screened {before.screened} · positive")

        screener = Actor("screener", Role.SCREENER)
        store = coordinator.store
        lot = store.db.execute(
            "SELECT l.id FROM kit_lot l JOIN kit_type t ON t.id = l.kit_type_id"
            " WHERE t.name = ? AND l.lot_number = '120172'",
            [KNOWN_KITS[0].name],
        ).fetchone()[0]
        (person,) = arrivals(coordinator, 1)
        now = store.clock.now()
        entry = ScreeningEntry(
            person,
            Answers(),
            36.8,
            kit_lot_id=lot,
            collected_at=now - timedelta(minutes=20),
            read_at=now,
            result=AntigenResult.POSITIVE,
        )
        # Another screen of the same desk records it: the counts follow the broadcast.
        operations.run(lambda: record_screening(store, screener, entry), pytest.fail)
        after = counts.counts
        assert (after.screened, after.positive) == (before.screened + 1, before.positive + 1)
        assert f"in isolation {after.in_isolation}" in counts.text()
    finally:
        coordinator.close()

    (tmp_path / "intake").mkdir()
    intake = open_copy(demo_site, tmp_path / "intake", user="intake")
    try:
        desk = IntakeWorkspace(intake, Operations())
        qtbot.addWidget(desk)
        assert desk.health_counts is None
        assert desk.findChildren(HealthCounts) == []
    finally:
        intake.close()


# --- the window ------------------------------------------------------------------------------


@pytest.fixture
def window_for(qtbot, desk_windows: list, demo_site: Path, tmp_path: Path):
    def open_window(user: str) -> MainWindow:
        folder = tmp_path / user
        folder.mkdir()
        window = MainWindow(open_copy(demo_site, folder, user), folder / demo_site.name)
        desk_windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window


def test_screeners_get_the_board_after_intake_and_intake_users_do_not(window_for) -> None:
    screener = window_for("screener")
    keys = list(screener.workspaces)
    assert keys.index("isolation") > keys.index("intake")
    assert screener.tabs.tabText(keys.index("isolation")) == "Isolation"
    assert screener.minimumSizeHint().width() <= DEFAULT_SIZE.width()
    assert screener.minimumSizeHint().height() <= DEFAULT_SIZE.height()
    assert "isolation" not in window_for("intake").workspaces


def test_in_the_window_ctrl_f_on_the_board_is_the_follow_up_not_intakes_find(
    qtbot, window_for
) -> None:
    window = window_for("screener")
    board = window.workspaces["isolation"]
    window.tabs.setCurrentWidget(board)
    window.activateWindow()
    qtbot.waitUntil(lambda: board.table.hasFocus())
    assert board.model.rowCount()  # read when its tab was chosen
    seen = answer_dialog(FollowUpDialog, lambda dialog: dialog.reject())
    shortcut(qtbot, "Ctrl+F")
    assert seen


def test_the_board_speaks_spanish_after_a_language_change(
    board: IsolationWorkspace, screener: Session, supplies: dict[str, str]
) -> None:
    person = isolated_and_chosen(board, screener, supplies)
    set_language("es")
    try:
        assert "Aún no se cumplen los días" in board.why_label.text()
        assert board_cell(board, person, Model.COL_RELEASE, Qt.ItemDataRole.ToolTipRole) == (
            "Aún no se cumplen los días; Sin seguimiento en las últimas 24 h"
        )
    finally:
        set_language("en")
