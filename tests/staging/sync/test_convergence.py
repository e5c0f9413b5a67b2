"""Three desks of one site, driven at random through writes, partitions, syncs through a real
PostgreSQL hub and USB bundles: each desk always shows what it knows, and once everyone is back
online and has synced twice, every desk holds the same data, no record written anywhere is
missing anywhere, and every field set to two values on two desks that never saw each other's
edit waits in the conflict list of every desk until a coordinator settles it.

Beside the real desks the test keeps a model of what each desk and the hub know: records, and
field edits each with the stamps of the values it replaced. A desk knows what it wrote, what it
pulled from the hub (everything any desk pushed there: all it knew), and everything a bundle's
writer knew. A field's edits that no other edit replaced are its leaves: the highest stamp is
its value; leaves of different values are a conflict (two desks that typed the same value leave
nothing to decide).
"""

from __future__ import annotations

import json
import secrets
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, note, settings
from hypothesis import strategies as st

from staging.audit.keys import device_audit_key
from staging.clock import FrozenClock
from staging.domain import Verification
from staging.intake.operations import check_in, update_contact
from staging.intake.walk_ins import WalkIn, register_walk_ins
from staging.registration.service import import_registrations
from staging.rules import Action, StopSign
from staging.store.store import Store
from staging.sync.bundle import export_bundle, import_bundle
from staging.sync.desk import BATCH, join_hub, set_up_hub, sync
from staging.sync.inbox import open_conflicts, settle_conflict
from staging.sync.outbox import all_changes
from staging.verification.operations import record_verification
from tests.conftest import REFERENCE_MOMENT, registration_row, write_registrations
from tests.helpers.postgres import PostgresServer
from tests.staging.sync.test_inbox import (
    ADMIN,
    COORDINATOR,
    EVERYTHING,
    INTAKE,
    assert_intact,
    count,
    picture,
)

SITE = "tijuana"
DESKS = ("a", "b", "c")
SEED_PEOPLE = 6
# The records the model follows; the final comparison covers every synced table.
RECORDS = ("household", "person", "check_in", "verification_event")
EDITED = ("phone", "email")


@dataclass(frozen=True)
class Record:
    table: str
    id: str


@dataclass(frozen=True)
class FieldEdit:
    """A value of a person's field as one desk set it (a new record's value has no bases)."""

    person: str
    field: str
    value: str
    stamp: str
    bases: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        return (self.person, self.field)


Known = set[Record | FieldEdit]
Step = tuple[Any, ...]


def leaves(edits: list[FieldEdit]) -> list[FieldEdit]:
    """The edits no other edit replaced, the highest stamp (the one shown) first."""
    replaced = {base for edit in edits for base in edit.bases}
    current = [edit for edit in edits if edit.stamp not in replaced]
    return sorted(current, key=lambda edit: edit.stamp, reverse=True)


def fields_of(known: Known) -> dict[tuple[str, str], list[FieldEdit]]:
    by_field: dict[tuple[str, str], list[FieldEdit]] = defaultdict(list)
    for item in known:
        if isinstance(item, FieldEdit):
            by_field[item.key].append(item)
    return by_field


