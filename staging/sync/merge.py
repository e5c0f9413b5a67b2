"""How the desks' changes merge: pure functions over sets, so any desks that have seen the same
changes show the same data, whatever order the changes arrived in (DESIGN.md, "Storage,
security, sync").

- **Facts** (check-ins, screenings, follow-ups, scans, boardings) are appended, never edited:
  they merge as a set, by id.
- **Fields** of a record merge one by one. Each edit carries the stamps of the values it replaced
  (its `bases`): one for an ordinary edit, every value of a conflict for a coordinator's
  resolution, none for the value a record was created with. An edit that some other edit
  replaced is history; the others are the field's *leaves*. One leaf is the field's value. Two
  or more leaves are edits made without knowing of each other — a **conflict**: all are kept,
  the one with the highest stamp (hybrid logical clock, then device id: the stamp sorts as
  text) shows on every desk, and the conflict waits for a coordinator, whose choice is an edit
  with the leaves as its bases.
- A **deletion** is an edit of the record's tombstone field, merging like any other field.

Because a field's value is a function of the *set* of its edits (no order, no clock reading),
merging is idempotent, commutative and associative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# The field that says a record was deleted (a tombstone): True once deleted.
TOMBSTONE = "__deleted__"


@dataclass(frozen=True)
class Edit:
    """One field of one record as one desk set it."""

    entity: str
    entity_id: str
    field: str
    value: Any
    stamp: str
    bases: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.entity, self.entity_id, self.field)


@dataclass(frozen=True)
class FieldState:
    """A field after merging: the value shown, its edit, and — while two or more edits were
    made without knowing of each other — the conflict (every leaf, the shown one first)."""

    value: Any
    edit: Edit
    conflict: tuple[Edit, ...] = ()


def leaves(edits: Iterable[Edit]) -> list[Edit]:
    """The edits no other edit replaced, the highest stamp first."""
    edits = list(edits)
    replaced = {base for edit in edits for base in edit.bases}
    unique = {edit.stamp: edit for edit in edits if edit.stamp not in replaced}
    return sorted(unique.values(), key=lambda edit: edit.stamp, reverse=True)


def resolve_field(edits: Iterable[Edit]) -> FieldState:
    """The value of one field from all the edits of it seen so far (at least one)."""
    current = leaves(edits)
    if not current:
        raise ValueError("a field's edits cannot all replace one another")
    winner = current[0]
    return FieldState(winner.value, winner, tuple(current) if len(current) > 1 else ())


def resolve(edits: Iterable[Edit]) -> dict[tuple[str, str, str], FieldState]:
    """Every field's state from a set of edits of any records."""
    by_field: dict[tuple[str, str, str], list[Edit]] = defaultdict(list)
    for edit in edits:
        by_field[edit.key].append(edit)
    return {key: resolve_field(field_edits) for key, field_edits in by_field.items()}


def conflicts(edits: Iterable[Edit]) -> list[FieldState]:
    """The fields waiting for a coordinator, in a stable order."""
    states = resolve(edits)
    return [states[key] for key in sorted(states) if states[key].conflict]


def resolution(state: FieldState, value: Any, stamp: str) -> Edit:
    """A coordinator's choice for a conflict (confirming one value or setting another): one
    edit replacing every leaf, so the field has one leaf again on every desk."""
    edit = state.edit
    return Edit(
        edit.entity,
        edit.entity_id,
        edit.field,
        value,
        stamp,
        frozenset(leaf.stamp for leaf in state.conflict) or frozenset({edit.stamp}),
    )


def merge_facts(*sets: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Facts from several desks, by id: the same fact seen twice is one fact."""
    merged: dict[str, Mapping[str, Any]] = {}
    for facts in sets:
        for fact_id, fact in facts.items():
            merged.setdefault(fact_id, fact)
    return merged
