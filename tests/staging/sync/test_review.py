"""A coordinator reviews a field two desks changed differently: the screen gets the record and
the field in words and each value with who, when and where; the choice is an audited edit that
closes the conflict on every desk it reaches, and only a value the desks gave may be chosen."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from staging.changes import Kind
from staging.errors import NotFound, PermissionDenied
from staging.intake.operations import update_contact
from staging.store.store import Store
from staging.store.tables import TABLES, Merge
from staging.sync.hlc import format_stamp
from staging.sync.inbox import Leaf
from staging.sync.review import (
    CONFLICT_KINDS,
    NotOneOfTheValues,
    conflicts_to_review,
    field_name,
    set_at,
    settle,
)
from staging.vocabulary import RECORD_NAMES
from tests.conftest import REFERENCE_MOMENT
from tests.staging.sync.test_inbox import (
    COORDINATOR,
    INTAKE,
    OTHER_INTAKE,
    desks,
    person,
    ship,
)

__all__ = ["desks"]  # the fixture, shared with the inbox's tests

PHONE_A, PHONE_B = "+526645550303", "+526645550333"


@pytest.fixture
def in_conflict(desks: list[Store]) -> tuple[Store, Store]:
    """Person 3's phone changed on A and on B from the same value, then exchanged."""
    a, b, _ = desks
    update_contact(a, INTAKE, person(a, 3)["id"], {"phone": PHONE_A})
    update_contact(b, OTHER_INTAKE, person(b, 3)["id"], {"phone": PHONE_B})
    ship(a, b)
    ship(b, a)
    return a, b


def test_a_conflict_is_shown_with_its_person_field_and_each_value_in_words(
    in_conflict: tuple[Store, Store],
) -> None:
    a, b = in_conflict
    for store in (a, b):
        (shown,) = conflicts_to_review(store)
        registered = person(store, 3)
        assert shown.entity == "person" and shown.field == "phone"
        assert shown.person is not None
        assert shown.person.registration_id == "REG-0003"
        assert shown.person.name == (
            f"{registered['given_names']} {registered['paternal_surname']} "
            f"{registered['maternal_surname']}"
        )
        assert (shown.record_kind.en, shown.record_kind.es) == ("Person", "Persona")
        assert (shown.field_name.en, shown.field_name.es) == ("Phone", "Teléfono")
        assert shown.value_kind == "text"
        assert {(leaf.value, leaf.user, leaf.device) for leaf in shown.leaves} == {
            (PHONE_A, "ivan", a.device_id),
            (PHONE_B, "rosa", b.device_id),
        }
        assert shown.leaves[0].value == registered["phone"]  # the value every desk shows
        assert {set_at(leaf) for leaf in shown.leaves} == {REFERENCE_MOMENT}


def test_choosing_a_value_is_audited_and_closes_the_conflict_on_every_desk(
    in_conflict: tuple[Store, Store],
) -> None:
    a, b = in_conflict
    (shown,) = conflicts_to_review(a)
    not_shown = shown.leaves[1].value
    done = settle(a, COORDINATOR, shown.id, not_shown)
    assert done.changes.touches(Kind.PEOPLE)
    assert conflicts_to_review(a) == []
    assert person(a, 3)["phone"] == not_shown
    (audited,) = a.db.execute(
        "SELECT user, action, after FROM audit_log WHERE action LIKE 'resolve_conflicts:%'"
    ).fetchall()
    assert audited[0] == "carmen" and not_shown in audited[2]
    ship(a, b)
    assert conflicts_to_review(b) == []
    assert person(b, 3)["phone"] == not_shown


def test_only_a_value_a_desk_gave_may_be_chosen_and_only_once(
    in_conflict: tuple[Store, Store],
) -> None:
    a, _ = in_conflict
    (shown,) = conflicts_to_review(a)
    with pytest.raises(NotOneOfTheValues):
        settle(a, COORDINATOR, shown.id, "+526640000000")
    assert len(conflicts_to_review(a)) == 1
    settle(a, COORDINATOR, shown.id, shown.leaves[0].value)
    with pytest.raises(NotFound):
        settle(a, COORDINATOR, shown.id, shown.leaves[0].value)


def test_intake_staff_may_not_settle_a_conflict(in_conflict: tuple[Store, Store]) -> None:
    a, _ = in_conflict
    (shown,) = conflicts_to_review(a)
    with pytest.raises(PermissionDenied) as refused:
        settle(a, INTAKE, shown.id, shown.leaves[0].value)
    assert "settle fields that two desks changed differently" in refused.value.message_en
    assert "resolver campos que dos equipos cambiaron" in refused.value.message_es
    assert len(conflicts_to_review(a)) == 1


def test_every_kind_of_record_that_may_conflict_has_a_name_and_a_screen_to_redraw() -> None:
    edited = {name for name, table in TABLES.items() if table.merge is Merge.FIELDS}
    assert edited <= RECORD_NAMES.keys()
    assert {TABLES[name].kind for name in edited} == CONFLICT_KINDS
    assert Kind.CHECK_INS not in CONFLICT_KINDS  # facts never conflict


def test_fields_are_named_where_the_desks_name_them() -> None:
    assert field_name("person", "us_contact_phone").es == "Contacto en EE. UU.: teléfono"
    assert field_name("eoir33_form", "current_city").en == "Current address: city"
    assert field_name("roster_entry", "seat").es == "Asiento"
    assert field_name("trip", "a_column_no_screen_edits").en == "a_column_no_screen_edits"


def test_a_value_set_at_a_moment_reads_back_from_its_stamp() -> None:
    moment = datetime(2021, 3, 1, 18, 5, 30, tzinfo=UTC)
    stamp = format_stamp(int(moment.timestamp() * 1000), 3, "desk1")
    assert set_at(Leaf(stamp, "desk1", "x")) == moment