@dataclass
class Site:
    """The three real desks and the model of what each of them, and the hub, knows."""

    stores: dict[str, Store]
    folder: Path
    online: set[str] = field(default_factory=lambda: set(DESKS))
    known: dict[str, Known] = field(default_factory=lambda: {desk: set() for desk in DESKS})
    hub: Known = field(default_factory=set)
    written: Known = field(default_factory=set)
    numbers: Iterator[int] = field(default_factory=lambda: iter(range(1000, 10_000)))
    conflicted: set[tuple[str, str]] = field(default_factory=set)

    # --- what the desks do, through the operations the app uses ------------------------

    def check_in(self, desk: str, pick: int) -> None:
        store = self.stores[desk]
        waiting = [
            row[0]
            for row in store.db.execute(
                "SELECT id FROM person WHERE id NOT IN (SELECT person_id FROM check_in) "
                "ORDER BY registration_id"
            )
        ]
        if waiting:
            with self.writing(desk):
                check_in(store, INTAKE, [waiting[pick % len(waiting)]], frozenset(StopSign))

    def verify(self, desk: str, pick: int) -> None:
        person = self.pick_person(desk, pick)
        with self.writing(desk):
            record_verification(self.stores[desk], COORDINATOR, [person], Verification.SUBMITTED)

    def walk_in(self, desk: str) -> None:
        n = next(self.numbers)
        arriving = WalkIn(
            given_names=f"Walk{n}",
            paternal_surname=f"Newcomer{n}",
            date_of_birth=date(1980, 1, 1) + timedelta(days=n),
            phone=f"+52664555{n:04d}",
        )
        with self.writing(desk):
            register_walk_ins(self.stores[desk], INTAKE, [arriving])

    def edit(self, desk: str, pick: int, name: str, again: bool) -> None:
        """A new value, or `again` the latest one set anywhere (the person told two desks)."""
        person = self.pick_person(desk, pick)
        if again:
            earlier = fields_of(self.written)[(person, name)]
            typed = max(earlier, key=lambda edit: edit.stamp).value
        else:
            typed = self.new_value(name)
        self.correct(desk, person, name, typed)

    def edit_apart(self, desk: str, other: str, pick: int, name: str, again: bool) -> None:
        """Two desks correct the same field, neither having seen the other's correction; to
        the same value `again`."""
        person = self.pick_person(desk, pick)
        if person in self.people(other):
            typed = self.new_value(name)
            self.correct(desk, person, name, typed)
            self.correct(other, person, name, typed if again else self.new_value(name))

    def correct(self, desk: str, person: str, name: str, typed: str) -> None:
        """A volunteer corrects a contact field: the edit replaces the value the desk shows
        (typing the value shown changes nothing). Which of the field's leaves holding that
        value it names as replaced is the desk's to say; the model follows the desk."""
        store = self.stores[desk]
        current = leaves(fields_of(self.known[desk])[(person, name)])
        if not update_contact(store, INTAKE, person, {name: typed}).value:
            assert current[0].value == typed
            return
        stamp, bases = self.last_edit(desk, person)
        replaced = frozenset([bases[name]] if isinstance(bases[name], str) else bases[name])
        shown = {edit.stamp for edit in current if edit.value == current[0].value}
        assert current[0].stamp in replaced, "an edit replaces the value shown"
        assert replaced <= shown, "an edit replaces only the value shown"
        value = self.value_of(desk, person, name)
        self.wrote(desk, FieldEdit(person, name, value, stamp, replaced))

    def settle(self, desk: str, pick: int) -> None:
        """A coordinator confirms one of the values of a field in conflict, or sets another."""
        store = self.stores[desk]
        conflicts = open_conflicts(store)
        if not conflicts:
            return
        conflict = conflicts[pick % len(conflicts)]
        person, name = conflict.entity_id, conflict.field
        choices = [leaf.value for leaf in conflict.leaves] + [self.new_value(name)]
        chosen = choices[pick % len(choices)]
        with store.write(COORDINATOR, Action.EDIT_CONTACT) as work:
            settle_conflict(work, conflict.id, chosen)
        stamp, bases = self.last_edit(desk, person)
        in_conflict = leaves(fields_of(self.known[desk])[(person, name)])
        replaced = frozenset(edit.stamp for edit in in_conflict)
        assert frozenset(bases[name]) == replaced, "a settlement replaces every value in conflict"
        self.wrote(desk, FieldEdit(person, name, chosen, stamp, replaced))

    def sync(self, desk: str, batch: int = BATCH) -> None:
        """Push and pull, in batches of `batch` changes."""
        if desk not in self.online:
            return  # cut off from the hub: it keeps working on its own
        report = sync(self.stores[desk], INTAKE, batch=batch).value
        self.hub |= self.known[desk]
        self.known[desk] |= self.hub
        assert report.pending == 0
        assert report.conflicts == len(self.expected_conflicts(desk))

    def carry(self, source: str, target: str) -> None:
        """A USB stick from one desk to another; the file is removed once imported."""
        bundle = export_bundle(self.stores[source], INTAKE, self.folder / "usb")
        import_bundle(self.stores[target], INTAKE, bundle)
        bundle.unlink()
        self.known[target] |= self.known[source]

    # --- reading the desks, and the model -----------------------------------------------

    def new_value(self, name: str) -> str:
        """A value nobody has typed yet, in its stored form."""
        n = next(self.numbers)
        return f"+52664555{n:04d}" if name == "phone" else f"edit{n}@example.org"

    def people(self, desk: str) -> list[str]:
        found = self.stores[desk].db.execute("SELECT id FROM person ORDER BY registration_id")
        return [row[0] for row in found]

    def pick_person(self, desk: str, pick: int) -> str:
        people = self.people(desk)
        return people[pick % len(people)]

    def value_of(self, desk: str, person: str, name: str) -> str:
        query = f"SELECT {name} FROM person WHERE id = ?"
        return self.stores[desk].db.execute(query, [person]).fetchone()[0]

    def last_edit(self, desk: str, person: str) -> tuple[str, dict[str, Any]]:
        """The stamp and bases of the desk's latest edit of the person."""
        db = self.stores[desk].db
        stamp, bases = db.execute(
            "SELECT hlc, base FROM change_log WHERE entity = 'person' AND entity_id = ? "
            "AND op = 'update' ORDER BY seq DESC LIMIT 1",
            [person],
        ).fetchone()
        return stamp, json.loads(bases)

    def records(self, desk: str) -> set[Record]:
        db = self.stores[desk].db
        found = ((table, db.execute(f"SELECT id FROM {table}")) for table in RECORDS)
        return {Record(table, row[0]) for table, rows in found for row in rows}

    def first_values(self, desk: str, person: str) -> list[FieldEdit]:
        db = self.stores[desk].db
        (stamp,) = db.execute(
            "SELECT hlc FROM change_log WHERE entity = 'person' AND entity_id = ? "
            "AND op = 'insert'",
            [person],
        ).fetchone()
        return [
            FieldEdit(person, name, self.value_of(desk, person, name), stamp) for name in EDITED
        ]

    def wrote(self, desk: str, *items: Record | FieldEdit) -> None:
        self.known[desk].update(items)
        self.written.update(items)

    @contextmanager
    def writing(self, desk: str) -> Iterator[None]:
        """The records an operation adds on the desk, and each new person's first values."""
        before = self.records(desk)
        yield
        for new in self.records(desk) - before:
            self.wrote(desk, new)
            if new.table == "person":
                self.wrote(desk, *self.first_values(desk, new.id))

    def expected_conflicts(self, desk: str) -> dict[tuple[str, str], list[tuple[str, str]]]:
        found = {}
        for key, edits in fields_of(self.known[desk]).items():
            current = leaves(edits)
            if len({edit.value for edit in current}) > 1:  # the same value twice: nothing to decide
                found[key] = [(edit.stamp, edit.value) for edit in current]
        return found

    def check(self, desk: str) -> None:
        """The desk shows exactly what it knows: its records, each field's value, its
        conflicts; and it holds no change back."""
        store, known = self.stores[desk], self.known[desk]
        held, expected = self.records(desk), {item for item in known if isinstance(item, Record)}
        assert held == expected, f"desk {desk} lacks {expected - held}, has {held - expected}"
        for (person, name), edits in fields_of(known).items():
            shown = self.value_of(desk, person, name)
            assert shown == leaves(edits)[0].value, f"desk {desk}: {name} of {person}"
        listed = {
            (found.entity_id, found.field): [(leaf.stamp, leaf.value) for leaf in found.leaves]
            for found in open_conflicts(store)
        }
        assert listed == self.expected_conflicts(desk), f"desk {desk}'s conflicts"
        self.conflicted |= listed.keys()
        assert count(store, "sync_pending") == 0, f"desk {desk} holds changes back"


