"""Importing a registration list into the site database, through the one write path.

Good rows land in one transaction (all of them or none); bad rows and conflicts go, untouched,
to a rejects file beside the input with a specific reason. Re-importing updates by
registration id. Likely duplicates are flagged for review, never merged.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from staging.ids import new_id
from staging.people.fields import PERSON_FIELDS, names
from staging.registration.columns import map_headers
from staging.registration.problems import ImportFileError, ProblemCode
from staging.registration.reader import read_table
from staging.registration.rejects import write_rejects
from staging.registration.validate import RegistrationRecord, RowProblem, validate_rows
from staging.rules import Action, Policy, possible_duplicate
from staging.store.store import Actor, Store, UnitOfWork, utc_timestamp
from staging.text import name_key

# New people are written this many at a time (bounds an import's memory).
PEOPLE_PER_BATCH = 5_000
DATE_FIELDS = names(field for field in PERSON_FIELDS if field.kind == "date")
# Free text, stored as validation tidied it; person_values converts the other fields.
_TEXT_FIELDS = names(field for field in PERSON_FIELDS if field.kind in ("text", "note"))


@dataclass
class ImportSummary:
    file: str
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    households: int = 0
    possible_duplicates: int = 0
    conflicts: int = 0
    rejects_file: str | None = None
    unknown_columns: list[str] = field(default_factory=list)
    repeated_columns: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["problems"] = [
            {
                "row": p.row_number,
                "column": p.column,
                "value": p.value,
                "code": str(p.code),
                "message_en": p.message_en,
                "message_es": p.message_es,
            }
            for p in self.problems
        ]
        return data


_TEXT_OF = attrgetter(*_TEXT_FIELDS)


def person_values(record: RegistrationRecord) -> dict[str, Any]:
    """The person columns as stored: ISO dates, flags as a sorted `;` list."""
    values: dict[str, Any] = dict(zip(_TEXT_FIELDS, _TEXT_OF(record), strict=True))
    values["sex"] = str(record.sex)
    values["a_number"] = record.a_number
    values["case_status"] = str(record.case_status)
    values["vulnerabilities"] = ";".join(sorted(record.vulnerabilities))
    for name in DATE_FIELDS:
        day = getattr(record, name)
        values[name] = day.isoformat() if day else None
    return values


def _conflict(row_number: int, column: str, value: str, code: ProblemCode, en: str, es: str):
    return RowProblem(
        row_number=row_number,
        column=column,
        value=value,
        code=code,
        message_en=f"Row {row_number}: {en}",
        message_es=f"Fila {row_number}: {es}",
    )


def import_registrations(store: Store, actor: Actor, path: Path) -> ImportSummary:
    """Import one file; raises `ImportFileError` if the file as a whole cannot be read."""
    path = Path(path)
    source = read_table(path)
    header_map = map_headers(source.headers)
    if header_map.missing_required:
        raise ImportFileError.missing_columns(header_map.missing_required)
    today = store.today()
    summary = ImportSummary(
        file=str(path),
        unknown_columns=list(header_map.unknown),
        repeated_columns=list(header_map.duplicates),
    )

    accepted: list[tuple[int, RegistrationRecord]] = []
    outcomes = validate_rows(source.rows, header_map, today=today)
    for row, outcome in zip(source.rows, outcomes, strict=True):
        if isinstance(outcome, RowProblem):
            summary.problems.append(outcome)
        else:
            accepted.append((row.number, outcome))

    existing = _existing_people(store)
    accepted = _drop_conflicts(accepted, existing, summary)

    # Only the rejected rows are needed from here on (for the rejects file): let the rest go.
    rejected_rows = {problem.row_number for problem in summary.problems}
    source = replace(source, rows=[row for row in source.rows if row.number in rejected_rows])
    del outcomes, rejected_rows

    with store.write(actor, Action.IMPORT_REGISTRATIONS) as work:
        touched = _write_people(work, store, accepted, existing, summary)
        del accepted, existing
        summary.possible_duplicates = _flag_possible_duplicates(
            work, store, touched, store.policy()
        )
        summary.rejected = len(summary.problems)
        # Before the commit: if the rejects file cannot be written (a read-only stick, a file
        # open in Excel), nothing is imported, so "import again" is always the right advice.
        rejects = write_rejects(source, summary.problems, path)
        summary.rejects_file = str(rejects) if rejects else None
        work.insert(
            "import_batch",
            {
                "file_name": path.name,
                "imported_at": work.at,
                "imported_by": actor.user,
                "summary": json.dumps(
                    {k: v for k, v in summary.as_dict().items() if k != "problems"}
                ),
            },
        )
    return summary


def _existing_people(store: Store) -> dict[str, dict[str, Any]]:
    columns = ["id", *names(PERSON_FIELDS)]
    cursor = store.db.execute(f"SELECT {', '.join(columns)} FROM person")
    rows = (dict(zip(columns, row, strict=True)) for row in cursor)
    return {row["registration_id"]: row for row in rows}


def _drop_conflicts(
    accepted: list[tuple[int, RegistrationRecord]],
    existing: dict[str, dict[str, Any]],
    summary: ImportSummary,
) -> list[tuple[int, RegistrationRecord]]:
    """A registration id twice in a file, or an A-number held by someone else, is a conflict."""
    a_number_owner = {row["a_number"]: reg for reg, row in existing.items() if row["a_number"]}
    row_of_registration: dict[str, int] = {}
    row_of_a_number: dict[str, tuple[int, str]] = {}
    kept = []
    for row_number, record in accepted:
        reg = record.registration_id
        if reg in row_of_registration:
            summary.problems.append(
                _conflict(
                    row_number,
                    "registration_id",
                    reg,
                    ProblemCode.DUPLICATE_REGISTRATION_ID,
                    f"registration_id {reg} is already on row {row_of_registration[reg]}",
                    f"el id de registro {reg} ya está en la fila {row_of_registration[reg]}",
                )
            )
            summary.conflicts += 1
            continue
        a_number = record.a_number
        if a_number in row_of_a_number:
            other_row, other_reg = row_of_a_number[a_number]
            problem = _conflict(
                row_number,
                "a_number",
                a_number,
                ProblemCode.A_NUMBER_CONFLICT,
                f"A-number {a_number} is also on row {other_row} ({other_reg})",
                f"el número A {a_number} también está en la fila {other_row} ({other_reg})",
            )
        elif a_number_owner.get(a_number, reg) != reg:
            owner = a_number_owner[a_number]
            problem = _conflict(
                row_number,
                "a_number",
                a_number,
                ProblemCode.A_NUMBER_CONFLICT,
                f"A-number {a_number} already belongs to registration {owner}",
                f"el número A {a_number} ya pertenece al registro {owner}",
            )
        else:
            row_of_registration[reg] = row_number
            row_of_a_number[a_number] = (row_number, reg)
            kept.append((row_number, record))
            continue
        summary.problems.append(problem)
        summary.conflicts += 1
    summary.problems.sort(key=lambda p: p.row_number)
    return kept


def _write_people(
    work: UnitOfWork,
    store: Store,
    accepted: list[tuple[int, RegistrationRecord]],
    existing: dict[str, dict[str, Any]],
    summary: ImportSummary,
) -> dict[str, str | None]:
    """New households and people go in as batches; changed people are updated one by one.

    Returns the people added or changed, with their dates of birth.
    """
    households = dict(
        store.db.execute("SELECT external_id, id FROM household WHERE external_id IS NOT NULL")
    )
    new_households: list[dict[str, Any]] = []
    household_of = [
        _household_for(
            households, new_households, record, existing.get(record.registration_id), work.at
        )
        for _, record in accepted
    ]
    work.insert_many("household", new_households)
    del new_households
    touched: dict[str, str | None] = {}  # person id → date of birth
    fresh: list[tuple[RegistrationRecord, str]] = []
    for (_, record), household_id in zip(accepted, household_of, strict=True):
        current = existing.get(record.registration_id)
        if current is None:
            fresh.append((record, household_id))
            continue
        values = person_values(record)
        values["household_id"] = household_id
        changed = {k: v for k, v in values.items() if current[k] != v}
        if changed:
            work.update("person", current["id"], {**changed, "updated_at": work.at}, before=current)
            summary.updated += 1
            touched[current["id"]] = values["date_of_birth"]
        else:
            summary.unchanged += 1
    # New people go in a batch at a time, so only one batch of rows is in memory at once.
    for start in range(0, len(fresh), PEOPLE_PER_BATCH):
        new_people = [
            {
                "id": new_id(),
                "registration_id": record.registration_id,
                "household_id": household_id,
                **person_values(record),
                "source": "import",
                "created_at": work.at,
                "updated_at": work.at,
            }
            for record, household_id in fresh[start : start + PEOPLE_PER_BATCH]
        ]
        ids = work.insert_many("person", new_people)
        touched.update(zip(ids, (row["date_of_birth"] for row in new_people), strict=True))
    summary.imported = len(fresh)
    summary.households = len(set(household_of))
    return touched


def _household_for(
    households: dict[str, str],
    new_households: list[dict[str, Any]],
    record: RegistrationRecord,
    current: dict[str, Any] | None,
    at: str,
) -> str:
    """Rows sharing `household_id` form one household; a blank one keeps or makes a household."""
    external = record.household_id
    if not external and current is not None:
        return current["household_id"]
    if external and external in households:
        return households[external]
    household = {"id": new_id(), "external_id": external or None, "created_at": at}
    new_households.append(household)
    if external:
        households[external] = household["id"]
    return household["id"]


def _flag_possible_duplicates(
    work: UnitOfWork, store: Store, touched: dict[str, str | None], policy: Policy
) -> int:
    """Pairs with the same date of birth and alike names, at least one of them just imported."""
    if not touched:
        return 0
    births = sorted({birth for birth in touched.values() if birth})
    by_birth: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for person_id, birth, given, paternal, maternal in store.db.execute(
        "SELECT id, date_of_birth, given_names, paternal_surname, maternal_surname FROM person "
        "WHERE date_of_birth IN (SELECT value FROM json_each(?))",
        [json.dumps(births)],
    ):
        key = name_key(given, paternal, maternal)
        by_birth[birth].append((person_id, key, frozenset(key.split())))
    known = {
        (a, b)
        for a, b in store.db.execute("SELECT person_id, other_person_id FROM possible_duplicate")
    }
    threshold = policy.duplicates.possible_duplicate_min_score
    # A cheap first look that cannot miss a pair scoring at least the threshold: each half of
    # name_similarity, with rapidfuzz's cut-off one point below it (a cut-off only skips work,
    # and the point covers any rounding in it); a pair that passes is then scored in full.
    cutoff = max(threshold - 1, 0)
    prefilter = threshold > 1
    found = 0
    for group in by_birth.values():
        for i, (first_id, first_name, first_words) in enumerate(group):
            first_touched = first_id in touched
            for second_id, second_name, second_words in group[i + 1 :]:
                if not first_touched and second_id not in touched:
                    continue
                if prefilter and not _may_be_alike(
                    first_name, second_name, first_words, second_words, cutoff
                ):
                    continue
                pair = (first_id, second_id) if first_id < second_id else (second_id, first_id)
                if pair in known:
                    continue
                score = name_similarity(first_name, second_name)
                if possible_duplicate(score, same_birth_date=True, policy=policy.duplicates):
                    work.insert(
                        "possible_duplicate",
                        {
                            "id": new_id(),
                            "person_id": pair[0],
                            "other_person_id": pair[1],
                            "score": round(score),
                            "status": "open",
                            "found_at": utc_timestamp(store.clock),
                        },
                    )
                    known.add(pair)
                    found += 1
    return found


def _may_be_alike(
    first: str,
    second: str,
    first_words: frozenset[str],
    second_words: frozenset[str],
    cutoff: float,
) -> bool:
    """False only if `name_similarity(first, second)` is below `cutoff`: each of its halves
    with rapidfuzz's `score_cutoff`, which returns 0 below the cut-off instead of the score."""
    if fuzz.token_sort_ratio(first, second, score_cutoff=cutoff):
        return True
    return len(first_words & second_words) >= 2 and bool(
        fuzz.token_set_ratio(first, second, score_cutoff=cutoff)
    )


def name_similarity(first: str, second: str) -> float:
    """Order-free similarity of two folded names; a missing second surname still scores high."""
    score = fuzz.token_sort_ratio(first, second)
    shared = set(first.split()) & set(second.split())
    if len(shared) >= 2:
        score = max(score, fuzz.token_set_ratio(first, second))
    return score
