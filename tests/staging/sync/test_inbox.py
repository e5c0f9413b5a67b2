"""Three desks of one site, each working offline, then exchanging what they recorded.

Each desk is its own encrypted database with its own device id and audit key. The site starts
on desk A (a registration list, the test kits) and reaches B and C the way a new desk joins:
by receiving A's changes. Whatever the order the changes travel in, every desk ends with the
same people, check-ins and screenings, nothing lost, its audit log still proving its data.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from staging.audit.chain import verify_chain
from staging.audit.integrity import change_log_findings, data_differences, search_index_findings
from staging.audit.keys import device_audit_key
from staging.changes import Kind
from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.operations import check_in, update_contact
from staging.people import queries
from staging.people.queries import audit_entries
from staging.registration.service import import_registrations
from staging.rules import Action, StopSign
from staging.rules.screening import Answers, AntigenResult
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.supplies import KNOWN_KITS, add_kit_lot, add_kit_type
from staging.store.store import Actor, Store, UnitOfWork
from staging.store.tables import TABLES
from staging.sync.envelope import Change
from staging.sync.inbox import Received, open_conflicts, receive_changes, settle_conflict
from staging.sync.outbox import LOCAL_SETTINGS, all_changes, local_changes
from tests.conftest import audit_keys, registration_row, write_registrations

ADMIN = Actor("admin", Role.ADMIN)
COORDINATOR = Actor("carmen", Role.COORDINATOR)
INTAKE = Actor("ivan", Role.INTAKE)
OTHER_INTAKE = Actor("rosa", Role.INTAKE)
SCREENER = Actor("sofia", Role.SCREENER)
EVERYTHING = 1_000_000


@pytest.fixture
def desks(tmp_path: Path, clock: FrozenClock, key: bytes) -> Iterator[list[Store]]:
    """Desks A, B and C of one site: A's list and kits received by the other two."""
    stores = []
    for name in "abc":
        path = tmp_path / f"{name}.db"
        stores.append(Store.open(path, clock=clock, key=key, audit_key=device_audit_key(path)))
    a, b, c = stores
    rows = [registration_row(n, household_id=f"H-{(n + 1) // 2}") for n in range(1, 7)]
    import_registrations(a, COORDINATOR, write_registrations(tmp_path / "list.csv", rows))
    kit = add_kit_type(a, SCREENER, KNOWN_KITS[0]).value
    add_kit_lot(a, SCREENER, kit, "BX-1", date(2021, 6, 30))
    ship(a, b)
    ship(a, c)
    yield stores
    for store in stores:
        store.close()


def ship(source: Store, target: Store, *, relay: bool = False) -> Received:
    """The source's changes (its own, or all it holds) received by the target in one batch."""
    read = all_changes if relay else local_changes
    changes = [change for _, change in read(source, limit=EVERYTHING)]
    return receive_changes(target, INTAKE, changes).value


def person(store: Store, number: int) -> dict[str, Any]:
    found = queries.find_person(store, f"REG-{number:04d}")
    assert found is not None
    return found


def picture(store: Store) -> dict[str, Any]:
    """Everything a desk shows that sync shares: every synced table, each field's stamp, and
    the conflicts open for review."""
    tables = {
        name: store.db.execute(f"SELECT * FROM {name} ORDER BY {table.key}").fetchall()
        for name, table in TABLES.items()
    }
    tables["site_setting"] = [row for row in tables["site_setting"] if row[0] not in LOCAL_SETTINGS]
    stamps = [
        row
        for row in store.db.execute("SELECT * FROM field_stamp ORDER BY entity, entity_id, field")
        if (row[0], row[1]) not in {("site_setting", setting) for setting in LOCAL_SETTINGS}
    ]
    conflicts = [(c.entity, c.entity_id, c.field, c.leaves) for c in open_conflicts(store)]
    return {"tables": tables, "field_stamp": stamps, "conflicts": conflicts}


