"""Deciding a possible duplicate: "not the same person" (dismiss) or "same person" (merge).

A merge keeps everything of both registrations. Facts are appended only, so those of the
registration merged away are copied onto the person kept (new ids, their references to one
another remapped) and the originals stay where they were; records (an isolation episode, a
wristband, Form EOIR-33, a roster seat, other possible duplicates) are moved to the person
kept. The registration merged away stays as a row, named by a `person_merge` fact: its
registration id, A-number, internal id and wristbands keep finding the person kept, and no
list shows it (`staging.people.queries.MERGED_AWAY`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from staging.changes import Done
from staging.duplicates.queries import (
    DISMISSED,
    MERGED,
    OPEN,
    already_decided,
    merged_away_refusal,
    pair_row,
)
from staging.errors import Refused
from staging.ids import derived_id
from staging.people.queries import rows
from staging.rules import Action
from staging.rules.duplicates import (
    Registration,
    check_merge_choices,
    differing_fields,
    merge_needs_confirmation,
    merged_values,
)
from staging.store.store import Actor, Store, UnitOfWork

# Facts of the registration merged away, appended again for the person kept, in this order (a
# copy may name an earlier one: a screening corrects or reviews another).
COPIED_FACTS: tuple[str, ...] = (
    "verification_event",
    "check_in",
    "screening",
    "isolation_follow_up",
    "legal_orientation",
    "reopen_document",
    "boarding",
)
# Records moved to the person kept, each as its own rule below says.
MOVED_RECORDS: tuple[str, ...] = (
    "isolation_episode",
    "wristband",
    "eoir33_form",
    "roster_entry",
    "possible_duplicate",
)
# Says who a registration became; never copied or moved.
MERGE_FACT = "person_merge"
# References among copied facts, by table: column → the table it names.
_FACT_REFERENCES: dict[str, dict[str, str]] = {
    "screening": {"corrects_id": "screening", "reviews_id": "screening"},
}


def dismiss(store: Store, actor: Actor, duplicate_id: str) -> Done[None]:
    """Not the same person: the pair is closed, saying who decided and when."""

    def step(work: UnitOfWork) -> None:
        pair = pair_row(work.store.db, duplicate_id)
        if pair["status"] != OPEN:
            raise already_decided(pair)
        work.update(
            "possible_duplicate",
            duplicate_id,
            {"status": DISMISSED, "decided_at": work.at, "decided_by": work.actor.user},
            before=pair,
        )

    return store.run(actor, Action.REVIEW_DUPLICATES, step)


class MergeNeedsConfirmation(Refused):
    """Both registrations were already checked in, or both screened: the reviewer confirms
    they are one person (two people with alike names may have been served), then merges."""


@dataclass(frozen=True)
class Merged:
    """What a merge did: the person kept, the registration merged away, the fields whose value
    came from it, and how many of its facts were copied and records moved, by table."""

    kept_id: str
    merged_id: str
    kept_registration_id: str
    merged_registration_id: str
    taken: tuple[str, ...]
    copied: dict[str, int]
    moved: dict[str, int]


def merge(
    store: Store,
    actor: Actor,
    duplicate_id: str,
    keep: str,
    take_other: Collection[str] = (),
    confirmed: bool = False,
) -> Done[Merged]:
    """Same person: `keep` (one of the pair's people) stays, with the other's value for each
    field in `take_other`, and every fact and record of both. In one transaction, audited.

    Refused, changing nothing, when the pair is already decided, the choices do not fit it, or
    both were checked in or screened and the merge is not `confirmed`.
    """
    return store.run(
        actor,
        Action.MERGE_PEOPLE,
        lambda work: _merge(work, duplicate_id, keep, frozenset(take_other), confirmed),
    )


def _merge(
    work: UnitOfWork, duplicate_id: str, keep: str, take_other: frozenset[str], confirmed: bool
) -> Merged:
    db = work.store.db
    pair = pair_row(db, duplicate_id)
    if pair["status"] != OPEN:
        raise already_decided(pair)
    refusal = merged_away_refusal(db, pair)
    if refusal is not None:
        raise refusal
    ids = (pair["person_id"], pair["other_person_id"])
    people = {row["id"]: row for row in rows(db, "SELECT * FROM person WHERE id IN (?, ?)", ids)}
    first, second = people[ids[0]], people[ids[1]]
    check_merge_choices(ids, keep, take_other, differing_fields(first, second))
    kept = people[keep]
    away = second if keep == ids[0] else first
    if not confirmed:
        _refuse_unconfirmed(work, first, second)
    _take_values(work, kept, away, take_other)
    household = db.execute("SELECT household_id FROM person WHERE id = ?", [keep]).fetchone()[0]
    copies, copied = _copy_facts(work, away["id"], keep)
    moved = _move_records(work, pair, away["id"], keep, household, copies)
    work.insert(
        MERGE_FACT,
        {
            # One registration is merged away once: desks that both merge it make one fact.
            "id": derived_id(away["id"], MERGE_FACT),
            "person_id": away["id"],
            "merged_into": keep,
            "merged_at": work.at,
            "merged_by": work.actor.user,
            "duplicate_id": duplicate_id,
        },
    )
    work.update(
        "possible_duplicate",
        duplicate_id,
        {"status": MERGED, "decided_at": work.at, "decided_by": work.actor.user},
        before=pair,
    )
    return Merged(
        keep,
        away["id"],
        kept["registration_id"],
        away["registration_id"],
        tuple(sorted(take_other)),
        copied,
        moved,
    )


def _refuse_unconfirmed(work: UnitOfWork, first: dict[str, Any], second: dict[str, Any]) -> None:
    """Both checked in, or both screened: say who, and what each has recorded."""
    db = work.store.db
    recorded = {
        person["id"]: Registration(
            person["id"],
            person["created_at"],
            db.execute(
                "SELECT min(checked_in_at) FROM check_in WHERE person_id = ?", [person["id"]]
            ).fetchone()[0],
            bool(
                db.execute(
                    "SELECT EXISTS (SELECT 1 FROM screening WHERE person_id = ?)", [person["id"]]
                ).fetchone()[0]
            ),
        )
        for person in (first, second)
    }
    if not merge_needs_confirmation(recorded[first["id"]], recorded[second["id"]]):
        return

    def described(person: dict[str, Any], language: str) -> str:
        registration = recorded[person["id"]]
        facts = [
            word
            for done, word in (
                (registration.checked_in, ("checked in", "llegó al sitio")),
                (registration.screened, ("screened", "con evaluación de salud")),
            )
            if done
        ]
        said = ", ".join(en if language == "en" else es for en, es in facts)
        name = " ".join(
            p
            for p in (person["given_names"], person["paternal_surname"], person["maternal_surname"])
            if p
        )
        return f"{name} ({person['registration_id']}: {said})"

    raise MergeNeedsConfirmation(
        f"Both registrations already have records at the site: {described(first, 'en')} and "
        f"{described(second, 'en')}. Merge them only if you are sure they are one person: "
        "confirm to merge",
        f"Los dos registros ya tienen datos en el sitio: {described(first, 'es')} y "
        f"{described(second, 'es')}. Fusiónelos solo si está seguro de que son una misma "
        "persona: confirme para fusionar",
    )


def _take_values(
    work: UnitOfWork, kept: dict[str, Any], away: dict[str, Any], take_other: frozenset[str]
) -> None:
    """The chosen values onto the person kept. An A-number belongs to one row (UNIQUE): taken,
    the two are swapped, so the registration merged away keeps the other as an alias."""
    values = merged_values(kept, away, take_other)
    if not values:
        return
    values["updated_at"] = work.at
    if "a_number" not in values:
        work.update("person", kept["id"], values, before=kept)
        return
    work.update("person", away["id"], {"a_number": None}, before=away)
    work.update("person", kept["id"], values, before=kept)
    work.update("person", away["id"], {"a_number": kept["a_number"]}, before={"a_number": None})


def follow_merge(work: UnitOfWork, away: str) -> bool:
    """A registration merged away (here, or on a desk whose merge arrived by sync): the facts
    and records of it that this desk received after the merge — made on desks that did not
    know of it yet — follow it to the person kept, as the merge did with those it found; and on
    along a chain of merges. The copies' ids are the merge's, so every desk that follows makes
    the same ones. Returns whether anything followed."""
    db = work.store.db
    followed = False
    while (
        merge := db.execute(
            "SELECT merged_into, duplicate_id FROM person_merge WHERE person_id = ?", [away]
        ).fetchone()
    ) is not None:
        keep, reviewed = merge
        household = db.execute("SELECT household_id FROM person WHERE id = ?", [keep]).fetchone()
        if household is None:  # the person kept has not arrived yet: followed when it does
            return followed
        copies, copied = _copy_facts(work, away, keep)
        moved = _move_records(work, {"id": reviewed or ""}, away, keep, household[0], copies)
        followed = followed or bool(copied or moved)
        away = keep
    return followed


def _copy_facts(work: UnitOfWork, away: str, keep: str) -> tuple[dict[str, str], dict[str, int]]:
    """Each fact of `away` appended again for `keep` (unless copied already); returns the
    copies' ids by original id, and how many were copied now by table."""
    db = work.store.db
    copies: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for table in COPIED_FACTS:
        for row in rows(db, f"SELECT * FROM {table} WHERE person_id = ? ORDER BY rowid", [away]):
            original = row["id"]
            # The same id on every desk that merges this pair: the copies meet as one record.
            copy = {**row, "id": derived_id(original, keep), "person_id": keep}
            if db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [copy["id"]]).fetchone():
                copies[original] = copy["id"]
                continue
            for column in _FACT_REFERENCES.get(table, {}):
                if copy[column] is not None:
                    copy[column] = copies.get(copy[column], copy[column])
            copies[original] = work.insert(table, copy)
            counts[table] += 1
    return copies, dict(counts)


