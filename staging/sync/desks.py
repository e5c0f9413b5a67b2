"""The site's desks as records that travel: who may sign a USB bundle, and who is revoked.

Each desk linked to the site writes its own record: its id, the public half of the Ed25519 key
it signs its USB bundles with, and the public half of the X25519 key new site keys are sealed
to (`keyring`). A revocation is an edit of that record, so it reaches every desk — through the
hub or on a USB stick — and each desk then refuses the revoked desk's bundles and never relays
its changes. The private halves stay in the desk's own settings, which never travel.
"""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from staging.security.sealing import Identity, to_text
from staging.store.store import Store, UnitOfWork
from staging.sync.outbox import SETTING_DESK_SIGNING

SIGNATURE_BYTES = 64


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def signing_key(store: Store) -> Ed25519PrivateKey | None:
    text = store.setting(SETTING_DESK_SIGNING)
    return None if text is None else Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text))


def record_desk(work: UnitOfWork, identity: Identity) -> None:
    """This desk's record and signing key, made once (when it links to the site's hub, or at
    its first sync or bundle after an update)."""
    store = work.store
    key = signing_key(store)
    if key is None:
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        work.put_secret_setting(SETTING_DESK_SIGNING, raw.hex())
    exists = store.db.execute("SELECT 1 FROM sync_desk WHERE id = ?", [store.device_id]).fetchone()
    if exists is None:
        work.insert(
            "sync_desk",
            {
                "id": store.device_id,
                "signing_key": _raw_public(key).hex(),
                "sealing_key": to_text(identity.public),
                "linked_at": work.at,
            },
        )


def has_record(store: Store) -> bool:
    return (
        signing_key(store) is not None
        and store.db.execute("SELECT 1 FROM sync_desk WHERE id = ?", [store.device_id]).fetchone()
        is not None
    )


def mark_revoked(work: UnitOfWork, device: str) -> None:
    """The revocation as an edit of the desk's record (a record made for it if this desk has
    none: it was known only to the hub)."""
    row = work.store.db.execute(
        "SELECT revoked_at FROM sync_desk WHERE id = ?", [device]
    ).fetchone()
    revoked = {"revoked_at": work.at, "revoked_by": work.actor.user}
    if row is None:
        work.insert("sync_desk", {"id": device, "linked_at": work.at, **revoked})
    elif row[0] is None:
        work.update("sync_desk", device, revoked)


def revoked_desks(store: Store) -> set[str]:
    return {
        device
        for (device,) in store.db.execute("SELECT id FROM sync_desk WHERE revoked_at IS NOT NULL")
    }


def sign(store: Store, data: bytes) -> bytes:
    key = signing_key(store)
    if key is None:
        raise ValueError("this desk has no signing key yet: record_desk first")
    return key.sign(data)


def signed_by(public_hex: str | None, data: bytes, signature: bytes) -> bool:
    """Whether `signature` is the desk's (whose public key is `public_hex`) over `data`."""
    if not public_hex:
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def desk_signing_key(store: Store, device: str) -> str | None:
    row = store.db.execute("SELECT signing_key FROM sync_desk WHERE id = ?", [device]).fetchone()
    return None if row is None else row[0]
