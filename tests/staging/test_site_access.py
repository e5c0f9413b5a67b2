"""A database the system will not let us use is said to be so, with what to do, in both languages.

Never "not a site database, or the key is wrong" for a folder this account may not write to, a
file it may not read or a full disk: that message invites a restore over good data. The
permission cases run as an unprivileged account (`tests.helpers.visitor`): as root they would
prove nothing.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from staging.audit.keys import device_audit_key
from staging.errors import UserError
from staging.rules import Action
from staging.security.access import create_site, open_site
from staging.security.keyfile import KdfParams, keyfile_path
from staging.store import diagnosis
from staging.store.store import SYSTEM_ACTOR, Store
from tests.helpers.visitor import hand_over, run_as_visitor, visitor_folder

PASSWORD = "a-good-password"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
NOT_DAMAGED = ("The data is not damaged: do not restore a backup.", "no restaure una copia")
BLAME = ("key is wrong", "clave es incorrecta")
posix_modes = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and accounts")


def said(error: UserError) -> dict[str, str]:
    return {"en": error.message_en, "es": error.message_es}


def log_in(database: str) -> dict[str, str]:
    """Log in as the site's administrator; what the desk is told ({} when it opens)."""
    try:
        open_site(Path(database), "admin", PASSWORD).close()
    except UserError as error:
        return said(error)
    return {}


def open_and_write(database: str, key: str) -> dict[str, str]:
    """Open the database itself (no login checks first) and write to it."""
    path = Path(database)
    try:
        store = Store.open(path, key=bytes.fromhex(key))
        try:
            store.audit_key = device_audit_key(path)
            with store.write(SYSTEM_ACTOR, Action.MANAGE_SETTINGS) as work:
                work.put_setting("probe", "1")
        finally:
            store.close()
    except UserError as error:
        return said(error)
    return {}


def create_database(database: str, key: str) -> dict[str, str]:
    """Make a new database file (as a new site or a re-keying does)."""
    try:
        Store.open(Path(database), key=bytes.fromhex(key)).close()
    except UserError as error:
        return said(error)
    return {}


def assert_not_blamed_on_the_data(message: dict[str, str]) -> None:
    assert NOT_DAMAGED[0] in message["en"] and NOT_DAMAGED[1] in message["es"]
    assert BLAME[0] not in message["en"] and BLAME[1] not in message["es"]


@pytest.fixture
def shared_site() -> Iterator[tuple[Path, str]]:
    """A closed site, with its key, in a folder the unprivileged account owns."""
    with visitor_folder() as top:
        session = create_site(top / "desk" / "site.db", "admin", PASSWORD, kdf=FAST_KDF)
        key = session.key.hex()
        session.close()
        hand_over(top)
        yield top / "desk" / "site.db", key


@pytest.fixture
def site(tmp_path: Path) -> Path:
    database = tmp_path / "desk" / "site.db"
    create_site(database, "admin", PASSWORD, kdf=FAST_KDF).close()
    return database


# --- permissions (as an unprivileged account) ----------------------------------------------------


@posix_modes
def test_a_read_only_folder_is_named_with_what_to_do(shared_site: tuple[Path, str]) -> None:
    """SQLite says "attempt to write a readonly database" even to read: WAL needs its -shm."""
    database, key = shared_site
    folder = database.parent
    assert run_as_visitor(log_in, str(database)) == {}
    folder.chmod(0o555)
    for message in (
        run_as_visitor(log_in, str(database)),
        run_as_visitor(open_and_write, str(database), key),
        run_as_visitor(create_database, str(folder / "new.db"), key),
    ):
        assert f"may not write to {folder};" in message["en"]
        assert "administrator to give this account write access" in message["en"]
        assert f"no tiene permiso para escribir en {folder};" in message["es"]
        assert "permiso de escritura" in message["es"]
        assert_not_blamed_on_the_data(message)


@posix_modes
@pytest.mark.parametrize("unreadable", ["file", "folder"])
def test_a_database_this_account_may_not_read(
    shared_site: tuple[Path, str], unreadable: str
) -> None:
    database, key = shared_site
    (database if unreadable == "file" else database.parent).chmod(0o200)
    for message in (
        run_as_visitor(log_in, str(database)),
        run_as_visitor(open_and_write, str(database), key),
    ):
        assert f"may not read {database}." in message["en"]
        assert f"read and write access to the folder {database.parent}" in message["en"]
        assert f"no tiene permiso para leer {database}." in message["es"]
        assert_not_blamed_on_the_data(message)


@posix_modes
def test_a_read_only_database_file_is_refused_at_login_and_at_a_write(
    shared_site: tuple[Path, str],
) -> None:
    """SQLite opens a read-only file without a word and fails at the first check-in."""
    database, key = shared_site
    database.chmod(0o400)
    for message in (
        run_as_visitor(log_in, str(database)),
        run_as_visitor(open_and_write, str(database), key),
    ):
        assert f"may not write to {database};" in message["en"]
        assert f"no tiene permiso para escribir en {database};" in message["es"]
        assert_not_blamed_on_the_data(message)


