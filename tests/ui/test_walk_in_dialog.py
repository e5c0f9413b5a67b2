"""The walk-in form marks every missing or wrong field at once and reads a typed birth date back
in words, so nothing is saved half-checked and 05/04 is never taken for the 4th of May."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from staging.security.access import Session
from staging.store.store import Actor, Store
from ui.dialogs.walk_in import MemberForm, WalkInDialog
from ui.language import set_language
from ui.operations import Operations

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    # The offscreen platform says this about every window it shows; it is not our warning.
    pytest.mark.qt_log_ignore("does not support propagateSizeHints"),
]


@pytest.fixture
def dialog(qtbot, store: Store, intake: Actor, key: bytes) -> WalkInDialog:
    shown = WalkInDialog(Session(store, intake, key), Operations())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: shown.members[0].given_names.hasFocus())
    return shown


@pytest.fixture
def spanish(qapp) -> Iterator[None]:
    set_language("es")
    yield
    set_language("en")


def people_count(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM person").fetchone()[0]


def marked(form: MemberForm) -> dict[str, str]:
    """The person's fields shown as wrong, with the message under each."""
    return {
        name: checked.problem_label.text()
        for name, checked in form.checked.items()
        if checked.problem_label.isVisibleTo(form) and checked.field.styleSheet()
    }


def check_and_save(qtbot, dialog: WalkInDialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_an_empty_form_marks_every_required_field_of_everyone_at_once(
    qtbot, dialog: WalkInDialog, store: Store
) -> None:
    before = people_count(store)
    dialog.add_member()
    qtbot.keyClicks(dialog.members[1].given_names, "Eva")
    check_and_save(qtbot, dialog)

    assert marked(dialog.members[0]) == {
        "given_names": "Given names are required",
        "paternal_surname": "The paternal surname is required",
        "date_of_birth": "The date of birth is required",
    }
    assert marked(dialog.members[1]) == {
        "paternal_surname": "The paternal surname is required",
        "date_of_birth": "The date of birth is required",
    }
    assert (
        "Person 2: The paternal surname is required. The date of birth is required."
        in dialog.error_label.text()
    )
    qtbot.waitUntil(lambda: dialog.members[0].given_names.hasFocus())
    assert dialog.members[1].given_names.text() == "Eva"
    assert dialog.isVisible()
    assert dialog.person_ids == []
    assert people_count(store) == before


def test_wrong_fields_are_marked_with_what_was_typed_and_fixed_ones_unmarked(
    qtbot, dialog: WalkInDialog, store: Store
) -> None:
    before = people_count(store)
    form = dialog.members[0]
    typed = {
        "given_names": "Ana",
        "paternal_surname": "Cruz",
        "date_of_birth": "31/02/1990",
        "a_number": "12",
        "phone": "not a phone",
    }
    for name, text in typed.items():
        qtbot.keyClicks(getattr(form, name), text)
    check_and_save(qtbot, dialog)

    problems = marked(form)
    assert list(problems) == ["date_of_birth", "a_number", "phone"]
    assert "“31/02/1990” is not a real date" in problems["date_of_birth"]
    assert "“12” has 2 digits" in problems["a_number"]
    assert "“not a phone” has letters" in problems["phone"]
    qtbot.waitUntil(lambda: form.date_of_birth.hasFocus())
    assert {name: getattr(form, name).text() for name in typed} == typed

    form.date_of_birth.clear()
    qtbot.keyClicks(form.date_of_birth, "28/02/1990")
    assert list(marked(form)) == ["a_number", "phone"]
    assert people_count(store) == before


def test_a_typed_birth_date_is_read_back_in_words(qtbot, dialog: WalkInDialog) -> None:
    form = dialog.members[0]
    qtbot.keyClicks(form.date_of_birth, "05/04/1990")
    assert form.date_in_words.text() == "5 April 1990"
    form.date_of_birth.clear()
    qtbot.keyClicks(form.date_of_birth, "1990-04-05")
    assert form.date_in_words.text() == "5 April 1990"

    form.date_of_birth.clear()
    qtbot.keyClicks(form.date_of_birth, "05/04")
    assert "“05/04” is not a date written YYYY-MM-DD or DD/MM/YYYY" in form.date_in_words.text()
    form.date_of_birth.clear()
    assert form.date_in_words.text() == ""


def test_the_date_is_read_back_in_spanish(qtbot, spanish, dialog: WalkInDialog) -> None:
    form = dialog.members[0]
    qtbot.keyClicks(form.date_of_birth, "05/04/1990")
    assert form.date_in_words.text() == "5 abril 1990"
    form.date_of_birth.clear()
    qtbot.keyClicks(form.date_of_birth, "31/02/1990")
    assert "no es una fecha válida" in form.date_in_words.text()


def test_a_walk_in_is_saved_with_the_phone_in_one_form(
    qtbot, dialog: WalkInDialog, store: Store
) -> None:
    form = dialog.members[0]
    typed = {
        "given_names": "Ana",
        "paternal_surname": "Cruz",
        "date_of_birth": "05/04/1990",
        "phone": "(664) 123-4567",
    }
    for name, text in typed.items():
        qtbot.keyClicks(getattr(form, name), text)
    check_and_save(qtbot, dialog)

    [person_id] = dialog.person_ids
    saved = store.db.execute(
        "SELECT date_of_birth, phone FROM person WHERE id = ?", [person_id]
    ).fetchone()
    assert tuple(saved) == ("1990-04-05", "+526641234567")
