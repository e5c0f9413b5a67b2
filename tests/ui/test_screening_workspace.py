"""The screening desk, driven by a screener's keyboard: scan, questionnaire, timer, result, save.

Each test works on its own copy of the module's demo site, opened as the screener, with a
BinaxNOW kit (read at 15–30 min), a good lot, an expired lot and an isolation place added
through the supplies operations. The desk's clock is frozen: the tests move it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from staging.changes import Changes, Kind
from staging.clock import FrozenClock
from staging.domain import Role
from staging.domain import ScreeningOutcome as Outcome
from staging.intake.operations import check_in
from staging.isolation.operations import FollowUpEntry, record_follow_up, release
from staging.people import queries
from staging.rules import StopSign
from staging.rules.screening import (
    Answers,
    AntigenResult,
    Condition,
    ReadPhase,
    ScreeningBlocker,
    Symptom,
)
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.queries import medical_record, screening_queue
from staging.screening.supplies import (
    KNOWN_KITS,
    add_isolation_place,
    add_kit_lot,
    add_kit_type,
    isolation_places,
    kit_types,
    lot_choices,
)
from staging.security.access import Session
from staging.store.store import Actor
from staging.vocabulary import label
from tests.helpers.desk import open_copy, press, scan
from ui.dialogs.clinical_review import ClinicalReviewDialog
from ui.dialogs.medical_supplies import MedicalSuppliesDialog
from ui.language import set_language
from ui.main_window import MainWindow
from ui.models.screening_queue_model import ScreeningQueueModel
from ui.operations import Operations
from ui.widgets.badges import Tone
from ui.workspaces.screening import ScreeningWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHOTS = Path("/tmp/shots")


@dataclass(frozen=True)
class Supplies:
    lot: str
    expired_lot: str
    place: str


@pytest.fixture
def session(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path, user="screener")
    yield opened
    opened.close()


@pytest.fixture
def clock(session: Session) -> FrozenClock:
    assert isinstance(session.store.clock, FrozenClock)
    return session.store.clock


@pytest.fixture
def supplies(session: Session) -> Supplies:
    """A BinaxNOW lot in date, an expired one and a place, added by the screener (the kit
    type too, if the demo site has none)."""
    store, screener = session.store, session.actor
    binax = KNOWN_KITS[0]
    kit_id = next((i for i, kit in kit_types(store) if kit.name == binax.name), None)
    if kit_id is None:
        kit_id = add_kit_type(store, screener, binax).value
    today = store.today()
    return Supplies(
        lot=add_kit_lot(store, screener, kit_id, "T-NEW", today + timedelta(days=120)).value,
        expired_lot=add_kit_lot(store, screener, kit_id, "T-OLD", today - timedelta(days=1)).value,
        place=add_isolation_place(store, screener, "Hotel Prueba", "Av. Revolución 1").value,
    )


@pytest.fixture
def desk(qtbot, session: Session, supplies: Supplies) -> Iterator[ScreeningWorkspace]:
    """The desk shown and ready; deleted (with its dialogs) before its database is closed, so
    a later language change never reaches it."""
    widget = ScreeningWorkspace(session, Operations())
    widget.resize(1280, 620)  # the workspace's share of a 1280×680 window
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: widget.scan_field.hasFocus())
    yield widget
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def adults_waiting(session: Session) -> list[str]:
    """Registration ids of checked-in adults who need a first screening, in queue order."""
    waiting = screening_queue(session.store, session.actor, session.store.today())
    return [
        w.person.registration_id
        for w in waiting
        if w.why is ScreeningBlocker.NOT_SCREENED and w.person.date_of_birth.year < 2000
    ]


def person_id(session: Session, registration: str) -> str:
    return queries.find_person(session.store, registration)["id"]


def screenings(session: Session, registration: str) -> list[dict]:
    return medical_record(session.store, session.actor, person_id(session, registration)).screenings


def key(qtbot, keys: str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key combination pressed on whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def fill_negative_test(
    qtbot, desk: ScreeningWorkspace, clock: FrozenClock, temperature: str
) -> None:
    """Temperature, timer, the kit's 15 minutes, a negative reading: all by keyboard."""
    key(qtbot, "t", ALT)
    assert QApplication.focusWidget() is desk.form.temperature_field
    qtbot.keyClicks(desk.form.temperature_field, temperature)
    key(qtbot, "t", CTRL)
    clock.advance(timedelta(minutes=16))
    key(qtbot, "n", ALT)


