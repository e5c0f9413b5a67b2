"""Backups and restore: no power cut, lost laptop or bad click may lose more than a day's work.

A backup is an encrypted snapshot taken with SQLite's online backup API (consistent even while
a desk is writing) plus a copy of the key file: the pair opens only with a password of one of
the site's users, and without the key file the snapshot opens for no one. A file appears
under its final name only once it is complete and has passed an integrity check, so a power
cut or a full USB stick never leaves something that looks like a backup but is not one.

Automatic backups live beside the database, in `<database>.backups/`: one folder per site, so
rotating one site's backups (a demo and a real site on one laptop) never deletes another's,
and they follow the database if it is moved. They protect against a bad click or a damaged
file; only a manual backup to another drive protects against a lost laptop.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from staging.audit.anchors import entry_anchor, manifest_path, write_anchor
from staging.audit.keys import AuditKey, device_audit_key
from staging.changes import Done
from staging.clock import Clock, SystemClock
from staging.domain import Role
from staging.errors import NotFound, StorageError, UserError
from staging.files import copy_private, create_private, fsync_folder, private_folder
from staging.rules import Action, may
from staging.security.access import Session, open_site, rekey_site
from staging.security.identities import unlock
from staging.security.keyfile import Keyfile, WrongPassword, editing, keyfile_path
from staging.store.database import connect
from staging.store.migrations import migrations, unknown_applied
from staging.store.store import (
    SETTING_SITE_NAME,
    SYSTEM_ACTOR,
    Actor,
    Store,
    require,
    utc_timestamp,
)

MANUAL_PREFIX = "staging-backup"
AUTO_PREFIX = "staging-auto"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
_AUTO_NAME = re.compile(rf"^{AUTO_PREFIX}-(\d{{8}}T\d{{6}}Z)(?:-(\d+))?\.db$")


def automatic_backup_folder(database: Path) -> Path:
    """Where a database's automatic backups (and their manifests, which `audit verify` reads)
    are kept: `<database>.backups/`."""
    return database.with_name(database.name + ".backups")


def default_backup_folder(session: Session) -> Path:
    """`<database>.backups/` beside the database, created on first use, owner-only."""
    return private_folder(automatic_backup_folder(_database_path(session)))


def backup_to(session: Session, folder: Path) -> Done[Path]:
    """A manual backup (coordinators and administrators) into an existing folder, e.g. a USB stick.

    The folder is not created: a missing USB stick must not turn into a folder on the laptop.
    """
    require(session.actor, Action.BACKUP)
    return _make_backup(session, Path(folder), MANUAL_PREFIX, session.actor, {})


def auto_backup(session: Session, folder: Path | None = None) -> Done[Path | None]:
    """Back up if the newest automatic backup is older than the policy says; then rotate.

    Runs for whoever logged in, whatever their role: it is the site's policy, not the user's
    choice of where data goes, so it is audited as the system acting, naming the user.
    Returns the new backup, or None when one is recent enough. Choosing another folder is a
    manual backup's business, so it needs the backup permission.
    """
    if folder is not None:
        require(session.actor, Action.BACKUP)
    folder = Path(folder) if folder is not None else default_backup_folder(session)
    policy = session.store.policy()
    now = session.store.clock.now()
    existing = _automatic_backups(folder)
    if existing:
        age = now - existing[-1][0]
        # A negative age means the clock went back (a laptop's clock reset by a dead battery):
        # waiting for it to catch up could mean weeks without a backup.
        if timedelta(0) <= age < timedelta(hours=policy.site.backup_every_hours):
            return Done(None)
    made = _make_backup(
        session, folder, AUTO_PREFIX, SYSTEM_ACTOR, {"logged_in_user": session.actor.user}
    )
    keep = max(policy.site.backups_kept, 1)
    for _, old in _automatic_backups(folder)[:-keep]:
        if old != made.value:
            _remove_backup(old)
    return made


def restore_from(
    backup: Path, target: Path, user: str, password: str, *, clock: Clock | None = None
) -> Path | None:
    """Put a backup in place of `target`, after proving it is whole, ours and the user's to restore.

    Every check runs on a private copy in the target's folder before anything is replaced, so
    a refusal leaves the target as it was. The replaced database is kept, with its key file
    and write-ahead log, as `<target>.replaced-<stamp>` (+ `.keys`): a pair that opens, and
    restores back, like any backup. Returns it, or None when there was nothing to replace.
    """
    backup, target = Path(backup), Path(target)
    clock = clock or SystemClock()
    _check_backup_files(backup, target)
    key = _unwrap_backup_key(backup, user, password)
    target.parent.mkdir(parents=True, exist_ok=True)
    _check_space(target.parent, _size(backup) + _size(_side(backup, "-wal")))
    with _work_folder(target.parent) as work_folder:
        incoming = work_folder / target.name
        incoming_keys = keyfile_path(incoming)
        try:
            copy_private(backup, incoming)
            wal = _side(backup, "-wal")
            if wal.exists():  # a database copied while open: its last commits are in the log
                copy_private(wal, _side(incoming, "-wal"))
            copy_private(keyfile_path(backup), incoming_keys)
        except OSError as error:
            raise _write_failed(target.parent, error) from error
        replaced = target.with_name(
            _free_name(target.parent, f"{target.name}.replaced-{_stamp(clock)}", "")
        )
        revoked = _keep_revoked(keyfile_path(target), incoming_keys)
        # Signed by this desk's key, which signs what the restored site records from now on.
        audit_key = device_audit_key(target)
        _prepare_restored(incoming, key, backup, user, clock, replaced, revoked, audit_key)
        _fsync(incoming)
        _fsync(incoming_keys)
        moved_aside = _swap_in(incoming, target, replaced)
    if revoked.had_keys:
        # The backup's key is in the hands of users removed since: re-encrypt what came back.
        session = open_site(target, user, password, clock=clock)
        try:
            rekey_site(session, reason="restore: " + ", ".join(revoked.had_keys))
        finally:
            session.close()
    return moved_aside


@dataclass(frozen=True)
class Revoked:
    """Users removed from the site before the restore; `had_keys`: those the backup's key
    file still gave a key to."""

    users: frozenset[str]
    had_keys: tuple[str, ...]


def _keep_revoked(live_keys: Path, incoming_keys: Path) -> Revoked:
    """A restore goes back in time for the data, never for who may open it: users removed from
    the live site lose their entries in the restored key file too."""
    revoked = dict(Keyfile.load(live_keys).revoked) if live_keys.exists() else {}
    with editing(incoming_keys) as keyfile:
        revoked.update(keyfile.revoked)
        keyfile.revoked = revoked
        had_keys = tuple(sorted(user for user in revoked if user in keyfile.users))
        for user in had_keys:
            del keyfile.users[user]
            keyfile.failures.pop(user, None)
    return Revoked(frozenset(revoked), had_keys)


# --- making a backup ---------------------------------------------------------------------------


def _make_backup(
    session: Session, folder: Path, prefix: str, actor: Actor, details: dict[str, str]
) -> Done[Path]:
    database = _database_path(session)
    if not folder.is_dir():
        raise StorageError(
            f"The folder {folder} does not exist (is the USB stick plugged in?)",
            f"La carpeta {folder} no existe (¿está conectada la memoria USB?)",
        )
    _check_space(folder, _size(database) + _size(_side(database, "-wal")))
    name = _free_name(folder, prefix + "-" + _stamp(session.store.clock), ".db")
    final = folder / name
    with _work_folder(folder) as work_folder:
        partial = work_folder / name
        try:
            _snapshot(database, session.key, partial)
            copy_private(keyfile_path(database), keyfile_path(partial))
            _fsync(partial)
            _fsync(keyfile_path(partial))
            # The key file first: a backup without its key file is a backup no one can open.
            os.replace(keyfile_path(partial), keyfile_path(final))
            os.replace(partial, final)
            fsync_folder(folder)
        except (OSError, sqlcipher3.Error) as error:
            _remove_backup(final)
            raise _write_failed(folder, error) from error
    noted = {**details, "folder": str(folder), "bytes": final.stat().st_size}
    store = session.store
    try:
        audited = store.run(actor, Action.BACKUP, lambda work: work.note("backup", name, noted))
        # The manifest anchors the audit entry of this backup outside the database.
        anchor = entry_anchor(store.db, audited.value, store.device_id, utc_timestamp(store.clock))
        site = {"site_name": store.setting(SETTING_SITE_NAME, ""), "backup": name}
        write_anchor(manifest_path(final), anchor, site)
    except BaseException:
        _remove_backup(final)  # an unaudited copy of everyone's records must not stay behind
        raise
    return Done(final, audited.changes)


def _snapshot(database: Path, key: bytes, partial: Path) -> None:
    """Copy every page in one step, from a read snapshot: writers on other connections go on,
    and what they have not committed is not in the copy."""
    create_private(partial)  # made by SQLite, the copy would be readable by everyone
    source = connect(database, key)
    try:
        with _keyed(partial, key) as copy:
            # An unfinished copy is thrown away on any failure, so it needs no journal of its
            # own; it is synced and checked before it counts. (A third faster at 100k people.)
            copy.execute("PRAGMA journal_mode = OFF")
            copy.execute("PRAGMA synchronous = OFF")
            source.conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal
    finally:
        source.close()
    with _keyed(partial, key) as check:
        result = check.execute("PRAGMA integrity_check").fetchall()
    if result != [("ok",)]:
        raise StorageError(
            f"The backup copy failed its integrity check ({result[0][0]}); nothing was saved",
            f"La copia de seguridad no pasó la verificación ({result[0][0]}); no se guardó nada",
        )


# --- restoring ---------------------------------------------------------------------------------


def _check_backup_files(backup: Path, target: Path) -> None:
    if not backup.is_file():
        raise NotFound(f"No backup file at {backup}", f"No hay copia de seguridad en {backup}")
    if not keyfile_path(backup).is_file():
        raise StorageError(
            f"The key file {keyfile_path(backup).name} is missing beside the backup; "
            "without it the backup cannot be opened",
            f"Falta el archivo de claves {keyfile_path(backup).name} junto a la copia; "
            "sin él la copia no se puede abrir",
        )
    if target.exists() and backup.resolve() == target.resolve():
        raise StorageError(
            "That is the site database itself, not a backup of it",
            "Ese archivo es la base de datos del sitio, no una copia de seguridad",
        )


def _unwrap_backup_key(backup: Path, user: str, password: str) -> bytes:
    """The database key of the backup, as its own key file gives it to this user: who could
    open the site when the backup was made can open the backup."""
    keys = keyfile_path(backup)
    try:
        keyfile = Keyfile.load(keys)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise StorageError(
            f"The key file {keys.name} is damaged ({error})",
            f"El archivo de claves {keys.name} está dañado ({error})",
        ) from error
    try:
        return unlock(keyfile, user, password).database_keys[0]
    except WrongPassword:
        raise StorageError(
            "Wrong user name or password for this backup",
            "Usuario o contraseña incorrectos para esta copia de seguridad",
        ) from None


def _prepare_restored(
    incoming: Path,
    key: bytes,
    backup: Path,
    user: str,
    clock: Clock,
    replaced: Path,
    revoked: Revoked,
    audit_key: AuditKey,
) -> None:
    """Prove the copy whole, ours and the user's to restore; then record the restore in it,
    so the site's own history says who took it back in time, and to when, and disable in it
    the users the live site had removed."""
    damaged = StorageError(
        f"The backup {backup.name} is damaged or does not match its key file; "
        "choose another backup",
        f"La copia {backup.name} está dañada o no corresponde a su archivo de claves; "
        "elija otra copia",
    )
    with _cipher_log_silenced():
        try:
            db = connect(incoming, key)
        except UserError:
            raise damaged from None
        try:
            whole = db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        except sqlcipher3.DatabaseError as error:
            db.close()
            raise damaged from error
    try:
        if not whole:
            raise damaged
        _check_is_ours(db, backup)
        actor = _restoring_admin(db, user)
        try:
            with Store(db, clock, incoming, audit_key).write(actor, Action.RESTORE) as work:
                work.note(
                    "restore",
                    backup.name,
                    {"from_folder": str(backup.parent), "replaced": replaced.name},
                )
                for user_id, active in db.execute(
                    "SELECT id, NOT disabled FROM app_user WHERE username IN "
                    f"({', '.join('?' for _ in revoked.users)})",
                    sorted(revoked.users),
                ).fetchall():
                    if active:
                        work.update("app_user", user_id, {"disabled": 1})
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # into the file itself before it moves
        except sqlcipher3.Error as error:
            raise _write_failed(replaced.parent, error) from error
    finally:
        db.close()


def _check_is_ours(db: Database, backup: Path) -> None:
    if not migrations.applied(db):
        raise StorageError(
            f"{backup.name} is not a Staging Desk database",
            f"{backup.name} no es una base de datos de Staging Desk",
        )
    newer = unknown_applied(db)
    if newer:
        raise StorageError(
            f"{backup.name} was made by a newer version of Staging Desk ({', '.join(newer)}); "
            "update the app on this laptop first",
            f"{backup.name} fue hecha por una versión más nueva de Staging Desk "
            f"({', '.join(newer)}); primero actualice la aplicación en esta computadora",
        )


def _restoring_admin(db: Database, user: str) -> Actor:
    row = db.execute("SELECT role, disabled FROM app_user WHERE username = ?", [user]).fetchone()
    if row is None or row[1] or not may(Role(row[0]), Action.RESTORE):
        raise StorageError(
            f"Only an active administrator of the backup may restore it; {user} is not one",
            f"Solo un administrador activo en la copia puede restaurarla; {user} no lo es",
        )
    return Actor(user, Role(row[0]))


def _swap_in(incoming: Path, target: Path, replaced: Path) -> Path | None:
    """Move the old files aside, then the new ones in; if a move fails, undo the ones made.

    The old write-ahead log goes with the old database (it may hold its last commits, after a
    power cut); left behind, it would be replayed into the restored one. The shared-memory
    index is only a cache of that log and is removed.
    """
    had_database = target.exists()
    moves: list[tuple[Path, Path | None]] = [
        (target, replaced),
        (_side(target, "-wal"), _side(replaced, "-wal") if had_database else None),
        (_side(target, "-shm"), None),
        (keyfile_path(target), keyfile_path(replaced)),
        (keyfile_path(incoming), keyfile_path(target)),
        (incoming, target),
    ]
    done: list[tuple[Path, Path]] = []
    try:
        for source, destination in moves:
            if not source.exists():
                continue
            if destination is None:
                source.unlink()
            else:
                os.replace(source, destination)
                done.append((source, destination))
        fsync_folder(target.parent)
    except OSError as error:
        for source, destination in reversed(done):
            os.replace(destination, source)
        raise StorageError(
            f"Could not replace {target} ({error}); close Staging Desk and try again. "
            "Nothing was changed.",
            f"No se pudo reemplazar {target} ({error}); cierre Staging Desk e intente de nuevo. "
            "No se cambió nada.",
        ) from error
    return replaced if had_database else None


# --- files -------------------------------------------------------------------------------------


def _database_path(session: Session) -> Path:
    if session.store.path is None:
        raise StorageError(
            "This site is not stored in a file, so it cannot be backed up",
            "Este sitio no está guardado en un archivo; no se puede respaldar",
        )
    return session.store.path


@contextmanager
def _keyed(path: Path, key: bytes) -> Iterator[sqlcipher3.Connection]:
    """A bare connection with the site key and no pragmas: it must not turn a file to WAL."""
    conn = sqlcipher3.connect(str(path))
    try:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        yield conn
    finally:
        conn.close()


@contextmanager
def _cipher_log_silenced() -> Iterator[None]:
    """SQLCipher logs each bad page to stderr; here a damaged file is expected input, and the
    person at the desk gets one clear message instead. The level is process-wide: put back."""
    conn = sqlcipher3.connect(":memory:")
    level = conn.execute("PRAGMA cipher_log_level").fetchone()[0]
    conn.execute("PRAGMA cipher_log_level = NONE")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cipher_log_level = {level}")
        conn.close()


def _stamp(clock: Clock) -> str:
    return clock.now().astimezone(UTC).strftime(STAMP_FORMAT)


def _automatic_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """Oldest first, by the time in the name: the site clock's time, not the file system's."""
    found: list[tuple[datetime, int, Path]] = []
    for path in folder.iterdir():
        match = _AUTO_NAME.match(path.name)
        if match is None:
            continue
        try:
            stamp = datetime.strptime(match[1], STAMP_FORMAT).replace(tzinfo=UTC)
        except ValueError:  # named like ours, but not by us
            continue
        found.append((stamp, int(match[2] or 1), path))
    return [(stamp, path) for stamp, _, path in sorted(found)]


def _free_name(folder: Path, stem: str, suffix: str) -> str:
    """`stem + suffix`, or `stem-2 + suffix` … when two are made within the same second."""
    name, number = stem + suffix, 1
    while (folder / name).exists() or keyfile_path(folder / name).exists():
        number += 1
        name = f"{stem}-{number}{suffix}"
    return name


@contextmanager
def _work_folder(folder: Path) -> Iterator[Path]:
    """A private folder beside the destination for the unfinished files, removed whatever happens.

    Same file system as the destination, so the final rename is atomic; a name no one takes
    for a finished backup.
    """
    try:
        work_folder = tempfile.mkdtemp(dir=folder, prefix=".staging-unfinished-")
    except OSError as error:
        raise _write_failed(folder, error) from error
    try:
        yield Path(work_folder)
    finally:
        shutil.rmtree(work_folder, ignore_errors=True)


def _remove_backup(backup: Path) -> None:
    backup.unlink(missing_ok=True)
    keyfile_path(backup).unlink(missing_ok=True)
    manifest_path(backup).unlink(missing_ok=True)


def _side(database: Path, suffix: str) -> Path:
    return database.with_name(database.name + suffix)


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _check_space(folder: Path, needed: int) -> None:
    """Refuse before writing rather than fill a USB stick and fail half way."""
    if shutil.disk_usage(folder).free < needed:
        raise _no_space(folder)


def _no_space(folder: Path) -> StorageError:
    return StorageError(
        f"Not enough space in {folder}; free some space or use another drive. Nothing was saved.",
        f"No hay espacio suficiente en {folder}; libere espacio o use otra unidad. "
        "No se guardó nada.",
    )


def _write_failed(folder: Path, error: Exception) -> StorageError:
    full = (isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG)) or (
        "full" in str(error).lower()
    )
    if full:
        return _no_space(folder)
    return StorageError(
        f"Cannot write in {folder} ({error}). Nothing was saved.",
        f"No se puede escribir en {folder} ({error}). No se guardó nada.",
    )


def last_backup(session: Session) -> datetime | None:
    """When this site was last backed up (by hand or automatically), from the audit log."""
    row = session.store.db.execute(
        "SELECT max(at) FROM audit_log WHERE entity = 'backup' AND action LIKE '%:event'"
    ).fetchone()
    return datetime.fromisoformat(row[0]) if row and row[0] else None
