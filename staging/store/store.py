"""The one write path: every change to a site's data goes through `Store.write`.

A unit of work (1) checks the acting user's role, (2) writes in one SQLite transaction,
(3) appends an audit entry per change, chained and signed with the desk's audit key, and
(4) records the change (and each audited event) in the change log for sync.
Reads are plain queries elsewhere (`staging.people.queries`); nothing else writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar

import orjson
import sqlcipher3
from sqlite_utils import Database

from staging.audit.anchors import LEAVES_THE_SITE, Anchor, anchor_path, write_anchor
from staging.audit.chain import GENESIS_HASH, signer
from staging.audit.formats import (
    COMPACT_COLUMNS,
    SECRET_SHOWN,
    compact_import_entry,
    digest_of,
)
from staging.audit.keys import AuditKey
from staging.changes import Changes, Done, Kind
from staging.clock import Clock, SystemClock, site_today
from staging.domain import Role
from staging.errors import NotFound
from staging.ids import new_id
from staging.rules import Action, Policy, may
from staging.rules.permissions import refusal
from staging.store.database import WRITE_WAIT_SECONDS, connect, migrate
from staging.store.diagnosis import storage_problem
from staging.store.tables import TABLES, Merge, Table, registered
from staging.sync.envelope import Change
from staging.sync.hlc import HybridClock

# Audit entries wait in memory and are written in batches of this size (bounds an import's memory).
FLUSH_EVERY = 5_000

T = TypeVar("T")

SETTING_DEVICE = "device_id"
SETTING_SITE_NAME = "site_name"
SETTING_POLICY = "policy"


@dataclass(frozen=True)
class Actor:
    """Who is acting: every write is attributed to a user and a role."""

    user: str
    role: Role


SYSTEM_ACTOR = Actor("system", Role.ADMIN)


def require(actor: Actor, action: Action) -> None:
    """Refuse what the actor's role may not do, whatever screen or command asked."""
    if not may(actor.role, action):
        raise refusal(actor.user, actor.role, action)


def utc_timestamp(clock: Clock) -> str:
    return clock.now().astimezone(UTC).isoformat(timespec="milliseconds")


