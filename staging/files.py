"""Files that hold site data or keys are readable by this account only, whoever writes them.

A file Python's `open`, `shutil.copyfile` or SQLite creates gets the process's default mode
(usually world-readable, 0644); one that already exists keeps its mode when it is written into.
So every such file is first created empty and owner-only (0600) here, then filled by whatever
writes it; SQLite gives a database's -wal, -shm and -journal files the database's own mode.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


def create_private(path: Path) -> None:
    """A new, empty, owner-only file for a library to fill; refuses to reuse an existing one,
    whose mode cannot be trusted."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))


def tighten(path: Path) -> None:
    """A file of the site that an older version left readable by others is made owner-only
    (POSIX; Windows files have no such bits)."""
    if os.name != "nt" and path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
        path.chmod(OWNER_ONLY)


def copy_private(source: Path, target: Path) -> None:
    """Copy a file into a new owner-only file (`shutil.copyfile` alone would make it 0644)."""
    create_private(target)
    shutil.copyfile(source, target)


def write_private(path: Path, content: bytes) -> None:
    """Write a whole owner-only file, replacing one the person chose to overwrite; written
    aside and renamed in, so the old file's mode is not inherited and no half file is left."""
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def private_folder(folder: Path) -> Path:
    """A folder of the app's own (automatic backups) that only this account may enter; one
    made by an older version is tightened."""
    folder.mkdir(mode=OWNER_ONLY_FOLDER, exist_ok=True)
    if stat.S_IMODE(folder.stat().st_mode) != OWNER_ONLY_FOLDER:
        folder.chmod(OWNER_ONLY_FOLDER)
    return folder


def fsync_folder(folder: Path) -> None:
    """Make renames in a folder survive a power cut (POSIX; Windows cannot open a folder)."""
    if os.name == "nt":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
