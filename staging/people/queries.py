"""The read side: people with their derived state, search-as-you-type and the priority queue.

Reads never write; a person's journey state is computed from the recorded facts each time
(`person_facts` view + `rules`), so it cannot drift from them.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlite_utils import Database

from staging.domain import (
    CaseStatus,
    Health,
    Paperwork,
    Person,
    Role,
    ScreeningOutcome,
    Travel,
    Verification,
)
from staging.registration.parsing import a_number_digits
from staging.rules import (
    Action,
    Policy,
    household_priority,
    is_priority_vulnerable,
    may,
    priority_queue,
)
from staging.store.store import Store

SEARCH_LIMIT = 50
RANKED_MAX_MATCHES = 2_000
# bm25 weights: surnames and given names matter more than the id columns.
_SEARCH_RANK = "bm25(person_search, 6.0, 8.0, 4.0, 1.0, 1.0)"
_TOKEN = re.compile(r"\w+", re.UNICODE)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def person_from_row(row: Mapping[str, Any]) -> Person:
    flags = row["vulnerabilities"]
    return Person(
        id=row["id"],
        registration_id=row["registration_id"],
        household_id=row["household_id"],
        given_names=row["given_names"],
        paternal_surname=row["paternal_surname"],
        maternal_surname=row["maternal_surname"],
        date_of_birth=_date(row["date_of_birth"]),
        sex=row["sex"],
        nationality=row["nationality"],
        a_number=row["a_number"],
        mpp_enrollment_date=_date(row["mpp_enrollment_date"]),
        case_status=CaseStatus(row["case_status"]),
        current_court=row["current_court"],
        appointment_date=_date(row["appointment_date"]),
        vulnerabilities=frozenset(flags.split(";")) if flags else frozenset(),
        verification=Verification(row["verification"]),
        checked_in=bool(row["checked_in"]),
        source=row["source"],
        health=health_from_row(row),
        paperwork=paperwork_from_row(row),
        travel=travel_from_row(row),
    )


def travel_from_row(row: Mapping[str, Any]) -> Travel:
    delivered = row["delivered_at"] if row["roster_status"] == "boarded" else None
    return Travel(
        roster_status=row["roster_status"],
        roster_day=_date(row["roster_day"]),
        delivered_at=datetime.fromisoformat(delivered) if delivered else None,
    )


def paperwork_from_row(row: Mapping[str, Any]) -> Paperwork:
    documents = row["reopen_documents"]
    return Paperwork(
        eoir33_completed=bool(row["eoir33_completed"]),
        eoir33_served=bool(row["eoir33_served"]),
        legal_orientation_on=_date(row["legal_orientation_on"]),
        reopen_documents=frozenset(documents.split(";")) if documents else frozenset(),
    )


def health_from_row(row: Mapping[str, Any]) -> Health:
    outcome = row["screening_outcome"]
    screened_at = row["screened_at"]
    return Health(
        outcome=ScreeningOutcome(outcome) if outcome else None,
        screened_on=_date(row["screened_on"]),
        screened_at=datetime.fromisoformat(screened_at) if screened_at else None,
        clearance_base=_date(row["clearance_base"]),
        recovered_positive_on=_date(row["recovered_positive_on"]),
        tested_negative_on=_date(row["tested_negative_on"]),
        isolation_started_on=_date(row["isolation_started_on"]),
        released_on=_date(row["released_on"]),
        household_isolation_since=_date(row["household_isolation_since"]),
        household_exposure_on=_date(row["household_exposure_on"]),
    )


# The medical facts `person_facts` derives for readiness (read by `health_from_row` above).
MEDICAL_FACTS = (
    "screening_outcome",
    "screened_at",
    "screened_on",
    "clearance_base",
    "recovered_positive_on",
    "tested_negative_on",
    "isolation_started_on",
    "released_on",
    "household_isolation_since",
    "household_exposure_on",
)


def record_as_seen_by(record: Mapping[str, Any], viewer: Role) -> dict[str, Any]:
    """A person's row as `viewer` may read it: without medical access, none of the medical
    facts (the status says "held by the medical team"; the row must not say why)."""
    if may(viewer, Action.READ_MEDICAL):
        return dict(record)
    return {name: value for name, value in record.items() if name not in MEDICAL_FACTS}


def rows(
    db: Database, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> list[dict[str, Any]]:
    """Any read, as one dict per row (column name to value)."""
    cursor = db.execute(sql, params if isinstance(params, Mapping) else list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def person_records(db: Database, where: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Full rows of `person_facts` (every stored field plus derived facts)."""
    return rows(db, f"SELECT * FROM person_facts WHERE {where}", params)


