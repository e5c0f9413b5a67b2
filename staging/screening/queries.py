"""What screeners read, and what the site may count.

Medical detail is read only through these functions, each checking the reader's role: a
person's record (answers, temperatures, results) and the lists of who needs the screener are
for screeners and administrators, and each read is written to the audit log; coordinators get
the day's counts, never a name beside a result.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.domain import Person
from staging.errors import NotFound
from staging.people import queries
from staging.rules import Action, person_status
from staging.rules.screening import Answers, ScreeningBlocker
from staging.store.store import Actor, Store, require

# Who the screener still has to see, and why (the order of the queue's groups).
NEEDS_SCREENER = (
    ScreeningBlocker.CLINICAL_REVIEW,
    ScreeningBlocker.RETEST_NEEDED,
    ScreeningBlocker.RESCREENING_DUE,
    ScreeningBlocker.NOT_SCREENED,
    ScreeningBlocker.CLEARANCE_EXPIRED,
)


def audited_read(store: Store, actor: Actor, subject: str, details: dict[str, Any]) -> None:
    """Record that `actor` read medical detail about `subject`, before it is returned."""
    store.run(actor, Action.READ_MEDICAL, lambda work: work.note("medical_read", subject, details))


@dataclass(frozen=True)
class Waiting:
    person: Person
    household_external_id: str | None
    why: ScreeningBlocker
    checked_in_at: str


def screening_queue(store: Store, actor: Actor, today: date) -> list[Waiting]:
    """Checked-in people who need the screener: reviews and retests first (they are waiting
    on a decision), then re-screenings after isolation, first screenings in the order people
    arrived, and last those whose clearance ran out while they waited for transport (not
    while their household is held)."""
    require(actor, Action.READ_MEDICAL)
    policy = store.policy()
    found = []
    for record in queries.rows(
        store.db,
        "SELECT f.*, c.checked_in_at FROM person_facts f JOIN ("
        "  SELECT person_id, min(checked_in_at) AS checked_in_at FROM check_in"
        "  GROUP BY person_id) c ON c.person_id = f.id"
        " WHERE f.isolation_started_on IS NULL OR f.released_on IS NOT NULL"
        " ORDER BY c.checked_in_at, f.household_external_id, f.date_of_birth",
    ):
        person = queries.person_from_row(record)
        blockers = person_status(person, today, policy, actor.role).blockers
        why = next((b for b in NEEDS_SCREENER if b in blockers), None)
        # A new clearance for someone whose household is held would run out again before
        # the household may travel: they are re-screened once the hold ends.
        held = ScreeningBlocker.HOUSEHOLD_HELD in blockers
        if why is not None and not (held and why is ScreeningBlocker.CLEARANCE_EXPIRED):
            found.append(
                Waiting(person, record["household_external_id"], why, record["checked_in_at"])
            )
    # Stable: within each group, arrival order stays.
    found.sort(key=lambda w: NEEDS_SCREENER.index(w.why))
    return found


@dataclass(frozen=True)
class MedicalRecord:
    """One person's screenings, isolations and follow-ups, oldest first (the timeline)."""

    person: Person
    screenings: list[dict[str, Any]]
    episodes: list[dict[str, Any]]
    follow_ups: list[dict[str, Any]]


def medical_record(store: Store, actor: Actor, person_id: str) -> MedicalRecord:
    record = queries.find_person(store, person_id)
    if record is None:
        raise NotFound(f"No person {person_id}", f"No existe la persona {person_id}")
    person = queries.person_from_row(record)
    audited_read(store, actor, person.id, {"read": "medical_record"})
    screenings = queries.rows(
        store.db,
        "SELECT s.*, l.lot_number, t.name AS kit_name, "
        "EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = s.id) AS corrected "
        "FROM screening s LEFT JOIN kit_lot l ON l.id = s.kit_lot_id "
        "LEFT JOIN kit_type t ON t.id = l.kit_type_id "
        "WHERE s.person_id = ? ORDER BY s.screened_at, s.id",
        [person.id],
    )
    for row in screenings:
        row["answers"] = Answers.from_json(json.loads(row["answers"]))
        row["reasons"] = [r for r in row["reasons"].split(";") if r]
    episodes = queries.rows(
        store.db,
        "SELECT e.*, p.name AS place FROM isolation_episode e "
        "LEFT JOIN isolation_place p ON p.id = e.place_id "
        "WHERE e.person_id = ? ORDER BY e.started_on",
        [person.id],
    )
    follow_ups = queries.rows(
        store.db,
        "SELECT * FROM isolation_follow_up WHERE person_id = ? ORDER BY recorded_at",
        [person.id],
    )
    return MedicalRecord(person, screenings, episodes, follow_ups)


@dataclass(frozen=True)
class DayCounts:
    """The day's aggregates: what a coordinator may know of screening."""

    day: date
    screened: int
    tested: int
    positive: int
    in_isolation: int
    released: int

    @property
    def positivity(self) -> float | None:
        """Positives among tests with a reading (invalid and not-followed ones excluded)."""
        return self.positive / self.tested if self.tested else None


def day_counts(store: Store, actor: Actor, day: date) -> DayCounts:
    require(actor, Action.READ_MEDICAL_COUNTS)
    db = store.db
    # A merged-away registration's screenings were copied onto the person kept: counted once.
    effective = (
        "FROM screening s WHERE s.screened_on = ? AND s.kind != 'review' "
        "AND NOT EXISTS (SELECT 1 FROM screening c WHERE c.corrects_id = s.id) "
        f"AND s.person_id NOT IN ({queries.MERGED_AWAY})"
    )
    when = [day.isoformat()]
    screened = db.execute(f"SELECT count(DISTINCT s.person_id) {effective}", when).fetchone()[0]
    tested = db.execute(
        f"SELECT count(*) {effective} AND s.result IN ('positive', 'negative')", when
    ).fetchone()[0]
    positive = db.execute(
        f"SELECT count(*) {effective} AND s.result = 'positive'", when
    ).fetchone()[0]
    isolated = db.execute(
        "SELECT count(*) FROM isolation_episode WHERE started_on <= ? "
        "AND (released_on IS NULL OR released_on > ?)",
        [day.isoformat(), day.isoformat()],
    ).fetchone()[0]
    released = db.execute(
        "SELECT count(*) FROM isolation_episode WHERE released_on = ?", when
    ).fetchone()[0]
    return DayCounts(day, screened, tested, positive, isolated, released)