# --- missing files -------------------------------------------------------------------------------


def test_a_missing_folder_database_or_key_file_each_get_their_own_message(site: Path) -> None:
    elsewhere = site.parent.parent / "moved" / "site.db"
    with pytest.raises(UserError) as refused:
        open_site(elsewhere, "admin", PASSWORD)
    assert f"The folder {elsewhere.parent} does not exist" in refused.value.message_en
    assert f"La carpeta {elsewhere.parent} no existe" in refused.value.message_es
    assert "Plug the drive in" in refused.value.message_en
    assert not elsewhere.parent.exists()

    with pytest.raises(UserError) as refused:
        open_site(site.with_name("sitio.db"), "admin", PASSWORD)
    assert f"no site database sitio.db in {site.parent}" in refused.value.message_en
    assert f"ninguna base de datos del sitio sitio.db en {site.parent}" in refused.value.message_es

    keys = keyfile_path(site)
    keys.rename(site.with_name("elsewhere.keys"))
    with pytest.raises(UserError) as refused:
        open_site(site, "admin", PASSWORD)
    assert f"The key file {keys.name} is missing" in refused.value.message_en
    assert f"Falta el archivo de claves {keys.name}" in refused.value.message_es
    assert_not_blamed_on_the_data(said(refused.value))


# --- drives --------------------------------------------------------------------------------------


def test_a_read_only_drive_is_told_apart_from_a_permission(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write-protected USB stick: the system answers EROFS to a file created on it."""

    def write_protected(**_: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(diagnosis.tempfile, "TemporaryFile", write_protected)
    with pytest.raises(UserError) as refused:
        open_site(site, "admin", PASSWORD)
    assert f"The drive holding {site.parent} is read-only" in refused.value.message_en
    assert f"La unidad que contiene {site.parent} es de solo lectura" in refused.value.message_es
    assert "administrator" not in refused.value.message_en
    assert_not_blamed_on_the_data(said(refused.value))


def nearly_full(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    usage = shutil.disk_usage(folder)._replace(free=4096)
    monkeypatch.setattr(diagnosis.shutil, "disk_usage", lambda _: usage)


def assert_no_space(error: UserError, folder: Path) -> None:
    assert f"Not enough space on the drive of {folder}; nothing was saved" in error.message_en
    assert "Free some space" in error.message_en
    assert f"No hay espacio suficiente en la unidad de {folder}" in error.message_es
    assert "Libere espacio" in error.message_es
    assert_not_blamed_on_the_data(said(error))


def test_a_full_disk_at_login_is_not_enough_space(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys_before = keyfile_path(site).read_bytes()
    nearly_full(monkeypatch, site.parent)
    with pytest.raises(UserError) as refused:
        open_site(site, "admin", PASSWORD)
    assert_no_space(refused.value, site.parent)
    assert keyfile_path(site).read_bytes() == keys_before  # nothing was written


@contextmanager
def growth_refused() -> Iterator[None]:
    """The system refuses to let any file grow past 1 KiB: SQLite's -shm (32 KiB) cannot be made,
    and SQLite reports "disk I/O error", as it does on a full disk."""
    resource = pytest.importorskip("resource")  # POSIX: how the test sets the limit
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_disk_io_error_on_a_full_disk_is_not_enough_space(
    tmp_path: Path, key: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "site.db"
    Store.open(database, key=key).close()
    nearly_full(monkeypatch, tmp_path)
    with pytest.raises(UserError) as refused, growth_refused():
        Store.open(database, key=key)
    assert_no_space(refused.value, tmp_path)


def test_a_disk_io_error_with_room_left_blames_neither_key_nor_space(
    tmp_path: Path, key: bytes
) -> None:
    database = tmp_path / "site.db"
    Store.open(database, key=key).close()
    with pytest.raises(UserError) as refused, growth_refused():
        Store.open(database, key=key)
    assert f"The drive holding {database} could not be read or written" in refused.value.message_en
    assert f"No se pudo leer o escribir la unidad que contiene {database}" in (
        refused.value.message_es
    )
    assert BLAME[0] not in refused.value.message_en
    assert "space" not in refused.value.message_en


def test_a_write_on_a_full_database_is_not_enough_space(tmp_path: Path, key: bytes) -> None:
    """SQLITE_FULL, made real by capping the database's pages instead of filling a disk."""
    store = Store.open(tmp_path / "site.db", key=key)
    try:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")
        with (
            pytest.raises(UserError) as refused,
            store.write(SYSTEM_ACTOR, Action.MANAGE_SETTINGS) as work,
        ):
            work.put_setting("notes", "x" * 100_000)
        assert_no_space(refused.value, tmp_path)
        assert store.setting("notes") is None
        assert not store.db.conn.in_transaction
    finally:
        store.close()


def test_a_wrong_key_is_still_called_a_wrong_key(site: Path, key: bytes) -> None:
    with pytest.raises(UserError) as refused:
        Store.open(site, key=key)
    assert BLAME[0] in refused.value.message_en and BLAME[1] in refused.value.message_es
