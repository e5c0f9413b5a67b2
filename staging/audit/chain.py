"""The tamper-evident audit chain: each entry's hash covers its content and the previous hash.

Since version 2 the hash is an HMAC-SHA256 under the writing desk's audit key
(`staging.audit.keys`), named in the entry's `mac_key`: whoever holds only the data key can read
the entries but cannot rewrite one, nor the chain after it, without `verify_chain` naming it.
Entries written before (`mac_key` NULL) keep their plain SHA-256 and still verify; a plain entry
after a keyed one is a rewrite. Cutting entries off the very end leaves a shorter, valid chain:
anchors kept outside the database (`staging.audit.anchors`) are what catch that.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from staging.audit.keys import AuditKey
from staging.vocabulary import Words

GENESIS_HASH = "0" * 64

# The fields a version 1 (plain SHA-256) hash covers, in a fixed order. Never changed: entries
# written with it must go on verifying.
HASHED_FIELDS = (
    "seq",
    "id",
    "at",
    "user",
    "role",
    "device",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
    "prev_hash",
)

# Version 2 (HMAC): the same fields and the id of the key that signs, so an entry cannot be
# passed off as signed by another desk's key.
SIGNED_FIELDS = (*HASHED_FIELDS, "mac_key")

Signer = Callable[[Sequence[Any]], str]


def fields_hash(values: Sequence[Any]) -> str:
    """The version 1 hash of an entry given as its `HASHED_FIELDS` values in order."""
    return hashlib.sha256(orjson.dumps(values)).hexdigest()


def signer(key: AuditKey | None) -> Signer:
    """The write path's hash of an entry given as its `SIGNED_FIELDS` values in order: an HMAC
    under `key` (whose id must be the last value), or version 1 when there is no key.

    The keyed HMAC state is made once and copied per entry: an import signs 100,000 of them.
    """
    if key is None:
        return lambda values: fields_hash(values[:-1])
    keyed = hmac.new(key.secret, digestmod="sha256")

    def sign(values: Sequence[Any]) -> str:
        mac = keyed.copy()
        mac.update(orjson.dumps(values))
        return mac.hexdigest()

    return sign


def _signed(secret: bytes, entry: Mapping[str, Any]) -> str:
    values = [entry[name] for name in SIGNED_FIELDS]
    return hmac.new(secret, orjson.dumps(values), "sha256").hexdigest()


def _plain(entry: Mapping[str, Any]) -> str:
    return fields_hash([entry[name] for name in HASHED_FIELDS])


@dataclass(frozen=True)
class ChainReport:
    """`unverified` counts, by key id, entries signed by desk keys the verifier does not hold:
    their links are checked, their content cannot be (not proven altered, not proven whole)."""

    entries: int
    first_broken_seq: int | None
    reason: Words | None = None
    unverified: dict[str, int] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        """Every entry checked and none altered, removed or rewritten unsigned."""
        return self.first_broken_seq is None and not self.unverified


def verify_chain(entries: Iterable[Mapping[str, Any]], keys: Mapping[str, bytes]) -> ChainReport:
    """Walk the chain in order; the first entry whose link or content does not hold is named.

    `keys` maps the audit key ids this verifier holds to their secrets.
    """
    previous_hash = GENESIS_HASH
    previous_seq = 0
    count = 0
    signed_since: int | None = None
    unverified: dict[str, int] = {}
    for entry in entries:
        count += 1
        seq = entry["seq"]
        if seq != previous_seq + 1:
            return ChainReport(count, seq, _missing(previous_seq + 1, seq - 1), unverified)
        if entry["prev_hash"] != previous_hash:
            return ChainReport(count, seq, BROKEN_LINK, unverified)
        key_id = entry.get("mac_key")
        if key_id is None:
            if signed_since is not None:
                return ChainReport(count, seq, _downgrade(signed_since), unverified)
            expected = _plain(entry)
        else:
            signed_since = signed_since or seq
            secret = keys.get(key_id)
            if secret is None:
                unverified[key_id] = unverified.get(key_id, 0) + 1
                expected = entry["hash"]
            else:
                expected = _signed(secret, entry)
        if not hmac.compare_digest(expected, entry["hash"]):
            return ChainReport(count, seq, ALTERED, unverified)
        previous_hash = entry["hash"]
        previous_seq = seq
    return ChainReport(count, None, None, unverified)


ALTERED = Words(
    "content was altered after it was written (or signed with a key that is not the desk's)",
    "el contenido se alteró después de escribirse (o se firmó con una clave que no es la del "
    "equipo)",
)
BROKEN_LINK = Words(
    "link to the previous entry does not match (an entry before it was removed or replaced)",
    "el enlace con la entrada anterior no coincide (se quitó o reemplazó una entrada anterior)",
)


def _missing(first: int, last: int) -> Words:
    if first == last:
        return Words(f"entry {first} is missing", f"falta la entrada {first}")
    return Words(f"entries {first}..{last} are missing", f"faltan las entradas {first}..{last}")


def _downgrade(signed_since: int) -> Words:
    return Words(
        f"entry is not signed, but entries are signed from {signed_since} on: the chain was "
        "rewritten outside the app",
        f"la entrada no está firmada, pero las entradas están firmadas desde la {signed_since}: "
        "la cadena se reescribió fuera de la aplicación",
    )
