"""The intake desk, driven as a volunteer would: a scanner's keys, Enter, ticks, dialogs.

Each test gets its own copy of one demo site (built once per module, on the demo's reference
day), so check-ins and walk-ins in one test are not seen by another.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog

from staging.demo.partner_lists import PARTNER_SECOND_REGISTRATIONS
from staging.domain import Role
from staging.errors import UserError
from staging.registration.columns import CANONICAL_COLUMNS
from staging.registration.service import import_registrations
from staging.security.access import Session
from staging.store.store import Actor
from staging.text import fold
from staging.wristbands.operations import issue_bands
from tests.helpers.desk import (
    check_ins,
    hold_nothing,
    households_not_checked_in,
    member_ids,
    press,
    scan,
)
from ui import printing
from ui.dialogs.contact import ContactDialog
from ui.dialogs.walk_in import WalkInDialog
from ui.language import LANGUAGE_PROPERTY
from ui.models.household_model import HouseholdModel
from ui.operations import Operations
from ui.printing import paint_pdf
from ui.widgets.messages import localized
from ui.workspaces.intake import IntakeWorkspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform says this about every window it shows; it is not our warning.
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]


@pytest.fixture
def calm_desk(workspace: IntakeWorkspace, session: Session) -> IntakeWorkspace:
    """The desk of a site whose policy holds no check-in (stop signs have tests of their own)."""
    hold_nothing(session)
    workspace.refresh()
    return workspace


def qr_codes(pdf: bytes, scale: float = 4.0) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    found = []
    for page in document:
        image = page.render(scale=scale, grayscale=True).to_pil()
        found.extend(barcode.text for barcode in zxingcpp.read_barcodes(image))
    document.close()
    return found


# --- scanning and checking in ----------------------------------------------------------------


def test_a_scan_and_one_enter_check_in_the_whole_household(
    qtbot, calm_desk: IntakeWorkspace, session: Session
) -> None:
    household = households_not_checked_in(session, 3)[0]
    members = member_ids(session, household)
    code = issue_bands(session.store, session.actor, [members[0]]).value[members[0]]

    scan(qtbot, calm_desk, code)
    assert calm_desk.card.household_id == household
    assert calm_desk.card.selected_person_id() == members[0]  # the one whose band was scanned
    assert calm_desk.card.model.rowCount() == len(members)
    assert len(calm_desk.card.model.arriving()) == len(members)
    assert calm_desk.card.check_in_button.isDefault()
    assert "press Enter" in calm_desk.message_label.text()
    assert check_ins(session, members) == {}

    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {m: 1 for m in members}
    assert "Checked in" in calm_desk.message_label.text()
    assert QApplication.focusWidget() is calm_desk.scan_field
    assert not calm_desk.card.check_in_button.isEnabled()
    assert calm_desk.list_tabs.tabText(1).endswith(f"({calm_desk.counts.arrived_today})")

    press(qtbot, Qt.Key.Key_Return)  # a third Enter does nothing more
    assert check_ins(session, members) == {m: 1 for m in members}


def test_members_already_checked_in_are_not_checked_in_again(
    qtbot, calm_desk: IntakeWorkspace, session: Session
) -> None:
    from staging.intake.operations import check_in

    household = households_not_checked_in(session, 2)[0]
    members = member_ids(session, household)
    check_in(session.store, session.actor, [members[0]])
    registration = session.store.db.execute(
        "SELECT registration_id FROM person WHERE id = ?", [members[1]]
    ).fetchone()[0]

    scan(qtbot, calm_desk, registration)
    assert len(calm_desk.card.model.arriving()) == len(members) - 1
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, members) == {m: 1 for m in members}


def test_an_unticked_member_is_not_checked_in(
    qtbot, calm_desk: IntakeWorkspace, session: Session
) -> None:
    household = households_not_checked_in(session, 3)[0]
    calm_desk.open_household(household)
    card = calm_desk.card
    absent_id = card.model.data(card.model.index(1, 0), HouseholdModel.PersonIdRole)

    card.table.setFocus()
    card.table.selectRow(1)
    qtbot.keyClick(card.table, Qt.Key.Key_Space)  # the volunteer unticks the absent member
    assert card.model.data(card.model.index(1, 0), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )
    here = card.model.rowCount() - 1
    assert f"Check in {here} people" in card.check_in_button.text().replace("&", "")
    qtbot.keyClick(card.table, Qt.Key.Key_Return)

    members = member_ids(session, household)
    assert check_ins(session, members) == {m: 1 for m in members if m != absent_id}
    assert card.model.absent_ids() == {absent_id}  # still unticked on the refreshed card
    assert QApplication.focusWidget() is calm_desk.scan_field


def test_a_click_on_a_members_box_unticks_them(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    workspace.open_household(households_not_checked_in(session, 2)[0])
    card = workspace.card
    cell = card.table.visualRect(card.model.index(1, HouseholdModel.COL_NAME))
    box = QPoint(cell.left() + cell.height() // 2, cell.center().y())
    qtbot.mouseClick(card.table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert len(card.model.absent_ids()) == 1


def test_a_bare_enter_with_nothing_open_does_nothing(qtbot, workspace: IntakeWorkspace) -> None:
    press(qtbot, Qt.Key.Key_Return)
    assert workspace.card.household_id is None
    assert not workspace.message_label.isVisible()
    qtbot.keyClicks(workspace.scan_field, "half a code")
    press(qtbot, Qt.Key.Key_Escape)
    assert workspace.scan_field.text() == ""


def test_an_unknown_code_says_so_and_waits_for_the_next_scan(
    qtbot, workspace: IntakeWorkspace
) -> None:
    scan(qtbot, workspace, "SD0000000000Z")
    assert "Nobody found" in workspace.message_label.text()
    assert "SD0000000000Z" in workspace.message_label.text()
    assert workspace.card.household_id is None
    assert QApplication.focusWidget() is workspace.scan_field
    assert workspace.scan_field.selectedText() == "SD0000000000Z"  # the next scan replaces it


def test_keys_typed_on_the_list_go_to_the_scan_field(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    household = households_not_checked_in(session, 1)[0]
    members = member_ids(session, household)
    code = issue_bands(session.store, session.actor, [members[0]]).value[members[0]]
    workspace.people_view.setFocus()
    qtbot.keyClicks(workspace.people_view, code)  # the volunteer had clicked the list
    assert workspace.scan_field.text() == code
    press(qtbot, Qt.Key.Key_Return)
    assert workspace.card.household_id == household


# --- finding -----------------------------------------------------------------------------------


def test_typing_a_name_finds_the_person_and_enter_opens_the_household(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    person_id, given, surname, household = session.store.db.execute(
        "SELECT id, given_names, paternal_surname, household_id FROM person "
        "ORDER BY registration_id LIMIT 1 OFFSET 120"
    ).fetchone()
    qtbot.keyClick(workspace, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is workspace.search_field
    qtbot.keyClicks(workspace.search_field, fold(f"{surname} {given.split()[0]}"))
    model = workspace.people_model
    qtbot.waitUntil(
        lambda: any(
            model.data(model.index(r, 0), model.PersonIdRole) == person_id
            for r in range(model.rowCount())
        ),
        timeout=2000,
    )
    assert "found for" in workspace.list_caption.text()

    press(qtbot, Qt.Key.Key_Return)  # to the results
    assert QApplication.focusWidget() is workspace.people_view
    row = next(
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, 0), model.PersonIdRole) == person_id
    )
    workspace.people_view.selectRow(row)
    press(qtbot, Qt.Key.Key_Return)  # open it
    assert workspace.card.household_id == household
    assert QApplication.focusWidget() is workspace.scan_field


def test_the_three_lists_and_their_counts(workspace: IntakeWorkspace, session: Session) -> None:
    counts = workspace.counts
    # The demo's 300, and a partner's second registrations of three of them (not merged yet).
    everyone = 300 + PARTNER_SECOND_REGISTRATIONS
    assert counts.everyone == everyone
    assert workspace.list_tabs.tabText(0).replace("&", "") == (
        f"Expected today ({counts.expected_today})"
    )
    assert workspace.people_model.rowCount() == counts.expected_today
    workspace.list_tabs.setCurrentIndex(1)
    assert workspace.people_model.rowCount() == counts.arrived_today
    workspace.list_tabs.setCurrentIndex(2)
    assert workspace.people_model.total_rows() == everyone
    while workspace.people_model.canFetchMore():
        workspace.people_model.fetchMore()
    assert workspace.people_model.rowCount() == everyone


# --- walk-ins ----------------------------------------------------------------------------------


def fill(qtbot, dialog: WalkInDialog, **fields: str) -> None:
    form = dialog.members[-1]
    for name, text in fields.items():
        qtbot.keyClicks(getattr(form, name), text)


def people_count(session: Session) -> int:
    return session.store.db.execute("SELECT count(*) FROM person").fetchone()[0]


def test_a_walk_in_like_someone_registered_shows_the_matches_before_saving(
    qtbot, session: Session
) -> None:
    existing_id, given, surname, born = session.store.db.execute(
        "SELECT id, given_names, paternal_surname, date_of_birth FROM person "
        "ORDER BY registration_id LIMIT 1 OFFSET 40"
    ).fetchone()
    before = people_count(session)
    dialog = WalkInDialog(session, Operations())
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, given_names=fold(given), paternal_surname=fold(surname), date_of_birth=born)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.matches_box.isVisible()
    assert "may already be registered" in dialog.matches_label.text()
    model = dialog.matches_model
    found = [model.data(model.index(r, 0), model.PersonIdRole) for r in range(model.rowCount())]
    assert existing_id in found
    assert not dialog.save_button.isEnabled()
    assert dialog.back_button.isDefault()  # Enter does not save a duplicate by habit
    assert people_count(session) == before

    dialog.reject()
    assert dialog.person_ids == []
    assert people_count(session) == before


def test_a_wrong_a_number_is_shown_and_the_form_keeps_what_was_typed(
    qtbot, session: Session
) -> None:
    before = people_count(session)
    dialog = WalkInDialog(session, Operations())
    qtbot.addWidget(dialog)
    dialog.show()
    typed = {
        "given_names": "Zacarias",
        "paternal_surname": "Quetzal",
        "date_of_birth": "1990-04-05",
        "nationality": "Guatemala",
        "a_number": "12",
        "phone": "+52 664 000 0000",
    }
    fill(qtbot, dialog, **typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert dialog.error_label.isVisible()
    assert "Person 1" in dialog.error_label.text()
    assert "A-number has 8 or 9" in dialog.error_label.text()
    form = dialog.members[0]
    assert {name: getattr(form, name).text() for name in typed} == typed
    assert people_count(session) == before


def test_an_impossible_birth_date_is_shown_in_the_dialog(qtbot, session: Session) -> None:
    dialog = WalkInDialog(session, Operations())
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog, given_names="Ana", paternal_surname="Quetzal", date_of_birth="31/02/1990")
    dialog.check_and_save()
    assert "not a real date" in dialog.error_label.text()
    assert dialog.members[0].date_of_birth.text() == "31/02/1990"


def test_a_walk_in_household_is_saved_and_opened_for_check_in(
    qtbot, workspace: IntakeWorkspace, session: Session
) -> None:
    before = people_count(session)
    dialog = WalkInDialog(session, workspace.operations, workspace)
    qtbot.addWidget(dialog)
    fill(
        qtbot,
        dialog,
        given_names="Zacarias",
        paternal_surname="Quetzal",
        date_of_birth="1990-04-05",
    )
    dialog.add_member()
    fill(
        qtbot, dialog, given_names="Xochitl", paternal_surname="Quetzal", date_of_birth="2020-01-09"
    )
    dialog.members[1].sex.setCurrentIndex(1)
    dialog.check_and_save()
    assert len(dialog.person_ids) == 2
    assert people_count(session) == before + 2

    workspace.show_walk_in_result(dialog)
    card = workspace.card
    assert card.model.rowCount() == 2
    eligibility = card.model.index(0, HouseholdModel.COL_ELIGIBILITY)
    assert card.model.data(eligibility) == "Verification needed"
    flags = card.model.data(card.model.index(1, HouseholdModel.COL_FLAGS))
    assert "Infant" in flags  # derived from the birth date, not ticked
    workspace.back_to_scan()
    press(qtbot, Qt.Key.Key_Return)
    assert check_ins(session, dialog.person_ids) == {p: 1 for p in dialog.person_ids}


# --- contact details -------------------------------------------------------------------------


def test_contact_dialog_sends_only_what_changed(qtbot, session: Session) -> None:
    from staging.people.queries import find_person

    record = find_person(
        session.store,
        session.store.db.execute("SELECT id FROM person LIMIT 1 OFFSET 7").fetchone()[0],
    )
    dialog = ContactDialog(session, Operations(), record)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    dialog.fields["phone"].setText("+52 664 123 4567")
    dialog.flag_boxes["pregnancy"].setChecked(not dialog.flag_boxes["pregnancy"].isChecked())
    assert set(dialog.changes()) == {"phone", "vulnerabilities"}
    dialog.save()
    after = find_person(session.store, record["id"])
    assert after["phone"] == "+526641234567"
    assert ("pregnancy" in after["vulnerabilities"]) != ("pregnancy" in record["vulnerabilities"])
    assert dialog.changed


# --- printing ----------------------------------------------------------------------------------


def active_codes(session: Session, person_ids: list[str]) -> set[str]:
    marks = ", ".join("?" for _ in person_ids)
    rows = session.store.db.execute(
        f"SELECT code FROM wristband WHERE person_id IN ({marks}) AND replaced_at IS NULL",
        person_ids,
    ).fetchall()
    return {row[0] for row in rows}


def test_wristbands_carry_each_present_members_active_code(
    workspace: IntakeWorkspace, session: Session
) -> None:
    household = households_not_checked_in(session, 3)[0]
    workspace.open_household(household)
    workspace.card.model.set_present(2, False)
    present = [m.id for m in workspace.card.model.present()]
    old = issue_bands(session.store, session.actor, present).value

    pdf = workspace.wristbands_pdf()
    codes = active_codes(session, present)
    assert len(codes) == len(present)
    assert not codes & set(old.values())  # the old bands were replaced
    # Each band has two QR codes (one faces the scanner however the band sits on the wrist).
    assert sorted(set(qr_codes(pdf))) == sorted(codes)


def test_id_cards_carry_the_active_codes(workspace: IntakeWorkspace, session: Session) -> None:
    household = households_not_checked_in(session, 2)[0]
    workspace.open_household(household)
    pdf = workspace.id_cards_pdf()
    members = member_ids(session, household)
    assert sorted(qr_codes(pdf)) == sorted(active_codes(session, members))


def band_rows(session: Session) -> int:
    return session.store.db.execute("SELECT count(*) FROM wristband").fetchone()[0]


def test_a_cancelled_print_issues_no_band(
    workspace: IntakeWorkspace, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Codes are issued only once a destination is chosen: a band being worn keeps working."""
    monkeypatch.setattr(printing, "ask_destination", lambda parent, title: None)
    workspace.open_household(households_not_checked_in(session, 2)[0])
    before = band_rows(session)
    workspace.print_wristbands()
    assert band_rows(session) == before


