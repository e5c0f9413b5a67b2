"""What a desk sends: the changes its write path logged, as `Change`s that travel.

The change log is the source (DESIGN.md, "One write path"): each row points at its audit
entry, which holds the values. A person imported from a list is audited compactly (format 2 of
`staging.audit.formats`, no values): the values it was inserted with are the row's, with the
desk's later edits set back to the values they replaced. A change received from another desk
keeps its id, desk, stamp and bases, and whatever of it lost the merge (`sync_unapplied`), so a
desk relays it exactly as it came.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import orjson

from staging.audit.formats import COMPACT_COLUMNS, COMPACT_IMPORT, entry_format
from staging.store.store import SETTING_DEVICE, Store
from staging.sync.envelope import Change

# Changes per call: a batch pushed to the hub or read into a bundle.
BATCH = 1_000
# A desk's sync settings (`staging.sync.desk`): its hub, its site, the site's keys, how far
# it has pulled. They belong to the desk: the keys never travel inside a change.
SETTING_HUB_URL = "sync_hub_url"
SETTING_SYNC_SITE = "sync_site"
SETTING_SITE_KEYS = "sync_site_keys"
SETTING_HUB_CURSOR = "sync_hub_cursor"
SETTING_DESK_IDENTITY = "sync_desk_identity"
SETTING_DESK_SIGNING = "sync_desk_signing"
# Settings that belong to one desk and never travel.
LOCAL_SETTINGS = frozenset(
    {
        SETTING_DEVICE,
        SETTING_HUB_URL,
        SETTING_SYNC_SITE,
        SETTING_SITE_KEYS,
        SETTING_HUB_CURSOR,
        SETTING_DESK_IDENTITY,
        SETTING_DESK_SIGNING,
    }
)

_CHANGES = f"""
SELECT c.seq, c.id, c.hlc, c.device, c.entity, c.entity_id, c.op, c.base, a.after, u.fields,
a.user, a.role
FROM change_log c JOIN audit_log a ON a.id = c.audit_id
LEFT JOIN sync_unapplied u ON u.event_id = c.id
WHERE c.seq > ? AND c.op != 'event' AND (? IS NULL OR c.device = ?)
AND NOT (c.entity = 'site_setting' AND c.entity_id IN ({", ".join("?" for _ in LOCAL_SETTINGS)}))
ORDER BY c.seq LIMIT ?
"""


def local_changes(store: Store, after_seq: int = 0, limit: int = BATCH) -> list[tuple[int, Change]]:
    """This desk's own changes after `after_seq` (a change-log seq), in the order made."""
    return _changes(store, after_seq, limit, store.device_id)


def all_changes(store: Store, after_seq: int = 0, limit: int = BATCH) -> list[tuple[int, Change]]:
    """Every change this desk holds, its own and those received, in the order it logged them:
    what a USB bundle relays to a desk that may have seen neither."""
    return _changes(store, after_seq, limit, None)


def _changes(
    store: Store, after_seq: int, limit: int, device: str | None
) -> list[tuple[int, Change]]:
    rows = store.db.execute(
        _CHANGES, [after_seq, device, device, *sorted(LOCAL_SETTINGS), limit]
    ).fetchall()
    afters = [orjson.loads(row[8]) if row[8] else None for row in rows]
    compact: dict[str, list[str]] = defaultdict(list)
    for row, after in zip(rows, afters, strict=True):
        if row[6] == "insert" and entry_format(after) == COMPACT_IMPORT:
            compact[row[4]].append(row[5])
    imported = {entity: imported_values(store, entity, ids) for entity, ids in compact.items()}
    found = []
    for row, after in zip(rows, afters, strict=True):
        seq, event_id, stamp, origin, entity, entity_id, op, base, _, unapplied, user, role = row
        values: dict[str, Any] = {}
        bases: dict[str, Any] = {}
        if op == "insert":
            if entry_format(after) == COMPACT_IMPORT:
                after = imported[entity][entity_id]
            values = {**after, **orjson.loads(unapplied or "{}")}
            bases = dict.fromkeys(values)
        elif op == "update":
            values = {**after, **orjson.loads(unapplied or "{}")}
            bases = json.loads(base) if base else dict.fromkeys(values)  # before 0006
        found.append(
            (seq, Change(event_id, origin, stamp, entity, entity_id, op, values, bases, user, role))
        )
    return found


def imported_values(store: Store, table: str, entity_ids: Iterable[str]) -> dict[str, dict]:
    """The values compactly audited rows were inserted with: each row as stored, every column
    a later edit (or the deletion) changed set back to the value that edit replaced."""
    ids = json.dumps(list(entity_ids))
    columns = COMPACT_COLUMNS[table]
    cursor = store.db.execute(
        f"SELECT {', '.join(columns)} FROM {table} WHERE id IN (SELECT value FROM json_each(?))",
        [ids],
    )
    rows = {row[columns.index("id")]: dict(zip(columns, row, strict=True)) for row in cursor}
    set_back: dict[str, dict[str, Any]] = defaultdict(dict)
    for entity_id, before in store.db.execute(
        "SELECT entity_id, before FROM audit_log WHERE entity_id IN "
        "(SELECT value FROM json_each(?)) AND entity = ? AND before IS NOT NULL ORDER BY seq",
        [ids, table],
    ):
        for column, value in orjson.loads(before).items():
            set_back[entity_id].setdefault(column, value)
    return {
        entity_id: {
            column: value
            for column, value in {**rows.get(entity_id, {}), **set_back[entity_id]}.items()
            if column in columns
        }
        for entity_id in json.loads(ids)
    }
