"""Opening a site database: the driver, the pragmas, the migrations and their safety net.

SQLCipher encrypts every page, the WAL and temporary files with a random 256-bit key; the key
never touches the disk in the clear (see `staging.security.keyfile`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from staging.errors import StorageError
from staging.files import copy_private, create_private, tighten
from staging.store.diagnosis import cannot_create, storage_problem
from staging.store.migrations import migrations, unknown_applied

# How long a write waits for another connection's write to finish before giving up with `Busy`:
# long enough for an import's or a backup's lock, which background work and the command line
# should rather wait out. A desk, where a person is waiting, sets a shorter wait on its store.
WRITE_WAIT_SECONDS = 10.0


def connect(path: Path | str, key: bytes | None) -> Database:
    """A connection with the pragmas every desk relies on.

    WAL lets a reader (search) run during a write; `synchronous=FULL` because power at the
    sites is unreliable and a committed check-in must survive a power cut.
    """
    memory = str(path) == ":memory:"
    if not memory:
        _create_if_new(Path(path))
    try:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, timeout=WRITE_WAIT_SECONDS)
    except sqlcipher3.Error as error:
        raise storage_problem(None if memory else Path(path), error) or StorageError(
            f"Cannot open {path} ({error})", f"No se puede abrir {path} ({error})"
        ) from error
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as error:
        conn.close()
        # A folder it may not write to, a full disk: said as such, never as a wrong key.
        raise storage_problem(None if memory else Path(path), error) or WrongKey(
            path, error
        ) from error
    conn.execute("PRAGMA temp_store = MEMORY")  # sorts and temp tables never reach the disk
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: a 100,000-person site stays in memory
    return Database(conn, execute_plugins=False)


class WrongKey(StorageError):
    """The file is readable but this key does not open it (or it is not a database at all)."""

    def __init__(self, path: Path | str, error: Exception) -> None:
        super().__init__(
            f"{path} is not a site database, or the key is wrong ({error})",
            f"{path} no es una base de datos del sitio, o la clave es incorrecta ({error})",
        )


def _create_if_new(path: Path) -> None:
    """A new database is created owner-only: SQLite gives its -wal and -shm files its mode.
    One an older version left readable by others is tightened, with its side files."""
    try:
        if not path.exists():
            create_private(path)
        for made in (path, *(path.with_name(path.name + side) for side in ("-wal", "-shm"))):
            tighten(made)
    except OSError as error:
        problem = cannot_create(path, error)
        if problem is None:
            raise
        raise problem from error


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
    copy_private(path, target)  # owner-only even if the database was not (an older version's)
    return target
