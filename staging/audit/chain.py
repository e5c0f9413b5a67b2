"""The tamper-evident audit chain: each entry's hash covers its content and the previous hash.

Altering or deleting a row outside the app breaks the chain at that row, which `verify_chain`
names. (Cutting entries off the very end leaves a shorter, valid chain; the change log's
sequence numbers, compared at sync, are what catch that.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

GENESIS_HASH = "0" * 64

# The fields a hash covers, in a fixed order: adding one later would need a chain version.
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


def entry_hash(entry: Mapping[str, Any]) -> str:
    return fields_hash([entry[name] for name in HASHED_FIELDS])


def fields_hash(values: Sequence[Any]) -> str:
    """The hash of an entry given as its `HASHED_FIELDS` values in order (the write path's form)."""
    return hashlib.sha256(orjson.dumps(values)).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    entries: int
    first_broken_seq: int | None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_broken_seq is None


def verify_chain(entries: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Walk the chain in order; the first entry whose link or content does not hold is named."""
    previous_hash = GENESIS_HASH
    previous_seq = 0
    count = 0
    for entry in entries:
        count += 1
        seq = entry["seq"]
        if seq != previous_seq + 1:
            return ChainReport(count, seq, f"entries {previous_seq + 1}..{seq - 1} are missing")
        if entry["prev_hash"] != previous_hash:
            return ChainReport(count, seq, "link to the previous entry does not match")
        if entry_hash(entry) != entry["hash"]:
            return ChainReport(count, seq, "content was altered after it was written")
        previous_hash = entry["hash"]
        previous_seq = seq
    return ChainReport(count, None)