def run(site: Site, step: Step) -> None:
    kind, desk, *rest = step
    if kind == "offline":
        site.online.discard(desk)
    elif kind == "online":
        site.online.add(desk)
    elif kind == "clock":
        site.stores[desk].clock.advance(timedelta(seconds=rest[0]))  # type: ignore[attr-defined]
    else:
        getattr(site, kind)(desk, *rest)


a_desk = st.sampled_from(DESKS)


def between_two(kind: str, *more: st.SearchStrategy[Any]) -> st.SearchStrategy[Step]:
    """A step of two different desks: (kind, one desk, the other, *more)."""
    pairs = st.sampled_from(list(permutations(DESKS, 2)))
    return st.tuples(st.just(kind), pairs, *more).map(lambda s: (s[0], *s[1], *s[2:]))


steps = st.lists(
    st.one_of(
        st.tuples(st.just("clock"), a_desk, st.integers(1, 600)),  # first: shrinking pads with it
        st.tuples(
            st.just("edit"), a_desk, st.integers(0, 7), st.sampled_from(EDITED), st.booleans()
        ),
        between_two("edit_apart", st.integers(0, 7), st.sampled_from(EDITED), st.booleans()),
        st.tuples(st.just("check_in"), a_desk, st.integers(0, 7)),
        st.tuples(st.just("walk_in"), a_desk),
        st.tuples(st.just("verify"), a_desk, st.integers(0, 7)),
        st.tuples(st.just("settle"), a_desk, st.integers(0, 3)),
        st.tuples(st.just("offline"), a_desk),
        st.tuples(st.just("online"), a_desk),
        st.tuples(st.just("sync"), a_desk, st.sampled_from((BATCH, 5, 2))),
        between_two("carry"),
    ),
    min_size=10,
    max_size=40,
)


