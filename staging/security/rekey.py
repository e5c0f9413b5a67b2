"""Re-encrypting a site database under a new key, without losing it to a crash on the way.

SQLCipher 4 cannot re-key a database in WAL mode in place, so the data is exported into a new
file under the new key, and the file is swapped in. The key file says which key is in use at
every moment (`identities.seal_next_database_key` / `promote_next_database_key`): a crash
before the swap leaves the old file and the old key; after it, the new file and the "next" key,
which login tries and promotes. Other desks must have the database closed: a desk holding the
old file open would keep writing to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from staging.errors import Refused
from staging.files import create_private, fsync_folder
from staging.store.store import Store

REKEYED = "rekeyed"


def _side(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def last_change(store: Store) -> tuple[int, int]:
    """How far the audit log and the change log go: any write moves one of them."""
    row = store.db.execute(
        "SELECT (SELECT coalesce(max(seq), 0) FROM audit_log),"
        " (SELECT coalesce(max(seq), 0) FROM change_log)"
    ).fetchone()
    return row[0], row[1]


def export_under_new_key(store: Store, new_key: bytes) -> Path:
    """Every table, index, trigger and the search index, into `<database>.rekeying`."""
    database = _database(store)
    target = _side(database, ".rekeying")
    for stale in (target, _side(target, "-journal")):
        stale.unlink(missing_ok=True)
    create_private(target)
    conn = store.db.conn
    conn.execute(f"ATTACH DATABASE ? AS {REKEYED} KEY \"x'{new_key.hex()}'\"", [str(target)])
    try:
        conn.execute(f"SELECT sqlcipher_export('{REKEYED}')")
    finally:
        conn.execute(f"DETACH DATABASE {REKEYED}")
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())
    return target


def swap_in(store: Store, exported: Path, new_key: bytes, seen: tuple[int, int]) -> None:
    """Put the exported file in place of the database and reopen the store on it.

    `seen` is how far the logs went when the export began: if another desk wrote since, the
    export misses it, so nothing is swapped.
    """
    database = _database(store)
    conn = store.db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        if last_change(store) != seen:
            raise Refused(
                "Another desk wrote to the site while it was being re-encrypted; nothing was"
                " changed. Close the other desks and try again.",
                "Otro equipo escribió en el sitio mientras se volvía a cifrar; no se cambió"
                " nada. Cierre los otros equipos e intente de nuevo.",
            )
    except BaseException:
        conn.execute("ROLLBACK")
        exported.unlink(missing_ok=True)
        raise
    conn.execute("ROLLBACK")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.close()
    os.replace(exported, database)
    for stale in (_side(database, "-wal"), _side(database, "-shm")):
        stale.unlink(missing_ok=True)
    fsync_folder(database.parent)
    store.reconnect(new_key)


def _database(store: Store) -> Path:
    if store.path is None:
        raise ValueError("only a site stored in a file is re-keyed")
    return store.path