def test_wristbands_saved_as_a_pdf_file(
    workspace: IntakeWorkspace,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    household = households_not_checked_in(session, 2)[0]
    monkeypatch.setattr(printing, "ask_destination", lambda *args: printing.Destination.FILE)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "bands"), ""))
    workspace.open_household(household)
    workspace.print_wristbands()
    saved = tmp_path / "bands.pdf"
    assert sorted(set(qr_codes(saved.read_bytes()))) == sorted(
        active_codes(session, member_ids(session, household))
    )
    assert "Saved as" in workspace.message_label.text()
    assert QApplication.focusWidget() is workspace.scan_field


def test_printing_paints_pages_a_scanner_can_still_read(
    qapp, workspace: IntakeWorkspace, session: Session, tmp_path: Path
) -> None:
    household = households_not_checked_in(session, 2)[0]
    workspace.open_household(household)
    pdf = workspace.wristbands_pdf()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setResolution(300)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))  # letter/A4 portrait: each band is turned to fit

    pages = paint_pdf(pdf, printer)
    members = member_ids(session, household)
    assert pages == len(members)
    assert sorted(set(qr_codes(printed.read_bytes(), scale=2.0))) == sorted(
        active_codes(session, members)
    )


# --- language and errors -----------------------------------------------------------------------


