"""The site's change events on a USB stick, for desks that have no network at all.

A bundle holds every change its desk knows (its own and those it received), each sealed as for
the hub, and the whole file sealed again: AES-256-GCM under a key derived from the site's sync
key, with the header as associated data, so a bundle is unreadable without the site's keys and
any change to it (a flipped byte, a truncated copy, a header re-addressed) refuses it whole.
Importing applies through the inbox, idempotent by event id: a bundle imported twice, or after
the same events came through the hub, changes nothing.

File: MAGIC, the header's length (4 bytes, big-endian), the header (JSON: format, site, device,
key id, when, how many events), a 12-byte nonce, then the sealed body (JSON list of events).
"""

from __future__ import annotations

import base64
import json
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from staging.errors import Refused
from staging.rules import Action
from staging.store.store import Actor, Store, require
from staging.sync.desk import hub_link
from staging.sync.envelope import KEY_BYTES, NONCE_BYTES, SealedEvent, SiteKeys, open_event, seal
from staging.sync.inbox import Received, receive_changes
from staging.sync.keyring import Keyring, keys_for
from staging.sync.outbox import BATCH, all_changes

MAGIC = b"SDSYNC\x00\x01"
SUFFIX = ".sdsync"
BUNDLE_FORMAT = 1
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


@dataclass(frozen=True)
class BundleHeader:
    site: str
    device: str
    key_id: str
    written_at: str
    events: int

    def as_bytes(self) -> bytes:
        return json.dumps(
            {"format": BUNDLE_FORMAT, **self.__dict__}, sort_keys=True, separators=(",", ":")
        ).encode()


def _bundle_key(keys: SiteKeys) -> bytes:
    """Its own key, so a bundle's seal and the events' seals never share one."""
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=_KDF_INFO).derive(keys.sync_key)


def export_bundle(store: Store, folder: Path) -> Path:
    """Write every change this desk knows into a new bundle in `folder`; its path."""
    link = hub_link(store)
    keys = link.keys.current
    events: list[SealedEvent] = []
    after = 0
    while found := all_changes(store, after, BATCH):
        events += [seal(change, link.site, keys) for _, change in found]
        after = found[-1][0]
    written_at = store.clock.now().strftime("%Y%m%dT%H%M%S%fZ")
    header = BundleHeader(link.site, store.device_id, keys.key_id, written_at, len(events))
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
    return _write_new(Path(folder), _name(header), prefix + nonce + sealed)


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
    changes = [
        open_event(event, keys_for(link.keys, event.key_id))
        for event in read_bundle(path, link.site, link.keys)
    ]
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


def read_bundle(path: Path, site: str, keyring: Keyring) -> list[SealedEvent]:
    """The bundle's events, checked: this site's, under a generation of its keys, intact."""
    data = path.read_bytes()
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start or not data.startswith(MAGIC):
        raise DamagedBundle(path)
    (length,) = _LENGTH.unpack_from(data, len(MAGIC))
    prefix = data[: start + length]
    try:
        header = BundleHeader(
            **{k: v for k, v in json.loads(prefix[start:]).items() if k != "format"}
        )
    except (ValueError, TypeError):
        raise DamagedBundle(path) from None
    if header.site != site:
        raise BundleOfAnotherSite(path, header.site, site)
    keys = keyring.get(header.key_id)
    if keys is None:
        raise BundleOfOtherKeys(path, header.key_id)
    nonce, sealed = data[len(prefix) : len(prefix) + NONCE_BYTES], data[len(prefix) + NONCE_BYTES :]
    try:
        body = AESGCM(_bundle_key(keys)).decrypt(nonce, sealed, prefix)
    except (InvalidTag, ValueError):
        raise DamagedBundle(path) from None
    events = [SealedEvent(*row[:-1], base64.b64decode(row[-1])) for row in json.loads(body)]
    if len(events) != header.events or any(event.site != site for event in events):
        raise DamagedBundle(path)
    return events