class Store:
    """A site database opened for use, with its clock and device identity.

    `audit_key` signs the audit entries (`staging.audit.keys.device_audit_key` for the
    database); without one, entries are written unsigned as before version 2, which only a
    chain with no signed entry yet accepts (tests, benchmarks, old databases).
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        path: Path | None = None,
        audit_key: AuditKey | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        self.path = path
        self.audit_key = audit_key
        self.write_wait = WRITE_WAIT_SECONDS
        existing_device = self.setting(SETTING_DEVICE)
        self.device_id = existing_device or new_id()[-12:]
        self._hlc = HybridClock(self.device_id)
        # Past every stamp this desk holds: the last change logged may be another desk's, older.
        latest = self.db.execute("SELECT max(hlc) FROM change_log").fetchone()[0]
        if latest:
            self._hlc.observe(latest)
        if not existing_device:
            with self.write(SYSTEM_ACTOR, Action.MANAGE_SETTINGS) as work:
                work.put_setting(SETTING_DEVICE, self.device_id)

    @classmethod
    def open(
        cls,
        path: Path,
        clock: Clock | None = None,
        key: bytes | None = None,
        audit_key: AuditKey | None = None,
    ) -> Store:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        clock = clock or SystemClock()
        db = connect(path, key)
        try:
            migrate(db, path, clock.now())
        except BaseException:
            db.close()
            raise
        return cls(db, clock, path, audit_key)

    def close(self) -> None:
        self.db.close()

    @property
    def write_wait(self) -> float:
        """Seconds a write waits for another connection's write before giving up with `Busy`;
        a desk, where a person is waiting, sets a shorter wait than background work."""
        return self._write_wait

    @write_wait.setter
    def write_wait(self, seconds: float) -> None:
        self._write_wait = seconds
        self.db.execute(f"PRAGMA busy_timeout = {round(seconds * 1000)}")

    def reconnect(self, key: bytes) -> None:
        """The same site, opened again under `key` (its file was re-encrypted and swapped in):
        everything the store knows of it, its write wait included, carries over."""
        if self.path is None:
            raise ValueError("only a site stored in a file is opened again")
        self.db.close()
        self.db = connect(self.path, key)
        self.write_wait = self._write_wait

    def search_index_problem(self) -> str | None:
        """What FTS5 finds wrong with the search index against the people, or None.

        FTS5's check is spelled as an INSERT though it changes nothing (it is rolled back all
        the same); `rank` 1 compares the index with the `person` rows, so rows deleted from
        the index show.
        """
        conn = self.db.conn
        conn.execute("SAVEPOINT search_check")
        try:
            conn.execute(
                "INSERT INTO person_search(person_search, rank) VALUES ('integrity-check', 1)"
            )
        except sqlcipher3.DatabaseError as error:
            return str(error)
        finally:
            conn.execute("ROLLBACK TO search_check")
            conn.execute("RELEASE search_check")
        return None

    # --- settings (read side) ---------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM site_setting WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def policy(self) -> Policy:
        text = self.setting(SETTING_POLICY)
        return Policy.from_json(text) if text else Policy()

    def today(self) -> date:
        """The site's calendar day, in the policy's time zone."""
        return site_today(self.clock, self.policy().site.timezone)

    # --- the write path -----------------------------------------------------------------------

    @contextmanager
    def write(self, actor: Actor, action: Action) -> Iterator[UnitOfWork]:
        """One transaction for one user action; all of it lands, or none of it does."""
        require(actor, action)
        conn = self.db.conn
        if conn.in_transaction:
            raise RuntimeError(
                "a write is already open: pass its unit of work to the helper instead"
            )
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                work = UnitOfWork(self, actor, action, self.device_id)
                yield work
                work.flush()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # a failed COMMIT may or may not have ended it
                    conn.execute("ROLLBACK")
                raise
        except sqlcipher3.OperationalError as error:
            # Another task holding the lock, a full disk, a read-only folder: said as such, and
            # nothing was saved. Any other SQL error is the program's, and stays as it is.
            problem = storage_problem(self.path, error)
            if problem is None:
                raise
            raise problem from error
        anchor = work.anchor()
        if anchor is not None and self.path is not None:
            write_anchor(anchor_path(self.path), anchor)

    def mark_pushed(self, upto_seq: int) -> None:
        """Sync bookkeeping, not data (no audit entry): the hub has committed every change up to
        `upto_seq`, so none of them is sent again."""
        with self.db.conn:
            self.db.execute(
                "UPDATE change_log SET pushed = 1 WHERE pushed = 0 AND seq <= ?", [upto_seq]
            )

    def run(self, actor: Actor, action: Action, step: Callable[[UnitOfWork], T]) -> Done[T]:
        """One operation: `step` does its writes in one transaction; the result says what changed.

        Steps take the open unit of work, so an operation that must land with another (boarding
        = scan + mask + roster entry) calls both steps inside one `write` instead.
        """
        with self.write(actor, action) as work:
            value = step(work)
        return Done(value, work.report())


class UnitOfWork:
    """The changes of one action; each call writes the row, its audit entry and its change."""

    def __init__(self, store: Store, actor: Actor, action: Action, device: str) -> None:
        self._store = store
        self._conn = store.db.conn
        self.actor = actor
        self.action = action
        self.device = device
        self.at = utc_timestamp(store.clock)
        last = self._conn.execute(
            "SELECT seq, hash, mac_key FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        self._seq, self._prev_hash = (last[0], last[1]) if last else (0, GENESIS_HASH)
        key = store.audit_key
        signed_chain = last is not None and last[2] is not None
        if key is None and signed_chain:
            raise RuntimeError("this audit chain is signed: writing needs the desk's audit key")
        self._mac_key = key.key_id if key else None
        self._sign = signer(key)
        # The chain's first signed entry, and the head after data leaves the site, are anchored.
        self._first_seq = self._seq
        self._first_signed = key is not None and not signed_chain
        self._leaves_site = False
        last_stamp = self._conn.execute(
            "SELECT hlc FROM change_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if last_stamp:
            store._hlc.observe(last_stamp[0])
        self._physical_ms = int(store.clock.now().timestamp() * 1000)
        # The parts of every audit entry that are the same for the whole action.
        self._user = actor.user
        self._role = str(actor.role)
        self._actions: dict[str, str] = {}
        self._kinds: set[Kind] = set()
        self._ids: set[str] = set()
        self._audit_rows: list[tuple[Any, ...]] = []
        self._change_rows: list[tuple[Any, ...]] = []

    @property
    def store(self) -> Store:
        """For reads inside the transaction (they see this action's own writes)."""
        return self._store

    def require(self, action: Action) -> None:
        """A step joining a larger action still needs its own permission."""
        require(self.actor, action)

    def report(self) -> Changes:
        """What this unit of work changed, for the screens to redraw."""
        return Changes(frozenset(self._kinds), frozenset(self._ids))

    def insert(self, table: str, row: Mapping[str, Any]) -> str:
        """Add a row (an `id` is made if absent); returns its id."""
        key = registered(table).key
        row = dict(row)
        row.setdefault(key, new_id())
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        self._conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
        entity_id = str(row[key])
        self._record(table, entity_id, "insert", None, row)
        if table == "person":
            self._index_for_search([entity_id])
        return entity_id

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> list[str]:
        """Add many rows with the same columns in one statement (imports); returns their ids."""
        key = registered(table).key
        if not rows:
            return []
        for row in rows:
            if key not in row:
                row[key] = new_id()
        columns = list(rows[0])
        ids = [str(row[key]) for row in rows]
        self._insert_rows(
            table,
            columns,
            map(itemgetter(*columns), rows)
            if len(columns) > 1
            else ([row[c] for c in columns] for row in rows),
            ids,
        )
        self._record_inserts(table, ids, map(_to_json, rows))
        return ids

    def insert_imported(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        *,
        batch: str,
        source_rows: Sequence[int],
        keys: Sequence[str],
    ) -> list[str]:
        """Add rows read from an imported file, each audited by a compact entry (format 2 of
        `staging.audit.formats`): the batch, the file's row number, the `keys` fields and a
        digest of the whole row, instead of a copy of the row. Returns their ids.

        `columns` name each row's values; the table's key is among them, already set.
        """
        covered = COMPACT_COLUMNS.get(table, ())
        if sorted(columns) != list(covered):
            raise ValueError(f"{table}: a compact entry's digest covers {covered}, not {columns}")
        if not rows:
            return []
        key_at = columns.index(registered(table).key)
        ids = [str(row[key_at]) for row in rows]
        self._insert_rows(table, columns, rows, ids)
        canonical = itemgetter(*(columns.index(name) for name in covered))
        named = [columns.index(name) for name in keys]
        afters = (
            _to_json(
                compact_import_entry(
                    batch,
                    number,
                    {name: row[at] for name, at in zip(keys, named, strict=True)},
                    # canonical_row, from the values in its order
                    digest_of(orjson.dumps(dict(zip(covered, canonical(row), strict=True)))),
                )
            )
            for row, number in zip(rows, source_rows, strict=True)
        )
        self._record_inserts(table, ids, afters)
        return ids

    def _insert_rows(
        self, table: str, columns: Sequence[str], values: Iterable[Sequence[Any]], ids: list[str]
    ) -> None:
        """One INSERT for many rows; new people are added to the search index with them."""
        marks = ", ".join("?" for _ in columns)
        last_rowid = self._last_person_rowid() if table == "person" else None
        self._conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values
        )
        if table == "person":
            self._index_for_search(ids, after_rowid=last_rowid)

    def _last_person_rowid(self) -> int:
        return self._conn.execute("SELECT coalesce(max(rowid), 0) FROM person").fetchone()[0]

    def _index_for_search(self, person_ids: list[str], after_rowid: int | None = None) -> None:
        """Add new people to the search index (updates and deletes are kept by triggers).

        After one batch insert the new people are the rows past the largest rowid before it,
        a range read instead of one id lookup per person; checked by count, or looked up by id.
        """
        columns = (
            "rowid, given_names, paternal_surname, maternal_surname, registration_id, a_number"
        )
        if after_rowid is not None:
            added = self._conn.execute(
                "SELECT count(*) FROM person WHERE rowid > ?", [after_rowid]
            ).fetchone()[0]
            if added == len(person_ids):
                self._conn.execute(
                    f"INSERT INTO person_search ({columns}) SELECT {columns} FROM person "
                    "WHERE rowid > ?",
                    [after_rowid],
                )
                return
        self._conn.execute(
            f"INSERT INTO person_search ({columns}) SELECT {columns} FROM person "
            "WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(person_ids)],
        )

    def update(
        self,
        table: str,
        entity_id: str,
        changes: Mapping[str, Any],
        before: Mapping[str, Any] | None = None,
    ) -> bool:
        """Change some fields; fields whose value is unchanged are not written or audited.

        Returns whether anything changed. `before` saves a read when the caller has the row.
        """
        key = _editable(table).key
        if before is None:
            before = self._read(table, key, entity_id, list(changes))
        changed = {k: v for k, v in changes.items() if before.get(k) != v}
        if not changed:
            return False
        assignments = ", ".join(f"{column} = ?" for column in changed)
        self._conn.execute(
            f"UPDATE {table} SET {assignments} WHERE {key} = ?",
            [*changed.values(), entity_id],
        )
        self._record(table, entity_id, "update", {k: before.get(k) for k in changed}, changed)
        return True

    def delete(self, table: str, entity_id: str) -> None:
        key = _editable(table).key
        row = self._conn.execute(f"SELECT * FROM {table} WHERE {key} = ?", [entity_id]).fetchone()
        if row is None:
            return
        columns = [d[0] for d in self._conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
        self._conn.execute(f"DELETE FROM {table} WHERE {key} = ?", [entity_id])
        self._forget_stamps(table, entity_id)
        self._record(table, entity_id, "delete", dict(zip(columns, row, strict=True)), None)

    def mark_at_hub(self, event_ids: Sequence[str]) -> None:
        """Changes pulled from the hub are there already: never pushed back."""
        self._conn.execute(
            "UPDATE change_log SET pushed = 1 WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list(event_ids))],
        )

    def note(self, entity: str, entity_id: str, details: Mapping[str, Any]) -> int:
        """Audit something done that changes no data (an export, a backup), for accountability;
        returns the entry's seq. Its change-log row makes a deleted entry show."""
        self._record(entity, entity_id, "event", None, details)
        if entity in LEAVES_THE_SITE:
            self._leaves_site = True
        return self._seq

    def anchor(self) -> Anchor | None:
        """The head to keep outside the database once this unit is committed, if any."""
        if self._seq == self._first_seq or not (self._first_signed or self._leaves_site):
            return None
        return Anchor(self.device, self._seq, self._prev_hash, self._mac_key, self.at)

    def put_setting(self, key: str, value: str) -> None:
        exists = self._conn.execute(
            "SELECT value FROM site_setting WHERE key = ?", [key]
        ).fetchone()
        if exists is None:
            self.insert("site_setting", {"key": key, "value": value})
        else:
            self.update("site_setting", key, {"value": value}, before={"value": exists[0]})

    def put_secret_setting(self, key: str, value: str) -> None:
        """A desk's secret (the hub's address with its password, the site's keys, its own
        private keys): stored like any setting, audited without its value, so whoever reads the
        audit trail sees when it changed and never what it is. Such settings never travel."""
        exists = self._conn.execute(
            "SELECT value FROM site_setting WHERE key = ?", [key]
        ).fetchone()
        shown = {"value": SECRET_SHOWN}
        if exists is None:
            self._conn.execute("INSERT INTO site_setting (key, value) VALUES (?, ?)", [key, value])
            self._record("site_setting", key, "insert", None, {"key": key, **shown})
        elif exists[0] != value:
            self._conn.execute("UPDATE site_setting SET value = ? WHERE key = ?", [value, key])
            self._record("site_setting", key, "update", shown, shown)

    # --- changes from other desks: `staging.sync.inbox` merges them, these write ------------

    def receive(
        self,
        change: Change,
        written: Mapping[str, Any],
        stamps: Mapping[str, str],
        unapplied: Mapping[str, Any],
    ) -> None:
        """Apply a change another desk recorded, as the merge decided: `written` the values to
        store (a new record's whole row, or the fields whose value it now is), `stamps` the
        edit each of those fields' value now comes from, `unapplied` the change's values that
        lost (kept so that it can be relayed whole).

        Audited in this desk's chain and logged under the change's own id, desk and stamp, so
        it is applied once. A constraint the row breaks raises before anything is recorded.
        """
        table = registered(change.entity) if change.op == "insert" else _editable(change.entity)
        name, key = table.name, table.key
        cursor = self._conn.execute(f"SELECT * FROM {name} WHERE {key} = ?", [change.entity_id])
        found = cursor.fetchone()
        columns = [d[0] for d in cursor.description]
        current = None if found is None else dict(zip(columns, found, strict=True))
        before: dict[str, Any] | None = None
        after: Mapping[str, Any] | None = written
        if change.op == "delete":
            before, after = current, None
            if current is not None:
                self._conn.execute(f"DELETE FROM {name} WHERE {key} = ?", [change.entity_id])
                self._forget_stamps(name, change.entity_id)
        elif current is None:
            marks = ", ".join("?" for _ in written)
            self._conn.execute(
                f"INSERT INTO {name} ({', '.join(written)}) VALUES ({marks})",
                list(written.values()),
            )
            if name == "person":
                self._index_for_search([change.entity_id])
        else:
            before = {column: current[column] for column in written}
            changed = {column: v for column, v in written.items() if current[column] != v}
            if changed:
                self._conn.execute(
                    f"UPDATE {name} SET {', '.join(f'{c} = ?' for c in changed)} WHERE {key} = ?",
                    [*changed.values(), change.entity_id],
                )
        self._stamp_fields(name, change.entity_id, stamps)
        if unapplied:
            self._conn.execute(
                "INSERT INTO sync_unapplied (event_id, fields) VALUES (?, ?)",
                [change.event_id, _to_json(unapplied)],
            )
        self._record(name, change.entity_id, change.op, before, after, origin=change)

    def receive_inserts(
        self, table: str, received: Sequence[tuple[Change, Mapping[str, Any]]]
    ) -> None:
        """`receive` of many new records of one table at once (a joining desk receives the
        whole site): each change's row (all with the same columns, in the same order) inserted
        in one statement, then each audited and logged as `receive` does, under its own id,
        desk and stamp. A constraint any row breaks raises before anything is written."""
        key = registered(table).key
        columns = list(received[0][1])
        for change, row in received:
            if list(row) != columns or row[key] != change.entity_id:
                raise ValueError(f"{table}: one batch's rows differ in columns or key")
        self._conn.execute("SAVEPOINT receive_inserts")
        try:
            self._insert_rows(
                table,
                columns,
                (tuple(row.values()) for _, row in received),
                [change.entity_id for change, _ in received],
            )
        except sqlcipher3.IntegrityError:
            self._conn.execute("ROLLBACK TO receive_inserts")
            raise
        finally:
            self._conn.execute("RELEASE receive_inserts")
        for change, row in received:
            self._record(table, change.entity_id, "insert", None, row, origin=change)

    def absorb(self, change: Change, details: Mapping[str, Any]) -> None:
        """Note a received change that leaves nothing to write (its record was deleted, the
        fact is here already): audited and logged under its own id, so it is known."""
        self._record(change.entity, change.entity_id, "event", None, details, origin=change)

    def hold(self, change: Change, waiting: tuple[str, str] | None, problem: str | None) -> None:
        """Keep a received change that cannot be applied yet: it `waiting` for a record (table,
        id) that has not arrived, or the data refused it (`problem`)."""
        entity, entity_id = waiting or (None, None)
        self._conn.execute(
            "INSERT INTO sync_pending (event_id, change, waiting_entity, waiting_id, problem, "
            "received_at) VALUES (?,?,?,?,?,?)",
            [change.event_id, change.as_json().decode(), entity, entity_id, problem, self.at],
        )

    def release(self, event_id: str) -> None:
        """A held change is being applied (or held again)."""
        self._conn.execute("DELETE FROM sync_pending WHERE event_id = ?", [event_id])

    def open_conflict(self, entity: str, entity_id: str, field: str, leaves: str) -> None:
        """A field edited on several desks from the same base: `leaves` (JSON) are its values
        now, the one shown first; one open row per field, brought up to date."""
        self._conn.execute(
            "INSERT INTO sync_conflict (id, entity, entity_id, field, leaves, opened_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT (entity, entity_id, field) "
            "WHERE closed_at IS NULL DO UPDATE SET leaves = excluded.leaves",
            [new_id(), entity, entity_id, field, leaves, self.at],
        )

    def close_conflicts(
        self, entity: str, entity_id: str, stamp: str, field: str | None = None
    ) -> None:
        """The edit `stamp` settled the field's conflict (every field's, for a deletion)."""
        self._conn.execute(
            "UPDATE sync_conflict SET closed_at = ?, closed_by = ? WHERE entity = ? "
            "AND entity_id = ? AND (? IS NULL OR field = ?) AND closed_at IS NULL",
            [self.at, stamp, entity, entity_id, field, field],
        )

    def settle(
        self, table: str, entity_id: str, field: str, value: Any, leaves: Sequence[str]
    ) -> None:
        """A coordinator's choice for a field in conflict: written even when it is the value
        shown, and based on every leaf, so that it settles the conflict on every desk."""
        key = _editable(table).key
        before = self._read(table, key, entity_id, [field])
        self._conn.execute(f"UPDATE {table} SET {field} = ? WHERE {key} = ?", [value, entity_id])
        stamp = self._record(
            table, entity_id, "update", before, {field: value}, replaces={field: sorted(leaves)}
        )
        self.close_conflicts(table, entity_id, stamp, field)

    def _read(self, table: str, key: str, entity_id: str, columns: list[str]) -> dict[str, Any]:
        row = self._conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {key} = ?", [entity_id]
        ).fetchone()
        if row is None:
            raise NotFound(
                f"No {table} record {entity_id}", f"No existe el registro {entity_id} ({table})"
            )
        return dict(zip(columns, row, strict=True))

    def _record(
        self,
        table: str,
        entity_id: str,
        op: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
        *,
        origin: Change | None = None,
        replaces: Mapping[str, list[str]] | None = None,
    ) -> str:
        """Audit and log one change; returns its stamp. A change received from another desk
        (`origin`) keeps its id, desk, stamp, bases and author (a change from an older desk
        names none: the user applying it then stands for it); `replaces` gives an edit's bases when
        they are not the fields' current stamps (a conflict settled)."""
        self._seq += 1
        audit_id = new_id() if origin is None else origin.event_id
        device = self.device if origin is None else origin.device
        action = self._actions.get(op)
        if action is None:
            action = self._actions[op] = f"{self.action.value}:{op}"
        fields = (
            self._seq,
            audit_id,
            self.at,
            origin.user if origin is not None and origin.user else self._user,
            origin.role if origin is not None and origin.role else self._role,
            device,
            action,
            table,
            entity_id,
            _to_json(before),
            _to_json(after),
            self._prev_hash,
            self._mac_key,
        )  # SIGNED_FIELDS, in order
        digest = self._sign(fields)
        self._prev_hash = digest
        self._audit_rows.append((*fields, digest))
        base = None
        if op == "event":
            self._kinds.add(Kind.EVENTS)
        else:
            self._kinds.add(TABLES[table].kind)
            self._ids.add(entity_id)
        if origin is not None:
            stamp = origin.stamp
            self._store._hlc.observe(stamp)
            if op == "update":
                base = _to_json(origin.bases)
        else:
            stamp = self._store._hlc.stamp(self._physical_ms)
            if op == "update" and after:
                replaced = replaces or self._replaced_stamps(table, entity_id, list(after))
                agreed = {} if replaces else self._agreed_values(table, entity_id, replaced)
                base = _to_json({**replaced, **{f: stamps for f, (stamps, _) in agreed.items()}})
                self._stamp_fields(table, entity_id, dict.fromkeys(after, stamp))
                for field, (_, everyone) in agreed.items():
                    if everyone:
                        self.close_conflicts(table, entity_id, stamp, field)
        event_id = new_id() if origin is None else origin.event_id
        self._change_rows.append((event_id, stamp, device, table, entity_id, op, audit_id, base))
        if len(self._audit_rows) >= FLUSH_EVERY:
            self.flush()
        return stamp

    def _forget_stamps(self, table: str, entity_id: str) -> None:
        """A deleted record's fields have no value left to replace."""
        self._conn.execute(
            "DELETE FROM field_stamp WHERE entity = ? AND entity_id = ?", [table, entity_id]
        )

    def _stamp_fields(self, table: str, entity_id: str, stamps: Mapping[str, str]) -> None:
        """Each field's value now is the edit with this stamp (`_replaced_stamps` reads it)."""
        self._conn.executemany(
            "INSERT INTO field_stamp (entity, entity_id, field, hlc) VALUES (?,?,?,?) "
            "ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc",
            [(table, entity_id, field, stamp) for field, stamp in stamps.items()],
        )

    def _replaced_stamps(self, table: str, entity_id: str, fields: list[str]) -> dict[str, Any]:
        """The stamp of each field's value before this edit: its last edit, or the insert.

        Sync compares it with the other desk's: two edits from the same base are a conflict,
        an edit based on the other's stamp simply follows it.
        """
        if self._change_rows:
            self.flush()  # an insert earlier in this action must be visible to the lookup
        edited = dict(
            self._conn.execute(
                "SELECT field, hlc FROM field_stamp WHERE entity = ? AND entity_id = ?",
                [table, entity_id],
            ).fetchall()
        )
        created = self._conn.execute(
            "SELECT hlc FROM change_log WHERE entity_id = ? AND entity = ? AND op = 'insert'",
            [entity_id, table],
        ).fetchone()
        return {field: edited.get(field, created[0] if created else None) for field in fields}

    def _agreed_values(
        self, table: str, entity_id: str, replaced: Mapping[str, Any]
    ) -> dict[str, tuple[list[str], bool]]:
        """For a field desks edited apart to the same value, every edit holding the value shown:
        whoever changes it saw that value and replaces each of them (not only the one whose
        stamp shows), so no conflict is left behind. By field: (stamps, whether they are all
        the field's values, which closes its conflict)."""
        watched = self._conn.execute(
            "SELECT field, leaves FROM sync_conflict WHERE entity = ? AND entity_id = ? "
            "AND closed_at IS NULL",
            [table, entity_id],
        ).fetchall()
        agreed: dict[str, tuple[list[str], bool]] = {}
        for field, text in watched:
            if field not in replaced:
                continue
            leaves = orjson.loads(text)
            shown = [leaf["value"] for leaf in leaves if leaf["stamp"] == replaced[field]]
            same = sorted(leaf["stamp"] for leaf in leaves if shown and leaf["value"] == shown[0])
            if len(same) > 1:
                agreed[field] = (same, len(same) == len(leaves))
        return agreed

    def _record_inserts(self, table: str, entity_ids: list[str], afters: Iterable[str]) -> None:
        """`_record` of many inserts at once, `afters` already JSON: the same entries and
        changes, without a call per row (an import records 100,000 of them)."""
        action = self._actions.get("insert")
        if action is None:
            action = self._actions["insert"] = f"{self.action.value}:insert"
        at, user, role, device = self.at, self._user, self._role, self.device
        mac_key, sign, physical_ms = self._mac_key, self._sign, self._physical_ms
        stamp = self._store._hlc.stamp
        audit_rows, change_rows = self._audit_rows, self._change_rows
        seq, prev_hash = self._seq, self._prev_hash
        for entity_id, after in zip(entity_ids, afters, strict=True):
            seq += 1
            audit_id = new_id()
            fields = (
                seq,
                audit_id,
                at,
                user,
                role,
                device,
                action,
                table,
                entity_id,
                None,
                after,
                prev_hash,
                mac_key,
            )  # SIGNED_FIELDS, in order
            prev_hash = sign(fields)
            audit_rows.append((*fields, prev_hash))
            change_rows.append(
                (new_id(), stamp(physical_ms), device, table, entity_id, "insert", audit_id, None)
            )
            if len(audit_rows) >= FLUSH_EVERY:
                self._seq, self._prev_hash = seq, prev_hash
                self.flush()
        self._seq, self._prev_hash = seq, prev_hash
        self._kinds.add(TABLES[table].kind)
        self._ids.update(entity_ids)

    def flush(self) -> None:
        """Write the audit entries and changes gathered so far, in one batch each."""
        self._conn.executemany(
            "INSERT INTO audit_log (seq, id, at, user, role, device, action, entity, entity_id, "
            "before, after, prev_hash, mac_key, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            self._audit_rows,
        )
        self._conn.executemany(
            "INSERT INTO change_log (id, hlc, device, entity, entity_id, op, audit_id, base) "
            "VALUES (?,?,?,?,?,?,?,?)",
            self._change_rows,
        )
        self._audit_rows.clear()
        self._change_rows.clear()


def _editable(name: str) -> Table:
    """Facts are appended only: a fact edited on one desk could never merge with another's."""
    found = registered(name)
    if found.merge is Merge.FACT:
        raise ValueError(f"{name} holds facts: they are appended, never changed")
    return found


def _to_json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return orjson.dumps(values, option=orjson.OPT_SORT_KEYS, default=str).decode("utf-8")