@pytest.fixture
def spanish(qapp) -> Iterator[None]:
    qapp.setProperty(LANGUAGE_PROPERTY, "es")
    yield
    qapp.setProperty(LANGUAGE_PROPERTY, "en")


def test_core_errors_are_shown_in_the_volunteers_language(spanish) -> None:
    error = UserError("Given names are required", "Los nombres son obligatorios")
    assert localized(error) == "Los nombres son obligatorios"
    QCoreApplication.instance().setProperty(LANGUAGE_PROPERTY, "en")
    assert localized(error) == "Given names are required"


def test_codes_follow_the_language_on_a_language_change(
    workspace: IntakeWorkspace, session: Session, spanish
) -> None:
    workspace.open_household(households_not_checked_in(session, 1)[0])
    QCoreApplication.sendEvent(workspace, QEvent(QEvent.Type.LanguageChange))
    card = workspace.card
    stage = card.model.data(card.model.index(0, HouseholdModel.COL_STAGE))
    assert stage in {"Registrado", "Verificación enviada", "Verificado", "Escalado a CBP"}


# --- how it looks --------------------------------------------------------------------------------


def register_look_alike(session: Session, person_id: str, path: Path) -> None:
    """A partner's list registers the same person again under another id (flagged, not merged)."""
    row = dict(
        zip(
            CANONICAL_COLUMNS,
            session.store.db.execute(
                f"SELECT {', '.join(CANONICAL_COLUMNS)} FROM person_facts WHERE id = ?",
                [person_id],
            ).fetchone(),
            strict=True,
        )
    )
    row.update(registration_id="OTHER-LIST-0001", household_id="OTHER-H-1", a_number="299999998")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    summary = import_registrations(session.store, Actor("carmen", Role.COORDINATOR), path)
    assert summary.possible_duplicates == 1


def test_screenshot_of_the_desk_with_a_household_open(
    qtbot, workspace: IntakeWorkspace, session: Session, tmp_path: Path
) -> None:
    flagged = session.store.db.execute(
        "SELECT household_id FROM person_facts WHERE vulnerabilities != '' AND checked_in = 0 "
        "ORDER BY household_id LIMIT 1"
    ).fetchone()[0]
    members = member_ids(session, flagged)
    register_look_alike(session, members[0], tmp_path / "other-list.csv")
    code = issue_bands(session.store, session.actor, members[:1]).value[members[0]]

    scan(qtbot, workspace, code)
    workspace.card.model.set_present(workspace.card.model.rowCount() - 1, False)
    assert workspace.card.warning_label.isVisible()
    assert "OTHER-LIST-0001" in workspace.card.warning_label.text()
    assert workspace.grab().save(str(tmp_path / "intake-workspace.png"))