def assert_intact(store: Store) -> None:
    """What `audit verify` checks of the data: the chain, the rows against the log, the change
    log against the log, the search index."""
    assert verify_chain(audit_entries(store.db), audit_keys(store)).intact
    assert data_differences(store.db) == []
    assert list(change_log_findings(store.db)) == []
    assert list(search_index_findings(store)) == []


def screen(store: Store, person_id: str) -> None:
    lot = store.db.execute("SELECT id FROM kit_lot").fetchone()[0]
    now = store.clock.now()
    entry = ScreeningEntry(
        person_id=person_id,
        answers=Answers(),
        temperature=36.8,
        kit_lot_id=lot,
        collected_at=now - timedelta(minutes=20),
        read_at=now,
        result=AntigenResult.NEGATIVE,
    )
    record_screening(store, SCREENER, entry)


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def offline_work(tmp_path: Path, a: Store, b: Store, c: Store) -> None:
    """A day at the site with the network down: each desk records on its own."""
    first, second, fifth = (person(a, n)["id"] for n in (1, 2, 5))
    check_in(a, INTAKE, [first, second], confirmed=frozenset(StopSign))
    update_contact(a, INTAKE, person(a, 3)["id"], {"phone": "+526645550303"})
    screen(a, first)
    rows = [registration_row(n, household_id=f"H-{n}") for n in (101, 102)]
    import_registrations(b, COORDINATOR, write_registrations(tmp_path / "b.csv", rows))
    check_in(b, INTAKE, [person(b, 101)["id"], fifth], confirmed=frozenset(StopSign))
    update_contact(b, INTAKE, person(b, 4)["id"], {"email": "ana@example.org"})
    check_in(c, INTAKE, [first], confirmed=frozenset(StopSign))  # a second arrival, on C
    screen(c, first)
    update_contact(c, INTAKE, person(c, 6)["id"], {"us_address_city": "Houston"})
    update_contact(c, OTHER_INTAKE, person(c, 3)["id"], {"phone": "+526645550333"})  # A's too


def ship_backwards(source: Store, target: Store) -> None:
    """The source's changes one at a time, the last first: each waits for what it needs."""
    for _, change in reversed(local_changes(source, limit=EVERYTHING)):
        receive_changes(target, INTAKE, [change])


@pytest.mark.parametrize("backwards", [False, True], ids=["in-order", "backwards"])
@pytest.mark.parametrize("order", list(itertools.permutations(range(3))))
def test_desks_that_worked_offline_converge_whatever_the_order(
    desks: list[Store], tmp_path: Path, order: tuple[int, ...], backwards: bool
) -> None:
    offline_work(tmp_path, *desks)
    for source, target in itertools.product(order, order):
        if source != target:
            (ship_backwards if backwards else ship)(desks[source], desks[target])
    a, b, c = desks
    assert picture(a) == picture(b) == picture(c)
    # No fact lost: A's two arrivals, B's two, C's second arrival of the same person.
    assert count(a, "check_in") == 5
    assert count(a, "screening") == 2
    assert count(a, "person") == 8
    assert person(a, 4)["email"] == "ana@example.org"
    assert person(b, 6)["us_address_city"] == "Houston"
    assert queries.search_people(c, "REG-0101")  # B's new person can be found on C
    # Person 3's phone, changed on A and on C from the same value: one shows, both are kept.
    (conflict,) = open_conflicts(b)
    assert conflict.entity_id == person(b, 3)["id"] and conflict.field == "phone"
    assert {leaf.value for leaf in conflict.leaves} == {"+526645550303", "+526645550333"}
    assert person(b, 3)["phone"] == conflict.leaves[0].value
    for desk in desks:
        assert_intact(desk)
        assert count(desk, "sync_pending") == 0


