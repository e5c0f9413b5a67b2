"""The key file: damage gives a clear message, nothing typed by mistake is kept, only the
owner can read it, and concurrent changes are not lost."""

from __future__ import annotations

import errno
import stat
import threading
import time
from pathlib import Path

import pytest

from staging.errors import StorageError
from staging.security import keyfile as keyfile_module
from staging.security.access import LoginRefused, create_site, open_site
from staging.security.keyfile import KdfParams, Keyfile, KeyfileDamaged, editing, keyfile_path

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    path = tmp_path / "site.db"
    create_site(path, "admin", "a-good-password", kdf=FAST).close()
    return path


@pytest.mark.parametrize("content", ["{garbage", '{"version": 1}', '{"version": 7, "slots": {}}'])
def test_a_damaged_key_file_is_a_clear_refusal(site: Path, content: str) -> None:
    keyfile_path(site).write_text(content, encoding="utf-8")
    with pytest.raises(KeyfileDamaged) as refused:
        open_site(site, "admin", "a-good-password")
    assert "damaged" in refused.value.message_en
    assert "dañado" in refused.value.message_es


def test_a_password_typed_as_the_user_name_is_not_kept(site: Path) -> None:
    with pytest.raises(LoginRefused):
        open_site(site, "MySecretPw!", "whatever")
    assert "MySecretPw!" not in keyfile_path(site).read_text(encoding="utf-8")


def test_only_the_owner_can_read_the_key_file(site: Path) -> None:
    mode = stat.S_IMODE(keyfile_path(site).stat().st_mode)
    assert mode & 0o077 == 0


def test_concurrent_changes_to_the_key_file_are_all_kept(site: Path) -> None:
    """Each change reads, waits a little (as Argon2id would) and writes: without the lock
    the later writers would drop the earlier ones' entries."""
    names = [f"user{n}" for n in range(6)]

    def add_slot(name: str) -> None:
        with editing(keyfile_path(site)) as keyfile:
            time.sleep(0.02)
            keyfile.users[name] = keyfile.users["admin"]

    workers = [threading.Thread(target=add_slot, args=(name,)) for name in names]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert set(names) <= set(Keyfile.load(keyfile_path(site)).users)


def test_a_key_file_this_account_may_not_read_is_not_called_damaged(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen (issue 9): "damaged; restore it from a backup" for a permission problem, which
    invites a restore over good data."""
    real = Path.read_text

    def refuse(self: Path, *args, **kwargs) -> str:
        if self == keyfile_path(site):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    with pytest.raises(StorageError) as refused:
        Keyfile.load(keyfile_path(site))
    assert not isinstance(refused.value, KeyfileDamaged)
    assert "may not read" in refused.value.message_en
    assert "do not restore a backup" in refused.value.message_en
    assert "no restaure una copia" in refused.value.message_es


def test_a_full_disk_while_the_key_file_is_saved_is_said_so(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, a raw OSError reached the login screen, which does not catch it."""

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keyfile_module.tempfile, "mkstemp", full)
    with pytest.raises(StorageError) as refused, editing(keyfile_path(site)) as keyfile:
        keyfile.notice = "changed"
    assert "Not enough space" in refused.value.message_en
    assert "No hay espacio suficiente" in refused.value.message_es
    assert Keyfile.load(keyfile_path(site)).notice != "changed"  # the old file is whole
