"""The paperwork desk, driven by a volunteer's keyboard: scan, fill in Form EOIR-33 with the
person, save, print with the next-steps sheet, record the service.

Each test works on its own copy of the module's demo site, opened as the coordinator, on the
demo's reference day (1 March 2021 at the site). Printing goes to a file in the test's folder.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

import staging.courts
from staging.courts.directory import shipped_directory
from staging.courts.matching import match_court
from staging.courts.site import site_directory
from staging.domain import CaseStatus, Person
from staging.intake.operations import update_contact
from staging.paperwork.courts import proposed_court
from staging.paperwork.operations import form_row, prefilled_entry
from staging.paperwork.queries import waiting_for_form
from staging.people import queries
from staging.rules import person_status
from staging.rules.paperwork import FormRevision, PaperworkBlocker, ReopenDocument
from staging.security.access import Session
from tests.helpers.desk import open_copy, press, scan
from ui import printing
from ui.dialogs.paperwork import OrientationDialog, ServedDialog
from ui.language import set_language
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.workspaces.admin import AdminWorkspace
from ui.workspaces.paperwork import PaperworkWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SHOTS = Path("/tmp/shots")
TODAY = "2021-03-01"  # the demo's reference day at the site


@pytest.fixture
def session(demo_site: Path, tmp_path: Path) -> Iterator[Session]:
    opened = open_copy(demo_site, tmp_path, user="coordinator")
    yield opened
    opened.close()


@pytest.fixture
def desk(qtbot, session: Session) -> Iterator[PaperworkWorkspace]:
    """The desk shown and ready; deleted (with its dialogs) before its database is closed."""
    widget = PaperworkWorkspace(session, Operations())
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


# --- the people the tests need -------------------------------------------------------------------


def waiting_people(session: Session, fits: Callable[[Person], bool]) -> list[Person]:
    """Checked-in people with a case and no form saved yet, whose case court the directory
    matches (so a form can be complete), and who fit."""
    directory = site_directory(session.store)
    return [
        w.person
        for w in waiting_for_form(session.store)
        if w.form_state == "none"
        and match_court(directory, w.person.current_court) is not None
        and fits(w.person)
    ]


def without_address(session: Session) -> Person:
    """Someone whose registration gave no US address (it is cleared here, as a list may leave
    it out): the volunteer types it at the table."""
    person = waiting_people(session, lambda p: p.case_status is CaseStatus.PENDING)[0]
    cleared = {name: "" for name in ("street", "city", "state", "zip")}
    update_contact(
        session.store,
        session.actor,
        person.id,
        {f"us_address_{name}": value for name, value in cleared.items()},
    )
    assert not prefilled_entry(session.store, person.id).current_street
    return person


def with_address(session: Session) -> Person:
    """Someone whose US address came with the registration: only the date is missing."""
    store = session.store
    return waiting_people(
        session,
        lambda p: (
            p.case_status is CaseStatus.PENDING
            and bool(prefilled_entry(store, p.id).current_street)
        ),
    )[0]


def in_absentia(session: Session) -> Person:
    return waiting_people(session, lambda p: p.case_status is CaseStatus.IN_ABSENTIA)[0]


def key(qtbot, keys: str | Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key combination pressed on whatever has the focus."""
    qtbot.keyClick(QApplication.focusWidget(), keys, modifier)


def type_into(qtbot, mnemonic: str, text: str) -> None:
    """Alt+letter to a field, then the text typed there."""
    key(qtbot, mnemonic, ALT)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def paperwork_blockers(session: Session, person_id: str) -> tuple:
    record = queries.find_person(session.store, person_id)
    status = person_status(
        queries.person_from_row(record),
        session.store.today(),
        session.store.policy(),
        session.actor.role,
    )
    return tuple(b for b in status.blockers if isinstance(b, PaperworkBlocker))


def pdf_text(pdf: bytes | None) -> list[str]:
    """Each page's text, every run of whitespace one space."""
    if pdf is None:
        return []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def printed_a_number(digits: str) -> str:
    return f"A {digits[:3]} {digits[3:6]} {digits[6:]}"


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