def test_receiving_the_same_batch_again_changes_nothing(desks: list[Store]) -> None:
    a, b, _ = desks
    update_contact(a, INTAKE, person(a, 1)["id"], {"phone": "+526645550111"})
    changes = [change for _, change in local_changes(a, limit=EVERYTHING)]
    receive_changes(b, INTAKE, changes)
    before, entries = picture(b), count(b, "audit_log")
    again = receive_changes(b, INTAKE, changes)
    assert again.value == Received(applied=0, known=len(changes), pending=0, conflicts=0)
    assert not again.changes
    assert picture(b) == before and count(b, "audit_log") == entries


def test_a_receiving_desk_audits_each_change_under_its_origin(desks: list[Store]) -> None:
    a, b, _ = desks
    update_contact(a, INTAKE, person(a, 1)["id"], {"phone": "+526645550111"})
    (_, change), *_ = local_changes(a, after_seq=count(a, "change_log") - 1)
    done = receive_changes(b, INTAKE, [change])
    assert done.changes.touches(Kind.PEOPLE) and change.entity_id in done.changes.ids
    entry = b.db.execute(
        "SELECT device, user, action, after FROM audit_log WHERE id = ?", [change.event_id]
    ).fetchone()
    assert entry[:3] == (a.device_id, "ivan", "sync:update")
    assert '"phone":"+526645550111"' in entry[3]
    logged = b.db.execute(
        "SELECT hlc, device, base FROM change_log WHERE id = ?", [change.event_id]
    ).fetchone()
    assert logged[:2] == (change.stamp, a.device_id)
    assert b._hlc.stamp(0) > change.stamp  # the desk's clock moved past what it received


def concurrent_phone_edits(a: Store, b: Store) -> tuple[str, str, str]:
    """The same person's phone changed on A and on B from the same value; returns the person
    and the value whose stamp is higher, then the other."""
    person_id = person(a, 1)["id"]
    update_contact(a, INTAKE, person_id, {"phone": "+526645550001"})
    update_contact(b, INTAKE, person_id, {"phone": "+526645550002"})
    stamps = {
        store.db.execute(
            "SELECT hlc FROM field_stamp WHERE entity_id = ? AND field = 'phone'", [person_id]
        ).fetchone()[0]: value
        for store, value in ((a, "+526645550001"), (b, "+526645550002"))
    }
    higher, lower = (stamps[stamp] for stamp in sorted(stamps, reverse=True))
    return person_id, higher, lower


def test_concurrent_edits_of_one_field_are_a_conflict_on_both_desks(desks: list[Store]) -> None:
    a, b, c = desks
    person_id, higher, lower = concurrent_phone_edits(a, b)
    assert ship(a, b).conflicts == 1
    assert ship(b, a).conflicts == 1
    ship(a, c)
    ship(b, c)
    for desk in desks:
        assert queries.find_person(desk, person_id)["phone"] == higher
        (conflict,) = open_conflicts(desk)
        assert (conflict.entity, conflict.entity_id, conflict.field) == (
            "person",
            person_id,
            "phone",
        )
        assert [leaf.value for leaf in conflict.leaves] == [higher, lower]
        assert {leaf.device for leaf in conflict.leaves} == {a.device_id, b.device_id}
        assert_intact(desk)
    assert picture(a) == picture(b) == picture(c)


def test_the_same_edit_made_on_two_desks_leaves_nothing_to_review(desks: list[Store]) -> None:
    a, b, _ = desks
    person_id = person(a, 3)["id"]
    for desk in (a, b):
        update_contact(desk, INTAKE, person_id, {"phone": "+526645550999"})
    assert ship(a, b).conflicts == 0
    assert ship(b, a).conflicts == 0
    for desk in (a, b):
        assert open_conflicts(desk) == []
        assert queries.find_person(desk, person_id)["phone"] == "+526645550999"
    assert picture(a) == picture(b)


