"""What a reviewer reads: the open possible duplicates, and one pair side by side with what the
site has recorded of each registration (as the reviewer's role may know it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from staging.errors import NotFound, Refused
from staging.people.queries import MERGED_AWAY, person_from_row, person_records, rows
from staging.rules import Action, PersonStatus, Policy, person_status
from staging.rules.duplicates import (
    COMPARED_FIELDS,
    Registration,
    differing_fields,
    merge_needs_confirmation,
    suggested_keep,
)
from staging.store.store import Actor, Store, require

# The statuses of a possible duplicate: waiting for a reviewer, or decided one way or the other.
OPEN, DISMISSED, MERGED = "open", "dismissed", "merged"


@dataclass(frozen=True)
class PairPerson:
    """One registration of a pair, as the list of pairs shows it."""

    id: str
    registration_id: str
    name: str
    date_of_birth: str | None
    a_number: str | None
    household: str | None  # the household's id on the partner's list


@dataclass(frozen=True)
class OpenPair:
    id: str
    score: int
    found_at: str
    first: PairPerson
    second: PairPerson


def _name(given: str, paternal: str, maternal: str) -> str:
    return " ".join(part for part in (given, paternal, maternal) if part)


def open_pairs(store: Store) -> list[OpenPair]:
    """The possible duplicates still waiting for a reviewer, the longest waiting first.

    A pair left on a registration merged away since (its kept person already had the same
    pair) is not shown: the kept person's pair stands for it.
    """
    found = rows(
        store.db,
        "SELECT d.id, d.score, d.found_at, "
        "a.id AS a_id, a.registration_id AS a_registration, a.given_names AS a_given, "
        "a.paternal_surname AS a_paternal, a.maternal_surname AS a_maternal, "
        "a.date_of_birth AS a_birth, a.a_number AS a_number, ha.external_id AS a_household, "
        "b.id AS b_id, b.registration_id AS b_registration, b.given_names AS b_given, "
        "b.paternal_surname AS b_paternal, b.maternal_surname AS b_maternal, "
        "b.date_of_birth AS b_birth, b.a_number AS b_number, hb.external_id AS b_household "
        "FROM possible_duplicate d "
        "JOIN person a ON a.id = d.person_id JOIN household ha ON ha.id = a.household_id "
        "JOIN person b ON b.id = d.other_person_id JOIN household hb ON hb.id = b.household_id "
        f"WHERE d.status = ? AND d.person_id NOT IN ({MERGED_AWAY}) "
        f"AND d.other_person_id NOT IN ({MERGED_AWAY}) "
        "ORDER BY d.found_at, d.id",
        [OPEN],
    )
    return [
        OpenPair(
            row["id"],
            row["score"],
            row["found_at"],
            *(
                PairPerson(
                    row[f"{side}_id"],
                    row[f"{side}_registration"],
                    _name(row[f"{side}_given"], row[f"{side}_paternal"], row[f"{side}_maternal"]),
                    row[f"{side}_birth"],
                    row[f"{side}_number"],
                    row[f"{side}_household"],
                )
                for side in ("a", "b")
            ),
        )
        for row in found
    ]


def open_count(store: Store) -> int:
    """How many pairs wait for a reviewer (the data desk's tab says it)."""
    return store.db.execute(
        f"SELECT count(*) FROM possible_duplicate WHERE status = ? "
        f"AND person_id NOT IN ({MERGED_AWAY}) AND other_person_id NOT IN ({MERGED_AWAY})",
        [OPEN],
    ).fetchone()[0]


# --- one pair, side by side ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldRow:
    """One field of both registrations. The values are as stored, except the household's: its
    id on the partner's list (the reviewer's), not the site's internal one."""

    name: str
    first: Any
    second: Any
    differs: bool


@dataclass(frozen=True)
class Standing:
    """What the site has recorded of one registration, as a reviewer needs it to decide.

    `status` is `person_status` as the reviewer's role may see it: no medical detail for a
    role without medical access. `eoir33` is "none", "started", "complete" or "served".
    """

    id: str
    registration_id: str
    name: str
    household: str | None
    status: PersonStatus
    registered_at: str
    checked_in_at: str | None
    screened: bool
    eoir33: str
    roster_status: str | None
    roster_day: date | None
    wristbands: tuple[str, ...]

    @property
    def registration(self) -> Registration:
        return Registration(self.id, self.registered_at, self.checked_in_at, self.screened)


@dataclass(frozen=True)
class PairView:
    id: str
    score: int
    found_at: str
    status: str
    first: Standing
    second: Standing
    fields: tuple[FieldRow, ...]

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(row.name for row in self.fields if row.differs)

    @property
    def suggested_keep(self) -> str:
        """The one checked in first, else the one registered first."""
        return suggested_keep(self.first.registration, self.second.registration)

    @property
    def needs_confirmation(self) -> bool:
        """Both checked in, or both screened: a merge must be confirmed once more."""
        return merge_needs_confirmation(self.first.registration, self.second.registration)

    def standing(self, person_id: str) -> Standing:
        return self.first if person_id == self.first.id else self.second


class PairDecided(Refused):
    """The pair was already reviewed (dismissed or merged): nothing more to decide."""


def pair_row(db: Database, duplicate_id: str) -> dict[str, Any]:
    """The possible duplicate as stored; a missing one is said so in both languages."""
    found = rows(db, "SELECT * FROM possible_duplicate WHERE id = ?", [duplicate_id])
    if not found:
        raise NotFound(
            f"No possible duplicate {duplicate_id}",
            f"No existe el posible duplicado {duplicate_id}",
        )
    return found[0]


def already_decided(pair: dict[str, Any]) -> PairDecided:
    when = (pair["decided_at"] or "")[:10]
    who = pair["decided_by"] or "?"
    if pair["status"] == MERGED:
        return PairDecided(
            f"These two registrations were already merged by {who} on {when}",
            f"Estos dos registros ya fueron fusionados por {who} el {when}",
        )
    return PairDecided(
        f"These two registrations were already found to be different people by {who} on {when}",
        f"{who} ya indicó el {when} que estos dos registros son personas distintas",
    )


def merged_away_refusal(db: Database, pair: dict[str, Any]) -> PairDecided | None:
    """A pair one of whose registrations was merged into someone else since it was found."""
    merged = db.execute(
        f"SELECT p.registration_id FROM person p WHERE p.id IN (?, ?) AND p.id IN ({MERGED_AWAY})",
        [pair["person_id"], pair["other_person_id"]],
    ).fetchone()
    if merged is None:
        return None
    return PairDecided(
        f"Registration {merged[0]} was already merged into another person: review that "
        "person's possible duplicates instead",
        f"El registro {merged[0]} ya fue fusionado con otra persona: revise los posibles "
        "duplicados de esa persona",
    )


def pair_view(store: Store, actor: Actor, duplicate_id: str) -> PairView:
    """The two registrations side by side, each field with both values, and what each has
    recorded: arrival, screening, Form EOIR-33, roster and wristbands."""
    require(actor, Action.REVIEW_DUPLICATES)
    db = store.db
    pair = pair_row(db, duplicate_id)
    refusal = merged_away_refusal(db, pair)
    if refusal is not None:
        raise already_decided(pair) if pair["status"] == MERGED else refusal
    records = {
        record["id"]: record
        for record in person_records(
            db, "id IN (?, ?)", [pair["person_id"], pair["other_person_id"]]
        )
    }
    first, second = records[pair["person_id"]], records[pair["other_person_id"]]
    today, policy = store.today(), store.policy()
    differing = set(differing_fields(first, second))
    return PairView(
        pair["id"],
        pair["score"],
        pair["found_at"],
        pair["status"],
        _standing(store, first, today, policy, actor),
        _standing(store, second, today, policy, actor),
        tuple(
            FieldRow(name, _shown(first, name), _shown(second, name), name in differing)
            for name in COMPARED_FIELDS
        ),
    )


def _shown(record: dict[str, Any], name: str) -> Any:
    if name == "household_id":
        return record["household_external_id"] or record["household_id"]
    return record[name]


def _standing(
    store: Store, record: dict[str, Any], today: date, policy: Policy, actor: Actor
) -> Standing:
    db = store.db
    person = person_from_row(record)
    person_id = person.id
    arrived = db.execute(
        "SELECT min(checked_in_at) FROM check_in WHERE person_id = ?", [person_id]
    ).fetchone()[0]
    screened = db.execute(
        "SELECT EXISTS (SELECT 1 FROM screening WHERE person_id = ?)", [person_id]
    ).fetchone()[0]
    form = db.execute(
        "SELECT completed_at, served_at FROM eoir33_form WHERE person_id = ?", [person_id]
    ).fetchone()
    bands = db.execute(
        "SELECT code FROM wristband WHERE person_id = ? AND replaced_at IS NULL ORDER BY issued_at",
        [person_id],
    ).fetchall()
    return Standing(
        id=person_id,
        registration_id=person.registration_id,
        name=person.full_name,
        household=record["household_external_id"],
        status=person_status(person, today, policy, actor.role),
        registered_at=record["created_at"],
        checked_in_at=arrived,
        screened=bool(screened),
        eoir33=_form_state(form),
        roster_status=person.travel.roster_status,
        roster_day=person.travel.roster_day,
        wristbands=tuple(code for (code,) in bands),
    )


def _form_state(form: tuple[Any, ...] | None) -> str:
    if form is None:
        return "none"
    completed_at, served_at = form
    if served_at:
        return "served"
    return "complete" if completed_at else "started"
