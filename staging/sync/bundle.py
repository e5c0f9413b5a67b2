"""The site's change events on a USB stick, for desks that have no network at all.

A bundle holds every change its desk knows (its own and those it received), each sealed as for
the hub, and the whole file sealed again: AES-256-GCM under a key derived from the site's sync
key, with the header as associated data, so a bundle is unreadable without the site's keys and
any change to it (a flipped byte, a truncated copy, a header re-addressed) refuses it whole.
The desk that wrote it signs it (Ed25519, `desks`): a desk holding the site's keys cannot pass
its bundle off as another desk's, and a revoked desk's bundles are refused. A desk checks the
signature with the writer's record it holds, or — for a desk it has never heard of — with the
record that desk put in the bundle itself (the site key has vouched for the file by then).
Importing applies through the inbox, idempotent by event id: a bundle imported twice, or after
the same events came through the hub, changes nothing; a revoked desk's changes relayed in
another desk's bundle are left out, as the hub leaves them out.

File: MAGIC, the header's length (4 bytes, big-endian), the header (JSON: format, site, device,
key id, when, how many events), a 12-byte nonce, the sealed body (JSON list of events), then
the writer's 64-byte signature of everything before it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from staging.errors import Refused
from staging.rules import Action
from staging.security.sealing import NotSealedForThisKey
from staging.store.store import Actor, Store, require
from staging.sync.desk import ensure_desk_record, hub_link
from staging.sync.desks import (
    SIGNATURE_BYTES,
    desk_signing_key,
    revoked_desks,
    sign,
    signed_by,
)
from staging.sync.envelope import (
    KEY_BYTES,
    NONCE_BYTES,
    Change,
    SealedEvent,
    SiteKeys,
    open_event,
    seal,
)
from staging.sync.inbox import Received, receive_changes
from staging.sync.keyring import Keyring, grant, identity_from_text, keys_for, open_grant
from staging.sync.outbox import BATCH, SETTING_DESK_IDENTITY, SETTING_SITE_KEYS, all_changes

MAGIC = b"SDSYNC\x00\x02"
SUFFIX = ".sdsync"
BUNDLE_FORMAT = 2
_LENGTH = struct.Struct(">I")
_KDF_INFO = b"staging-desk usb bundle v1"


class DamagedBundle(Refused):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} is not a readable sync bundle of this site (damaged, cut short, or "
            "changed since it was written): nothing was applied.",
            f"{path.name} no es un paquete de sincronización legible de este sitio (dañado, "
            "incompleto o modificado después de escribirse): no se aplicó nada.",
        )


class BundleOfAnotherSite(Refused):
    def __init__(self, path: Path, site: str, ours: str) -> None:
        super().__init__(
            f"{path.name} was written for site {site!r}, and this desk belongs to {ours!r}: "
            "nothing was applied.",
            f"{path.name} se escribió para el sitio {site!r}, y este equipo pertenece a "
            f"{ours!r}: no se aplicó nada.",
        )


class BundleOfOtherKeys(Refused):
    def __init__(self, path: Path, key_id: str) -> None:
        super().__init__(
            f"{path.name} is sealed under the site's key {key_id!r}, which this desk does not "
            "hold (an older or newer key): nothing was applied.",
            f"{path.name} está sellado con la clave {key_id!r} del sitio, que este equipo no "
            "tiene (una clave anterior o más nueva): no se aplicó nada.",
        )


class NotSignedByItsDesk(Refused):
    def __init__(self, path: Path, device: str) -> None:
        super().__init__(
            f"{path.name} says it comes from desk {device} but is not signed by that desk: "
            "nothing was applied.",
            f"{path.name} dice venir del equipo {device} pero no lleva la firma de ese equipo: "
            "no se aplicó nada.",
        )


class BundleOfRevokedDesk(Refused):
    def __init__(self, path: Path, device: str) -> None:
        super().__init__(
            f"{path.name} was written by desk {device}, which has been revoked (lost or "
            "stolen): nothing was applied.",
            f"{path.name} lo escribió el equipo {device}, que fue revocado (perdido o robado): "
            "no se aplicó nada.",
        )


@dataclass(frozen=True)
class BundleHeader:
    site: str
    device: str
    key_id: str
    written_at: str
    events: int
    # The keys the bundle is sealed under, sealed to each other desk of the site: a desk that
    # has only USB receives a new generation (after a revocation) with the bundles themselves.
    grants: dict[str, str] = field(default_factory=dict)

    def as_bytes(self) -> bytes:
        return json.dumps(
            {"format": BUNDLE_FORMAT, **self.__dict__}, sort_keys=True, separators=(",", ":")
        ).encode()


def _bundle_key(keys: SiteKeys) -> bytes:
    """Its own key, so a bundle's seal and the events' seals never share one."""
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=_KDF_INFO).derive(keys.sync_key)


def export_bundle(store: Store, actor: Actor, folder: Path) -> Path:
    """Write every change this desk knows into a new bundle in `folder`, signed; its path."""
    require(actor, Action.SYNC)
    link = hub_link(store)
    ensure_desk_record(store, actor)
    keys = link.keys.current
    events: list[SealedEvent] = []
    after = 0
    while found := all_changes(store, after, BATCH):
        events += [seal(change, link.site, keys) for _, change in found]
        after = found[-1][0]
    written_at = store.clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    grants = {
        device: grant(keys, public, link.site, device)
        for device, public in store.db.execute(
            "SELECT id, sealing_key FROM sync_desk WHERE revoked_at IS NULL "
            "AND sealing_key IS NOT NULL AND id != ?",
            [store.device_id],
        )
    }
    header = BundleHeader(link.site, store.device_id, keys.key_id, written_at, len(events), grants)
    body = json.dumps(
        [
            [*(getattr(e, name) for name in _ROUTING), base64.b64encode(e.payload).decode()]
            for e in events
        ],
        separators=(",", ":"),
    ).encode()
    head = header.as_bytes()
    prefix = MAGIC + _LENGTH.pack(len(head)) + head
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_bundle_key(keys)).encrypt(nonce, body, prefix)
    signed = prefix + nonce + sealed
    return _write_new(Path(folder), _name(header), signed + sign(store, signed))


_ROUTING = ("event_id", "site", "device", "stamp", "entity", "key_id", "entity_ref")


def _name(header: BundleHeader) -> str:
    safe = re.sub(r"[^A-Za-z0-9_-]", "_", header.site)
    return f"{safe}-{header.device}-{header.written_at}"


def _write_new(folder: Path, stem: str, content: bytes) -> Path:
    """Atomically (a temporary file renamed), never over another bundle."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}{SUFFIX}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{SUFFIX}"
    temporary = folder / f".{path.name}.partial"
    with temporary.open("wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
    return path


def import_bundle(store: Store, actor: Actor, path: Path) -> Received:
    """Apply a bundle's changes; the whole file is checked before anything is applied."""
    require(actor, Action.SYNC)
    path = Path(path)
    link = hub_link(store)
    bundle = _Read.of(path, link.site)
    if bundle.header.device in revoked_desks(store):
        raise BundleOfRevokedDesk(path, bundle.header.device)
    keyring = link.keys
    if keyring.get(bundle.header.key_id) is None:
        keyring = keyring.with_older(_granted(store, bundle))
    events = bundle.events(keyring)
    changes = [open_event(event, keys_for(keyring, event.key_id)) for event in events]
    if not bundle.signed_by(_writer_key(store, bundle.header.device, changes)):
        raise NotSignedByItsDesk(path, bundle.header.device)
    if keyring != link.keys:
        with store.write(actor, Action.SYNC) as work:
            newest = keyring.with_current(keyring.newest())
            work.put_secret_setting(SETTING_SITE_KEYS, newest.as_text())
    revoked = revoked_desks(store) | {  # and the revocations this bundle brings
        change.entity_id
        for change in changes
        if change.entity == "sync_desk" and change.values.get("revoked_at")
    }
    changes = [change for change in changes if change.device not in revoked]
    received = Received(0, 0, 0, 0)
    for start in range(0, max(len(changes), 1), BATCH):
        done = receive_changes(store, actor, changes[start : start + BATCH]).value
        received = Received(
            received.applied + done.applied,
            received.known + done.known,
            done.pending,
            done.conflicts,
        )
    return received


def _writer_key(store: Store, device: str, changes: list[Change]) -> str | None:
    """The writer's public signing key: as this desk holds it, or — for a desk it has never
    heard of — as that desk's record in the bundle says (the site key vouched for the file)."""
    return desk_signing_key(store, device) or next(
        (
            change.values.get("signing_key")
            for change in changes
            if change.entity == "sync_desk" and change.entity_id == device
        ),
        None,
    )


def _granted(store: Store, bundle: _Read) -> SiteKeys:
    """A generation this desk lacks, from the bundle's grant to it: taken only from a desk this
    desk already knows and whose signature holds, so nobody can plant keys of their own."""
    header = bundle.header
    sealed = header.grants.get(store.device_id)
    identity = store.setting(SETTING_DESK_IDENTITY)
    if sealed is None or identity is None:
        raise BundleOfOtherKeys(bundle.path, header.key_id)
    if not bundle.signed_by(desk_signing_key(store, header.device)):
        raise NotSignedByItsDesk(bundle.path, header.device)
    try:
        return open_grant(
            identity_from_text(identity), sealed, header.site, store.device_id, header.key_id
        )
    except (ValueError, NotSealedForThisKey):
        raise DamagedBundle(bundle.path) from None


@dataclass(frozen=True)
class _Read:
    """A bundle file split into its parts, its header checked; the body still sealed."""

    path: Path
    header: BundleHeader
    prefix: bytes
    signed: bytes
    signature: bytes

    @classmethod
    def of(cls, path: Path, site: str) -> _Read:
        whole = path.read_bytes()
        signed, signature = whole[:-SIGNATURE_BYTES], whole[-SIGNATURE_BYTES:]
        start = len(MAGIC) + _LENGTH.size
        if len(signed) < start or not signed.startswith(MAGIC):
            raise DamagedBundle(path)
        (length,) = _LENGTH.unpack_from(signed, len(MAGIC))
        prefix = signed[: start + length]
        try:
            fields = {k: v for k, v in json.loads(prefix[start:]).items() if k != "format"}
            header = BundleHeader(**fields)
        except (ValueError, TypeError):
            raise DamagedBundle(path) from None
        if header.site != site:
            raise BundleOfAnotherSite(path, header.site, site)
        return cls(path, header, prefix, signed, signature)

    def events(self, keyring: Keyring) -> list[SealedEvent]:
        """The sealed events, the body opened and checked whole."""
        keys = keyring.get(self.header.key_id)
        if keys is None:
            raise BundleOfOtherKeys(self.path, self.header.key_id)
        body_at = len(self.prefix)
        nonce = self.signed[body_at : body_at + NONCE_BYTES]
        sealed = self.signed[body_at + NONCE_BYTES :]
        try:
            body = AESGCM(_bundle_key(keys)).decrypt(nonce, sealed, self.prefix)
        except (InvalidTag, ValueError):
            raise DamagedBundle(self.path) from None
        events = [SealedEvent(*row[:-1], base64.b64decode(row[-1])) for row in json.loads(body)]
        site = self.header.site
        if len(events) != self.header.events or any(event.site != site for event in events):
            raise DamagedBundle(self.path)
        return events

    def signed_by(self, public_hex: str | None) -> bool:
        return signed_by(public_hex, self.signed, self.signature)