def test_a_value_two_desks_agreed_on_then_changed_on_one_leaves_no_conflict(
    desks: list[Store],
) -> None:
    a, b, c = desks
    person_id = person(a, 3)["id"]
    for desk in (a, b):
        update_contact(desk, INTAKE, person_id, {"phone": "+526645550999"})
    ship(a, b)
    # B's volunteer saw the agreed value and replaced it: both desks' edits, not only one.
    update_contact(b, INTAKE, person_id, {"phone": "+526645550777"})
    for source, target in [(b, a), (a, c), (b, c)]:
        ship(source, target, relay=True)
    for desk in desks:
        assert open_conflicts(desk) == []
        assert queries.find_person(desk, person_id)["phone"] == "+526645550777"
        (watched,) = desk.db.execute(
            "SELECT count(*) FROM sync_conflict WHERE closed_at IS NULL"
        ).fetchone()
        assert watched == 0
    assert picture(a) == picture(b) == picture(c)


def test_a_coordinators_choice_closes_the_conflict_everywhere(desks: list[Store]) -> None:
    a, b, c = desks
    person_id, _, lower = concurrent_phone_edits(a, b)
    ship(a, b)
    ship(b, a)
    ship(b, c)  # C has only B's edit so far
    (conflict,) = open_conflicts(b)
    with b.write(COORDINATOR, Action.EDIT_CONTACT) as work:
        settle_conflict(work, conflict.id, lower)
    assert open_conflicts(b) == []
    ship(b, a)
    ship(a, c, relay=True)  # A's edit and B's choice reach C together, through A
    for desk in desks:
        assert queries.find_person(desk, person_id)["phone"] == lower
        assert open_conflicts(desk) == []
        assert_intact(desk)
    assert picture(a) == picture(b) == picture(c)
    closed = a.db.execute("SELECT closed_by FROM sync_conflict").fetchone()[0]
    assert (
        closed
        == b.db.execute(
            "SELECT hlc FROM change_log WHERE device = ? ORDER BY seq DESC LIMIT 1", [b.device_id]
        ).fetchone()[0]
    )


def test_changes_arriving_before_their_record_wait_for_it(
    desks: list[Store], tmp_path: Path
) -> None:
    a, b, _ = desks
    start = count(a, "change_log")
    rows = [registration_row(201, household_id="H-201", date_of_birth="1970-01-02")]
    import_registrations(a, COORDINATOR, write_registrations(tmp_path / "late.csv", rows))
    newcomer = person(a, 201)["id"]
    check_in(a, INTAKE, [newcomer], confirmed=frozenset(StopSign))
    update_contact(a, INTAKE, newcomer, {"phone": "+526645550201"})
    changes = [change for _, change in local_changes(a, after_seq=start)]
    kinds = [(change.entity, change.op) for change in changes]
    assert kinds == [
        ("household", "insert"),
        ("person", "insert"),
        ("import_batch", "insert"),
        ("check_in", "insert"),
        ("person", "update"),
    ]
    for change in reversed(changes[1:]):  # the edit first, the household last
        receive_changes(b, INTAKE, [change])
    assert queries.find_person(b, newcomer) is None
    waiting = b.db.execute("SELECT waiting_entity FROM sync_pending ORDER BY seq").fetchall()
    assert waiting == [("person",), ("person",), ("household",)]  # edit, check-in, person
    arrived = receive_changes(b, INTAKE, [changes[0]]).value
    assert (arrived.applied, arrived.pending) == (4, 0)
    assert person(b, 201)["phone"] == "+526645550201"
    assert person(b, 201)["checked_in"]
    assert picture(a) == picture(b)
    assert_intact(b)


def test_a_relayed_change_is_applied_once(desks: list[Store]) -> None:
    a, b, c = desks
    check_in(a, INTAKE, [person(a, 2)["id"]], confirmed=frozenset(StopSign))
    update_contact(a, INTAKE, person(a, 2)["id"], {"phone": "+526645550222"})
    ship(a, b)
    relayed = ship(b, c, relay=True)  # B's USB stick carries A's changes to C
    assert relayed.applied == 2
    direct = ship(a, c)
    assert direct.applied == 0 and direct.known == len(local_changes(a, limit=EVERYTHING))
    assert picture(a) == picture(b) == picture(c)
    assert (
        c.db.execute("SELECT count(*) FROM change_log GROUP BY id HAVING count(*) > 1").fetchall()
        == []
    )
    assert_intact(c)


