"""Why a site database cannot be opened or written, said so that the person does the right thing.

SQLite words a folder this account may not write to, a file it may not read and a full disk
like damage ("attempt to write a readonly database", "unable to open database file", "disk
I/O error"), and a volunteer told that the data is damaged may restore a backup over good
data. So before the key or the file is blamed, the file system is asked directly: the files are
opened for reading and for writing and a file is created beside them (SQLite in WAL mode must
create its -wal and -shm there, even only to read), and the system's own reason is reported,
with what to do about it.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

import sqlcipher3

from staging.errors import Busy, StorageError

# Less free space than this and a write may fail (an import's batch, a growing -wal): a login
# is refused, and a disk I/O error with so little room left is taken for a full disk.
LOW_SPACE_BYTES = 16 * 1024 * 1024

_NOT_DAMAGED_EN = "The data is not damaged: do not restore a backup."
_NOT_DAMAGED_ES = "Los datos no están dañados: no restaure una copia de seguridad."
_NOT_ALLOWED = (errno.EACCES, errno.EPERM)
_FULL = (errno.ENOSPC, errno.EDQUOT)
# SQLite's primary result codes that say something about the disk, not about the program.
_BUSY_CODES = (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED)
_FILE_CODES = (sqlcipher3.SQLITE_READONLY, sqlcipher3.SQLITE_CANTOPEN, sqlcipher3.SQLITE_PERM)


def check_site_files(database: Path, keys: Path) -> None:
    """Refuse before a login touches anything (the key file's lock, the database) when the
    files are missing, this account may not read and write them and their folder, or the disk
    is too full for the login's own writes, let alone a check-in."""
    problem = diagnose(database, keys)
    if problem is not None:
        raise problem
    if shutil.disk_usage(database.parent).free < LOW_SPACE_BYTES:
        raise no_space(database.parent)


def storage_problem(database: Path | None, error: sqlcipher3.Error) -> StorageError | None:
    """What SQLite's error means for the person at the desk; None when it is not about the
    disk (a programming error, or a file that is not a site database or has another key)."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _BUSY_CODES:
        return Busy()
    if database is None:
        return None
    if code == sqlcipher3.SQLITE_FULL:
        return no_space(database.parent)
    if code == sqlcipher3.SQLITE_IOERR:
        found = diagnose(database)
        if found is not None:
            return found
        if shutil.disk_usage(database.parent).free < LOW_SPACE_BYTES:
            return no_space(database.parent)
        return StorageError(
            f"The drive holding {database} could not be read or written ({error}). Check that "
            "it is still connected, close Staging Desk and try again.",
            f"No se pudo leer o escribir la unidad que contiene {database} ({error}). Revise "
            "que siga conectada, cierre Staging Desk e intente de nuevo.",
        )
    if code in _FILE_CODES:
        return diagnose(database) or StorageError(
            f"Cannot use {database} ({error}). Check the drive and this account's access to "
            f"the folder, then try again. {_NOT_DAMAGED_EN}",
            f"No se puede usar {database} ({error}). Revise la unidad y el acceso de esta "
            f"cuenta a la carpeta, e intente de nuevo. {_NOT_DAMAGED_ES}",
        )
    return None


def cannot_create(database: Path, error: OSError) -> StorageError | None:
    """Why a new database could not be made in its folder (or looked for there)."""
    folder = database.parent
    if error.errno in _NOT_ALLOWED and not os.access(folder, os.X_OK):
        return _may_not_read(database, folder)  # a folder this account may not even enter
    return _refused(folder, folder, error, keys=None, writing=True)


def diagnose(database: Path, keys: Path | None = None) -> StorageError | None:
    """Try what SQLite and the key file need, in order; the first refusal, explained (None
    when everything works, or the system's reason is not one a person can act on)."""
    folder = database.parent
    files = [database] if keys is None else [database, keys]
    for path in files:
        try:
            with path.open("rb"):
                pass
        except OSError as error:
            return _refused(path, folder, error, keys=keys, writing=False)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        return _refused(folder, folder, error, keys=keys, writing=True)
    sides = [database.with_name(database.name + side) for side in ("-wal", "-shm")]
    for path in [database, *(side for side in sides if side.exists())]:
        try:
            with path.open("rb+"):
                pass
        except OSError as error:
            return _refused(path, folder, error, keys=keys, writing=True)
    return None


def file_refused(path: Path, error: OSError, *, writing: bool) -> StorageError:
    """A site file (the key file, the audit key) the system would not read or write, said as
    what it is — never as damage; the system's own words when it is nothing a person can fix."""
    return _refused(path, path.parent, error, keys=None, writing=writing) or StorageError(
        f"Cannot {'write' if writing else 'read'} {path} ({error}). Check the drive and this"
        f" account's access to the folder, then try again. {_NOT_DAMAGED_EN}",
        f"No se puede {'escribir' if writing else 'leer'} {path} ({error}). Revise la unidad y"
        f" el acceso de esta cuenta a la carpeta, e intente de nuevo. {_NOT_DAMAGED_ES}",
    )


def _refused(
    path: Path, folder: Path, error: OSError, *, keys: Path | None, writing: bool
) -> StorageError | None:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return _missing(path, folder, keys)
    if error.errno == errno.EROFS:
        return _read_only_drive(folder)
    if error.errno in _FULL:
        return no_space(folder)
    if error.errno in _NOT_ALLOWED:
        return _may_not_write(path) if writing else _may_not_read(path, folder)
    return None


def no_space(folder: Path) -> StorageError:
    return StorageError(
        f"Not enough space on the drive of {folder}; nothing was saved. Free some space (empty "
        f"the recycle bin, delete files you no longer need) and try again. {_NOT_DAMAGED_EN}",
        f"No hay espacio suficiente en la unidad de {folder}; no se guardó nada. Libere espacio "
        f"(vacíe la papelera, borre archivos que ya no necesite) e intente de nuevo. "
        f"{_NOT_DAMAGED_ES}",
    )


def _missing(path: Path, folder: Path, keys: Path | None) -> StorageError:
    if not folder.is_dir():
        return StorageError(
            f"The folder {folder} does not exist (renamed or moved? on a USB stick that is not "
            "plugged in?). Plug the drive in, or open the site database where it is now.",
            f"La carpeta {folder} no existe (¿se cambió de nombre o se movió? ¿está en una "
            "memoria USB que no está conectada?). Conecte la unidad, o abra la base de datos "
            "del sitio donde está ahora.",
        )
    if path == keys:
        return StorageError(
            f"The key file {path.name} is missing from {folder}; without it no one can open "
            "the site. Put it back beside the database (it must be copied together with it). "
            f"{_NOT_DAMAGED_EN}",
            f"Falta el archivo de claves {path.name} en {folder}; sin él nadie puede abrir el "
            "sitio. Vuelva a ponerlo junto a la base de datos (se debe copiar junto con ella). "
            f"{_NOT_DAMAGED_ES}",
        )
    return StorageError(
        f"There is no site database {path.name} in {folder}. Check the name and the folder, or "
        "open the site where it is now.",
        f"No hay ninguna base de datos del sitio {path.name} en {folder}. Revise el nombre y "
        "la carpeta, o abra el sitio donde está ahora.",
    )


def _may_not_read(path: Path, folder: Path) -> StorageError:
    return StorageError(
        f"This account may not read {path}. Ask the laptop's administrator to give this "
        f"account read and write access to the folder {folder} and its files. {_NOT_DAMAGED_EN}",
        f"Esta cuenta no tiene permiso para leer {path}. Pida al administrador de la "
        f"computadora que dé a esta cuenta permiso de lectura y escritura en la carpeta "
        f"{folder} y sus archivos. {_NOT_DAMAGED_ES}",
    )


def _may_not_write(place: Path) -> StorageError:
    return StorageError(
        f"This account may not write to {place}; Staging Desk must write there, even only to "
        f"read the site. Ask the laptop's administrator to give this account write access to "
        f"{place}. {_NOT_DAMAGED_EN}",
        f"Esta cuenta no tiene permiso para escribir en {place}; Staging Desk necesita escribir "
        f"ahí, aunque solo sea para leer el sitio. Pida al administrador de la computadora que "
        f"dé a esta cuenta permiso de escritura en {place}. {_NOT_DAMAGED_ES}",
    )


def _read_only_drive(folder: Path) -> StorageError:
    return StorageError(
        f"The drive holding {folder} is read-only (a write-protected USB stick, or a disk "
        "mounted read-only). Remove the write protection, or copy the site's folder to a drive "
        f"you can write to. {_NOT_DAMAGED_EN}",
        f"La unidad que contiene {folder} es de solo lectura (una memoria USB protegida contra "
        "escritura, o un disco montado solo para lectura). Quite la protección contra "
        "escritura, o copie la carpeta del sitio a una unidad donde se pueda escribir. "
        f"{_NOT_DAMAGED_ES}",
    )
