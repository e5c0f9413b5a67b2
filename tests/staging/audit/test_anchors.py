"""Heads of the audit chain kept outside the database catch entries cut off its end."""

from __future__ import annotations

import json
import stat
from datetime import timedelta
from pathlib import Path

from staging.audit.anchors import anchor_path, manifest_path
from staging.audit.integrity import audit_site
from staging.backup import auto_backup, backup_to, restore_from
from staging.clock import FrozenClock
from staging.exports import export_people
from staging.security.access import Session, create_site, open_site
from tests.staging.audit.conftest import FAST_KDF, PASSWORD, found, outside


def cut_off_from(site: Session, seq: int) -> None:
    """Delete entries `seq`… and their changes: a shorter chain, and a change log in step."""
    with outside(site) as db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute(
            "DELETE FROM change_log WHERE audit_id IN (SELECT id FROM audit_log WHERE seq >= ?)",
            [seq],
        )
        db.execute("DELETE FROM audit_log WHERE seq >= ?", [seq])


def entry_of(session: Session, entity: str, entity_id: str) -> tuple[int, str]:
    return session.store.db.execute(
        "SELECT seq, hash FROM audit_log WHERE entity = ? AND entity_id = ?", [entity, entity_id]
    ).fetchone()


def test_a_backup_manifest_anchors_the_backups_own_entry_owner_only(
    site: Session, tmp_path: Path
) -> None:
    backup = backup_to(site, tmp_path).value
    manifest = manifest_path(backup)
    assert stat.S_IMODE(manifest.stat().st_mode) == 0o600
    content = json.loads(manifest.read_text(encoding="utf-8"))
    seq, digest = entry_of(site, "backup", backup.name)
    assert site.audit_key is not None
    assert content["audit_head"] == {"seq": seq, "hash": digest, "mac_key": site.audit_key.key_id}
    assert content["device"] == site.store.device_id
    assert content["backup"] == backup.name


def test_entries_cut_off_after_a_backup_are_named_by_its_manifests(
    site: Session, tmp_path: Path
) -> None:
    """Even with the desk's own anchor deleted too, the automatic backups' folder and a USB
    stick given to `audit verify` still say how far the chain went."""
    usb = tmp_path / "usb"
    usb.mkdir()
    manual = backup_to(site, usb).value
    automatic = auto_backup(site).value
    assert automatic is not None
    manual_seq, _ = entry_of(site, "backup", manual.name)
    automatic_seq, _ = entry_of(site, "backup", automatic.name)
    assert site.store.path is not None
    anchor_path(site.store.path).unlink()
    cut_off_from(site, manual_seq)

    audit = audit_site(site.store, site.audit_keys())
    assert audit.chain.first_broken_seq is None and found(audit, "change_log") == []
    [in_backups] = found(audit, "anchors")
    assert f"{automatic}.manifest" in in_backups
    assert f"anchors entry {automatic_seq}" in in_backups

    with_usb = found(audit_site(site.store, site.audit_keys(), [usb]), "anchors")
    assert len(with_usb) == 2
    assert any(f"{manual}.manifest" in f and f"anchors entry {manual_seq}" in f for f in with_usb)


def test_a_restore_supersedes_the_anchors_of_the_history_it_replaced(
    site: Session, tmp_path: Path, clock: FrozenClock
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    first = backup_to(site, usb).value
    export_people(site, tmp_path / "people.csv", fmt="csv", passphrase=None, plaintext=True)
    backup_to(site, usb)
    assert site.store.path is not None
    database = site.store.path
    site.close()

    restore_from(first, database, "admin", PASSWORD, clock=clock)
    restored = open_site(database, "admin", PASSWORD, clock=clock)
    try:
        audit = audit_site(restored.store, restored.audit_keys(), [usb])
    finally:
        restored.close()
    assert audit.findings == []
    # The desk's anchor (the export) and both manifests anchor entries from after the
    # restored backup was taken: the history the restore replaced.
    assert (audit.anchors.checked, audit.anchors.superseded) == (0, 3)


def test_entries_cut_off_after_a_restore_are_still_named(
    site: Session, tmp_path: Path, clock: FrozenClock
) -> None:
    """A restore excuses only the anchors made before it."""
    first = backup_to(site, tmp_path).value
    assert site.store.path is not None
    database = site.store.path
    site.close()
    restore_from(first, database, "admin", PASSWORD, clock=clock)
    clock.advance(timedelta(minutes=5))
    restored = open_site(database, "admin", PASSWORD, clock=clock)
    try:
        export_people(restored, tmp_path / "people.csv", fmt="csv", passphrase=None, plaintext=True)
        seq, _ = entry_of(restored, "export", "people.csv")
        cut_off_from(restored, seq)
        [anchor] = found(audit_site(restored.store, restored.audit_keys()), "anchors")
    finally:
        restored.close()
    assert f"anchors entry {seq}" in anchor


def test_manifests_of_another_site_are_left_alone(
    site: Session, tmp_path: Path, clock: FrozenClock
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    other = create_site(
        tmp_path / "other" / "site.db", "admin", PASSWORD, clock=clock, kdf=FAST_KDF
    )
    try:
        backup_to(other, usb)
    finally:
        other.close()
    backup_to(site, usb)
    audit = audit_site(site.store, site.audit_keys(), [usb])
    assert audit.findings == []
    assert (audit.anchors.checked, audit.anchors.other_sites) == (2, 1)