def print_to(monkeypatch, path: Path) -> None:
    """The next print goes to a PDF file at `path` (as "Save as PDF…" would)."""
    monkeypatch.setattr(printing, "ask_destination", lambda *args: printing.Destination.FILE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


# --- filling in the form -------------------------------------------------------------------------


def test_the_missing_fields_typed_by_keyboard_make_the_form_complete(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = without_address(session)
    scan(qtbot, desk, person.registration_id)
    assert desk.person is not None and desk.person.id == person.id
    assert QApplication.focusWidget() is desk.editor.first_field()
    assert desk.editor.fields["last_name"].text()  # prefilled from the registration

    type_into(qtbot, "t", "1520 N Mesa St")
    # The paper follows the typing, before anything is saved.
    qtbot.waitUntil(lambda: "1520 N Mesa St" in " ".join(pdf_text(desk.preview.pdf)))
    assert form_row(session.store, person.id) is None
    type_into(qtbot, "i", "El Paso")
    type_into(qtbot, "e", "Texas")
    type_into(qtbot, "z", "79902")
    type_into(qtbot, "g", TODAY)
    assert "1 March 2021" in desk.editor.date_in_words.text()
    proposal = proposed_court(site_directory(session.store), "79902")
    assert proposal is not None and desk.editor.receiving_key() == proposal.court.key
    assert f"{proposal.court.name}, " in desk.editor.proposed_label.text()
    key(qtbot, "s", CTRL)

    saved = form_row(session.store, person.id)
    assert saved is not None and saved["completed_at"]
    assert (
        saved["current_street"],
        saved["current_city"],
        saved["current_state"],
        saved["current_zip"],
        saved["signed_on"],
    ) == ("1520 N Mesa St", "El Paso", "TX", "79902", TODAY)
    assert (
        saved["current_court"]
        == match_court(site_directory(session.store), person.current_court).key
    )
    assert saved["receiving_court"] == proposal.court.key and saved["receiving_court_reason"] == ""
    assert desk.message_label.text().startswith("✔") and "complete" in desk.message_label.text()
    assert "Complete" in desk.state_label.text()
    assert desk.editor.fields["current_state"].text() == "TX"  # shown as saved
    assert paperwork_blockers(session, person.id) == (PaperworkBlocker.EOIR33_NOT_SERVED,)
    row = desk.model.row_of(person.id)
    assert desk.model.data(desk.model.index(row, desk.model.COL_STATE)) == "Complete, to serve"


def test_a_zip_of_another_state_and_a_future_date_are_marked_and_nothing_is_saved(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = without_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "t", "1520 N Mesa St")
    type_into(qtbot, "i", "El Paso")
    type_into(qtbot, "e", "TX")
    type_into(qtbot, "z", "90210")  # Beverly Hills, California
    type_into(qtbot, "g", "2021-03-05")
    key(qtbot, "s", CTRL)

    assert form_row(session.store, person.id) is None
    editor = desk.editor
    zip_problem = editor.checked["current_zip"].problem_label
    date_problem = editor.checked["signed_on"].problem_label
    assert not zip_problem.isHidden() and "90210" in zip_problem.text()
    assert not date_problem.isHidden() and "future" in date_problem.text()
    assert editor.checked["current_city"].problem_label.isHidden()
    assert desk.message_label.text().startswith("✖ Nothing was saved")
    # Everything typed is still there, and the keyboard is on the first wrong field.
    assert editor.fields["current_zip"].text() == "90210"
    assert editor.fields["current_street"].text() == "1520 N Mesa St"
    assert QApplication.focusWidget() is editor.fields["current_zip"]

    qtbot.keyClicks(editor.fields["current_zip"], "x")  # typing there: its old mark goes
    assert zip_problem.isHidden() and not date_problem.isHidden()


def test_a_date_that_is_not_one_is_marked_with_the_other_wrong_fields(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = without_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "z", "7990")
    type_into(qtbot, "g", "2021-02-30")
    key(qtbot, "s", CTRL)
    assert form_row(session.store, person.id) is None
    assert not desk.editor.checked["current_zip"].problem_label.isHidden()
    assert not desk.editor.checked["signed_on"].problem_label.isHidden()
    assert "2 field(s)" in desk.message_label.text()


def test_another_receiving_court_than_the_nearest_needs_a_reason(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = with_address(session)
    scan(qtbot, desk, person.registration_id)
    editor = desk.editor
    proposal = editor.proposed()
    assert proposal is not None and editor.receiving_key() == proposal.court.key
    assert not editor.reason_field.isEnabled()
    type_into(qtbot, "g", TODAY)
    key(qtbot, "v", ALT)
    assert QApplication.focusWidget() is editor.receiving_combo
    press(qtbot, Qt.Key.Key_Down)  # the next nearest court
    chosen = editor.receiving_key()
    assert chosen != proposal.court.key and editor.reason_field.isEnabled()
    key(qtbot, "s", CTRL)

    assert form_row(session.store, person.id) is None
    problem = editor.reason_checked.problem_label
    assert not problem.isHidden() and proposal.court.name in problem.text()
    assert desk.message_label.text().startswith("✖")
    assert QApplication.focusWidget() is editor.reason_field

    type_into(qtbot, "o", "Her sister, who hosts the family, lives there")
    key(qtbot, "s", CTRL)
    saved = form_row(session.store, person.id)
    assert saved is not None and saved["completed_at"]
    assert saved["receiving_court"] == chosen
    assert saved["receiving_court_reason"] == "Her sister, who hosts the family, lives there"
    assert problem.isHidden()


# --- printing and serving ------------------------------------------------------------------------


def test_print_writes_the_form_and_the_next_steps_and_marks_it_printed(
    qtbot, desk: PaperworkWorkspace, session: Session, monkeypatch, tmp_path: Path
) -> None:
    person = with_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "g", TODAY)
    print_to(monkeypatch, tmp_path / "form")
    key(qtbot, "p", CTRL)  # saves what was typed first: the paper is the record

    saved = form_row(session.store, person.id)
    assert saved["completed_at"] and saved["printed_at"]
    pages = pdf_text((tmp_path / "form.pdf").read_bytes())
    assert len(pages) == 3  # the form's two pages, then the next-steps sheet
    assert "Change of Address" in pages[0]
    assert printed_a_number(person.a_number) in pages[0]
    assert person.full_name in pages[1]  # the return address on the cover
    assert "Sus próximos pasos" in pages[2]  # Spanish first
    assert "form.pdf" in desk.message_label.text()
    assert "Printed" in desk.state_label.text()

    # The household: the others have no complete form yet, so only this one is printed.
    others = [
        r["id"]
        for r in queries.household_records(session.store, person.household_id)
        if r["id"] != person.id and r["a_number"]
    ]
    print_to(monkeypatch, tmp_path / "household")
    key(qtbot, Qt.Key.Key_P, CTRL | SHIFT)
    assert others
    assert len(pdf_text((tmp_path / "household.pdf").read_bytes())) == 3
    assert "Not printed, form not complete" in desk.message_label.text()


def test_a_print_cancelled_marks_nothing(
    qtbot, desk: PaperworkWorkspace, session: Session, monkeypatch
) -> None:
    person = with_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "g", TODAY)
    monkeypatch.setattr(printing, "ask_destination", lambda *args: None)
    key(qtbot, "p", CTRL)
    saved = form_row(session.store, person.id)
    assert saved["completed_at"] and not saved["printed_at"]


def test_marking_the_form_served_clears_the_persons_eoir33_blockers(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = with_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "g", TODAY)
    key(qtbot, "s", CTRL)
    assert paperwork_blockers(session, person.id) == (PaperworkBlocker.EOIR33_NOT_SERVED,)
    court = desk.editor.choice().current
    office = site_directory(session.store).opla_office_of(court)

    def serve(dialog: ServedDialog) -> None:
        assert dialog.office_box.currentData() == office.key  # the current court's office
        dialog.save()
        assert "Name the person who served" in dialog.error_label.text()
        dialog.server_field.setText("Carmen Ruiz")
        dialog.save()

    seen = answer_dialog(ServedDialog, serve)
    desk.served_button.click()
    assert seen
    saved = form_row(session.store, person.id)
    assert saved["served_at"] and saved["server_name"] == "Carmen Ruiz"
    assert (saved["opla_office"], saved["service_method"]) == (office.key, "first_class_mail")
    assert paperwork_blockers(session, person.id) == ()
    assert "Served on" in desk.state_label.text()
    assert "Nothing more is needed" in desk.blockers_label.text()
    assert not desk.save_button.isEnabled() and not desk.editor.courts_box.isEnabled()
    assert desk.model.row_of(person.id) is None  # no longer waiting
    assert "Carmen Ruiz" in " ".join(pdf_text(desk.preview.pdf))  # the proof of service


def test_serving_waits_for_a_complete_form(qtbot, desk: PaperworkWorkspace, session) -> None:
    scan(qtbot, desk, with_address(session).registration_id)
    desk.served_button.click()  # no date signed yet: nothing to serve
    assert QApplication.activeModalWidget() is None
    assert "Complete and save the form first" in desk.message_label.text()


def test_the_household_gets_the_address_and_attends_the_orientation_together(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    person = with_address(session)
    scan(qtbot, desk, person.registration_id)
    type_into(qtbot, "t", "200 Biscayne Blvd Way")
    desk.copy_button.click()  # saves what was typed first
    members = queries.household_records(session.store, person.household_id)
    others = [m["id"] for m in members if m["id"] != person.id and m["a_number"]]
    assert others
    for other in others:
        assert form_row(session.store, other)["current_street"] == "200 Biscayne Blvd Way"
    assert f"{len(others)} other form(s)" in desk.message_label.text()

    def attend(dialog: OrientationDialog) -> None:
        dialog.save()
        assert "Name the organisation" in dialog.error_label.text()
        dialog.provider_field.setText("Al Otro Lado")
        dialog.save()

    seen = answer_dialog(OrientationDialog, attend)
    desk.orientation_button.click()
    assert seen
    for member in members:
        record = queries.find_person(session.store, member["id"])
        attended = queries.person_from_row(record).paperwork.legal_orientation_on
        assert attended == session.store.today()
    assert f"recorded for {len(members)} of household" in desk.message_label.text()
    assert desk.orientation_provider == "Al Otro Lado"  # offered again for the next household


def test_the_reopening_checklist_is_shown_only_for_an_in_absentia_case(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    scan(qtbot, desk, with_address(session).registration_id)
    assert desk.reopen_box.isHidden()

    absent = in_absentia(session)
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, absent.registration_id)
    assert not desk.reopen_box.isHidden()
    assert PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED in paperwork_blockers(session, absent.id)
    assert "Documents to reopen the case not ready" in desk.blockers_label.text()
    for document, box in desk.reopen_boxes.items():
        if not box.isChecked():
            box.setFocus()
            press(qtbot, Qt.Key.Key_Space)
        assert box.isChecked(), document
    record = queries.find_person(session.store, absent.id)
    assert queries.person_from_row(record).paperwork.reopen_documents == {
        str(document) for document in ReopenDocument
    }
    assert PaperworkBlocker.REOPEN_DOCUMENTS_NEEDED not in paperwork_blockers(session, absent.id)
    assert "Documents to reopen" not in desk.blockers_label.text()


def test_what_was_typed_is_kept_when_the_volunteer_turns_to_someone_else(
    qtbot, desk: PaperworkWorkspace, session: Session
) -> None:
    first, second = without_address(session), with_address(session)
    scan(qtbot, desk, first.registration_id)
    type_into(qtbot, "t", "1520 N Mesa St")
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, second.registration_id)
    assert desk.editor.fields["current_street"].text() != "1520 N Mesa St"
    key(qtbot, Qt.Key.Key_F2)
    scan(qtbot, desk, first.registration_id)
    assert desk.editor.fields["current_street"].text() == "1520 N Mesa St"
    assert "what you typed before is back" in desk.message_label.text()


# --- administration ------------------------------------------------------------------------------


def test_the_administrator_sets_the_paperwork_policy_and_loads_a_court_list(
    qtbot, demo_site: Path, tmp_path: Path, monkeypatch
) -> None:
    admin = open_copy(demo_site, tmp_path, user="admin")
    operations = Operations()
    settings = AdminWorkspace(admin, operations)
    paperwork = PaperworkWorkspace(admin, operations)
    paperwork.show()  # in sight, as on its tab: a hidden desk is read again when shown
    qtbot.waitUntil(paperwork.scan_field.hasFocus)
    try:
        assert not paperwork.editor.cells["in_care_of"].isHidden()
        settings.eoir33_revision.setCurrentIndex(
            settings.eoir33_revision.findData(str(FormRevision.REV_2026))
        )
        settings.orientation_required.setChecked(True)
        settings.reopen_required.setChecked(False)
        settings.save_settings()
        policy = admin.store.policy().paperwork
        assert policy.eoir33_revision is FormRevision.REV_2026
        assert policy.legal_orientation_required and not policy.reopen_documents_required
        assert paperwork.editor.cells["in_care_of"].isHidden()  # no such line in 2026

        shipped = Path(staging.courts.__file__).parent / "data"
        courts_text = (shipped / "courts.csv").read_text(encoding="utf-8").splitlines()
        bad, good = tmp_path / "bad-courts.csv", tmp_path / "courts.csv"
        bad.write_text("key,name\nx,X\n", encoding="utf-8")
        good.write_text("\n".join(courts_text[:-1]) + "\n", encoding="utf-8")
        warnings: list[str] = []
        monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
        picked = iter([str(bad), str(shipped / "opla_offices.csv")])
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (next(picked), ""))
        settings.courts_button.click()
        assert warnings and "The court directory was not loaded" in warnings[0]
        assert site_directory(admin.store) is shipped_directory()  # a bad file changes nothing

        picked = iter([str(good), str(shipped / "opla_offices.csv")])
        settings.courts_button.click()
        assert len(warnings) == 1
        assert len(site_directory(admin.store).courts) == len(courts_text) - 2
        assert f"{len(courts_text) - 2} courts" in settings.courts_summary.text()
        assert paperwork.directory is site_directory(admin.store)
    finally:
        paperwork.close()
        settings.close()
        paperwork.deleteLater()
        settings.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        admin.close()


