"""Sortable, device-independent ids (UUIDv7): records from several desks merge without clashes."""

from __future__ import annotations

import uuid_utils


def new_id() -> str:
    return str(uuid_utils.uuid7())
