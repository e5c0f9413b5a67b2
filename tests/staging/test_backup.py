"""Backups and restore: whole, encrypted, audited, rotated, and refused when they should be."""

from __future__ import annotations

import errno
import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from staging.audit.chain import verify_chain
from staging.backup import auto_backup, backup_to, default_backup_folder, restore_from
from staging.clock import FrozenClock
from staging.domain import Role
from staging.errors import PermissionDenied, UserError
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import Action, Policy, SitePolicy
from staging.security.access import Session, add_user, create_site, open_site
from staging.security.keyfile import KdfParams, keyfile_path
from staging.store.database import connect
from staging.store.store import SETTING_POLICY
from tests.conftest import registration_row, write_registrations

PASSWORD = "a-good-password"
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
NAMES = ("Xochiquetzal", "Quiñónez", "Ixchel Anahí")


def people(numbers: range) -> list[dict[str, str]]:
    return [
        registration_row(
            n,
            given_names=f"{NAMES[2]} {n}",
            paternal_surname=f"{NAMES[1]}{n}",
            maternal_surname=NAMES[0],
        )
        for n in numbers
    ]


def import_people(session: Session, folder: Path, numbers: range) -> None:
    source = write_registrations(folder / f"list-{numbers.start}.csv", people(numbers))
    summary = import_registrations(session.store, session.actor, source)
    assert summary.imported == len(numbers)


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Iterator[Session]:
    """A site with one user per role and five people, in its own folder."""
    session = create_site(
        tmp_path / "desk" / "site.db", "admin", PASSWORD, clock=clock, kdf=FAST_KDF
    )
    for name, role in (("carmen", Role.COORDINATOR), ("ivan", Role.INTAKE)):
        add_user(session, name, role, PASSWORD, kdf=FAST_KDF)
    import_people(session, tmp_path, range(1, 6))
    yield session
    session.close()


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def all_rows(db: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (FTS shadow tables included), in a comparable order."""
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: sorted(db.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr) for t in tables}


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def set_policy(session: Session, policy: Policy) -> None:
    with session.store.write(session.actor, Action.MANAGE_SETTINGS) as work:
        work.put_setting(SETTING_POLICY, policy.to_json())


def auto_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("staging-auto-*.db"))


# --- backup and restore round trip -------------------------------------------------------------


def test_backup_restores_everything_on_another_laptop(
    site: Session, usb: Path, tmp_path: Path, clock: FrozenClock
) -> None:
    before = all_rows(site.store.db)
    backup = backup_to(site, usb).value
    assert backup.name == "staging-backup-20210301T180000Z.db"
    assert sorted(p.name for p in usb.iterdir()) == [
        backup.name,
        backup.name + ".keys",
        backup.name + ".manifest",
    ]
    with sqlcipher3.connect(str(backup)) as bare:  # one file: no log to carry, none made
        bare.execute(f"PRAGMA key = \"x'{site.key.hex()}'\"")
        assert bare.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    note = site.store.db.execute(
        "SELECT user, action, entity FROM audit_log WHERE entity_id = ?", [backup.name]
    ).fetchall()
    assert note == [("admin", "backup:event", "backup")]
    desk_keys = site.audit_keys()  # an administrator holds the keys of every desk
    site.close()

    fresh = tmp_path / "other-laptop" / "StagingDesk" / "site.db"
    assert restore_from(backup, fresh, "admin", PASSWORD, clock=clock) is None

    restored = open_site(fresh, "carmen", PASSWORD, clock=clock)
    try:
        rows = all_rows(restored.store.db)
        restore_notes = restored.store.db.execute(
            "SELECT * FROM audit_log WHERE action = 'restore:event'"
        ).fetchall()
        keys = {**desk_keys, **restored.audit_keys()}
        assert verify_chain(queries.audit_entries(restored.store.db), keys).intact
    finally:
        restored.close()
    assert len(restore_notes) == 1 and restore_notes[0][4] == "admin"
    rows["audit_log"] = [r for r in rows["audit_log"] if r not in restore_notes]
    rows["change_log"] = [r for r in rows["change_log"] if r[4] != "restore"]
    assert rows == before
    assert len(before["person"]) == 5


def test_backup_holds_no_readable_personal_data(site: Session, usb: Path) -> None:
    backup = backup_to(site, usb).value
    raw = backup.read_bytes() + keyfile_path(backup).read_bytes()
    secrets = [
        *NAMES,
        *(row["a_number"] for row in people(range(1, 6))),
        *(row["registration_id"] for row in people(range(1, 6))),
    ]
    for secret in secrets:
        assert secret.encode("utf-8") not in raw, secret
    assert site.key.hex().encode() not in raw
    with sqlcipher3.connect(str(backup)) as keyless, pytest.raises(sqlcipher3.DatabaseError):
        keyless.execute("SELECT count(*) FROM sqlite_master").fetchone()
    opened = connect(backup, site.key)  # the control: the data is in there, with the key
    try:
        a_numbers = {r[0] for r in opened.execute("SELECT a_number FROM person")}
    finally:
        opened.close()
    assert {row["a_number"] for row in people(range(1, 6))} <= a_numbers


def test_backup_while_another_desk_is_writing_is_consistent(site: Session, usb: Path) -> None:
    path = site.store.path
    assert path is not None
    writer = connect(path, site.key)
    writer.execute("PRAGMA cache_size = 5")  # uncommitted pages spill into the log file
    wal_before = (path.with_name(path.name + "-wal")).stat().st_size
    writer.conn.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE person SET notes = ?", ["half-written " * 300])
    assert path.with_name(path.name + "-wal").stat().st_size > wal_before

    def commit_once_the_copy_exists() -> None:
        deadline = time.monotonic() + 30
        while not list(usb.glob("*.db")) and time.monotonic() < deadline:
            time.sleep(0.01)
        writer.conn.commit()

    committer = threading.Thread(target=commit_once_the_copy_exists)
    committer.start()
    try:
        backup = backup_to(site, usb).value  # its audit note waits for the other desk's commit
    finally:
        committer.join()
        writer.close()
    copy = connect(backup, site.key)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT count(*) FROM person WHERE notes != ''").fetchone() == (0,)
        assert verify_chain(queries.audit_entries(copy), site.audit_keys()).intact
    finally:
        copy.close()
    assert site.store.db.execute("SELECT count(*) FROM person WHERE notes != ''").fetchone() == (5,)


# --- who may back up, and where ----------------------------------------------------------------


def test_intake_may_not_make_a_manual_backup(site: Session, usb: Path, clock: FrozenClock) -> None:
    path = site.store.path
    assert path is not None
    intake = open_site(path, "ivan", PASSWORD, clock=clock)
    try:
        entries = intake.store.db.execute("SELECT count(*) FROM audit_log").fetchone()
        untouched = usb.stat().st_mtime_ns
        with pytest.raises(PermissionDenied):
            backup_to(intake, usb)
        assert intake.store.db.execute("SELECT count(*) FROM audit_log").fetchone() == entries
    finally:
        intake.close()
    assert usb.stat().st_mtime_ns == untouched  # not even a copy made and thrown away
    assert list(usb.iterdir()) == []


def test_a_coordinator_may(site: Session, usb: Path, clock: FrozenClock) -> None:
    path = site.store.path
    assert path is not None
    coordinator = open_site(path, "carmen", PASSWORD, clock=clock)
    try:
        assert backup_to(coordinator, usb).value.exists()
    finally:
        coordinator.close()


def test_a_missing_usb_stick_is_not_created(site: Session, tmp_path: Path) -> None:
    absent = tmp_path / "media" / "USB"
    with pytest.raises(UserError) as refused:
        backup_to(site, absent)
    assert "USB" in refused.value.message_en and "USB" in refused.value.message_es
    assert not absent.exists() and not absent.parent.exists()
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    with pytest.raises(UserError):
        backup_to(site, a_file)


def test_too_little_space_is_refused_before_writing(
    site: Session, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nearly_full = shutil.disk_usage(usb)._replace(free=1000)
    monkeypatch.setattr("staging.backup.shutil.disk_usage", lambda _: nearly_full)
    with pytest.raises(UserError) as refused:
        backup_to(site, usb)
    assert "Not enough space" in refused.value.message_en
    assert "No hay espacio" in refused.value.message_es
    assert list(usb.iterdir()) == []


def test_a_write_failing_half_way_leaves_nothing_behind(site: Session, usb: Path) -> None:
    """The file system refuses to let the copy grow (as a FAT32 stick does at 4 GB)."""
    resource = pytest.importorskip("resource")  # POSIX: how the test sets the limit
    signal = pytest.importorskip("signal")
    path = site.store.path
    assert path is not None
    entries = site.store.db.execute("SELECT count(*) FROM audit_log").fetchone()
    limit = path.stat().st_size + path.with_name(path.name + "-wal").stat().st_size
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit // 3 + 123, hard))
    try:
        with pytest.raises(UserError) as refused:
            backup_to(site, usb)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert "Nothing was saved" in refused.value.message_en
    assert "No se guardó nada" in refused.value.message_es
    assert list(usb.iterdir()) == []
    assert site.store.db.execute("SELECT count(*) FROM audit_log").fetchone() == entries


def test_a_failed_last_rename_leaves_no_orphan_key_file(
    site: Session, usb: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def stick_pulled_out(source: Path, destination: Path) -> None:
        if str(destination).endswith(".db"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(source, destination)

    monkeypatch.setattr("staging.backup.os.replace", stick_pulled_out)
    with pytest.raises(UserError, match="Nothing was saved"):
        backup_to(site, usb)
    assert list(usb.iterdir()) == []


def test_two_backups_in_the_same_second_both_survive(site: Session, usb: Path) -> None:
    first, second = backup_to(site, usb).value, backup_to(site, usb).value
    assert (first.name, second.name) == (
        "staging-backup-20210301T180000Z.db",
        "staging-backup-20210301T180000Z-2.db",
    )
    assert keyfile_path(first).exists() and keyfile_path(second).exists()


# --- automatic backups -------------------------------------------------------------------------


def test_automatic_backups_rotate_and_spare_manual_ones(site: Session, clock: FrozenClock) -> None:
    set_policy(site, Policy(site=SitePolicy(backups_kept=3, backup_every_hours=24)))
    folder = default_backup_folder(site)
    assert site.store.path is not None
    assert folder == site.store.path.with_name("site.db.backups")
    manual = [backup_to(site, folder).value]
    made = []
    for _ in range(5):
        made.append(auto_backup(site).value)
        clock.advance(timedelta(hours=25))
        manual.append(backup_to(site, folder).value)
    assert all(path is not None for path in made)
    assert auto_names(folder) == sorted(p.name for p in made[-3:] if p is not None)
    for backup in [*manual, *made[-3:]]:
        assert backup is not None and backup.exists() and keyfile_path(backup).exists()
    # Each backup kept is its database, its key file and its manifest.
    assert len(list(folder.iterdir())) == 3 * (len(manual) + 3)


def test_no_second_automatic_backup_within_the_interval(site: Session, clock: FrozenClock) -> None:
    first = auto_backup(site).value
    assert first is not None
    clock.advance(timedelta(hours=23, minutes=59))
    assert auto_backup(site).value is None
    assert auto_names(first.parent) == [first.name]
    clock.advance(timedelta(minutes=1))
    second = auto_backup(site).value
    assert second is not None and second != first


def test_a_clock_set_back_still_gets_backups(site: Session, clock: FrozenClock) -> None:
    """A dead clock battery sends a laptop to the past; the newest backup is never rotated away."""
    set_policy(site, Policy(site=SitePolicy(backups_kept=1)))
    assert auto_backup(site).value is not None
    clock.advance(timedelta(days=-400))
    newest = auto_backup(site).value
    assert newest is not None and newest.exists()


def test_automatic_backup_runs_for_intake_as_the_system(
    site: Session, tmp_path: Path, clock: FrozenClock
) -> None:
    path = site.store.path
    assert path is not None
    intake = open_site(path, "ivan", PASSWORD, clock=clock)
    try:
        with pytest.raises(PermissionDenied):
            auto_backup(intake, tmp_path / "usb-of-their-choice")
        made = auto_backup(intake).value
        assert made is not None
        assert made.parent == default_backup_folder(intake)
        note = intake.store.db.execute(
            "SELECT user, role, after FROM audit_log WHERE entity_id = ?", [made.name]
        ).fetchone()
    finally:
        intake.close()
    assert note[:2] == ("system", "admin")
    assert json.loads(note[2])["logged_in_user"] == "ivan"


# --- restore refusals --------------------------------------------------------------------------


@pytest.fixture
def backup_and_target(site: Session, usb: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A backup, then more work on the site, which is closed: the target of a restore."""
    backup = backup_to(site, usb).value
    import_people(site, tmp_path, range(6, 9))
    site.close()
    assert site.store.path is not None
    return backup, site.store.path


def overwrite_middle(backup: Path) -> None:
    data = bytearray(backup.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    backup.write_bytes(bytes(data))


def truncate(backup: Path) -> None:
    data = backup.read_bytes()
    backup.write_bytes(data[: len(data) // 2])


def edit_backup(backup: Path, password: str, statement: str) -> None:
    """Change a backup behind the app's back, as an SQL shell with the key would."""
    session = open_site(backup, "admin", password)
    key = session.key
    session.close()
    raw = connect(backup, key)
    raw.execute(statement)
    raw.conn.commit()
    raw.close()


def newer_app(backup: Path) -> None:
    edit_backup(
        backup,
        PASSWORD,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('staging_desk', '9999_from_the_future', '2030-01-01')",
    )


def not_ours(backup: Path) -> None:
    edit_backup(backup, PASSWORD, "DROP TABLE _sqlite_migrations")


def keys_of_another_site(backup: Path) -> None:
    other = create_site(backup.with_name("other.db"), "admin", PASSWORD, kdf=FAST_KDF)
    other.close()
    shutil.copyfile(backup.with_name("other.db.keys"), keyfile_path(backup))


def no_keys(backup: Path) -> None:
    keyfile_path(backup).unlink()


def no_backup(backup: Path) -> None:
    backup.unlink()


@pytest.mark.parametrize(
    ("spoil", "user", "password", "reason"),
    [
        (overwrite_middle, "admin", PASSWORD, "damaged"),
        (truncate, "admin", PASSWORD, "damaged"),
        (keys_of_another_site, "admin", PASSWORD, "damaged"),
        (no_keys, "admin", PASSWORD, "key file"),
        (no_backup, "admin", PASSWORD, "No backup file"),
        (None, "admin", "not-the-password", "Wrong user name or password"),
        (None, "nobody", PASSWORD, "Wrong user name or password"),
        (None, "carmen", PASSWORD, "Only an active administrator"),
        (newer_app, "admin", PASSWORD, "newer version"),
        (not_ours, "admin", PASSWORD, "not a Staging Desk database"),
    ],
)
def test_restore_refuses_and_leaves_the_target_as_it_was(
    backup_and_target: tuple[Path, Path],
    spoil: Any,
    user: str,
    password: str,
    reason: str,
) -> None:
    backup, target = backup_and_target
    if spoil is not None:
        spoil(backup)
    before = files_of(target.parent)
    with pytest.raises(UserError) as refused:
        restore_from(backup, target, user, password)
    assert reason in refused.value.message_en
    assert refused.value.message_es
    assert files_of(target.parent) == before


def test_restore_refuses_the_site_database_itself(backup_and_target: tuple[Path, Path]) -> None:
    _, target = backup_and_target
    before = files_of(target.parent)
    with pytest.raises(UserError, match="not a backup"):
        restore_from(target, target, "admin", PASSWORD)
    assert files_of(target.parent) == before


def test_restore_refuses_when_the_target_drive_is_too_full(
    backup_and_target: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup, target = backup_and_target
    before = files_of(target.parent)
    nearly_full = shutil.disk_usage(target.parent)._replace(free=1000)
    monkeypatch.setattr("staging.backup.shutil.disk_usage", lambda _: nearly_full)
    with pytest.raises(UserError, match="Not enough space"):
        restore_from(backup, target, "admin", PASSWORD)
    assert files_of(target.parent) == before


# --- what a restore replaces -------------------------------------------------------------------


def count_people(path: Path, clock: FrozenClock) -> int:
    session = open_site(path, "admin", PASSWORD, clock=clock)
    try:
        return session.store.db.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        session.close()


def test_the_replaced_database_is_kept_opens_and_restores_back(
    backup_and_target: tuple[Path, Path], clock: FrozenClock
) -> None:
    backup, target = backup_and_target
    replaced = restore_from(backup, target, "admin", PASSWORD, clock=clock)
    assert replaced == target.with_name("site.db.replaced-20210301T180000Z")
    assert keyfile_path(replaced).exists()
    assert count_people(target, clock) == 5
    assert count_people(replaced, clock) == 8

    undone = restore_from(replaced, target, "admin", PASSWORD, clock=clock)
    assert undone == target.with_name("site.db.replaced-20210301T180000Z-2")
    assert count_people(target, clock) == 8


def test_a_power_cut_log_goes_with_the_replaced_database(
    site: Session, usb: Path, tmp_path: Path, clock: FrozenClock
) -> None:
    """After a power cut the last commits are only in `-wal`: kept aside, never replayed."""
    backup = backup_to(site, usb).value
    import_people(site, tmp_path, range(6, 9))
    assert site.store.path is not None
    crashed = tmp_path / "after-the-power-cut"
    crashed.mkdir()
    for suffix in ("", "-wal", "-shm", ".keys"):  # the disk as the cut left it
        shutil.copyfile(f"{site.store.path}{suffix}", crashed / f"site.db{suffix}")
    assert (crashed / "site.db-wal").stat().st_size > 0

    replaced = restore_from(backup, crashed / "site.db", "admin", PASSWORD, clock=clock)
    assert replaced is not None
    assert not (crashed / "site.db-wal").exists() and not (crashed / "site.db-shm").exists()
    assert count_people(crashed / "site.db", clock) == 5
    assert Path(f"{replaced}-wal").exists()
    restore_from(replaced, crashed / "site.db", "admin", PASSWORD, clock=clock)
    assert count_people(crashed / "site.db", clock) == 8


def test_last_backup_is_read_from_the_audit_log(tmp_path: Path) -> None:
    from staging.backup import last_backup

    clock = FrozenClock(datetime(2021, 3, 1, 18, 0, tzinfo=UTC))
    session = create_site(tmp_path / "site.db", "admin", "a-good-password", clock=clock)
    assert last_backup(session) is None
    clock.advance(timedelta(minutes=5))
    folder = tmp_path / "usb"
    folder.mkdir()
    backup_to(session, folder)
    assert last_backup(session) == clock.now()
    session.close()
