"""What a desk does with the changes other desks recorded: merge them through the one write path.

Each received change is applied once (its event id is kept in the change log with its original
desk and stamp, and audited in this desk's chain), merged by `staging.sync.merge`:

- a fact is inserted if its id is new; a record's insert adds the row, or, when a row with that
  id is here already, its fields count as edits of it;
- an edit is merged field by field with every edit of that field this desk knows; the winner is
  written, and two or more leaves are a conflict kept in `sync_conflict` for a coordinator;
- a deletion removes the row (a tombstone: an edit arriving after it changes nothing);
- a change whose record (or a record it refers to) has not arrived yet waits in
  `sync_pending` and is applied when that record arrives; one the data refuses (two desks
  registered one registration id) waits there with the reason, never lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import orjson
import sqlcipher3

from staging.audit.formats import COMPACT_IMPORT, entry_format
from staging.changes import Done
from staging.duplicates.operations import COPIED_FACTS, MERGE_FACT, MOVED_RECORDS, follow_merge
from staging.errors import NotFound
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork
from staging.store.tables import TABLES, Merge
from staging.sync.envelope import Change
from staging.sync.hlc import parse_stamp
from staging.sync.merge import Edit, FieldState, resolve_field
from staging.sync.outbox import LOCAL_SETTINGS, imported_values

OPS = ("insert", "update", "delete")
# Records of a person that follow a merge of two registrations, and the merge itself.
FOLLOWS_MERGES = frozenset({*COPIED_FACTS, *MOVED_RECORDS, MERGE_FACT}) - {"possible_duplicate"}
# Set by the app beside every edit, not by a person: concurrent edits of them merge like any
# field, but are not put to a coordinator (the edits they came with are).
UNREVIEWED_FIELDS = frozenset({"updated_at", "password_changed_at", "credential"})


@dataclass(frozen=True)
class Received:
    """One batch received: `applied` (held changes it released included) and `known` (seen
    before) count its changes; `pending` and `conflicts` are what waits on this desk after it."""

    applied: int
    known: int
    pending: int
    conflicts: int


@dataclass(frozen=True)
class Leaf:
    """One value of a field in conflict, and the desk, moment and user of the edit that set it."""

    stamp: str
    device: str
    value: Any
    user: str = ""


@dataclass(frozen=True)
class Conflict:
    """A field edited on several desks from the same value; `leaves` shown one first."""

    id: str
    entity: str
    entity_id: str
    field: str
    leaves: tuple[Leaf, ...]


def receive_changes(store: Store, actor: Actor, changes: Iterable[Change]) -> Done[Received]:
    """Apply a batch of other desks' changes in one transaction; the screens refresh from the
    kinds of record it touched, as after a local operation."""
    return store.run(actor, Action.SYNC, lambda work: _Inbox(work).receive(changes))


def open_conflicts(store: Store) -> list[Conflict]:
    """The fields waiting for a coordinator, each with its values as this desk knows them now
    (a later edit on this desk replaces the value it was based on). A field whose values all
    agree (two desks made the same edit, both following one merge) leaves nothing to choose
    and is not listed; it is still watched, in case one of them is edited again."""
    found = []
    for conflict_id, entity, entity_id, field in store.db.execute(
        "SELECT id, entity, entity_id, field FROM sync_conflict WHERE closed_at IS NULL "
        "ORDER BY entity, entity_id, field"
    ).fetchall():
        state = resolve_field(known_edits(store, entity, entity_id, [field])[field])
        if state.conflict and not _disputed(state):
            continue
        leaves = tuple(
            _leaf(edit, _author(store, entity_id, edit.stamp))
            for edit in state.conflict or (state.edit,)
        )
        found.append(Conflict(conflict_id, entity, entity_id, field, leaves))
    return found


def settle_conflict(work: UnitOfWork, conflict_id: str, value: Any) -> None:
    """A coordinator's choice (one of the leaves' values, or another the caller checked): an
    edit replacing every leaf, so the conflict closes on every desk that receives it. A step:
    the caller's action says who may."""
    work.flush()
    row = work.store.db.execute(
        "SELECT entity, entity_id, field FROM sync_conflict WHERE id = ? AND closed_at IS NULL",
        [conflict_id],
    ).fetchone()
    if row is None:
        raise NotFound(
            f"No open conflict {conflict_id}: another desk may have settled it",
            f"No hay un conflicto abierto {conflict_id}: quizás otro equipo ya lo resolvió",
        )
    entity, entity_id, field = row
    state = resolve_field(known_edits(work.store, entity, entity_id, [field])[field])
    stamps = [edit.stamp for edit in state.conflict or (state.edit,)]
    work.settle(entity, entity_id, field, value, stamps)


