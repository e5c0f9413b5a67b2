"""The transport desk: a coordinator plans tomorrow's trip, prints it, and the next morning the
people board by scan at the vehicle's door; the trip closes with its no-shows.

Each test works on its own copy of the module's demo site, on the demo's reference day (1 March
2021 at the site), whose coordinator has tomorrow's two trips to plan: the bus at 07:30 and the
van at 10:00, to San Ysidro.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from staging.errors import Refused
from staging.people import queries
from staging.rules import person_status
from staging.rules.transport import Vehicle, daily_capacity, effective_seats
from staging.security.access import Session
from staging.transport.operations import add_trip, add_vehicle
from staging.transport.planning import plan, trips_of, waiting_households
from staging.transport.queries import roster, trip_counts, vehicles
from staging.wristbands.operations import issue_bands
from tests.helpers.desk import open_copy, scan
from ui import printing
from ui.dialogs.transport import AddTripDialog, AddVehicleDialog
from ui.language import set_language
from ui.main_window import MainWindow
from ui.models.transport_model import (
    BoardingModel,
    HouseholdsModel,
    NotPlannedModel,
    TripsModel,
    household_blocks,
    planner_day,
)
from ui.operations import Operations
from ui.workspaces.transport import TransportWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SHOTS = Path("/tmp/shots")
TODAY = date(2021, 3, 1)  # the demo's reference day at the site, a Monday
TOMORROW = TODAY + timedelta(days=1)
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def session(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path, user="coordinator")
    yield opened
    opened.close()


@pytest.fixture
def trip(session: Session) -> str:
    """Tomorrow's first trip to the site's port: the demo's bus."""
    return trips_of(session.store, TOMORROW, "SYS")[0]["id"]


def add_spare_trip(session: Session, departs_at: str = "12:00") -> str:
    """A third trip tomorrow, empty: a household can always move to it."""
    store, actor = session.store, session.actor
    van = add_vehicle(store, actor, Vehicle("Van 3", rows=5, seats_per_row=3)).value
    return add_trip(store, actor, TOMORROW, "SYS", departs_at, van).value