# --- the queue, without widgets ------------------------------------------------------------------


def test_queue_model_shows_who_waits_and_why_reviews_first(
    qapp, session: Session, supplies: Supplies, clock: FrozenClock
) -> None:
    store, screener = session.store, session.actor
    first, second = adults_waiting(session)[:2]
    coughing = ScreeningEntry(
        person_id(session, second),
        Answers(symptoms=frozenset({Symptom.COUGH}), onset=store.today()),
        36.9,
        kit_lot_id=supplies.lot,
        collected_at=clock.now() - timedelta(minutes=20),
        read_at=clock.now(),
        result=AntigenResult.NEGATIVE,
    )
    assert record_screening(store, screener, coughing).value.outcome is Outcome.CLINICAL_REVIEW

    zone = store.policy().site.timezone
    model = ScreeningQueueModel(zone, store.today(), "es")
    model.set_waiting(screening_queue(store, screener, store.today()), zone, store.today())
    reviewed, waiting = (
        model.row_of(person_id(session, second)),
        model.row_of(person_id(session, first)),
    )
    assert reviewed < waiting  # waiting on a decision: before first screenings
    assert model.data(model.index(reviewed, model.COL_WHY)) == label("clinical_review", "es")
    assert model.data(model.index(reviewed, 0), model.WhyRole) is ScreeningBlocker.CLINICAL_REVIEW
    assert model.data(
        model.index(reviewed, model.COL_WHY), Qt.ItemDataRole.BackgroundRole
    ) == QColor(Tone.WAITING.value[0])
    row = model.waiting(waiting)
    assert model.data(model.index(waiting, model.COL_WHY)) == label("not_screened", "es")
    assert model.data(model.index(waiting, model.COL_NAME)) == row.person.full_name
    assert model.data(model.index(waiting, model.COL_HOUSEHOLD)) == row.household_external_id
    arrived = datetime.fromisoformat(row.checked_in_at).astimezone(ZoneInfo(zone))
    assert arrived.date() == store.today()  # checked in today: the time alone
    assert model.data(model.index(waiting, model.COL_ARRIVED)) == f"{arrived:%H:%M}"

    assert model.data(model.index(waiting, model.COL_TEST)) == ""
    model.set_developing({person_id(session, first): clock.now()})
    assert model.data(model.index(waiting, model.COL_TEST)) == "10:00"


# --- a screening by keyboard ---------------------------------------------------------------------