def known_edits(
    store: Store, entity: str, entity_id: str, fields: Iterable[str]
) -> dict[str, list[Edit]]:
    """Every edit of these fields this desk knows: the record's insert and each update naming
    the field in its bases, with the values its audit entry (or, for what lost a merge,
    `sync_unapplied`) holds; a compactly audited insert's values are the row's as imported."""
    wanted = set(fields)
    edits: dict[str, list[Edit]] = {field: [] for field in wanted}
    for stamp, op, base, after, unapplied in store.db.execute(
        "SELECT c.hlc, c.op, c.base, a.after, u.fields FROM change_log c "
        "JOIN audit_log a ON a.id = c.audit_id LEFT JOIN sync_unapplied u ON u.event_id = c.id "
        "WHERE c.entity_id = ? AND c.entity = ? AND c.op IN ('insert', 'update') ORDER BY c.seq",
        [entity_id, entity],
    ).fetchall():
        values = orjson.loads(after) if after else {}
        if op == "insert" and entry_format(values) == COMPACT_IMPORT:
            values = imported_values(store, entity, [entity_id])[entity_id]
        values.update(orjson.loads(unapplied) if unapplied else {})
        replaced = orjson.loads(base) if op == "update" and base else dict.fromkeys(values)
        for field in wanted & replaced.keys():
            edits[field].append(
                Edit(entity, entity_id, field, values.get(field), stamp, _bases(replaced[field]))
            )
    return edits


