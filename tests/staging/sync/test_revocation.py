"""A lost laptop revoked against a real hub: its changes are refused from then on, the site's
sync keys are replaced by a generation it never receives, the other desks carry on (even one
holding the lost laptop's earlier changes); and each desk's audit head is anchored at the hub."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from staging.intake.operations import update_contact
from staging.store.store import Store
from staging.sync.bundle import BundleOfRevokedDesk, export_bundle, import_bundle
from staging.sync.desk import hub_link, sync
from staging.sync.hub import DeviceRevoked, Hub
from staging.sync.keyring import NotGranted
from staging.sync.revocation import revoke_desk
from tests.staging.sync.test_inbox import ADMIN, INTAKE, desks, person
from tests.staging.sync.test_sync_hub import linked, sync_all

__all__ = ["desks", "linked"]  # the fixtures


def phone(store: Store, number: int) -> str:
    return person(store, number)["phone"]


def lost_events(url: str, lost: Store) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT count(*) FROM change_event WHERE device = %s", [lost.device_id]
        ).fetchone()[0]


def test_a_revoked_laptop_can_neither_send_nor_read_what_is_synced_after(
    linked: list[Store], url: str, tmp_path: Path
) -> None:
    a, b, lost = linked
    sync_all(linked)
    update_contact(lost, INTAKE, person(lost, 1)["id"], {"phone": "+526645550101"})
    import_bundle(
        b, INTAKE, export_bundle(lost, INTAKE, tmp_path / "usb")
    )  # B holds the lost one's edit
    old = hub_link(a).keys.current.key_id

    revoked = revoke_desk(a, ADMIN, lost.device_id).value
    assert revoked.granted == [b.device_id] and revoked.waiting == []
    assert hub_link(a).keys.current.key_id == revoked.key_id != old

    before = lost_events(url, lost)
    update_contact(a, INTAKE, person(a, 2)["id"], {"phone": "+526645550202"})
    sync(a, INTAKE)
    sync(b, INTAKE)  # relays nothing of the lost laptop's, takes its grant, reads A's change
    assert hub_link(b).keys.current.key_id == revoked.key_id
    assert phone(b, 2) == "+526645550202"
    assert phone(b, 1) == "+526645550101"  # what it had from the lost laptop stays
    with pytest.raises(DeviceRevoked):
        sync(lost, INTAKE)  # its edit waits to be sent: the hub refuses it
    with psycopg.connect(url) as conn:
        keys = [k for (k,) in conn.execute("SELECT DISTINCT key_id FROM change_event")]
    assert lost_events(url, lost) == before and revoked.key_id in keys
    lost.db.execute("UPDATE change_log SET pushed = 1")  # even with nothing left to send…
    with pytest.raises(NotGranted) as refused:
        sync(lost, INTAKE)  # …it cannot open what was sealed after its revocation
    assert "no ha recibido la clave" in refused.value.message_es
    assert phone(lost, 2) != "+526645550202"


def test_a_desk_that_registered_no_public_key_is_given_the_new_keys_once_it_syncs(
    linked: list[Store], url: str
) -> None:
    a, b, c = linked
    with psycopg.connect(url) as conn:
        conn.execute("UPDATE device SET public_key = NULL WHERE device = %s", [b.device_id])
    revoked = revoke_desk(a, ADMIN, c.device_id).value
    assert revoked.waiting == [b.device_id]
    update_contact(a, INTAKE, person(a, 3)["id"], {"phone": "+526645550303"})
    sync(a, INTAKE)
    with pytest.raises(NotGranted):
        sync(b, INTAKE)  # registers its key; nobody has handed it the new generation yet
    sync(a, INTAKE)  # A hands the keys in use to the desks that lack them
    sync(b, INTAKE)
    assert phone(b, 3) == "+526645550303"


def test_revoking_is_for_administrators_and_not_of_oneself_or_an_unknown_desk(
    linked: list[Store],
) -> None:
    a, b, _ = linked
    with pytest.raises(Exception, match=r"permission|permiso|may not|no puede"):
        revoke_desk(a, INTAKE, b.device_id)
    with pytest.raises(Exception, match="cannot revoke itself"):
        revoke_desk(a, ADMIN, a.device_id)
    with pytest.raises(Exception, match="knows no desk"):
        revoke_desk(a, ADMIN, "not-a-desk")


def test_each_desk_anchors_its_audit_head_at_the_hub_and_a_rewound_chain_is_said(
    linked: list[Store],
) -> None:
    a, b, _ = linked
    sync_all(linked, rounds=1)
    link = hub_link(a)
    with Hub.connect(link.url) as hub:
        for store in (a, b):
            seq, head = store.db.execute(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            anchored = hub.anchor_of(link.site, store.device_id)
            assert anchored is not None and (anchored.seq, anchored.head) == (seq, head)
        hub.anchor(link.site, a.device_id, 10**6, "a head the desk never had")
    report = sync(a, INTAKE).value
    assert report.anchor_refused
    assert not sync(b, INTAKE).value.anchor_refused


def test_a_revocation_reaches_an_offline_desk_by_usb_which_then_refuses_the_lost_desk(
    linked: list[Store], tmp_path: Path
) -> None:
    a, offline, lost = linked
    sync_all(linked)
    update_contact(lost, INTAKE, person(lost, 4)["id"], {"phone": "+526645550404"})
    from_lost = export_bundle(lost, INTAKE, tmp_path / "lost")
    import_bundle(a, INTAKE, from_lost)  # A held it before the laptop was lost
    revoke_desk(a, ADMIN, lost.device_id)
    import_bundle(offline, INTAKE, export_bundle(a, INTAKE, tmp_path / "a"))
    # The lost desk's edit that A relays is left out, as the hub leaves it out…
    assert phone(offline, 4) != "+526645550404"
    # …and a bundle the lost desk wrote is refused whole.
    with pytest.raises(BundleOfRevokedDesk) as refused:
        import_bundle(offline, INTAKE, from_lost)
    assert "fue revocado" in refused.value.message_es
    assert phone(offline, 4) != "+526645550404"
