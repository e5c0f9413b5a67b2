"""The data desk's duplicate review: a coordinator compares two registrations side by side,
chooses values, and merges them or says they are different people; the core holds the result."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from staging.changes import Changes, Kind
from staging.duplicates.operations import dismiss
from staging.duplicates.queries import OpenPair, PairPerson, open_pairs
from staging.intake.operations import check_in
from staging.people import queries
from staging.registration.columns import CANONICAL_COLUMNS
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.security.access import Session
from tests.helpers.desk import open_copy
from ui.language import set_language
from ui.models.duplicates_model import DuplicatePairsModel
from ui.operations import Operations
from ui.workspaces.data_desk.duplicates import FIRST, DuplicatesPage

NEW_PHONE = "+52 664 555 0199"


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def coordinator(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    session = open_copy(demo_site, tmp_path, "coordinator")
    yield session
    session.close()


def register_again(session: Session, tmp_path: Path, registration_id: str) -> dict:
    """A partner's list registers a demo person again: another id, household, A-number and
    phone, the same name and birth date (flagged as a possible duplicate on import)."""
    record = queries.find_person(session.store, registration_id)
    row = {column: record.get(column) or "" for column in CANONICAL_COLUMNS}
    row.update(
        registration_id=f"OTRA-{registration_id}",
        household_id=f"OTRA-H-{registration_id}",
        a_number="299999991",
        phone=NEW_PHONE,
    )
    path = tmp_path / f"otra-lista-{registration_id}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        writer.writerow(row)
    assert import_registrations(session.store, session.actor, path).possible_duplicates >= 1
    return queries.find_person(session.store, f"OTRA-{registration_id}")


def arrived_demo_person(session: Session) -> dict:
    return queries.person_records(
        session.store.db, "checked_in AND a_number IS NOT NULL ORDER BY registration_id LIMIT 1"
    )[0]


def pair_of(session: Session, person_id: str) -> str:
    return next(
        pair.id
        for pair in open_pairs(session.store)
        if person_id in (pair.first.id, pair.second.id)
    )


@pytest.fixture
def page_for(qtbot) -> Callable[[Session], DuplicatesPage]:
    def open_page(session: Session) -> DuplicatesPage:
        page = DuplicatesPage(session, Operations())
        qtbot.addWidget(page)
        page.resize(1260, 600)
        page.show()
        qtbot.waitExposed(page)
        return page

    return open_page


def answer_boxes(*answers: str) -> list[str]:
    """Clicks, in each message box as it opens, the button with this text; returns the boxes'
    texts (what the coordinator read)."""
    read: list[str] = []
    pending = list(answers)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        read.append(f"{box.text()}\n{box.informativeText()}")
        wanted = pending.pop(0)
        button = next(b for b in box.buttons() if b.text() == wanted)
        if pending:
            QTimer.singleShot(50, answer)
        button.click()

    QTimer.singleShot(50, answer)
    return read


def test_the_pairs_are_listed_and_counted(
    page_for, coordinator: Session, tmp_path: Path, qtbot
) -> None:
    for waiting in open_pairs(coordinator.store):  # the demo's pairs: said not the same
        dismiss(coordinator.store, coordinator.actor, waiting.id)
    page = page_for(coordinator)
    assert page.open_count() == 0 and page.stack.currentWidget() is page.empty_label
    assert page.empty_label.text() == "No possible duplicates to review"
    demo = arrived_demo_person(coordinator)
    again = register_again(coordinator, tmp_path, demo["registration_id"])
    with qtbot.waitSignal(page.count_changed) as counted:
        page.operations.broadcast(Changes(frozenset({Kind.DUPLICATES})))
    assert counted.args == [page.open_count()] and page.open_count() >= 1
    row = page.model.row_of(pair_of(coordinator, demo["id"]))
    names = page.model.index(row, DuplicatePairsModel.COL_REGISTRATIONS).data()
    assert demo["registration_id"] in names and again["registration_id"] in names
    assert "waiting for review: " in page.heading.text()


def test_a_coordinator_chooses_a_value_with_the_keyboard_and_merges(
    page_for, coordinator: Session, tmp_path: Path, qtbot
) -> None:
    demo = arrived_demo_person(coordinator)
    again = register_again(coordinator, tmp_path, demo["registration_id"])
    page = page_for(coordinator)
    before = page.open_count()
    page.select_pair(pair_of(coordinator, demo["id"]))
    panel = page.panel
    assert panel is not None
    # The one checked in is suggested; the fields that differ each offer both values.
    assert panel.keep_id() == demo["id"]
    assert {"phone", "a_number", "household_id"} <= set(panel.groups)
    assert "paternal_surname" not in panel.groups
    assert panel.take_other() == set()
    keep = panel.keep_column()
    phone = panel.groups["phone"]
    page.activateWindow()
    phone.button(keep).setFocus()
    qtbot.waitUntil(phone.button(keep).hasFocus)
    qtbot.keyClick(phone.button(keep), Qt.Key.Key_Right if keep == FIRST else Qt.Key.Key_Left)
    assert phone.checkedId() == 1 - keep and panel.take_other() == {"phone"}

    read = answer_boxes("&Merge")
    with qtbot.waitSignal(page.count_changed):
        qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    assert f"Merge {again['registration_id']} into {demo['registration_id']}?" in read[0]
    assert f"Phone: {NEW_PHONE}" in read[0]
    kept = queries.find_person(coordinator.store, again["registration_id"])
    assert kept["id"] == demo["id"] and kept["phone"] == NEW_PHONE
    assert kept["a_number"] == demo["a_number"]
    assert page.open_count() == before - 1
    assert f"{again['registration_id']} now finds" in page.message_label.text()


def test_choosing_the_other_registration_brings_its_values(
    page_for, coordinator: Session, tmp_path: Path
) -> None:
    demo = arrived_demo_person(coordinator)
    register_again(coordinator, tmp_path, demo["registration_id"])
    page = page_for(coordinator)
    page.select_pair(pair_of(coordinator, demo["id"]))
    panel = page.panel
    panel.choose_keep(1 - panel.keep_column())
    assert panel.take_other() == set() and panel.keep_id() != demo["id"]
    panel.choose("a_number", 1 - panel.keep_column())
    assert panel.take_other() == {"a_number"}


def test_two_registrations_both_checked_in_ask_once_more(
    page_for, coordinator: Session, tmp_path: Path, qtbot
) -> None:
    demo = arrived_demo_person(coordinator)
    again = register_again(coordinator, tmp_path, demo["registration_id"])
    check_in(coordinator.store, coordinator.actor, [again["id"]], frozenset(StopSign))
    page = page_for(coordinator)
    page.select_pair(pair_of(coordinator, demo["id"]))
    read = answer_boxes("&Merge", "Cancel")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(read) == 2)
    assert "checked in" in read[1] and again["registration_id"] in read[1]
    assert queries.find_person(coordinator.store, again["registration_id"])["id"] == again["id"]

    read = answer_boxes("&Merge", "Merge &anyway")
    qtbot.mouseClick(page.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(read) == 2)
    assert queries.find_person(coordinator.store, again["registration_id"])["id"] == demo["id"]


def test_not_the_same_person_closes_the_pair(
    page_for, coordinator: Session, tmp_path: Path, qtbot
) -> None:
    demo = arrived_demo_person(coordinator)
    again = register_again(coordinator, tmp_path, demo["registration_id"])
    page = page_for(coordinator)
    pair = pair_of(coordinator, demo["id"])
    page.select_pair(pair)
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    decided = coordinator.store.db.execute(
        "SELECT status, decided_by FROM possible_duplicate WHERE id = ?", [pair]
    ).fetchone()
    assert tuple(decided) == ("dismissed", "coordinator")
    assert page.model.row_of(pair) is None
    assert "stay apart" in page.message_label.text()
    assert queries.find_person(coordinator.store, again["registration_id"])["id"] == again["id"]
    if page.open_count() == 0:
        assert page.stack.currentWidget() is page.empty_label


def test_intake_may_dismiss_but_not_merge(
    page_for, demo_site: Path, tmp_path: Path, coordinator: Session
) -> None:
    demo = arrived_demo_person(coordinator)
    register_again(coordinator, tmp_path, demo["registration_id"])
    coordinator.close()
    intake = open_copy(demo_site, tmp_path, "intake")
    try:
        page = page_for(intake)
        page.select_pair(pair_of(intake, demo["id"]))
        assert page.dismiss_button.isEnabled() and not page.merge_button.isEnabled()
        assert "may not merge two registrations" in page.merge_button.toolTip()
    finally:
        intake.close()


def test_the_model_words_a_pair_without_widgets() -> None:
    first = PairPerson("p1", "REG-1", "Ana Pérez", "1990-04-02", "200000001", "H-1")
    second = PairPerson("p2", "REG-2", "Ana Peres", "1990-04-02", None, None)
    model = DuplicatePairsModel()
    model.set_pairs([OpenPair("d1", 91, "2021-03-01T18:00:00.000+00:00", first, second)])
    cells = [model.index(0, column).data() for column in range(model.columnCount())]
    assert cells == ["Ana Pérez / Ana Peres", "REG-1 / REG-2", "2 Apr 1990", "91 %"]
    tip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "A 200-000-001 · H-1" in tip and "Found on 1 Mar 2021" in tip
    assert model.index(0, 0).data(DuplicatePairsModel.PairIdRole) == "d1"
    assert model.row_of("d1") == 0 and model.row_of("d2") is None