class _Inbox:
    """One batch: what this desk knows is read inside the batch's transaction, so each change
    sees the ones applied before it.

    New records whose references are all here (what a joining desk receives, nearly
    everything) are gathered and written many at a time (`UnitOfWork.receive_inserts`); any
    other change first writes what was gathered, then is merged on its own. What the batch's
    inserts need to know (which event ids are known, which records exist, which records held
    changes wait for) is read once for the whole batch; a record written, deleted or waited
    for one change at a time during the batch is looked up again, one change at a time.
    """

    def __init__(self, work: UnitOfWork) -> None:
        self._work = work
        self._store = work.store
        self._db = work.store.db
        self._seen: set[str] = set()
        self._applied = 0
        self._known = 0
        self._columns: dict[str, frozenset[str]] = {}
        self._references: dict[str, list[tuple[str, str]]] = {}
        self._gathered: list[tuple[Change, dict[str, Any]]] = []
        # (table, id) of records: inserted many at a time in this batch, present before it,
        # applied or held one change at a time in this batch, waited for by held changes.
        self._gathered_here: set[tuple[str, str]] = set()
        self._present: set[tuple[str, str]] = set()
        self._one_by_one: set[tuple[str, str]] = set()
        self._awaited: set[tuple[str, str]] = set()

    def receive(self, changes: Iterable[Change]) -> Received:
        batch = list(changes)
        known = self._known_ids([change.event_id for change in batch])
        self._look_up(batch)
        for change in batch:
            if change.event_id in self._seen or change.event_id in known:
                self._known += 1
                continue
            self._seen.add(change.event_id)
            row = self._new_record(change)
            if row is not None:
                self._gathered.append((change, row))
                self._gathered_here.add((change.entity, change.entity_id))
                continue
            self._write_gathered()
            self._apply(change)
        self._write_gathered()
        self._follow_merges(batch)
        (pending,) = self._db.execute("SELECT count(*) FROM sync_pending").fetchone()
        self._work.flush()
        return Received(self._applied, self._known, pending, len(open_conflicts(self._store)))

    def _follow_merges(self, batch: list[Change]) -> None:
        """What arrived for a registration merged away — or a merge that arrived for one this
        desk holds more of — follows it to the person kept (`duplicates.follow_merge`)."""
        people = {
            str(change.values["person_id"])
            for change in batch
            if change.entity in FOLLOWS_MERGES and change.values.get("person_id") is not None
        }
        if not people:
            return
        self._work.flush()
        for (away,) in self._db.execute(
            "SELECT person_id FROM person_merge "
            "WHERE person_id IN (SELECT value FROM json_each(?))",
            [orjson.dumps(sorted(people)).decode()],
        ).fetchall():
            follow_merge(self._work, away)

    def _known_ids(self, event_ids: list[str]) -> set[str]:
        """The event ids already applied, absorbed or held here."""
        ids = orjson.dumps(event_ids).decode()
        return {
            event_id
            for (event_id,) in self._db.execute(
                "SELECT id FROM change_log WHERE id IN (SELECT value FROM json_each(?)) "
                "UNION ALL SELECT event_id FROM sync_pending "
                "WHERE event_id IN (SELECT value FROM json_each(?))",
                [ids, ids],
            )
        }

    def _look_up(self, batch: list[Change]) -> None:
        """Which of the records the batch's inserts create or refer to exist already, and
        which records held changes wait for: one query per table instead of one per change."""
        wanted: dict[str, set[str]] = {}
        for change in batch:
            table = TABLES.get(change.entity)
            if table is None or change.op != "insert":
                continue
            wanted.setdefault(table.name, set()).add(change.entity_id)
            for target, column in self._refers_to(table.name):
                value = change.values.get(column)
                if value is not None:
                    wanted.setdefault(target, set()).add(str(value))
        for name, ids in wanted.items():
            key = TABLES[name].key
            self._present.update(
                (name, found)
                for (found,) in self._db.execute(
                    f"SELECT {key} FROM {name} WHERE {key} IN (SELECT value FROM json_each(?))",
                    [orjson.dumps(sorted(ids)).decode()],
                )
            )
        self._awaited.update(
            self._db.execute(
                "SELECT DISTINCT waiting_entity, waiting_id FROM sync_pending "
                "WHERE waiting_id IS NOT NULL"
            ).fetchall()
        )

    def _new_record(self, change: Change) -> dict[str, Any] | None:
        """The row of a change that inserts a record this desk has never had, nobody waits
        for, and whose references are all here (or inserted before it in this batch);
        None for any other change."""
        table = TABLES.get(change.entity)
        if table is None or change.op != "insert" or table.name == "site_setting":
            return None
        record = (table.name, change.entity_id)
        if (
            record in self._present
            or record in self._gathered_here
            or record in self._one_by_one
            or record in self._awaited
            or self._unreadable(change) is not None
        ):
            return None
        row = {**change.values, table.key: change.entity_id}
        for target, column in self._refers_to(table.name):
            value = row.get(column)
            if value is None:
                continue
            referred = (target, str(value))
            if referred in self._one_by_one or not (
                referred in self._present or referred in self._gathered_here
            ):
                return None
        return row

    def _write_gathered(self) -> None:
        """Write the new records gathered, many at a time (a run of one table's rows with the
        same columns per statement); a run the data refuses is applied one change at a time,
        so that the rows refused are held with the reason and the others applied."""
        gathered, self._gathered = self._gathered, []
        for (table, _), grouped in groupby(gathered, lambda item: (item[0].entity, tuple(item[1]))):
            run = list(grouped)
            try:
                self._work.receive_inserts(table, run)
            except sqlcipher3.IntegrityError:
                for refused, _ in run:
                    self._apply(refused)
            else:
                self._applied += len(run)

    def _apply(self, change: Change) -> None:
        problem = self._unreadable(change)
        if problem is not None:
            self._hold(change, None, problem)
            return
        if change.entity == "site_setting" and change.entity_id in LOCAL_SETTINGS:
            self._absorb(change, "a setting of the desk that made it")
            self._applied += 1
            return
        table = TABLES[change.entity]
        row = self._row(change.entity, table.key, change.entity_id)
        if row is None and change.op == "insert":
            values = {**change.values, table.key: change.entity_id}
            if self._wait_for_reference(change, values) or not self._write(change, values):
                return
            self._applied += 1
            self._release(change.entity, change.entity_id)
            return
        if row is None and not self._inserted(change):
            self._hold(change, (change.entity, change.entity_id), None)
            return
        if change.op == "delete":
            if self._write(change, {}):
                self._work.close_conflicts(change.entity, change.entity_id, change.stamp)
                self._applied += 1
        elif row is None:
            self._absorb(change, "the record was deleted")
            self._applied += 1
        elif table.merge is Merge.FACT:
            self._absorb(change, "the fact is here already")
            self._applied += 1
        elif self._merge(change, row):
            self._applied += 1

    def _absorb(self, change: Change, reason: str) -> None:
        """Known from now on, and in the audit log as it came, but nothing to write."""
        self._work.absorb(change, {"op": change.op, "values": change.values, "not_applied": reason})

    def _merge(self, change: Change, row: Mapping[str, Any]) -> bool:
        """The change's fields as edits, each merged with the field's known edits; the winners
        that changed are written. Returns whether the change was applied (not held)."""
        fields = [field for field in change.values if field != TABLES[change.entity].key]
        self._work.flush()  # this batch's earlier changes of the record are edits too
        known = known_edits(self._store, change.entity, change.entity_id, fields)
        written: dict[str, Any] = {}
        stamps: dict[str, str] = {}
        unapplied: dict[str, Any] = {}
        states: dict[str, FieldState] = {}
        for field in fields:
            incoming = Edit(
                change.entity,
                change.entity_id,
                field,
                change.values[field],
                change.stamp,
                _bases(change.bases.get(field)),
            )
            was = resolve_field(known[field]) if known[field] else None
            now = states[field] = resolve_field([*known[field], incoming])
            if now.edit.stamp != change.stamp:
                unapplied[field] = incoming.value
            if was is None or now.edit.stamp != was.edit.stamp or now.value != row[field]:
                written[field] = now.value
                stamps[field] = now.edit.stamp
        if self._wait_for_reference(change, written) or not self._write(
            change, written, stamps, unapplied
        ):
            return False
        self._note_conflicts(change, states)
        return True

    def _note_conflicts(self, change: Change, states: Mapping[str, FieldState]) -> None:
        open_fields = {
            field
            for (field,) in self._db.execute(
                "SELECT field FROM sync_conflict WHERE entity = ? AND entity_id = ? "
                "AND closed_at IS NULL",
                [change.entity, change.entity_id],
            )
        }
        for field, state in states.items():
            if state.conflict and field not in UNREVIEWED_FIELDS:
                leaves = [_leaf(edit).__dict__ for edit in state.conflict]
                self._work.open_conflict(
                    change.entity, change.entity_id, field, orjson.dumps(leaves).decode()
                )
            elif field in open_fields and not state.conflict:
                self._work.close_conflicts(change.entity, change.entity_id, state.edit.stamp, field)

    def _write(
        self,
        change: Change,
        written: Mapping[str, Any],
        stamps: Mapping[str, str] | None = None,
        unapplied: Mapping[str, Any] | None = None,
    ) -> bool:
        """Apply through the write path; a row the data refuses is held with the reason."""
        self._one_by_one.add((change.entity, change.entity_id))
        try:
            self._work.receive(change, written, stamps or {}, unapplied or {})
        except sqlcipher3.IntegrityError as error:
            self._hold(change, None, str(error))
            return False
        return True

    def _hold(self, change: Change, waiting: tuple[str, str] | None, problem: str | None) -> None:
        if waiting is not None:
            self._awaited.add(waiting)
        self._work.hold(change, waiting, problem)

    def _wait_for_reference(self, change: Change, values: Mapping[str, Any]) -> bool:
        """Hold the change if a record it refers to has not arrived; returns whether held."""
        for target, column in self._refers_to(change.entity):
            value = values.get(column)
            key = TABLES[target].key
            if value is not None and self._row(target, key, str(value)) is None:
                self._hold(change, (target, str(value)), None)
                return True
        return False

    def _release(self, entity: str, entity_id: str) -> None:
        """Apply the changes that waited for this record (each may wait again for another)."""
        for (text,) in self._db.execute(
            "SELECT change FROM sync_pending WHERE waiting_id = ? AND waiting_entity = ? "
            "ORDER BY seq",
            [entity_id, entity],
        ).fetchall():
            waiting = Change.from_json(text.encode())
            self._work.release(waiting.event_id)
            self._apply(waiting)

    def _inserted(self, change: Change) -> bool:
        """Whether this desk has had the record (so a missing row was deleted)."""
        self._work.flush()
        return (
            self._db.execute(
                "SELECT 1 FROM change_log WHERE entity_id = ? AND entity = ? AND op = 'insert'",
                [change.entity_id, change.entity],
            ).fetchone()
            is not None
        )

    def _row(self, table: str, key: str, entity_id: str) -> dict[str, Any] | None:
        cursor = self._db.execute(f"SELECT * FROM {table} WHERE {key} = ?", [entity_id])
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    def _unreadable(self, change: Change) -> str | None:
        """Why the change cannot be applied by this version of the app, if it cannot."""
        table = TABLES.get(change.entity)
        if table is None or change.op not in OPS:
            return f"unknown change {change.op} of {change.entity}: written by a newer app?"
        if table.merge is Merge.FACT and change.op != "insert":
            return f"{change.op} of a {change.entity}: facts are appended, never changed"
        unknown = (change.values.keys() | change.bases.keys()) - self._table_columns(table.name)
        if unknown:
            return f"unknown fields of {change.entity}: {', '.join(sorted(unknown))}"
        return None

    def _table_columns(self, table: str) -> frozenset[str]:
        if table not in self._columns:
            rows = self._db.execute(f"PRAGMA table_info({table})").fetchall()
            self._columns[table] = frozenset(row[1] for row in rows)
        return self._columns[table]

    def _refers_to(self, table: str) -> list[tuple[str, str]]:
        """(referenced table, column) of each foreign key of the table."""
        if table not in self._references:
            rows = self._db.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            self._references[table] = [(row[2], row[3]) for row in rows if row[2] in TABLES]
        return self._references[table]


def _disputed(state: FieldState) -> bool:
    """Edits made without knowing of each other that set different values: two desks that
    made the same edit (both following one merge) leave a coordinator nothing to decide."""
    return len({orjson.dumps(edit.value) for edit in state.conflict}) > 1


def _bases(base: str | list[str] | None) -> frozenset[str]:
    """A change's base for one field: none (a new record's), one stamp, or several (settled)."""
    if base is None:
        return frozenset()
    return frozenset([base] if isinstance(base, str) else base)


def _leaf(edit: Edit, user: str = "") -> Leaf:
    return Leaf(edit.stamp, parse_stamp(edit.stamp)[2], edit.value, user)


def _author(store: Store, entity_id: str, stamp: str) -> str:
    """Who made the edit with this stamp, as the audit entry that recorded it says."""
    row = store.db.execute(
        "SELECT a.user FROM change_log c JOIN audit_log a ON a.id = c.audit_id "
        "WHERE c.entity_id = ? AND c.hlc = ?",
        [entity_id, stamp],
    ).fetchone()
    return row[0] if row else ""
