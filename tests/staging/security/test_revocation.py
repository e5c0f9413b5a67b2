"""A dismissed volunteer or a leaked password keeps no access (issue 9, finding 1).

Seen: a disabled coordinator's old password plus an automatic backup's key file read every
name, A-number and phone of the current site, because the database key never changed. Each
test here tries, as that person would, every key copy they ever had against the live site.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from staging.backup import auto_backup, backup_to, restore_from
from staging.clock import FrozenClock
from staging.domain import Role
from staging.errors import StorageError
from staging.security import access
from staging.security.access import (
    LoginRefused,
    Session,
    add_user,
    change_own_password,
    create_site,
    disable_user,
    open_site,
)
from staging.security.identities import unlock
from staging.security.keyfile import KdfParams, Keyfile, WrongPassword, keyfile_path, wrap_key
from staging.store.database import connect

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSWORDS = {"admin": "admin-contraseña", "carmen": "carmen-contraseña", "ivan": "ivan-clave-1"}


@pytest.fixture
def site(tmp_path: Path, clock: FrozenClock) -> Iterator[Path]:
    path = tmp_path / "desk" / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], clock=clock, kdf=FAST_KDF)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORDS["carmen"], kdf=FAST_KDF)
    add_user(admin, "ivan", Role.INTAKE, PASSWORDS["ivan"], kdf=FAST_KDF)
    admin.close()
    yield path


def log_in(site: Path, user: str, clock: FrozenClock) -> Session:
    return open_site(site, user, PASSWORDS[user], clock=clock)


def keys_in(keyfile: Path, user: str, password: str) -> tuple[bytes, ...]:
    """Every database key a password opens in a key file (none if it opens nothing)."""
    try:
        return unlock(Keyfile.load(keyfile), user, password).database_keys
    except WrongPassword:
        return ()


def opens(database: Path, key: bytes) -> bool:
    try:
        connect(database, key).close()
    except StorageError:
        return False
    return True


def test_a_disabled_user_keeps_no_key_that_opens_the_live_site(
    site: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    log_in(site, "ivan", clock).close()
    admin = log_in(site, "admin", clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    kept = [backup_to(admin, usb).value, auto_backup(admin).value]
    copies = [*(keyfile_path(backup) for backup in kept), tmp_path / "live-before.keys"]
    shutil.copy(keyfile_path(site), copies[-1])
    ivans_keys = [key for copy in copies for key in keys_in(copy, "ivan", PASSWORDS["ivan"])]
    assert ivans_keys and all(opens(site, key) for key in ivans_keys)  # the attack, before

    report = disable_user(admin, "ivan").value
    admin.close()

    assert report.needs_new_password == []
    assert not any(opens(site, key) for key in ivans_keys)
    assert keys_in(keyfile_path(site), "ivan", PASSWORDS["ivan"]) == ()
    with pytest.raises(LoginRefused):
        log_in(site, "ivan", clock)
    for user in ("admin", "carmen"):
        log_in(site, user, clock).close()
    # Old backups still open for those who could open them when they were made.
    for backup in kept:
        for user in ("admin", "ivan"):
            [key] = keys_in(keyfile_path(backup), user, PASSWORDS[user])
            assert opens(backup, key)


def test_restoring_an_old_backup_does_not_bring_a_removed_user_back(
    site: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    admin = log_in(site, "admin", clock)
    usb = tmp_path / "usb"
    usb.mkdir()
    backup = backup_to(admin, usb).value
    disable_user(admin, "ivan")
    admin.close()
    old_key = keys_in(keyfile_path(backup), "ivan", PASSWORDS["ivan"])[0]

    restore_from(backup, site, "admin", PASSWORDS["admin"], clock=clock)

    assert not opens(site, old_key)
    with pytest.raises(LoginRefused):
        log_in(site, "ivan", clock)
    restored = log_in(site, "carmen", clock)
    disabled = restored.store.db.execute(
        "SELECT disabled FROM app_user WHERE username = 'ivan'"
    ).fetchone()[0]
    restored.close()
    assert disabled == 1
    assert "ivan" in Keyfile.load(keyfile_path(site)).revoked


def test_a_leaked_password_changed_opens_nothing_current(
    site: Path, clock: FrozenClock, tmp_path: Path
) -> None:
    carmen = log_in(site, "carmen", clock)
    leaked_copy = tmp_path / "leaked.keys"
    shutil.copy(keyfile_path(site), leaked_copy)
    leaked_keys = keys_in(leaked_copy, "carmen", PASSWORDS["carmen"])

    change_own_password(carmen, PASSWORDS["carmen"], "nueva-clave-larga", suspected_leak=True)
    carmen.close()

    assert not any(opens(site, key) for key in leaked_keys)
    assert keys_in(keyfile_path(site), "carmen", PASSWORDS["carmen"]) == ()
    open_site(site, "carmen", "nueva-clave-larga", clock=clock).close()
    for user in ("admin", "ivan"):
        log_in(site, user, clock).close()


def test_a_password_change_without_a_leak_does_not_re_encrypt(
    site: Path, clock: FrozenClock
) -> None:
    ivan = log_in(site, "ivan", clock)
    before = ivan.key
    change_own_password(ivan, PASSWORDS["ivan"], "otra-clave-larga")
    ivan.close()
    again = open_site(site, "ivan", "otra-clave-larga", clock=clock)
    assert again.key == before
    again.close()


def test_a_re_keying_cut_short_after_the_swap_is_finished_at_the_next_login(
    site: Path, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = log_in(site, "admin", clock)
    calls = 0

    def crash_once(keyfile: Keyfile) -> None:
        nonlocal calls
        calls += 1
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(access, "promote_next_database_key", crash_once)
    with pytest.raises(KeyboardInterrupt):
        access.rekey_site(admin, reason="test")
    admin.store.db.close()
    monkeypatch.undo()
    # The new file is in place; the key file still names the old key as the one in use.
    assert Keyfile.load(keyfile_path(site)).next_key_id
    for user in ("carmen", "ivan", "admin"):
        log_in(site, user, clock).close()
    assert not Keyfile.load(keyfile_path(site)).next_key_id


def test_a_version_1_key_file_is_upgraded_at_login_and_re_keying_reports_who_was_left_out(
    site: Path, clock: FrozenClock
) -> None:
    admin = log_in(site, "admin", clock)
    key = admin.key
    admin.close()
    released = {
        "version": 1,
        "slots": {user: _v1_slot(key, user, password) for user, password in PASSWORDS.items()},
        "failures": {},
        "notice": "",
    }
    keyfile_path(site).write_text(json.dumps(released), encoding="utf-8")

    admin = log_in(site, "admin", clock)  # upgraded: a key pair for admin only
    assert not Keyfile.load(keyfile_path(site)).users["admin"].legacy
    report = access.rekey_site(admin, reason="test").value
    can_log_in = {user["username"]: user["can_log_in"] for user in access.list_users(admin)}
    admin.close()
    assert report.needs_new_password == ["carmen", "ivan"]
    assert can_log_in == {"admin": True, "carmen": False, "ivan": False}
    with pytest.raises(LoginRefused):
        log_in(site, "carmen", clock)


def _v1_slot(key: bytes, user: str, password: str) -> dict:
    slot = wrap_key(key, user, password, FAST_KDF)
    return {"salt": slot.salt, "nonce": slot.nonce, "wrapped": slot.wrapped, "kdf": vars(FAST_KDF)}


def test_the_public_half_is_all_the_key_file_shows(site: Path) -> None:
    entry = json.loads(keyfile_path(site).read_text(encoding="utf-8"))["users"]["ivan"]
    assert len(base64.b64decode(entry["public"])) == 32
    assert set(entry) == {"password_slot", "public", "data_key", "next_data_key"}
