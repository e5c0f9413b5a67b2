"""Sortable, device-independent ids (UUIDv7): records from several desks merge without clashes."""

from __future__ import annotations

import hashlib
import uuid

import uuid_utils


def new_id() -> str:
    return str(uuid_utils.uuid7())


def derived_id(original: str, *context: str) -> str:
    """The id of a record made from another (a fact copied onto the person a registration was
    merged into): the same on every desk that makes it, so that the copies two desks make of
    one fact are one record when they meet; and a UUIDv7 with the original's time, so it sorts
    where the original did."""
    source = uuid.UUID(original).bytes
    digest = hashlib.sha256("\x1f".join((original, *context)).encode()).digest()
    value = bytearray(source[:6] + digest[:10])
    value[6] = 0x70 | (value[6] & 0x0F)  # version 7
    value[8] = 0x80 | (value[8] & 0x3F)  # RFC 4122 variant
    return str(uuid.UUID(bytes=bytes(value)))