def _move_records(
    work: UnitOfWork,
    pair: dict[str, Any],
    away: str,
    keep: str,
    household: str,
    copies: dict[str, str],
) -> dict[str, int]:
    """Each record of `away` moved to `keep`; returns how many, by table."""
    db = work.store.db
    counts: Counter[str] = Counter()
    for episode in rows(db, "SELECT * FROM isolation_episode WHERE person_id = ?", [away]):
        screening = copies.get(episode["screening_id"], episode["screening_id"])
        work.update(
            "isolation_episode",
            episode["id"],
            {"person_id": keep, "screening_id": screening},
            before=episode,
        )
        counts["isolation_episode"] += 1
    for band in rows(db, "SELECT id, person_id FROM wristband WHERE person_id = ?", [away]):
        work.update("wristband", band["id"], {"person_id": keep}, before=band)
        counts["wristband"] += 1
    form = rows(db, "SELECT id, person_id FROM eoir33_form WHERE person_id = ?", [away])
    has_form = db.execute("SELECT 1 FROM eoir33_form WHERE person_id = ?", [keep]).fetchone()
    if form and not has_form:  # one form per person: the kept person's own one stands
        work.update("eoir33_form", form[0]["id"], {"person_id": keep}, before=form[0])
        counts["eoir33_form"] += 1
    counts["roster_entry"] += _move_roster_entries(work, away, keep, household)
    counts["possible_duplicate"] += _move_pairs(work, pair["id"], away, keep)
    return {table: count for table, count in counts.items() if count}


