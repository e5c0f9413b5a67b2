"""What an operation changed, so every screen can redraw only what concerns it.

Each core operation returns `Done(value, changes)` (Anki's `OpChangesWith`): the GUI broadcasts
the `Changes` after a successful operation, and later a sync pull broadcasts the same value for
the records it brought in. A view never needs to know which operation ran, only what changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Kind(StrEnum):
    """The kinds of record a screen may show; each written table belongs to one."""

    PEOPLE = "people"
    VERIFICATIONS = "verifications"
    CHECK_INS = "check_ins"
    WRISTBANDS = "wristbands"
    DUPLICATES = "duplicates"
    IMPORTS = "imports"
    SETTINGS = "settings"
    USERS = "users"
    SCREENINGS = "screenings"
    ISOLATION = "isolation"
    MEDICAL_SUPPLIES = "medical_supplies"
    PAPERWORK = "paperwork"
    TRANSPORT = "transport"
    # Audited events that change no data (a backup, an export): the status bar shows the last.
    EVENTS = "events"


@dataclass(frozen=True)
class Changes:
    """Which kinds of record changed, and the ids of the changed records."""

    kinds: frozenset[Kind] = frozenset()
    ids: frozenset[str] = frozenset()

    def touches(self, *kinds: Kind) -> bool:
        return not self.kinds.isdisjoint(kinds)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.kinds | other.kinds, self.ids | other.ids)


NOTHING = Changes()


@dataclass(frozen=True)
class Done(Generic[T]):
    """An operation's result together with what it changed."""

    value: T
    changes: Changes = NOTHING
