"""Every file the app writes that holds site data or keys is readable by this account only (0600),
whichever path wrote it; the automatic backups' folder is this account's only (0700).

Each test lists the folders before and after one operation and checks every file it created or
replaced. The umask is the usual 022, under which a file made without care is world-readable.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from staging.backup import auto_backup, backup_to, restore_from
from staging.clock import FrozenClock
from staging.exports import export_people
from staging.registration.service import import_registrations
from staging.security.access import Session, change_own_password, create_site, rekey_site
from staging.security.keyfile import KdfParams, keyfile_path
from staging.store.database import connect
from staging.store.migrations import migrations
from staging.store.store import Store
from tests.conftest import registration_row, write_registrations

PASSWORD = "a-good-password"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Iterator[Session]:
    session = create_site(
        tmp_path / "desk" / "site.db", "admin", PASSWORD, clock=clock, kdf=FAST_KDF
    )
    source = write_registrations(tmp_path / "list.csv", [registration_row(n) for n in (1, 2)])
    import_registrations(session.store, session.actor, source)
    yield session
    session.close()


def files_in(folder: Path) -> dict[Path, tuple[int, int]]:
    """Every file under the folder, by inode and change time: a file replaced under the same
    name is new even when the file system gives it back an inode freed a moment before (a key
    file saved twice in one operation), and a file written to counts too."""
    return {
        path: (path.stat().st_ino, path.stat().st_ctime_ns)
        for path in folder.rglob("*")
        if path.is_file()
    }


def created_by(operation: Callable[[], object], folder: Path) -> dict[str, int]:
    """The files the operation created or replaced under the folder, with their modes.

    The key file's lock is left out: an empty file that only says "being edited".
    """
    before = files_in(folder)
    operation()
    after = files_in(folder)
    return {
        str(path.relative_to(folder)): stat.S_IMODE(path.stat().st_mode)
        for path, identity in after.items()
        if before.get(path) != identity and not is_empty_lock(path)
    }


def is_empty_lock(path: Path) -> bool:
    return path.suffix == ".lock" and path.stat().st_size == 0


def assert_owner_only(created: dict[str, int], *expected: str) -> None:
    """Every created file is 0600, and among them are files named like each of `expected`."""
    for part in expected:
        assert any(Path(name).name.endswith(part) for name in created), (part, sorted(created))
    assert {name: oct(mode) for name, mode in created.items() if mode != 0o600} == {}


def test_a_new_site_and_its_key_files(tmp_path: Path, clock: FrozenClock) -> None:
    opened: list[Session] = []
    created = created_by(
        lambda: opened.append(
            create_site(tmp_path / "site.db", "admin", PASSWORD, clock=clock, kdf=FAST_KDF)
        ),
        tmp_path,
    )
    opened[0].close()
    assert_owner_only(created, "site.db", "site.db-wal", "site.db-shm", "site.db.keys")


def test_a_manual_backup_and_its_key_file(site: Session, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    created = created_by(lambda: backup_to(site, usb), usb)
    assert_owner_only(created, ".db", ".db.keys")


def test_an_automatic_backup_in_an_owner_only_folder(site: Session) -> None:
    assert site.store.path is not None
    folder = site.store.path.with_name("site.db.backups")
    folder.mkdir(mode=0o755)  # as an older version left it
    created = created_by(lambda: auto_backup(site), folder)
    assert_owner_only(created, ".db", ".db.keys")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_restored_database_and_key_file(site: Session, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = backup_to(site, usb).value
    site.close()
    database = site.store.path
    assert database is not None
    created = created_by(
        lambda: restore_from(backup, database, "admin", PASSWORD, clock=site.store.clock),
        database.parent,
    )
    assert_owner_only(created, "site.db", "site.db.keys")
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(keyfile_path(database).stat().st_mode) == 0o600


@pytest.mark.parametrize("plaintext", [False, True])
def test_an_export(site: Session, tmp_path: Path, plaintext: bool) -> None:
    out = tmp_path / "out"
    out.mkdir()
    created = created_by(
        lambda: export_people(
            site,
            out / "people.csv",
            fmt="csv",
            passphrase=None if plaintext else "a long passphrase",
            plaintext=plaintext,
            kdf=FAST_KDF,
        ),
        out,
    )
    assert_owner_only(created, ".csv" if plaintext else ".csv.sdx")


def test_a_changed_password_and_a_new_database_key(site: Session) -> None:
    assert site.store.path is not None
    folder = site.store.path.parent
    assert_owner_only(
        created_by(lambda: change_own_password(site, PASSWORD, "another-password"), folder),
        "site.db.keys",
    )
    assert_owner_only(
        created_by(lambda: rekey_site(site, reason="test"), folder), "site.db", "site.db.keys"
    )


def test_an_import_s_rejects_file_even_over_a_crashed_one(site: Session, tmp_path: Path) -> None:
    source = write_registrations(
        tmp_path / "lista.csv", [registration_row(5), registration_row(6, date_of_birth="31/02")]
    )
    stale = tmp_path / "lista.rejects.csv.tmp"
    stale.write_text("left by a power cut")
    stale.chmod(0o644)
    created = created_by(lambda: import_registrations(site.store, site.actor, source), tmp_path)
    assert_owner_only(created, "lista.rejects.csv")


def test_the_copy_made_before_migrating(tmp_path: Path, key: bytes) -> None:
    database = tmp_path / "site.db"
    old = connect(database, key)
    names = [migration.name for migration in migrations.pending(old)]
    migrations.apply(old, stop_before=names[-1])
    old.close()
    database.chmod(0o644)  # made by a version that did not keep it private
    created = created_by(lambda: Store.open(database, key=key).close(), tmp_path)
    (copy,) = created.keys() - {"site.db", "site.db-wal", "site.db-shm"}
    assert copy.startswith("site.db.before-migration-")
    assert_owner_only(created)  # the database an older version left readable is tightened too
