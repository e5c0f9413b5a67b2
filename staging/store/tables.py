"""Every table the write path may change, registered in this one place.

A stage that adds a table adds one line here: which kind of record it holds (for the screens'
refresh), how sync merges it, and the column that identifies a row. Facts are append-only and
merge as a set; records merge field by field (DESIGN.md, "Storage, security, sync").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from staging.changes import Kind


class Merge(StrEnum):
    # Appended, never edited or deleted; copies from two desks merge as a set.
    FACT = "fact"
    # Edited in place; each edit carries the stamp of the value it replaced.
    FIELDS = "fields"


@dataclass(frozen=True)
class Table:
    name: str
    kind: Kind
    merge: Merge
    key: str = "id"


TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table("site_setting", Kind.SETTINGS, Merge.FIELDS, key="key"),
        Table("household", Kind.PEOPLE, Merge.FIELDS),
        Table("person", Kind.PEOPLE, Merge.FIELDS),
        Table("verification_event", Kind.VERIFICATIONS, Merge.FACT),
        Table("check_in", Kind.CHECK_INS, Merge.FACT),
        Table("possible_duplicate", Kind.DUPLICATES, Merge.FIELDS),
        Table("import_batch", Kind.IMPORTS, Merge.FACT),
        Table("import_profile", Kind.IMPORTS, Merge.FIELDS),
        Table("person_merge", Kind.PEOPLE, Merge.FACT),
        Table("app_user", Kind.USERS, Merge.FIELDS),
        Table("wristband", Kind.WRISTBANDS, Merge.FIELDS),
        Table("kit_type", Kind.MEDICAL_SUPPLIES, Merge.FIELDS),
        Table("kit_lot", Kind.MEDICAL_SUPPLIES, Merge.FIELDS),
        Table("isolation_place", Kind.MEDICAL_SUPPLIES, Merge.FIELDS),
        Table("screening", Kind.SCREENINGS, Merge.FACT),
        Table("isolation_episode", Kind.ISOLATION, Merge.FIELDS),
        Table("isolation_follow_up", Kind.ISOLATION, Merge.FACT),
        Table("eoir33_form", Kind.PAPERWORK, Merge.FIELDS),
        Table("legal_orientation", Kind.PAPERWORK, Merge.FACT),
        Table("reopen_document", Kind.PAPERWORK, Merge.FACT),
        Table("vehicle", Kind.TRANSPORT, Merge.FIELDS),
        Table("trip", Kind.TRANSPORT, Merge.FIELDS),
        Table("roster_entry", Kind.TRANSPORT, Merge.FIELDS),
        Table("boarding", Kind.TRANSPORT, Merge.FACT),
        Table("sync_desk", Kind.SETTINGS, Merge.FIELDS),
    )
}


def registered(name: str) -> Table:
    """The registration of a written table; anything else is a programming error."""
    try:
        return TABLES[name]
    except KeyError:
        raise ValueError(f"{name} is not written through the unit of work") from None
