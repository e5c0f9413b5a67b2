"""The data desk's conflicts page, for a coordinator: a phone changed here and, from the same
value, on another desk is listed with both values, who set each, when and where; the value kept
closes it. In Spanish the field and the dates are the site's words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from staging.changes import Done
from staging.intake.operations import update_contact
from staging.people.queries import find_person, person_records
from staging.security.access import Session
from staging.sync.envelope import Change
from staging.sync.hlc import format_stamp
from staging.sync.inbox import receive_changes
from tests.conftest import REFERENCE_MOMENT
from tests.helpers.desk import open_copy
from ui.language import set_language
from ui.operations import Operations
from ui.workspaces.data_desk.conflicts import ConflictsPage

HERE, ELSEWHERE = "+526645550303", "+526645550333"
OTHER_DESK = "desk-z"


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


def person_in_conflict(session: Session) -> tuple[dict, Done]:
    """A demo person's phone changed at this desk and, from the same value, at desk-z (a
    minute later by its clock), received as a sync brings it."""
    store = session.store
    person = person_records(store.db, "1 ORDER BY registration_id LIMIT 1")[0]
    (base,) = store.db.execute(
        "SELECT coalesce((SELECT hlc FROM field_stamp WHERE entity = 'person' "
        "AND entity_id = :id AND field = 'phone'), (SELECT hlc FROM change_log "
        "WHERE entity = 'person' AND entity_id = :id AND op = 'insert'))",
        {"id": person["id"]},
    ).fetchone()
    update_contact(store, session.actor, person["id"], {"phone": HERE})
    later = int(REFERENCE_MOMENT.timestamp() * 1000) + 60_000
    elsewhere = Change(
        "e-phone",
        OTHER_DESK,
        format_stamp(later, 0, OTHER_DESK),
        "person",
        person["id"],
        "update",
        {"phone": ELSEWHERE},
        {"phone": base},
        "rosa",
        "intake",
    )
    return person, receive_changes(store, session.actor, [elsewhere])


@pytest.fixture
def page(qtbot, coordinator: Session) -> ConflictsPage:
    opened = ConflictsPage(coordinator, Operations())
    qtbot.addWidget(opened)
    opened.resize(1260, 600)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def test_with_nothing_in_conflict_the_page_says_what_a_conflict_is(page: ConflictsPage) -> None:
    assert page.open_count() == 0
    assert page.stack.currentWidget() is page.empty_page
    assert page.empty_title.text() == "No conflicts to review"
    assert "changed on two desks before they synced" in page.empty_line.text()
    assert not page.keep_button.isEnabled()


def test_a_coordinator_sees_both_values_with_who_when_where_and_keeps_one(
    page: ConflictsPage, coordinator: Session, qtbot
) -> None:
    counted: list[int] = []
    page.count_changed.connect(counted.append)
    person, received = person_in_conflict(coordinator)
    page.operations.broadcast(received.changes)
    assert counted == [1] and page.open_count() == 1
    name = f"{person['given_names']} {person['paternal_surname']} {person['maternal_surname']}"
    record = f"{' '.join(name.split())} ({person['registration_id']})"
    assert page.caption.text() == f"Phone of {record}"
    assert page.panel is not None
    shown, other = page.panel.buttons()
    assert (shown.text(), other.text()) == (ELSEWHERE, HERE)  # the later stamp wins everywhere
    assert shown.isChecked()
    # The site's time (Tijuana), each value's desk; the one shown everywhere says so.
    by_us, by_rosa = sorted(label.text() for label in page.panel.findChildren(QLabel))
    assert by_us.startswith("Set by coordinator on 1 Mar 2021 at 10:00")
    assert by_us.endswith(f"on this desk ({coordinator.store.device_id})")
    assert by_rosa.startswith("Set by rosa on 1 Mar 2021 at 10:01")
    assert by_rosa.endswith(f"on desk {OTHER_DESK} — shown on every desk until you choose")

    other.click()
    page.keep_button.click()
    assert page.open_count() == 0 and counted == [1, 0]
    assert find_person(coordinator.store, person["id"])["phone"] == HERE  # type: ignore[index]
    assert page.message_label.text().startswith(f"✔ Kept {HERE} as Phone of {record}")


def test_in_spanish_the_field_and_the_moments_are_the_sites_words(
    page: ConflictsPage, coordinator: Session
) -> None:
    person_in_conflict(coordinator)
    page.refresh()
    set_language("es")
    conflict = page.model.conflict(0)
    assert page.model.text(conflict, 1) == "Teléfono"
    assert page.caption.text().startswith("Teléfono")
    assert page.panel is not None
    lines = " ".join(label.text() for label in page.panel.findChildren(QLabel))
    assert "1 mar 2021" in lines  # the date in Spanish; the sentence is the translators'
    set_language("en")
    assert page.model.text(conflict, 1) == "Phone"