@contextmanager
def three_desks(server: PostgresServer, base: Path) -> Iterator[Site]:
    """A fresh hub database and three new encrypted desks: A imports a few people and sets the
    hub up, B and C join, and all three sync — the site as it starts its day. Afterwards the
    desks are closed, their folder removed and the hub's database dropped."""
    name = f"convergence_{uuid.uuid4().hex[:12]}"
    with ExitStack() as cleanup:
        url = server.create_database(name)
        cleanup.callback(server.drop_database, name)
        folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(dir=base)))
        stores: dict[str, Store] = {}
        for desk in DESKS:
            path = folder / f"{desk}.db"
            clock = FrozenClock(REFERENCE_MOMENT)  # each desk's own: they drift apart
            key, audit_key = secrets.token_bytes(32), device_audit_key(path)
            stores[desk] = Store.open(path, clock=clock, key=key, audit_key=audit_key)
            cleanup.callback(stores[desk].close)
        site = Site(stores, folder)
        rows = [
            registration_row(n, household_id=f"H-{(n + 1) // 2}") for n in range(1, SEED_PEOPLE + 1)
        ]
        with site.writing("a"):
            import_registrations(
                stores["a"], COORDINATOR, write_registrations(folder / "list.csv", rows)
            )
        keys = set_up_hub(stores["a"], ADMIN, url, SITE).value
        for other in DESKS[1:]:
            join_hub(stores[other], ADMIN, url, SITE, keys)
        for desk in DESKS:
            site.sync(desk)
        yield site


def reunite_and_compare(site: Site) -> None:
    """Everyone comes back online and syncs twice: every desk knows every record and edit
    written anywhere, lists every field still in conflict, and holds the same data."""
    site.online = set(DESKS)
    for _ in range(2):
        for desk in DESKS:
            site.sync(desk)
    for desk in DESKS:
        assert site.known[desk] == site.written
        site.check(desk)
        assert_intact(site.stores[desk])
    stores = list(site.stores.values())
    first, *others = (picture(store) for store in stores)
    for other in others:
        assert other == first
    events = [{change.event_id for _, change in all_changes(s, 0, EVERYTHING)} for s in stores]
    assert events[0] == events[1] == events[2]


# A day the generator may take long to stumble on: a desk offline all day reaches the others
# through a USB stick carried to a desk that syncs, while two desks edit one field unawares.
RELAYED_DAY: list[Step] = [
    ("offline", "c"),
    ("walk_in", "c"),
    ("edit", "c", 0, "phone", False),
    ("carry", "c", "a"),
    ("sync", "a"),
    ("sync", "b"),
    ("edit", "b", 0, "phone", False),
    ("edit_apart", "a", "c", 1, "email", False),
    ("clock", "b", 30),
    ("check_in", "b", 0),
    ("verify", "a", 6),
    ("sync", "a"),
    ("online", "c"),
    ("sync", "c"),
    ("settle", "c", 0),
]


# Two desks type the same new phone unawares (nothing to decide); one of them, having seen the
# other's, changes the phone again. Whether that leaves anything to decide, every desk must agree.
AGREED_THEN_CHANGED: list[Step] = [
    ("edit_apart", "a", "b", 0, "phone", True),
    ("carry", "a", "b"),
    ("edit", "b", 0, "phone", False),
]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    report_multiple_bugs=False,
)
@given(program=steps, coordinator=st.sampled_from(DESKS))
@example(program=RELAYED_DAY, coordinator="b")
@example(program=AGREED_THEN_CHANGED, coordinator="c")
def test_desks_converge_whatever_the_writes_partitions_syncs_and_sticks(
    server: PostgresServer,
    tmp_path_factory: pytest.TempPathFactory,
    program: list[Step],
    coordinator: str,
) -> None:
    with three_desks(server, tmp_path_factory.getbasetemp()) as site:
        for desk in DESKS:
            site.check(desk)
        for number, step in enumerate(program):
            note(f"step {number}: {step}")
            run(site, step)
            for desk in DESKS:
                site.check(desk)
        reunite_and_compare(site)
        conflicts = len(site.expected_conflicts(coordinator))
        event(f"fields in conflict at some point: {min(len(site.conflicted), 3)}+")
        event(f"conflicts open after the reunion: {min(conflicts, 2)}+")
        # A coordinator settles them all on one desk: once everyone has synced, none is left.
        for n in range(conflicts):
            site.settle(coordinator, n)
        reunite_and_compare(site)
        assert all(open_conflicts(store) == [] for store in site.stores.values())
