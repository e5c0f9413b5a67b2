"""Each desk's audit key reaches every administrator, and only them.

A desk signs its chain with a key kept beside the database, never in it or in a backup; an
administrator on another laptop (a restored backup, a second desk) must still be able to verify
those entries, while a user holding only the data key cannot sign like the desk.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from staging.audit.integrity import audit_site
from staging.audit.keys import audit_key_path
from staging.clock import FrozenClock
from staging.domain import Role
from staging.security.access import add_user, create_site, open_site, reset_password
from staging.security.keyfile import KdfParams, keyfile_path

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSWORD = "una-clave-larga"


def copy_without_the_desk_key(site: Path, folder: Path) -> Path:
    """The database and its key file on another laptop (as a restore or a second desk has them)."""
    folder.mkdir()
    shutil.copy(site, folder / site.name)
    shutil.copy(keyfile_path(site), keyfile_path(folder / site.name))
    return folder / site.name


def test_an_administrator_on_another_laptop_verifies_the_first_desks_entries(
    tmp_path: Path, clock: FrozenClock
) -> None:
    site = tmp_path / "desk1" / "site.db"
    admin = create_site(site, "admin", PASSWORD, clock=clock, kdf=FAST_KDF)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORD, kdf=FAST_KDF)
    first_desk = admin.audit_key
    admin.close()

    elsewhere = copy_without_the_desk_key(site, tmp_path / "desk2")
    assert not audit_key_path(elsewhere).exists()
    there = open_site(elsewhere, "admin", PASSWORD, clock=clock)
    assert there.audit_key is not None and first_desk is not None
    assert there.audit_key.key_id != first_desk.key_id  # a desk key of its own
    assert first_desk.key_id in there.audit_keys()
    assert audit_site(there.store, there.audit_keys()).chain.intact
    there.close()

    coordinator = open_site(elsewhere, "carmen", PASSWORD, clock=clock)
    assert first_desk.key_id not in coordinator.audit_keys()
    assert coordinator.keyfile.audit_keys[first_desk.key_id].keys() == {"admin"}
    coordinator.close()


def test_a_new_administrator_and_a_reset_one_get_every_desks_key(
    tmp_path: Path, clock: FrozenClock
) -> None:
    site = tmp_path / "desk" / "site.db"
    admin = create_site(site, "admin", PASSWORD, clock=clock, kdf=FAST_KDF)
    add_user(admin, "ana", Role.ADMIN, PASSWORD, kdf=FAST_KDF)
    reset_password(admin, "ana", "otra-clave-larga", kdf=FAST_KDF)
    desk = admin.audit_key
    admin.close()
    assert desk is not None
    ana = open_site(site, "ana", "otra-clave-larga", clock=clock)
    assert ana.audit_keys()[desk.key_id] == desk.secret
    ana.close()
