"""A coordinator's review of the fields two desks changed without knowing of each other.

Sync keeps every such value and shows one of them on every desk (`staging.sync.inbox`); this
module says what the review screen shows of each conflict (the record and the field in words,
each value with who set it, when and on which desk) and records the coordinator's choice: an
edit replacing every value, so the conflict closes on each desk that receives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from staging.changes import Done, Kind
from staging.errors import Refused
from staging.paperwork.form import FIELD_NAMES as EOIR33_FIELD_NAMES
from staging.people.fields import PERSON_FIELDS
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork
from staging.store.tables import TABLES, Merge
from staging.sync.hlc import parse_stamp
from staging.sync.inbox import Conflict, Leaf, open_conflicts, settle_conflict
from staging.vocabulary import PERSON_FIELD_NAMES, RECORD_FIELD_NAMES, RECORD_NAMES, Words

# The kinds of record whose changes may open or close a conflict: a screen listing conflicts
# redraws on these (facts are only ever added, so never in conflict).
CONFLICT_KINDS: frozenset[Kind] = frozenset(
    table.kind for table in TABLES.values() if table.merge is Merge.FIELDS
)
PERSON_VALUE_KINDS = {field.name: field.kind for field in PERSON_FIELDS}
# Records about one person name them, so a coordinator knows whose form or seat it is.
ABOUT_A_PERSON = frozenset({"eoir33_form", "wristband", "isolation_episode", "roster_entry"})
YES_NO_FIELDS = frozenset({"active", "disabled", "locked", "severe"})


class NotOneOfTheValues(Refused):
    """The choice settles a conflict between the values the desks gave, not a new value (which
    is typed where the record is edited, with its checks)."""

    def __init__(self) -> None:
        super().__init__(
            "Choose one of the values the desks recorded; to type another one, correct the "
            "record where it is edited once this conflict is settled.",
            "Elija uno de los valores que registraron los equipos; para escribir otro, "
            "corrija el registro donde se edita una vez resuelto este conflicto.",
        )


@dataclass(frozen=True)
class PersonShown:
    """The person a conflicting record is about."""

    name: str
    registration_id: str


@dataclass(frozen=True)
class ConflictShown:
    """One conflict as the review screen shows it. `value_kind` says how its values read: a
    person field's kind ("date", "a_number", "sex", …), "date", "moment" (a time), "yes_no" or
    "text". `leaves[0]` is the value every desk shows until it is settled."""

    id: str
    entity: str
    record_kind: Words
    person: PersonShown | None
    field: str
    field_name: Words
    value_kind: str
    leaves: tuple[Leaf, ...]


def conflicts_to_review(store: Store) -> list[ConflictShown]:
    """The open conflicts, each with its record and field in words; read-only."""
    return [_shown(store, conflict) for conflict in open_conflicts(store)]


def set_at(leaf: Leaf) -> datetime:
    """When the value was set, read from its stamp (the desk's clock when it was edited)."""
    ms, _, _ = parse_stamp(leaf.stamp)
    return datetime.fromtimestamp(ms / 1000, UTC)


def settle(store: Store, actor: Actor, conflict_id: str, value: Any) -> Done[None]:
    """The coordinator's choice between a conflict's values: recorded and audited as an edit
    replacing every value, sent to the other desks by the next sync. Refuses a value that is
    not one of them, and a conflict already settled (here, or on a desk it came from)."""

    def step(work: UnitOfWork) -> None:
        leaves = next(
            (found.leaves for found in open_conflicts(work.store) if found.id == conflict_id),
            None,
        )
        if leaves is not None and value not in [leaf.value for leaf in leaves]:
            raise NotOneOfTheValues()
        settle_conflict(work, conflict_id, value)

    return store.run(actor, Action.RESOLVE_CONFLICTS, step)


def field_name(entity: str, field: str) -> Words:
    """What a field is called on the review screen; a field no screen edits keeps its code."""
    if entity == "person" and field in PERSON_FIELD_NAMES:
        return PERSON_FIELD_NAMES[field]
    if entity == "eoir33_form" and field in EOIR33_FIELD_NAMES:
        return EOIR33_FIELD_NAMES[field]
    return RECORD_FIELD_NAMES.get(field, Words(field, field))


def value_kind(entity: str, field: str) -> str:
    if entity == "person" and field in PERSON_VALUE_KINDS:
        return PERSON_VALUE_KINDS[field]
    if field in YES_NO_FIELDS:
        return "yes_no"
    if field.endswith("_on"):
        return "date"
    if field.endswith("_at"):
        return "moment"
    return "text"


def _shown(store: Store, conflict: Conflict) -> ConflictShown:
    entity = conflict.entity
    kind = RECORD_NAMES.get(entity, Words(entity, entity))
    return ConflictShown(
        conflict.id,
        entity,
        kind,
        _person(store, entity, conflict.entity_id),
        conflict.field,
        field_name(entity, conflict.field),
        value_kind(entity, conflict.field),
        conflict.leaves,
    )


def _person(store: Store, entity: str, entity_id: str) -> PersonShown | None:
    if entity == "person":
        person_id: str | None = entity_id
    elif entity in ABOUT_A_PERSON:
        row = store.db.execute(
            f"SELECT person_id FROM {entity} WHERE {TABLES[entity].key} = ?", [entity_id]
        ).fetchone()
        person_id = row[0] if row else None
    else:
        return None
    row = store.db.execute(
        "SELECT given_names, paternal_surname, maternal_surname, registration_id FROM person "
        "WHERE id = ?",
        [person_id],
    ).fetchone()
    if row is None:
        return None
    *names, registration_id = row
    return PersonShown(" ".join(part for part in names if part), registration_id)
