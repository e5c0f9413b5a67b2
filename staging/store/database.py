"""Opening a site database: the driver, the pragmas, the migrations and their safety net.

SQLCipher encrypts every page, the WAL and temporary files with a random 256-bit key; the key
never touches the disk in the clear (see `staging.security.keyfile`).
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from staging.errors import StorageError
from staging.store.migrations import migrations, unknown_applied


def connect(path: Path | str, key: bytes | None) -> Database:
    """A connection with the pragmas every desk relies on.

    WAL lets a reader (search) run during a write; `synchronous=FULL` because power at the
    sites is unreliable and a committed check-in must survive a power cut.
    """
    if str(path) != ":memory:" and not Path(path).exists():
        # SQLite gives the -wal and -shm files the database's permissions: owner only.
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=10.0)
    except sqlcipher3.Error as error:
        raise StorageError(
            f"Cannot open {path} ({error})", f"No se puede abrir {path} ({error})"
        ) from error
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        conn.close()
        raise StorageError(
            f"{path} is not a site database, or the key is wrong ({error})",
            f"{path} no es una base de datos del sitio, o la clave es incorrecta ({error})",
        ) from error
    conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temp tables never reach the disk
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: a 100,000-person site stays in memory
    return Database(conn, execute_plugins=False)


def migrate(db: Database, path: Path | None, now: datetime) -> Path | None:
    """Bring the schema up to date, copying the file aside first; returns the copy, if made.

    A database written by a newer app is refused rather than half-understood.
    """
    newer = unknown_applied(db)
    if newer:
        raise StorageError(
            f"This database was written by a newer version of Staging Desk ({', '.join(newer)}). "
            "Update the app on this laptop.",
            f"Esta base de datos fue escrita por una versión más nueva de Staging Desk "
            f"({', '.join(newer)}). Actualice la aplicación en esta computadora.",
        )
    pending = migrations.pending(db)
    if not pending:
        return None
    backup = None
    if path is not None and migrations.applied(db):
        backup = _copy_before_migrating(db, path, now)
    migrations.apply(db)
    return backup


def _copy_before_migrating(db: Database, path: Path, now: datetime) -> Path:
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-migration-{stamp}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(path, target)
    return target
