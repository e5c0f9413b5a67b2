"""The court directory a site uses: the shipped one, or the one its administrator loaded.

An updated list is stored whole, as the two files' text, in one site setting written through
the write path: the audit log shows who replaced the directory and what it held before, and the
setting travels to the other desks with the rest of the settings. Nothing is stored unless
both files pass every check.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from staging.changes import Done
from staging.courts.directory import (
    CourtDirectory,
    decode_csv,
    read_directory,
    shipped_directory,
)
from staging.errors import NotFound
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork, require

SETTING_COURT_DIRECTORY = "court_directory"


def load_court_directory(
    store: Store, actor: Actor, courts_path: Path, opla_path: Path
) -> Done[CourtDirectory]:
    """Check both files, then make them the site's directory (administrators only)."""
    require(actor, Action.MANAGE_SETTINGS)  # before reading: a refusal says who may, not what
    courts_text = decode_csv(_read(courts_path), courts_path.name)
    opla_text = decode_csv(_read(opla_path), opla_path.name)
    directory = read_directory(
        courts_text.encode("utf-8"),
        opla_text.encode("utf-8"),
        courts_file=courts_path.name,
        opla_file=opla_path.name,
    )
    stored = json.dumps(
        {
            "courts_file": courts_path.name,
            "courts_csv": courts_text,
            "opla_file": opla_path.name,
            "opla_csv": opla_text,
        },
        ensure_ascii=False,
    )

    def save(work: UnitOfWork) -> CourtDirectory:
        work.put_setting(SETTING_COURT_DIRECTORY, stored)
        return directory

    return store.run(actor, Action.MANAGE_SETTINGS, save)


def site_directory(store: Store) -> CourtDirectory:
    """The directory the administrator loaded, else the one shipped with the app."""
    stored = store.setting(SETTING_COURT_DIRECTORY)
    return shipped_directory() if not stored else _stored_directory(stored)


@functools.lru_cache(maxsize=2)
def _stored_directory(stored: str) -> CourtDirectory:
    files = json.loads(stored)
    return read_directory(
        files["courts_csv"].encode("utf-8"),
        files["opla_csv"].encode("utf-8"),
        courts_file=files["courts_file"],
        opla_file=files["opla_file"],
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"No file {path}", f"No existe el archivo {path}") from None
    except OSError as error:
        raise NotFound(
            f"Cannot read {path}: {error.strerror}", f"No se puede leer {path}: {error.strerror}"
        ) from None