def test_a_deletion_wins_over_an_edit_made_without_knowing_it(desks: list[Store]) -> None:
    a, b, c = desks
    with a.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        van = work.insert(
            "vehicle", {"name": "Van 1", "rows": 4, "seats_per_row": 3, "created_at": work.at}
        )
    ship(a, b)
    with b.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        work.update("vehicle", van, {"rows": 5})
    with a.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        work.delete("vehicle", van)
    ship(a, c)
    ship(b, c)  # the edit arrives after the deletion
    ship(a, b)
    ship(b, a)
    for desk in desks:
        assert count(desk, "vehicle") == 0
        assert_intact(desk)
    assert picture(a) == picture(b) == picture(c)


def test_a_change_the_data_refuses_is_kept_not_lost(desks: list[Store]) -> None:
    a, b, _ = desks
    for desk in (a, b):  # the same name on two desks: the name is unique at a site
        with desk.write(ADMIN, Action.PLAN_TRANSPORT) as work:
            work.insert(
                "vehicle", {"name": "Van 1", "rows": 4, "seats_per_row": 3, "created_at": work.at}
            )
    received = ship(a, b)
    assert (received.applied, received.pending) == (0, 1)
    problem = b.db.execute("SELECT problem FROM sync_pending").fetchone()[0]
    assert "UNIQUE" in problem and "vehicle.name" in problem
    assert ship(a, b).known == len(local_changes(a, limit=EVERYTHING))
    assert_intact(b)


def test_every_role_receives_but_a_change_from_an_unknown_table_waits(desks: list[Store]) -> None:
    a, *_ = desks
    stranger = Change("e-1", "desk-z", "0000000000001-000000-desk-z", "spaceship", "x", "insert")
    for role in Role:
        done = receive_changes(a, Actor("someone", role), [stranger])
    assert done.value.pending == 1 and done.value.known == 1
    waiting = a.db.execute("SELECT problem FROM sync_pending").fetchone()[0]
    assert "spaceship" in waiting


def test_a_reopened_desk_stamps_after_everything_it_holds(
    desks: list[Store], clock: FrozenClock, key: bytes
) -> None:
    _, b, _ = desks
    update_contact(b, INTAKE, person(b, 1)["id"], {"phone": "+526645550111"})
    (own,) = b.db.execute("SELECT max(hlc) FROM change_log WHERE device = ?", [b.device_id])
    old = Change(
        "e-old",
        "desk-z",
        "0000000000001-000000-desk-z",
        "vehicle",
        "v-1",
        "insert",
        {"name": "Van 1", "rows": 4, "seats_per_row": 3, "created_at": "2021-03-01"},
    )
    receive_changes(b, INTAKE, [old])  # logged last, with a stamp older than B's own
    assert b.path is not None
    b.close()
    again = Store.open(b.path, clock=clock, key=key, audit_key=device_audit_key(b.path))
    try:
        update_contact(again, INTAKE, person(again, 1)["id"], {"phone": "+526645550222"})
        (latest,) = again.db.execute("SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 1")
        assert latest[0] > own[0]
    finally:
        again.close()