@pytest.fixture
def desk(qtbot, session: Session, trip: str) -> Iterator[TransportWorkspace]:
    """The desk shown on its planner; deleted (with its dialogs) before its database closes."""
    widget = TransportWorkspace(session, Operations())
    widget.resize(1280, 620)  # the workspace's share of a 1280×680 window
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    yield widget
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def key(qtbot, keys: str | Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key combination pressed on whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def mnemonic(qtbot, letter: str, done: Callable[[], bool]) -> None:
    """Alt+letter on a button or a tick: it clicks itself a moment later (Qt animates it)."""
    key(qtbot, letter, ALT)
    qtbot.waitUntil(done)


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
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(50, answer)
    return seen


def answer_questions(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:
    """Every confirmation gets `answer`; returns the questions asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args) -> QMessageBox.StandardButton:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def next_morning(qtbot, session: Session, desk: TransportWorkspace) -> None:
    """The site's clock moves to the day of the trip; F4 opens the boarding screen on it."""
    session.store.clock.advance(timedelta(days=1))
    key(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: desk.boarding.scan_field.hasFocus())


def statuses(session: Session, trip_id: str) -> dict[str, str]:
    return {seat.person.id: seat.status for seat in roster(session.store, trip_id)}


# --- the models, without widgets -----------------------------------------------------------------


def test_the_planner_models_word_the_day_before_and_after_planning(
    session: Session, trip: str
) -> None:
    store, role = session.store, session.actor.role
    capacity = daily_capacity(store.policy().transport, "SYS", TOMORROW)
    before = planner_day(store, TOMORROW, "SYS", role)
    assert before.problem is None and before.capacity == capacity and before.planned == 0
    waiting = NotPlannedModel()
    waiting.set_rows(before.not_planned)
    why = [waiting.data(waiting.index(r, waiting.COL_WHY)) for r in range(waiting.rowCount())]
    assert "Ready: Plan the day gives a seat" in why  # seated once the plan is made
    assert "Form EOIR-33 not complete" in why  # a blocker, as the coordinator may read it
    # Yesterday's no-show household is back in the queue, saying so.
    assert any(line.no_show_before for line in before.not_planned)
    assert any(text.endswith("Did not show up for the trip") for text in why)

    plan(store, session.actor, TOMORROW, "SYS")
    after = planner_day(store, TOMORROW, "SYS", role)
    line = after.trips[0]
    row = line.trip
    seats = effective_seats(
        Vehicle(row["vehicle"], row["rows"], row["seats_per_row"]), store.policy().transport
    )
    assert line.id == trip and line.effective == seats and 0 < line.used <= seats
    assert after.planned == sum(trip_line.used for trip_line in after.trips) <= capacity
    trips = TripsModel()
    trips.set_rows(after.trips)
    assert trips.data(trips.index(0, trips.COL_SEATS)) == f"{line.used} / {seats}"
    assert trips.data(trips.index(0, trips.COL_SEATS), trips.FillRole) == line.used / seats
    assert trips.data(trips.index(0, trips.COL_DEPARTS)) == "07:30"
    assert trips.data(trips.index(0, trips.COL_STATE)) == "Open"
    assert trips.data(trips.index(0, 0), trips.TripIdRole) == trip

    blocks = HouseholdsModel()
    blocks.set_rows(household_blocks(line.seats))
    assert sum(len(block.seats) for block in blocks.rows()) == line.used
    first = blocks.row(0)
    people = blocks.data(blocks.index(0, blocks.COL_PEOPLE))
    assert people.startswith(f"{first.seats[0].seat} {first.seats[0].person.full_name}")
    assert blocks.data(blocks.index(0, 0), blocks.HouseholdIdRole) == first.household_id
    assert blocks.data(blocks.index(0, blocks.COL_LOCKED)) == ""

    waiting.set_rows(after.not_planned)
    why = [waiting.data(waiting.index(r, waiting.COL_WHY)) for r in range(waiting.rowCount())]
    assert all(line.reasons for line in after.not_planned)  # everyone ready has a seat
    waiting.set_language("es")  # the codes' words; headers follow the installed translation
    spanish = [waiting.data(waiting.index(r, waiting.COL_WHY)) for r in range(waiting.rowCount())]
    assert "Formulario EOIR-33 incompleto" in spanish

    boarding = BoardingModel()
    boarding.set_rows(line.seats)
    assert boarding.data(boarding.index(0, boarding.COL_STATUS)) == "Not yet boarded"
    assert boarding.data(boarding.index(0, 0), boarding.StatusRole) == "planned"


def test_a_day_without_an_open_trip_says_so_and_still_lists_who_waits(session: Session) -> None:
    """No trip to plan yet: the queue in priority order, each person with their blockers."""
    store, role = session.store, session.actor.role
    later = TOMORROW + timedelta(days=1)
    day = planner_day(store, later, "SYS", role)
    assert day.trips == () and day.notes == ()
    assert isinstance(day.problem, Refused) and "No open trip" in day.problem.message_en
    queue = [
        person.id for household in waiting_households(store, later) for person in household.members
    ]
    assert [line.person.id for line in day.not_planned] == queue  # nobody is on a trip yet
    policy = store.policy()
    for line in day.not_planned:
        assert line.reasons == person_status(line.person, later, policy, role).blockers
        assert not line.on_a_trip
    waiting = NotPlannedModel()
    waiting.set_rows(day.not_planned)
    why = [waiting.data(waiting.index(r, waiting.COL_WHY)) for r in range(waiting.rowCount())]
    assert "Ready: Plan the day gives a seat" in why  # no blockers: seated once a trip is added
    assert "Form EOIR-33 not complete" in why
    assert any(text.endswith("Did not show up for the trip") for text in why)
    waiting.set_language("es")
    spanish = [waiting.data(waiting.index(r, waiting.COL_WHY)) for r in range(waiting.rowCount())]
    assert "Formulario EOIR-33 incompleto" in spanish

    # Once tomorrow is planned, those on its trips are not offered a seat the day after.
    plan(store, session.actor, TOMORROW, "SYS")
    seated = {
        seat.person.id for t in trips_of(store, TOMORROW, "SYS") for seat in roster(store, t["id"])
    }
    after = planner_day(store, later, "SYS", role)
    shown = {line.person.id for line in after.not_planned}
    assert seated and after.not_planned and not shown & seated


def test_the_planner_lists_who_waits_on_a_day_without_a_trip(
    desk: TransportWorkspace, session: Session
) -> None:
    planner = desk.planner
    planner.date_field.setDate(TOMORROW + timedelta(days=1))
    assert planner.trips_model.rowCount() == 0
    assert "No open trip" in planner.not_planned_caption.text()
    left = planner.not_planned_model
    assert left.rowCount() == len(planner.day_view.not_planned) > 0
    reasons = {left.data(left.index(r, left.COL_WHY)) for r in range(left.rowCount())}
    assert "Ready: Plan the day gives a seat" in reasons
    assert "Form EOIR-33 not complete" in reasons
    assert planner.households_caption.text() == "&Households: add a trip to this day first"


# --- planning ------------------------------------------------------------------------------------


def test_plan_the_day_fills_the_trips_and_says_who_stays_and_why(
    qtbot, desk: TransportWorkspace, session: Session, trip: str
) -> None:
    planner = desk.planner
    assert planner.day() == TOMORROW and planner.port() == "SYS"  # the site's port, tomorrow
    capacity = daily_capacity(session.store.policy().transport, "SYS", TOMORROW)
    assert planner.capacity_label.text() == f"Port's capacity: 0 of {capacity} people"
    planner.trips_view.setFocus()
    key(qtbot, "d", CTRL)

    planned = [
        seat
        for t in trips_of(session.store, TOMORROW, "SYS")
        for seat in roster(session.store, t["id"])
    ]
    on_trip = roster(session.store, trip)
    assert on_trip and all(seat.status == "planned" for seat in planned)
    assert planner.message_label.text().startswith(f"✔ Planned: {len(planned)} people")
    assert planner.capacity_label.text().endswith(f" {len(planned)} of {capacity} people")
    assert planner.capacity_bar.value() == len(planned)
    assert planner.trip_id == trip  # the first trip's households are shown
    model = planner.households_model
    assert model.rowCount() == len({seat.person.household_id for seat in on_trip})
    shown = " ".join(
        model.data(model.index(row, model.COL_PEOPLE)) for row in range(model.rowCount())
    )
    assert all(f"{seat.seat} {seat.person.full_name}" in shown for seat in on_trip)
    left = planner.not_planned_model
    reasons = {left.data(left.index(r, left.COL_WHY)) for r in range(left.rowCount())}
    assert "Held by the medical team" in reasons
    assert "Form EOIR-33 not complete" in reasons
    assert f"Not planned ({left.rowCount()})" in planner.not_planned_caption.text()


def test_a_household_is_moved_to_another_trip_and_locked_there(
    qtbot, desk: TransportWorkspace, session: Session, trip: str
) -> None:
    store = session.store
    spare = add_spare_trip(session)
    planner = desk.planner
    planner.plan_button.click()
    planner.trips_view.selectRow(planner.trips_model.row_of(trip))
    household = planner.households_model.row(0)
    planner.move_box.setCurrentIndex(planner.move_box.findData(spare))
    assert planner.move_box.currentText() == "Van 3 at 12:00"
    mnemonic(qtbot, "e", lambda: "moved to Van 3" in planner.message_label.text())

    moved = [
        seat for seat in roster(store, spare) if seat.person.household_id == household.household_id
    ]
    assert len(moved) == len(household.seats) and all(seat.locked for seat in moved)
    assert planner.trip_id == spare  # the desk follows the household
    row = planner.households_model.row_of(household.household_id)
    assert (
        planner.households_model.data(
            planner.households_model.index(row, HouseholdsModel.COL_LOCKED)
        )
        == "Locked"
    )
    assert "moved to Van 3 at 12:00 and locked there" in planner.message_label.text()

    planner.households_view.selectRow(row)
    assert planner.lock_button.text() == "Unloc&k"
    planner.lock_button.click()
    assert not any(seat.locked for seat in roster(store, spare))
    assert "is unlocked" in planner.message_label.text()


def test_a_vehicle_and_a_trip_are_added_with_the_dialogs(
    qtbot, desk: TransportWorkspace, session: Session
) -> None:
    planner = desk.planner

    def vehicle(dialog: AddVehicleDialog) -> None:
        dialog.save()  # no name yet
        assert "Name the vehicle" in dialog.error_label.text()
        dialog.name_field.setText("Van 3")
        dialog.rows_field.setValue(5)
        dialog.seats_field.setValue(3)
        assert "at most 9 people" in dialog.carries_label.text()  # rows 1, 3 and 5
        dialog.save()

    seen = answer_dialog(AddVehicleDialog, vehicle)
    planner.vehicle_button.click()
    assert seen and "Van 3 is on the list" in planner.message_label.text()
    van = next(v for v in vehicles(session.store) if v["name"] == "Van 3")

    def trip(dialog: AddTripDialog) -> None:
        dialog.vehicle_box.setCurrentIndex(dialog.vehicle_box.findData(van["id"]))
        dialog.departs_field.setTime(dialog.departs_field.time().addSecs(90 * 60))
        dialog.save()

    seen = answer_dialog(AddTripDialog, trip)
    planner.trip_button.click()
    assert seen
    trips = planner.trips_model
    departures = [trips.data(trips.index(r, trips.COL_DEPARTS)) for r in range(trips.rowCount())]
    assert departures == ["07:30", "09:00", "10:00"]  # between the demo's bus and van
    assert "Trip added: Van 3 at 09:00" in planner.message_label.text()


def test_the_roster_prints_and_the_manifest_is_saved_for_the_people_planned(
    qtbot, desk: TransportWorkspace, session: Session, trip: str, monkeypatch, tmp_path: Path
) -> None:
    planner = desk.planner
    planner.print_button.click()
    assert "plan the day first" in planner.message_label.text()
    planner.plan_button.click()
    travelling = [
        seat
        for t in trips_of(session.store, TOMORROW, "SYS")
        for seat in roster(session.store, t["id"])
    ]
    sheets = sum(1 for line in planner.day_view.trips if line.used)  # one a trip with people

    monkeypatch.setattr(printing, "ask_destination", lambda *args: printing.Destination.FILE)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "roster"), "")
    )
    planner.trips_view.setFocus()
    key(qtbot, "p", CTRL)
    with pdfplumber.open(tmp_path / "roster.pdf") as pdf:
        text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert all(seat.person.full_name in text for seat in travelling)
    assert f"{sheets} roster sheet(s)" in planner.message_label.text()

    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *args: (str(tmp_path / "manifest"), "CSV files (*.csv)"),
    )
    key(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    written = (tmp_path / "manifest.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(written)))
    assert [(row["seat"], row["first_name"]) for row in rows] == [
        (seat.seat, seat.person.given_names) for seat in travelling
    ]
    assert f"{len(travelling)} people" in planner.message_label.text()


# --- boarding ------------------------------------------------------------------------------------


def test_boarding_by_scan_counts_people_and_stops_anyone_not_on_the_trip(
    qtbot, desk: TransportWorkspace, session: Session, trip: str
) -> None:
    desk.planner.plan_button.click()
    on_trip = roster(session.store, trip)
    first, second = on_trip[0].person, on_trip[1].person
    band = issue_bands(session.store, session.actor, [second.id]).value[second.id]
    next_morning(qtbot, session, desk)
    boarding = desk.boarding
    assert boarding.trip_id() == trip
    assert boarding.count_label.text() == f"Boarded 0 / {len(on_trip)}"

    scan(qtbot, boarding, first.registration_id)  # the CDC sheet not ticked yet
    assert "travellers' instructions" in boarding.result_label.text()
    assert trip_counts(session.store, trip) == (0, len(on_trip))
    # Ticked, and the keyboard stays in the scan field.
    mnemonic(qtbot, "i", boarding.instructions_box.isChecked)
    assert QApplication.focusWidget() is boarding.scan_field
    scan(qtbot, boarding, first.registration_id)
    assert boarding.result_label.text() == f"✔ {first.full_name} — seat {on_trip[0].seat}"
    assert boarding.count_label.text() == f"Boarded 1 / {len(on_trip)}"

    mnemonic(qtbot, "p", lambda: boarding.mask() == "provided")  # handed out
    # The ticks stay set for the next person.
    scan(qtbot, boarding, band)  # the wristband
    assert boarding.count_label.text() == f"Boarded 2 / {len(on_trip)}"
    assert boarding.mask() == "provided" and boarding.instructions_box.isChecked()
    row = boarding.model.row_of(second.id)
    assert boarding.model.data(boarding.model.index(row, BoardingModel.COL_STATUS)) == "Boarded"

    stranger = planner_day(session.store, TOMORROW, "SYS", session.actor.role).not_planned[0]
    scan(qtbot, boarding, stranger.person.registration_id)  # waiting, not on this trip
    assert boarding.result_label.text().startswith(
        f"✖ STOP: {stranger.person.full_name} is not on this trip"
    )
    assert trip_counts(session.store, trip) == (2, len(on_trip))
    assert QApplication.focusWidget() is boarding.scan_field and not boarding.scan_field.text()


def test_an_adult_is_not_exempt_from_the_mask(
    qtbot, desk: TransportWorkspace, session: Session, trip: str
) -> None:
    desk.planner.plan_button.click()
    adult = next(
        seat.person
        for seat in roster(session.store, trip)
        if seat.person.date_of_birth and (TOMORROW - seat.person.date_of_birth).days > 3 * 365
    )
    next_morning(qtbot, session, desk)
    boarding = desk.boarding
    mnemonic(qtbot, "i", boarding.instructions_box.isChecked)
    mnemonic(qtbot, "e", lambda: boarding.mask() == "exempt")  # exempt (under 2)
    scan(qtbot, boarding, adult.registration_id)
    assert "Only children under 2 travel without a mask" in boarding.result_label.text()
    assert statuses(session, trip)[adult.id] == "planned"


def test_closing_the_trip_names_the_no_shows_and_the_arrival_ends_the_journey(
    qtbot, desk: TransportWorkspace, session: Session, trip: str, monkeypatch
) -> None:
    desk.planner.plan_button.click()
    on_trip = roster(session.store, trip)
    next_morning(qtbot, session, desk)
    boarding = desk.boarding
    mnemonic(qtbot, "i", boarding.instructions_box.isChecked)
    for seat in on_trip[:-1]:
        scan(qtbot, boarding, seat.person.registration_id)
    absent = on_trip[-1].person

    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.No)
    mnemonic(qtbot, "c", lambda: bool(asked))
    assert absent.full_name in asked[0] and "1 did not board" in asked[0]
    assert statuses(session, trip)[absent.id] == "planned"  # not closed: asked first

    asked = answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    mnemonic(qtbot, "c", lambda: bool(asked))
    assert statuses(session, trip)[absent.id] == "no_show"
    assert "1 no-show(s) back in the queue" in boarding.result_label.text()
    assert boarding.count_label.text() == f"Boarded {len(on_trip) - 1} / {len(on_trip) - 1}"
    assert not boarding.close_button.isEnabled() and boarding.arrival_button.isEnabled()
    row = boarding.model.row_of(absent.id)
    assert boarding.model.data(boarding.model.index(row, BoardingModel.COL_STATUS)) == (
        "Did not show up for the trip"
    )
    assert QApplication.focusWidget() is boarding.scan_field

    answer_questions(monkeypatch, QMessageBox.StandardButton.Yes)
    mnemonic(qtbot, "r", lambda: "Delivered" in boarding.result_label.text())  # Arrived
    assert f"Delivered to CBP: {len(on_trip) - 1} people" in boarding.result_label.text()
    delivered = queries.person_from_row(queries.find_person(session.store, on_trip[0].person.id))
    assert delivered.travel.delivered_at is not None
    # The no-show is back in the planner's queue, saying so (F3: the planner, read again).
    key(qtbot, Qt.Key.Key_F3)
    planner = desk.planner
    planner.date_field.setDate(session.store.today())
    line = next(line for line in planner.day_view.not_planned if line.person.id == absent.id)
    assert line.no_show_before
    assert "Did not show up for the trip" in planner.not_planned_model.why(line)


# --- who may plan --------------------------------------------------------------------------------


def test_the_intake_desk_sees_only_the_boarding_screen(
    qtbot, demo_site: Path, tmp_path: Path
) -> None:
    intake = open_copy(demo_site, tmp_path, user="intake")
    desk = TransportWorkspace(intake, Operations())
    try:
        assert desk.pages.currentWidget() is desk.boarding
        assert not desk.planner_button.isEnabled()
        assert "may not plan trips" in desk.planner_button.toolTip()
        desk.show_planner()
        assert desk.pages.currentWidget() is desk.boarding
        assert not desk.planner.plan_button.isEnabled()
        assert desk.boarding.state_label.text() == "No trip leaves today: plan one first."
    finally:
        desk.close()
        desk.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        intake.close()


# --- how it looks --------------------------------------------------------------------------------


def test_screenshots_in_english_and_spanish(
    qtbot, desk_windows, session: Session, trip: str, demo_site: Path, tmp_path: Path
) -> None:
    """Screenshots to look at (/tmp/shots); the window keeps its size in both languages."""
    store, actor = session.store, session.actor
    window = MainWindow(session, tmp_path / demo_site.name)
    desk_windows.append(window)
    window.resize(1280, 680)
    window.show()
    qtbot.waitExposed(window)
    desk = window.workspaces["transport"]
    window.tabs.setCurrentWidget(desk)
    window.activateWindow()
    desk.planner.plan_button.click()
    SHOTS.mkdir(exist_ok=True)
    for language in ("en", "es"):
        set_language(language)
        qtbot.wait(50)  # laid out again for the new words
        assert (window.width(), window.height()) == (1280, 680)
        assert window.minimumSizeHint().height() <= 680
        assert window.minimumSizeHint().width() <= 1280
        window.grab().save(str(SHOTS / f"transport_planner_{language}.png"))
    set_language("en")
    on_trip = roster(store, trip)
    next_morning(qtbot, session, desk)
    mnemonic(qtbot, "i", desk.boarding.instructions_box.isChecked)
    scan(qtbot, desk.boarding, on_trip[0].person.registration_id)
    scan(qtbot, desk.boarding, on_trip[1].person.registration_id)
    stranger = planner_day(store, store.today(), "SYS", actor.role).not_planned[0]
    scan(qtbot, desk.boarding, stranger.person.registration_id)
    for language in ("en", "es"):
        set_language(language)
        qtbot.wait(50)
        assert (window.width(), window.height()) == (1280, 680)
        window.grab().save(str(SHOTS / f"transport_boarding_{language}.png"))


def test_a_scan_at_the_door_does_not_plan_the_day_again(
    qtbot, desk: TransportWorkspace, session: Session, trip: str, monkeypatch
) -> None:
    """Planning reads the whole queue (0.4 s at 100,000 people): the hidden planner waits until
    it is shown again instead of redoing it on every boarding scan."""
    desk.planner.plan_button.click()
    on_trip = roster(session.store, trip)
    next_morning(qtbot, session, desk)
    planned: list[object] = []
    monkeypatch.setattr(desk.planner, "refresh", lambda: planned.append(1))
    mnemonic(qtbot, "i", desk.boarding.instructions_box.isChecked)
    scan(qtbot, desk.boarding, on_trip[0].person.registration_id)
    assert statuses(session, trip)[on_trip[0].person.id] == "boarded"
    assert planned == []
    key(qtbot, Qt.Key.Key_F3)
    assert planned == [1]