# The people merged into another (`staging.duplicates`): their rows stay, with their ids and
# facts, but no list shows them; `kept_ids` leads from them to the person they now are.
MERGED_AWAY = "SELECT person_id FROM person_merge"


def kept_ids(db: Database, person_ids: Sequence[str]) -> dict[str, str]:
    """Each id as the person it now is: a merged-away person's leads, through every merge of a
    chain (A into B, then B into C), to the person kept; any other id to itself."""
    if not person_ids:
        return {}
    return dict(
        db.execute(
            "WITH RECURSIVE chain(start, id) AS ("
            "  SELECT value, value FROM json_each(?)"
            "  UNION SELECT chain.start, g.merged_into FROM chain"
            "  JOIN person_merge g ON g.person_id = chain.id)"
            f" SELECT start, id FROM chain WHERE id NOT IN ({MERGED_AWAY})",
            [json.dumps(list(person_ids))],
        ).fetchall()
    )


def count_people(store: Store) -> int:
    return store.db.execute(
        f"SELECT count(*) FROM person WHERE id NOT IN ({MERGED_AWAY})"
    ).fetchone()[0]


def find_person(store: Store, reference: str) -> dict[str, Any] | None:
    """A person by internal id, registration id or A-number written in any form; those of a
    registration merged into another find the person it was merged into.

    One indexed lookup at a time: an `OR` across them made SQLite scan every person.
    """
    db = store.db
    reference = reference.strip()
    if not reference:
        return None
    lookups: list[tuple[str, str]] = [
        ("id = ?", reference),
        ("registration_id = ? COLLATE NOCASE", reference),
    ]
    if digits := a_number_digits(reference):
        lookups.append(("a_number = ?", digits))
    for where, value in lookups:
        found = person_records(db, where, [value])
        if found:
            return found[0]
    for where, value in lookups:  # an alias: only when no one on the lists has the reference
        merged = db.execute(
            f"SELECT id FROM person WHERE {where} AND id IN ({MERGED_AWAY})", [value]
        ).fetchone()
        if merged:
            found = person_records(db, "id = ?", [kept_ids(db, [merged[0]])[merged[0]]])
            return found[0] if found else None
    return None


def a_number_owner(store: Store, digits: str) -> dict[str, Any] | None:
    """Whoever holds the A-number (its stored digits), or the person a merged-away holder
    became: an A-number belongs to one person, and stays theirs after a merge."""
    db = store.db
    row = db.execute("SELECT id FROM person WHERE a_number = ?", [digits]).fetchone()
    if row is None:
        return None
    found = person_records(db, "id = ?", [kept_ids(db, [row[0]])[row[0]]])
    return found[0] if found else None


def household_records(store: Store, household_id: str) -> list[dict[str, Any]]:
    db = store.db
    return person_records(
        db, "household_id = ? ORDER BY date_of_birth, registration_id", [household_id]
    )


def open_possible_duplicates(store: Store, person_id: str) -> list[dict[str, Any]]:
    """Registrations flagged as perhaps the same person, still waiting for someone to review."""
    db = store.db
    return rows(
        db,
        "SELECT d.id, d.score, o.id AS person_id, o.registration_id, "
        "o.given_names || ' ' || o.paternal_surname || ' ' || o.maternal_surname AS name "
        "FROM possible_duplicate d JOIN person o ON o.id = "
        "CASE WHEN d.person_id = :id THEN d.other_person_id ELSE d.person_id END "
        "WHERE (d.person_id = :id OR d.other_person_id = :id) AND d.status = 'open' "
        f"AND o.id NOT IN ({MERGED_AWAY})",
        {"id": person_id},
    )