def test_a_screening_by_keyboard_ends_cleared_with_its_validity(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    assert desk.person is not None and desk.person.registration_id == registration
    assert QApplication.focusWidget() is desk.form.first_field()  # the first question

    key(qtbot, "t", ALT)
    qtbot.keyClicks(desk.form.temperature_field, "36.8")
    key(qtbot, "t", CTRL)
    timer = desk.form.kit_timer
    assert timer.started_at is not None and timer.phase() is ReadPhase.DEVELOPING
    assert "Read at 15 min (not after 30)" in timer.text()
    assert (
        desk.queue_model.data(
            desk.queue_model.index(
                desk.queue_model.row_of(desk.person.id), ScreeningQueueModel.COL_TEST
            )
        )
        == "10:00"
    )
    clock.advance(timedelta(minutes=16))
    timer.refresh()
    assert timer.phase() is ReadPhase.READ_NOW and "READ NOW" in timer.text()
    key(qtbot, "n", ALT)
    assert desk.form.result() is AntigenResult.NEGATIVE
    assert "Cleared" in desk.form.preview_label.text()
    key(qtbot, "s", CTRL)

    saved = screenings(session, registration)
    assert len(saved) == 1
    assert (saved[0]["outcome"], saved[0]["result"], saved[0]["temperature_c"]) == (
        "cleared",
        "negative",
        36.8,
    )
    assert saved[0]["lot_number"] == "T-NEW"
    record = queries.find_person(session.store, registration)
    assert queries.person_from_row(record).health.outcome is Outcome.CLEARED
    message = desk.message_label.text()
    assert "Cleared, valid through 4 Mar 2021" in message and "Negative and well" in message
    assert Tone.GOOD.value[0] in desk.message_label.styleSheet()
    # Ready for the next person: an empty form, the scan field, and one fewer in the queue.
    assert QApplication.focusWidget() is desk.scan_field
    assert desk.person is None and not desk.form.isEnabled()
    assert desk.form.temperature_field.text() == "" and desk.form.result() is None
    assert timer.started_at is None and "Timer not started" in timer.text()
    assert desk.queue_model.row_of(record["id"]) is None


def test_a_positive_goes_to_isolation_in_the_place_chosen(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    key(qtbot, "t", ALT)
    qtbot.keyClicks(desk.form.temperature_field, "37.9")
    key(qtbot, "t", CTRL)
    clock.advance(timedelta(minutes=15))
    assert not desk.form.place_box.isEnabled()  # no outcome needs a place yet
    key(qtbot, "p", ALT)
    assert desk.form.place_box.isEnabled()
    assert "Isolation" in desk.form.preview_label.text()
    key(qtbot, "c", ALT)
    assert QApplication.focusWidget() is desk.form.place_box
    desk.form.place_box.setCurrentIndex(
        desk.form.place_box.findText("Hotel Prueba", Qt.MatchFlag.MatchStartsWith)
    )
    key(qtbot, "s", CTRL)

    record = medical_record(session.store, session.actor, person_id(session, registration))
    assert [s["outcome"] for s in record.screenings] == ["isolation"]
    assert [e["place"] for e in record.episodes] == ["Hotel Prueba"]
    assert "Isolation (Positive test)" in desk.message_label.text()
    assert Tone.BLOCKED.value[0] in desk.message_label.styleSheet()
    assert desk.queue_model.row_of(record.person.id) is None  # followed up elsewhere now


def test_a_refused_save_keeps_the_form_to_be_corrected_and_saved_again(
    qtbot, desk: ScreeningWorkspace, session: Session, supplies: Supplies, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    form = desk.form
    fill_negative_test(qtbot, desk, clock, "3.7")

    key(qtbot, "s", CTRL)
    assert "3.7 °C is not a body temperature" in desk.message_label.text()
    assert screenings(session, registration) == []
    assert form.temperature_field.text() == "3.7"  # nothing cleared
    assert form.result() is AntigenResult.NEGATIVE and form.started_at is not None
    assert desk.person is not None and desk.person.registration_id == registration

    form.temperature_field.setText("36.8")
    form.lot_box.setCurrentIndex(form.lot_box.findData(supplies.expired_lot))
    assert "EXPIRED" in form.lot_box.currentText()
    key(qtbot, "s", CTRL)
    assert "T-OLD expired on 2021-02-28" in desk.message_label.text()
    assert screenings(session, registration) == []

    # A new kit from the good lot, read after 5 minutes: too early, said in minutes.
    form.lot_box.setCurrentIndex(form.lot_box.findData(supplies.lot))
    key(qtbot, "t", CTRL)
    clock.advance(timedelta(minutes=5))
    key(qtbot, "s", CTRL)
    assert "only 5 min have passed. Wait 10 more minutes" in desk.message_label.text()
    assert screenings(session, registration) == []
    assert form.temperature_field.text() == "36.8" and form.result() is AntigenResult.NEGATIVE

    clock.advance(timedelta(minutes=10))
    key(qtbot, "s", CTRL)
    assert [s["outcome"] for s in screenings(session, registration)] == ["cleared"]


def test_a_future_onset_date_is_refused_and_kept(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    form = desk.form
    assert not form.onset_field.isEnabled()
    press(qtbot, Qt.Key.Key_Space)  # the first question: fever or chills
    assert form.onset_field.isEnabled()
    tomorrow = session.store.today() + timedelta(days=1)
    form.onset_field.setDate(tomorrow)
    fill_negative_test(qtbot, desk, clock, "36.8")
    key(qtbot, "s", CTRL)
    assert "onset date 2021-03-02 is in the future" in desk.message_label.text()
    assert screenings(session, registration) == []
    assert form.onset_field.date().toPython() == tomorrow
    assert form.symptom_boxes[Symptom.FEVER_OR_CHILLS].isChecked()


def test_text_the_form_cannot_read_is_said_before_anything_is_sent(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    fill_negative_test(qtbot, desk, clock, "36,8")  # a decimal comma is a number
    desk.form.read_field.setText("25:99")
    key(qtbot, "s", CTRL)
    assert "Write the time as hours and minutes" in desk.message_label.text()
    assert QApplication.focusWidget() is desk.form.read_field
    desk.form.read_field.setText("10:16")
    key(qtbot, "s", CTRL)
    assert [s["temperature_c"] for s in screenings(session, registration)] == [36.8]


# --- clinical review -----------------------------------------------------------------------------


def test_clinical_review_is_left_pending_then_decided_from_the_queue(
    qtbot,
    desk: ScreeningWorkspace,
    session: Session,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # the second question: cough
    assert desk.form.symptom_boxes[Symptom.COUGH].isChecked()
    fill_negative_test(qtbot, desk, clock, "36.9")
    assert desk.form.decision_box.isEnabled()
    assert "Clinical review (Symptoms)" in desk.form.preview_label.text()
    key(qtbot, "s", CTRL)  # left pending
    assert "Clinical review (Symptoms)" in desk.message_label.text()
    row = desk.queue_model.row_of(person_id(session, registration))
    assert desk.queue_model.waiting(row).why is ScreeningBlocker.CLINICAL_REVIEW

    def decide(dialog: ClinicalReviewDialog) -> int:
        assert "Cough" in dialog.found_label.text()
        dialog.save()
        assert "Choose cleared or isolation" in dialog.error_label.text()
        dialog.decisions[Outcome.CLEARED].setChecked(True)
        dialog.save()
        assert "Write why" in dialog.error_label.text()
        dialog.note_field.setPlainText("Smoker's cough, known for years")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ClinicalReviewDialog, "exec", decide)
    key(qtbot, Qt.Key.Key_F4)
    assert QApplication.focusWidget() is desk.queue_view
    row = desk.queue_model.row_of(person_id(session, registration))
    desk.queue_view.setCurrentIndex(desk.queue_model.index(row, 0))
    press(qtbot, Qt.Key.Key_Return)
    outcomes = [(s["kind"], s["outcome"]) for s in screenings(session, registration)]
    assert outcomes == [("screening", "clinical_review"), ("review", "cleared")]
    assert "Cleared, valid through" in desk.message_label.text()
    assert desk.queue_model.row_of(person_id(session, registration)) is None


def test_the_screener_may_decide_a_clinical_review_on_the_form(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    registration = adults_waiting(session)[0]
    scan(qtbot, desk, registration)
    form = desk.form
    form.felt_feverish.setChecked(True)
    fill_negative_test(qtbot, desk, clock, "37.0")
    form.decision_buttons[Outcome.ISOLATION].setChecked(True)
    assert "Write why" in form.preview_label.text()
    key(qtbot, "s", CTRL)
    assert "Write why you decided" in desk.message_label.text()
    assert screenings(session, registration) == []
    form.decision_note.setText("Fever for three days, sibling positive")
    assert form.place_box.isEnabled()
    key(qtbot, "s", CTRL)
    saved = screenings(session, registration)
    assert [(s["outcome"], s["reasons"]) for s in saved] == [
        ("isolation", ["fever", "clinician_decided"])
    ]


# --- who is screened how -------------------------------------------------------------------------


def test_a_baby_is_screened_without_a_test(
    qtbot, desk: ScreeningWorkspace, session: Session
) -> None:
    two_years_ago = session.store.today().replace(year=session.store.today().year - 2)
    baby = session.store.db.execute(
        "SELECT id FROM person_facts WHERE date_of_birth > ? AND screening_outcome IS NULL",
        [two_years_ago.isoformat()],
    ).fetchone()[0]
    intake = Actor("intake", Role.INTAKE)
    desk.operations.run(
        lambda: check_in(session.store, intake, [baby], frozenset(StopSign)), pytest.fail
    )
    assert desk.queue_model.row_of(baby) is not None  # the check-in reached the queue

    desk.pick(baby)
    form = desk.form
    assert not form.test_box.isEnabled() and form.exempt_label.isVisible()
    assert "Under 2: not tested" in form.mode_label.text()
    key(qtbot, "t", ALT)
    qtbot.keyClicks(form.temperature_field, "98.6")
    form.unit_button.click()  # °F
    assert form.unit_button.text() == "°F"
    key(qtbot, "s", CTRL)
    record = medical_record(session.store, session.actor, baby)
    assert [(s["outcome"], s["test"], s["temperature_c"]) for s in record.screenings] == [
        ("cleared", "exempt_age", 37.0)
    ]


def test_after_isolation_the_rescreening_asks_for_documentation_of_recovery(
    qtbot, desk: ScreeningWorkspace, session: Session, supplies: Supplies, clock: FrozenClock
) -> None:
    store, screener = session.store, session.actor
    registration = adults_waiting(session)[0]
    person = person_id(session, registration)
    positive = ScreeningEntry(
        person,
        Answers(),
        36.8,
        kit_lot_id=supplies.lot,
        collected_at=clock.now() - timedelta(minutes=20),
        read_at=clock.now(),
        result=AntigenResult.POSITIVE,
    )
    record_screening(store, screener, positive)
    clock.advance(timedelta(days=10))
    record_follow_up(store, screener, FollowUpEntry(person, 36.6))
    desk.operations.run(lambda: release(store, screener, person), pytest.fail)
    row = desk.queue_model.row_of(person)
    assert desk.queue_model.waiting(row).why is ScreeningBlocker.RESCREENING_DUE

    scan(qtbot, desk, registration)
    form = desk.form
    assert form.recovery_box.isVisible() and not form.test_box.isVisible()
    key(qtbot, "t", ALT)
    qtbot.keyClicks(form.temperature_field, "36.5")
    key(qtbot, "s", CTRL)
    assert "Name the clinician" in desk.message_label.text()
    key(qtbot, "m", ALT)
    qtbot.keyClicks(form.clinician_field, "Dra. Ruiz")
    key(qtbot, "s", CTRL)
    latest = screenings(session, registration)[-1]
    assert (latest["outcome"], latest["test"], latest["recovery_cleared_by"]) == (
        "cleared",
        "recovery",
        "Dra. Ruiz",
    )


def test_a_test_developing_is_kept_while_the_screener_sees_someone_else(
    qtbot, desk: ScreeningWorkspace, session: Session, clock: FrozenClock
) -> None:
    first, second = adults_waiting(session)[:2]
    scan(qtbot, desk, first)
    desk.form.condition_boxes[Condition.DIABETES].click()
    qtbot.keyClicks(desk.form.injuries, "Scraped knee ")
    key(qtbot, "t", ALT)
    qtbot.keyClicks(desk.form.temperature_field, "36.7")
    key(qtbot, "t", CTRL)
    started = desk.form.started_at
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, second)
    assert desk.form.temperature_field.text() == "" and desk.form.started_at is None
    assert desk.form.injuries.text() == ""
    assert not desk.form.condition_boxes[Condition.DIABETES].isChecked()
    model = desk.queue_model
    row = model.row_of(person_id(session, first))
    assert model.data(model.index(row, model.COL_TEST)) == "10:00"

    clock.advance(timedelta(minutes=15))
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, first)
    assert desk.form.temperature_field.text() == "36.7" and desk.form.started_at == started
    assert desk.form.injuries.text() == "Scraped knee "  # as typed, until it is saved
    assert desk.form.condition_boxes[Condition.DIABETES].isChecked()
    assert desk.form.kit_timer.phase() is ReadPhase.READ_NOW
    key(qtbot, "n", ALT)
    key(qtbot, "s", CTRL)
    assert [s["outcome"] for s in screenings(session, first)] == ["cleared"]
    assert screenings(session, first)[0]["answers"].injuries == "Scraped knee"


# --- keyboard, lists and languages ---------------------------------------------------------------


def test_keyboard_paths_and_unknown_codes(
    qtbot, desk: ScreeningWorkspace, session: Session
) -> None:
    assert not desk.queue_view.tabKeyNavigation()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.queue_view
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.queue_button  # no form open: nothing to fill
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, "REG-NOBODY")
    assert "Nobody found for “REG-NOBODY”" in desk.message_label.text()
    assert QApplication.focusWidget() is desk.scan_field
    key(qtbot, "s", CTRL)
    assert "Scan or pick a person first" in desk.message_label.text()


def test_kits_lots_and_places_are_managed_in_the_dialog(
    qtbot, desk: ScreeningWorkspace, session: Session
) -> None:
    dialog = MedicalSuppliesDialog(session, desk.operations, desk)  # the desk deletes it
    store = session.store
    kits_before = dialog.kits_table.rowCount()

    dialog.preset_box.setCurrentIndex(1)  # CareStart: its window is filled in
    assert (dialog.read_from.value(), dialog.read_until.value()) == (10, 15)
    dialog.preset_box.setCurrentIndex(dialog.preset_box.count() - 1)  # another kit
    assert dialog.kit_name.isEnabled() and dialog.kit_name.text() == ""
    dialog.kit_name.setText("Sofia 2 SARS Antigen")
    dialog.read_from.setValue(15)
    dialog.read_until.setValue(12)
    dialog.add_kit_button.click()
    assert "the read window must start after 0 minutes" in dialog.message_label.text()
    dialog.read_until.setValue(15)
    dialog.add_kit_button.click()
    assert dialog.kits_table.rowCount() == kits_before + 1
    assert "Sofia 2 SARS Antigen" in [kit.name for _, kit in kit_types(store)]
    dialog.add_kit_button.click()
    assert "already on the list" in dialog.message_label.text()

    dialog.lot_kit_box.setCurrentIndex(dialog.lot_kit_box.findText("Sofia 2 SARS Antigen"))
    dialog.lot_number.setText("CS-7")
    dialog.expires_on.setDate(date(2021, 3, 31))
    dialog.extended.setChecked(True)
    dialog.extended_on.setDate(date(2021, 6, 30))
    dialog.add_lot_button.click()
    assert "Name the manufacturer's notice" in dialog.message_label.text()
    assert dialog.lot_number.text() == "CS-7"  # kept to be corrected
    dialog.extension_notice.setText("Access Bio letter of 2021-03-15")
    dialog.add_lot_button.click()
    added = [c for c in lot_choices(store) if c.lot.lot_number == "CS-7"]
    assert [c.lot.usable_through for c in added] == [date(2021, 6, 30)]
    # The desk's lot list follows at once.
    assert desk.form.lot_box.findData(added[0].id) >= 0

    old = next(row for row, c in enumerate(dialog.lots) if c.lot.lot_number == "T-OLD")
    dialog.lots_table.selectRow(old)
    dialog.extend_on.setDate(date(2021, 5, 31))
    dialog.extend_notice.setText("Abbott letter of 2021-02-20")
    dialog.extend_button.click()
    assert "Lot T-OLD extended" in dialog.message_label.text()
    extended = next(c for c in lot_choices(store) if c.lot.lot_number == "T-OLD")
    assert extended.lot.usable_through == date(2021, 5, 31)

    dialog.place_name.setText("Casa de la Misericordia")
    dialog.add_place_button.click()
    assert "Casa de la Misericordia" in [p["name"] for p in isolation_places(store)]
    assert desk.form.place_box.findText("Casa de la Misericordia") >= 0


def test_the_desk_fits_a_1280_by_680_window_in_both_languages(
    qtbot,
    desk_windows: list,
    session: Session,
    supplies: Supplies,
    clock: FrozenClock,
    demo_site: Path,
    tmp_path: Path,
) -> None:
    """Screenshots to look at (/tmp/shots); the window keeps its size with a form open, and the
    queue's words follow the language."""
    window = MainWindow(session, tmp_path / demo_site.name)
    desk_windows.append(window)
    window.resize(1280, 680)
    window.show()
    qtbot.waitExposed(window)
    desk = window.workspaces["screening"]
    window.tabs.setCurrentWidget(desk)
    window.activateWindow()
    qtbot.waitUntil(lambda: desk.scan_field.hasFocus())
    scan(qtbot, desk, adults_waiting(session)[0])
    desk.form.symptom_boxes[Symptom.COUGH].setChecked(True)
    key(qtbot, "t", ALT)
    qtbot.keyClicks(desk.form.temperature_field, "38.2")
    key(qtbot, "t", CTRL)
    clock.advance(timedelta(minutes=17))
    desk.form.kit_timer.refresh()
    key(qtbot, "n", ALT)
    form = desk.form
    questions = [
        *form.symptom_boxes.values(),
        *form.sign_boxes.values(),
        *form.condition_boxes.values(),
    ]
    area = form.questions_scroll
    SHOTS.mkdir(exist_ok=True)
    for language in ("en", "es"):
        set_language(language)
        # Once laid out again for the new words, no question is cut short or scrolled sideways.
        qtbot.waitUntil(
            lambda: (
                all(b.width() >= b.sizeHint().width() for b in questions)
                and area.width() >= area.minimumSizeHint().width()
                and not area.horizontalScrollBar().isVisible()
            )
        )
        assert (window.width(), window.height()) == (1280, 680)
        assert window.minimumSizeHint().height() <= 680
        window.grab().save(str(SHOTS / f"screening_{language}.png"))
    assert "Revisión clínica" in desk.form.preview_label.text()
    desk.back_to_queue()
    assert desk.queue_model.data(desk.queue_model.index(0, 0)) in {
        label(why, "es") for why in ScreeningBlocker
    }
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "screening_queue_es.png"))
    dialog = MedicalSuppliesDialog(session, desk.operations, desk)  # the desk deletes it
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save(str(SHOTS / "supplies_es.png"))


def test_a_hidden_screening_queue_is_read_again_only_when_shown(
    qtbot, session: Session, monkeypatch
) -> None:
    """A check-in at the intake tab must not wait for the screening queue (0.3 s at 8,000
    waiting) to be read behind it: the queue is read when the screener comes back."""
    desk = ScreeningWorkspace(session, Operations())
    read: list[int] = []
    monkeypatch.setattr(desk, "refresh", lambda: read.append(1))
    desk.on_changes(Changes(frozenset({Kind.CHECK_INS})))
    assert read == []
    desk.show()
    qtbot.waitUntil(desk.scan_field.hasFocus)
    assert read == [1]
    desk.on_changes(Changes(frozenset({Kind.CHECK_INS})))
    assert read == [1, 1]
    desk.close()
