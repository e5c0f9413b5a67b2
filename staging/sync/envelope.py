"""A change as it travels between desks (through the hub or on a USB stick): what routes it in
the clear, and everything about the person sealed under the site's sync key.

The hub — a laptop or small server on the site's Wi-Fi, easier to steal than a desk — stores
these and nothing else. It can see which desk sent a change, when (the hybrid logical clock
stamp), to which kind of record, under which key, and a pseudonym of the record (an HMAC of its
id under the site's pseudonym key, so the changes of one record can be grouped without naming
it). It cannot read a name, an A-number, an address or a result, and it cannot move a sealed
payload to another record or desk: the routing fields are the AES-GCM associated data, so a
payload moved, re-dated or re-addressed no longer opens.

Sealed payload: 12-byte random nonce, then the AES-256-GCM ciphertext and tag of the change as
canonical JSON (`Change.as_json`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from staging.errors import Refused

NONCE_BYTES = 12
KEY_BYTES = 32
ENVELOPE_VERSION = 1


@dataclass(frozen=True)
class SiteKeys:
    """The site's sync keys: payloads are sealed under `sync_key`, records are named at the hub
    by an HMAC under `pseudonym_key`; `key_id` says which generation (keys are rotated when a
    laptop is lost)."""

    key_id: str
    sync_key: bytes
    pseudonym_key: bytes

    @classmethod
    def new(cls, key_id: str) -> SiteKeys:
        return cls(key_id, os.urandom(KEY_BYTES), os.urandom(KEY_BYTES))

    def pseudonym(self, entity: str, entity_id: str) -> str:
        """The record's name at the hub: the same for every change of it, saying nothing."""
        mac = hmac.new(self.pseudonym_key, f"{entity}\x1f{entity_id}".encode(), hashlib.sha256)
        return mac.hexdigest()[:32]


@dataclass(frozen=True)
class Change:
    """One change in the clear, as a desk's write path recorded it.

    `op`: "insert", "update" or "delete"; `values`: the fields it set; `bases`: for each field,
    the stamp of the value it replaced (None for a new record's fields; a list for a
    coordinator's choice settling a conflict, which replaces every value of it); `user` and
    `role`: who made it, so every desk's audit log and conflict list says who did what.
    """

    event_id: str
    device: str
    stamp: str
    entity: str
    entity_id: str
    op: str
    values: dict[str, Any] = field(default_factory=dict)
    bases: dict[str, str | list[str] | None] = field(default_factory=dict)
    user: str = ""
    role: str = ""

    def as_json(self) -> bytes:
        return json.dumps(
            {
                "v": ENVELOPE_VERSION,
                "event_id": self.event_id,
                "device": self.device,
                "stamp": self.stamp,
                "entity": self.entity,
                "entity_id": self.entity_id,
                "op": self.op,
                "values": self.values,
                "bases": self.bases,
                "user": self.user,
                "role": self.role,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Change:
        fields = orjson.loads(data)  # a joining desk opens hundreds of thousands
        fields.pop("v")
        return cls(**fields)


@dataclass(frozen=True)
class SealedEvent:
    """A change as the hub and a bundle hold it: routing in the clear, the payload sealed."""

    event_id: str
    site: str
    device: str
    stamp: str
    entity: str
    key_id: str
    entity_ref: str
    payload: bytes

    def routing(self) -> bytes:
        """The associated data: every field the hub sees, so none can be changed unnoticed."""
        return "\x1f".join(
            (
                str(ENVELOPE_VERSION),
                self.event_id,
                self.site,
                self.device,
                self.stamp,
                self.entity,
                self.key_id,
                self.entity_ref,
            )
        ).encode()


class UnreadableChange(Refused):
    """A payload that does not open: sealed under another key, or changed on the way."""

    def __init__(self, event_id: str) -> None:
        super().__init__(
            f"Change {event_id} cannot be opened with this site's keys (another site's, an "
            "old key, or changed on the way): it was not applied",
            f"El cambio {event_id} no se puede abrir con las claves de este sitio (de otro "
            "sitio, una clave antigua, o alterado en el camino): no se aplicó",
        )


def seal(change: Change, site: str, keys: SiteKeys) -> SealedEvent:
    routed = SealedEvent(
        change.event_id,
        site,
        change.device,
        change.stamp,
        change.entity,
        keys.key_id,
        keys.pseudonym(change.entity, change.entity_id),
        b"",
    )
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(keys.sync_key).encrypt(nonce, change.as_json(), routed.routing())
    return SealedEvent(**{**routed.__dict__, "payload": nonce + sealed})


def open_event(event: SealedEvent, keys: SiteKeys) -> Change:
    """The change inside; refuses one whose payload or routing was changed, or another key's."""
    if event.key_id != keys.key_id:
        raise UnreadableChange(event.event_id)
    nonce, sealed = event.payload[:NONCE_BYTES], event.payload[NONCE_BYTES:]
    try:
        plain = AESGCM(keys.sync_key).decrypt(nonce, sealed, event.routing())
    except InvalidTag:
        raise UnreadableChange(event.event_id) from None
    change = Change.from_json(plain)
    same = (change.event_id, change.device, change.stamp, change.entity) == (
        event.event_id,
        event.device,
        event.stamp,
        event.entity,
    )
    if not same or keys.pseudonym(change.entity, change.entity_id) != event.entity_ref:
        raise UnreadableChange(event.event_id)
    return change