# --- how it looks --------------------------------------------------------------------------------


def test_screenshots_in_english_and_spanish(
    qtbot, desk_windows, session: Session, demo_site: Path, tmp_path: Path
) -> None:
    """Screenshots to look at (/tmp/shots); the window keeps its size with a form open."""
    window = MainWindow(session, tmp_path / demo_site.name)
    desk_windows.append(window)
    window.resize(1280, 680)
    window.show()
    qtbot.waitExposed(window)
    desk = window.workspaces["paperwork"]
    window.tabs.setCurrentWidget(desk)
    window.activateWindow()
    qtbot.waitUntil(lambda: desk.scan_field.hasFocus())
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / "paperwork_list_en.png"))
    scan(qtbot, desk, in_absentia(session).registration_id)
    type_into(qtbot, "z", "90210")
    key(qtbot, "s", CTRL)
    for language in ("en", "es"):
        set_language(language)
        qtbot.wait(50)  # laid out again for the new words
        assert (window.width(), window.height()) == (1280, 680)
        assert window.minimumSizeHint().height() <= 680
        assert not desk.editor_scroll.horizontalScrollBar().isVisible()
        window.grab().save(str(SHOTS / f"paperwork_{language}.png"))
    desk.editor_scroll.verticalScrollBar().setValue(
        desk.editor_scroll.verticalScrollBar().maximum()
    )
    QApplication.processEvents()
    window.grab().save(str(SHOTS / "paperwork_courts_es.png"))
