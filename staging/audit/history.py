"""A person's history from the audit log: every change to their record and to the facts about
them. Administrators only, and each reading is itself audited (who looked at whom)."""

from __future__ import annotations

from typing import Any

from staging.people import queries
from staging.rules import Action
from staging.security.access import Session

# Facts recorded about a person, each in its own table with a `person_id`.
FACT_TABLES = ("verification_event", "check_in", "wristband")


def person_history(session: Session, person_id: str) -> list[dict[str, Any]]:
    db = session.store.db
    with session.store.write(session.actor, Action.READ_AUDIT) as work:
        work.note("audit_trail", person_id, {"read_by": session.actor.user})
    entity_ids = [person_id]
    for table in FACT_TABLES:
        entity_ids += [
            r[0] for r in db.execute(f"SELECT id FROM {table} WHERE person_id = ?", [person_id])
        ]
    entity_ids += [
        r[0]
        for r in db.execute(
            "SELECT id FROM possible_duplicate WHERE person_id = ? OR other_person_id = ?",
            [person_id, person_id],
        )
    ]
    return queries.audit_entries_for(db, entity_ids)