def _move_roster_entries(work: UnitOfWork, away: str, keep: str, household: str) -> int:
    """Seats move to the person kept, in their household. On a trip where the kept person has
    a seat too, the other seat is removed (one person, one seat), its boarding kept."""
    db = work.store.db
    moved = 0
    for entry in rows(db, "SELECT * FROM roster_entry WHERE person_id = ?", [away]):
        own = rows(
            db,
            "SELECT * FROM roster_entry WHERE trip_id = ? AND person_id = ?",
            [entry["trip_id"], keep],
        )
        if not own:
            work.update(
                "roster_entry",
                entry["id"],
                {"person_id": keep, "household_id": household, "updated_at": work.at},
                before=entry,
            )
            moved += 1
            continue
        work.update(
            "roster_entry", entry["id"], {"status": "removed", "updated_at": work.at}, before=entry
        )
        if entry["status"] == "boarded" and own[0]["status"] != "boarded":
            work.update(
                "roster_entry",
                own[0]["id"],
                {"status": "boarded", "updated_at": work.at},
                before=own[0],
            )
    for entry in rows(
        db,
        "SELECT * FROM roster_entry WHERE person_id = ? AND household_id != ? "
        "AND status != 'removed'",
        [keep, household],
    ):
        work.update(
            "roster_entry",
            entry["id"],
            {"household_id": household, "updated_at": work.at},
            before=entry,
        )
    return moved


def _move_pairs(work: UnitOfWork, reviewed: str, away: str, keep: str) -> int:
    """The merged-away registration's other possible duplicates become the kept person's.
    One with the kept person is the same pair flagged twice: decided with this one. One the
    kept person already has stays where it is, out of the lists (theirs stands for it)."""
    db = work.store.db
    moved = 0
    for pair in rows(
        db,
        "SELECT * FROM possible_duplicate WHERE (person_id = ? OR other_person_id = ?) AND id != ?",
        [away, away, reviewed],
    ):
        other = pair["other_person_id"] if pair["person_id"] == away else pair["person_id"]
        if other == keep:
            if pair["status"] == OPEN:
                work.update(
                    "possible_duplicate",
                    pair["id"],
                    {"status": MERGED, "decided_at": work.at, "decided_by": work.actor.user},
                    before=pair,
                )
            continue
        low, high = sorted((keep, other))  # stored in this order, as imports flag them
        known = db.execute(
            "SELECT 1 FROM possible_duplicate WHERE person_id IN (?, ?) "
            "AND other_person_id IN (?, ?)",
            [low, high, low, high],
        ).fetchone()
        if known:
            continue
        work.update(
            "possible_duplicate",
            pair["id"],
            {"person_id": low, "other_person_id": high},
            before=pair,
        )
        moved += 1
    return moved
