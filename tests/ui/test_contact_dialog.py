"""The contact dialog asks for what intake may correct, contact details first."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout

from staging.intake.operations import CONTACT_FIELDS
from staging.security.access import Session
from staging.store.store import Actor, Store
from ui.dialogs.contact import ContactDialog
from ui.operations import Operations

pytestmark = pytest.mark.qt_log_level_fail("WARNING")

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
