"""Do the data tables still say what the audit log says was written?

Every change the app makes is in the audit log with its values, so replaying the log gives the
rows as the app left them. A row changed, added or deleted with an SQL shell shows up as a
difference, even when the chain of hashes itself is intact.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlite_utils import Database

from staging.audit.chain import ChainReport, verify_chain
from staging.people.queries import audit_entries
from staging.store.store import Store
from staging.store.tables import TABLES

MAX_REPORTED = 20


@dataclass(frozen=True)
class Difference:
    table: str
    entity_id: str
    kind: str  # "changed", "added", "deleted"
    column: str = ""
    logged: Any = None
    found: Any = None

    def describe(self) -> str:
        if self.kind == "changed":
            return (
                f"{self.table} {self.entity_id}: {self.column} is {self.found!r} but the audit "
                f"log last wrote {self.logged!r}"
            )
        if self.kind == "added":
            return f"{self.table} {self.entity_id}: row is not in the audit log (added outside)"
        return f"{self.table} {self.entity_id}: row in the audit log is missing (deleted outside)"


def _replayed(db: Database, table: str) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    cursor = db.execute(
        "SELECT entity_id, action, after FROM audit_log WHERE entity = ? ORDER BY seq", [table]
    )
    for entity_id, action, after in cursor:
        op = action.rsplit(":", 1)[-1]
        if op == "insert":
            rows[entity_id] = orjson.loads(after)
        elif op == "update":
            rows.setdefault(entity_id, {}).update(orjson.loads(after))
        elif op == "delete":
            rows.pop(entity_id, None)
    return rows


def _table_differences(db: Database, table: str) -> Iterator[Difference]:
    logged = _replayed(db, table)
    key = TABLES[table].key
    cursor = db.execute(f"SELECT * FROM {table}")
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        entity_id = str(row[key])
        expected = logged.pop(entity_id, None)
        if expected is None:
            yield Difference(table, entity_id, "added")
            continue
        for column, value in expected.items():
            if column in row and row[column] != value:
                yield Difference(table, entity_id, "changed", column, value, row[column])
    for entity_id in logged:
        yield Difference(table, entity_id, "deleted")


def data_differences(db: Database, limit: int = MAX_REPORTED) -> list[Difference]:
    """Up to `limit` differences between the data tables and the audit log, table by table."""
    found: list[Difference] = []
    for table in sorted(TABLES):
        for difference in _table_differences(db, table):
            found.append(difference)
            if len(found) >= limit:
                return found
    return found


@dataclass(frozen=True)
class SiteAudit:
    """The whole check `audit verify` reports: the chain, then the data against it."""

    chain: ChainReport
    differences: list[Difference]

    @property
    def intact(self) -> bool:
        return self.chain.intact and not self.differences


def audit_site(store: Store) -> SiteAudit:
    return SiteAudit(verify_chain(audit_entries(store.db)), data_differences(store.db))