# --- search -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    person: Person
    household_external_id: str | None
    arrived_at: str | None = None
    """When the person checked in (UTC, ISO 8601), in lists of arrivals."""


def fts_query(text: str) -> str | None:
    """Every fragment must match the start of some word, in any order ("nunez maria")."""
    tokens = _TOKEN.findall(text.replace("_", " "))
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)


def search_people(store: Store, text: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """An exact A-number (in any form) or registration id wins outright; otherwise names,
    ranked by bm25. A fragment that matches thousands ("her", "hernández" at a 100,000-person
    site) is listed unranked: ranking that many costs tens of milliseconds per keystroke and
    tells the desk nothing, which is to keep typing."""
    db = store.db
    text = text.strip()
    if not text:
        return []
    ids: list[str] = []
    digits = a_number_digits(text)
    if digits:
        ids += [r[0] for r in db.execute("SELECT id FROM person WHERE a_number = ?", [digits])]
    ids += [
        r[0]
        for r in db.execute(
            "SELECT id FROM person WHERE registration_id = ? COLLATE NOCASE", [text]
        )
    ]
    if ids:  # a merged-away registration's id or A-number finds the person it became
        kept = kept_ids(db, ids)
        ids = [kept[i] for i in ids]
    query = fts_query(text)
    if query and not ids:
        matches = db.execute(
            "SELECT count(*) FROM person_search WHERE person_search MATCH ?", [query]
        ).fetchone()[0]
        order = f"ORDER BY {_SEARCH_RANK}" if matches <= RANKED_MAX_MATCHES else ""
        ids = [
            r[0]
            for r in db.execute(
                "SELECT p.id FROM person_search JOIN person p ON p.rowid = person_search.rowid "
                f"WHERE person_search MATCH ? AND p.id NOT IN ({MERGED_AWAY}) {order} LIMIT ?",
                [query, limit],
            )
        ]
    unique_ids = list(dict.fromkeys(ids))[:limit]
    if not unique_ids:
        return []
    marks = ", ".join("?" for _ in unique_ids)
    by_id = {r["id"]: r for r in person_records(db, f"id IN ({marks})", unique_ids)}
    return [
        SearchHit(person_from_row(by_id[i]), by_id[i]["household_external_id"])
        for i in unique_ids
        if i in by_id
    ]


# --- the priority queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuedHousehold:
    position: int
    household_id: str
    household_external_id: str | None
    members: tuple[Person, ...]
    vulnerable: bool
    waiting_since: date | None


def priority_queue_view(store: Store, today: date, policy: Policy) -> list[QueuedHousehold]:
    """Households in the order they should be offered seats (DESIGN.md rule 3)."""
    db = store.db
    households: dict[str, list[Person]] = defaultdict(list)
    external: dict[str, str | None] = {}
    for row in person_records(db, "1"):
        households[row["household_id"]].append(person_from_row(row))
        external[row["household_id"]] = row["household_external_id"]
    order = priority_queue(households, today, policy)
    result = []
    for position, household_id in enumerate(order, start=1):
        members = households[household_id]
        _, enrolled, _ = household_priority(members, today, policy.priority)
        result.append(
            QueuedHousehold(
                position=position,
                household_id=household_id,
                household_external_id=external[household_id],
                members=tuple(sorted(members, key=lambda p: p.registration_id)),
                vulnerable=any(is_priority_vulnerable(p, today, policy.priority) for p in members),
                waiting_since=None if enrolled == date.max else enrolled,
            )
        )
    return result


def audit_entries(db: Database) -> Iterator[dict[str, Any]]:
    """The whole chain, streamed: a busy site's log does not fit comfortably in memory."""
    cursor = db.execute("SELECT * FROM audit_log ORDER BY seq")
    names = [d[0] for d in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def audit_entries_for(db: Database, entity_ids: list[str]) -> list[dict[str, Any]]:
    """Audit entries about any of these records, in the order they were written."""
    return rows(
        db,
        "SELECT * FROM audit_log WHERE entity_id IN (SELECT value FROM json_each(?)) "
        "AND entity != 'audit_trail' ORDER BY seq",
        [json.dumps(entity_ids)],
    )