def origins(store: Store, event_ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """How each received change is logged and audited: its stamp, desk and bases, and its
    entry's author, action, record and values."""
    found = store.db.execute(
        "SELECT c.id, c.hlc, c.device, c.entity, c.entity_id, c.op, c.base, a.device, a.user, "
        "a.action, a.entity, a.entity_id, a.before, a.after FROM change_log c "
        "JOIN audit_log a ON a.id = c.audit_id WHERE c.id IN (SELECT value FROM json_each(?))",
        [json.dumps(event_ids)],
    ).fetchall()
    return {row[0]: row[1:] for row in found}


def test_a_batch_of_new_records_is_applied_as_one_change_at_a_time_would_be(
    desks: list[Store], tmp_path: Path
) -> None:
    """New records are written many at a time; whatever else the batch holds (an edit before
    its record, a check-in before its person, the same change twice) ends as receiving the
    changes one at a time does."""
    a, b, c = desks
    start = count(a, "change_log")
    rows = [registration_row(n, household_id=f"H-{n}") for n in (301, 302, 303)]
    import_registrations(a, COORDINATOR, write_registrations(tmp_path / "more.csv", rows))
    arriving, calling = person(a, 301)["id"], person(a, 302)["id"]
    check_in(a, INTAKE, [arriving], confirmed=frozenset(StopSign))
    update_contact(a, INTAKE, calling, {"phone": "+526645550302"})
    *records, checked_in, edit = [change for _, change in local_changes(a, after_seq=start)]
    assert (checked_in.entity, edit.op) == ("check_in", "update")
    batch = [edit, checked_in, *records, records[0]]

    received = receive_changes(b, INTAKE, batch).value
    for change in batch:
        receive_changes(c, INTAKE, [change])

    unique = [edit, checked_in, *records]
    assert received == Received(applied=len(unique), known=1, pending=0, conflicts=0)
    assert person(b, 302)["phone"] == "+526645550302" and person(b, 301)["checked_in"]
    assert queries.search_people(b, "REG-0303")
    assert picture(b) == picture(a) == picture(c)
    ids = [change.event_id for change in unique]
    assert origins(b, ids) == origins(c, ids)
    logged = b.db.execute(
        "SELECT id, hlc, device FROM change_log WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(ids)],
    ).fetchall()
    assert sorted(logged) == sorted((ch.event_id, ch.stamp, ch.device) for ch in unique)
    for desk in (b, c):
        assert_intact(desk)


def van(work: UnitOfWork, name: str) -> str:
    return work.insert(
        "vehicle", {"name": name, "rows": 4, "seats_per_row": 3, "created_at": work.at}
    )


def test_new_records_the_data_refuses_wait_and_the_others_are_applied(desks: list[Store]) -> None:
    a, b, _ = desks
    with b.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        own = van(work, "Van 2")
    with a.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        vans = [van(work, name) for name in ("Van 1", "Van 2", "Van 3")]
    received = ship(a, b)
    assert (received.applied, received.pending) == (2, 1)
    here = dict(b.db.execute("SELECT id, name FROM vehicle").fetchall())
    assert here == {vans[0]: "Van 1", own: "Van 2", vans[2]: "Van 3"}
    waiting, problem = b.db.execute("SELECT change, problem FROM sync_pending").fetchone()
    assert Change.from_json(waiting.encode()).entity_id == vans[1]
    assert "UNIQUE" in problem and "vehicle.name" in problem
    assert_intact(b)


def test_a_record_referring_to_one_deleted_earlier_in_the_batch_waits(desks: list[Store]) -> None:
    """A trip planned on C for a van that A removed meanwhile: B receives both in one batch."""
    a, b, c = desks
    with a.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        removed = van(work, "Van 1")
    ship(a, b)
    ship(a, c)
    with c.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        trip = work.insert(
            "trip",
            {
                "day": "2021-03-02",
                "port": "SYS",
                "departs_at": "07:30",
                "vehicle_id": removed,
                "created_at": work.at,
            },
        )
    with a.write(ADMIN, Action.PLAN_TRANSPORT) as work:
        work.delete("vehicle", removed)
    deletion = local_changes(a, after_seq=count(a, "change_log") - 1)[-1][1]
    planned = next(ch for _, ch in local_changes(c, limit=EVERYTHING) if ch.entity == "trip")
    received = receive_changes(b, INTAKE, [deletion, planned]).value
    assert (received.applied, received.pending) == (1, 1)
    assert count(b, "vehicle") == 0 and count(b, "trip") == 0
    assert b.db.execute("SELECT waiting_entity, waiting_id FROM sync_pending").fetchall() == [
        ("vehicle", removed)
    ]
    assert trip == planned.entity_id
    assert_intact(b)
