"""The contact dialog asks for what intake may correct, contact details first, and marks every
value the desk refuses on its own field."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit

from staging.intake.operations import CONTACT_FIELDS
from staging.people.queries import find_person
from staging.registration.service import import_registrations
from staging.security.access import Session
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations
from ui.dialogs.contact import ContactDialog
from ui.language import set_language
from ui.operations import Operations

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform says this about every window it shows; it is not our warning.
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]
LEFT = Qt.MouseButton.LeftButton

PERSON = {
    "id": "p-1",
    "registration_id": "REG-0001",
    "given_names": "María",
    "paternal_surname": "Núñez",
    "phone": "+52 664 555 0101",
    "vulnerabilities": "",
}


@pytest.fixture
def dialog(qtbot, store: Store, intake: Actor, key: bytes) -> ContactDialog:
    shown = ContactDialog(Session(store, intake, key), Operations(), PERSON)
    qtbot.addWidget(shown)
    return shown


def test_the_dialog_asks_contact_details_then_the_us_address_then_notes(
    dialog: ContactDialog,
) -> None:
    captions = [
        dialog.form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget().text().replace("&", "")
        for row in range(dialog.form.rowCount())
    ]
    assert captions == [
        "Phone",
        "E-mail",
        "US contact: name",
        "US contact: phone",
        "Languages",
        "US address: street",
        "US address: city",
        "US address: state",
        "US address: ZIP code",
        "Notes",
    ]
    assert dialog.flags_box.title() == "Vulnerabilities"
    assert dialog.fields["phone"].text() == "+52 664 555 0101"


def test_the_dialog_offers_every_field_intake_may_correct_and_no_other(
    dialog: ContactDialog,
) -> None:
    for field in dialog.fields.values():
        field.setText("changed")
    dialog.notes_field.setPlainText("changed")
    for box in dialog.flag_boxes.values():
        box.setChecked(True)
    assert set(dialog.changes()) == CONTACT_FIELDS


# --- what the desk refuses -----------------------------------------------------------------------


@pytest.fixture
def registered(store: Store, coordinator: Actor, tmp_path: Path) -> dict:
    """A person on a list, with a US address in Texas."""
    row = registration_row(1, us_address_state="TX", us_address_zip="79901")
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", [row]))
    return find_person(store, "REG-0001")


def open_dialog(qtbot, store: Store, intake: Actor, key: bytes, person: dict) -> ContactDialog:
    shown = ContactDialog(Session(store, intake, key), Operations(), person)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: shown.fields["phone"].hasFocus())
    return shown


def retype(qtbot, field: QLineEdit, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def marked(dialog: ContactDialog) -> dict[str, str]:
    """The fields shown as wrong, with the message under each."""
    return {
        name: checked.problem_label.text()
        for name, checked in dialog.checked.items()
        if checked.problem_label.isVisibleTo(dialog) and checked.field.styleSheet()
    }


def test_every_wrong_field_is_marked_and_nothing_is_saved(
    qtbot, store: Store, intake: Actor, key: bytes, registered: dict
) -> None:
    dialog = open_dialog(qtbot, store, intake, key, registered)
    typed = {
        "phone": "664 123 4567",
        "email": "bad@@",
        "us_contact_phone": "not a phone",
        "us_address_zip": "ABCDE",
    }
    for name, text in typed.items():
        retype(qtbot, dialog.fields[name], text)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)

    problems = marked(dialog)
    assert list(problems) == ["email", "us_contact_phone", "us_address_zip"]
    assert "“bad@@” is not an e-mail address" in problems["email"]
    assert "“not a phone” has letters" in problems["us_contact_phone"]
    assert "“ABCDE” is not a ZIP code" in problems["us_address_zip"]
    assert dialog.error_label.isVisible()
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.fields["email"].hasFocus())
    assert {name: dialog.fields[name].text() for name in typed} == typed
    assert find_person(store, registered["id"]) == registered

    # Correcting one field takes its mark away; the others stay until they are corrected too.
    retype(qtbot, dialog.fields["email"], "ana@correo.mx")
    assert list(marked(dialog)) == ["us_contact_phone", "us_address_zip"]


def test_a_zip_code_in_another_state_is_marked_in_spanish(
    qtbot, store: Store, intake: Actor, key: bytes, registered: dict
) -> None:
    set_language("es")
    try:
        dialog = open_dialog(qtbot, store, intake, key, registered)
        retype(qtbot, dialog.fields["us_address_state"], "California")
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
        assert marked(dialog) == {
            "us_address_zip": "El código postal 79901 está en Texas (TX), no en California (CA)"
        }
        qtbot.waitUntil(lambda: dialog.fields["us_address_zip"].hasFocus())
        assert dialog.fields["us_address_state"].text() == "California"
        assert find_person(store, registered["id"]) == registered
    finally:
        set_language("en")


def test_corrected_details_are_saved_in_their_normalised_form(
    qtbot, store: Store, intake: Actor, key: bytes, registered: dict
) -> None:
    dialog = open_dialog(qtbot, store, intake, key, registered)
    retype(qtbot, dialog.fields["phone"], "(664) 123-4567")
    retype(qtbot, dialog.fields["us_address_state"], "nuevo mexico")
    retype(qtbot, dialog.fields["us_address_zip"], "87501")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    after = find_person(store, registered["id"])
    assert (after["phone"], after["us_address_state"], after["us_address_zip"]) == (
        "+526641234567",
        "NM",
        "87501",
    )
