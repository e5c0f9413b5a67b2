"""Walk-ins: people who arrive on no list. Before saving, the desk sees who they may already
be (same A-number, or same birth date and alike names), so nobody is registered twice."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from staging.changes import Done
from staging.domain import CaseStatus, Verification
from staging.errors import Refused
from staging.people import queries
from staging.registration.parsing import parse_a_number
from staging.registration.service import name_similarity
from staging.rules import Action, Policy, possible_duplicate
from staging.store.store import Actor, Store, UnitOfWork
from staging.text import name_key
from staging.wristbands.codes import ALPHABET


@dataclass
class WalkIn:
    """One person registered at the desk, not on any list: verification is needed."""

    given_names: str
    paternal_surname: str
    date_of_birth: date
    maternal_surname: str = ""
    sex: str = ""
    nationality: str = ""
    a_number: str = ""
    phone: str = ""
    notes: str = ""
    vulnerabilities: frozenset[str] = field(default_factory=frozenset)


def possible_matches(store: Store, walk_in: WalkIn, policy: Policy) -> list[dict[str, Any]]:
    """People already registered who may be this walk-in (same A-number, or same birth date
    and alike names) — shown before saving, so nobody is registered twice."""
    db = store.db
    matches: dict[str, dict[str, Any]] = {}
    digits = _a_number_or_none(walk_in.a_number)
    if digits:
        for record in queries.person_records(db, "a_number = ?", [digits]):
            matches[record["id"]] = record
    key = name_key(walk_in.given_names, walk_in.paternal_surname, walk_in.maternal_surname)
    for record in queries.person_records(
        db, "date_of_birth = ?", [walk_in.date_of_birth.isoformat()]
    ):
        other = name_key(
            record["given_names"], record["paternal_surname"], record["maternal_surname"]
        )
        score = name_similarity(key, other)
        if possible_duplicate(score, same_birth_date=True, policy=policy.duplicates):
            matches[record["id"]] = record
    return list(matches.values())


def register_walk_ins(store: Store, actor: Actor, members: list[WalkIn]) -> Done[list[str]]:
    """Register a household that is on no list; returns the new people's ids."""
    if not members:
        raise Refused(
            "A household needs at least one person", "Un hogar necesita al menos una persona"
        )
    for member in members:
        if not member.given_names.strip() or not member.paternal_surname.strip():
            raise Refused(
                "Given names and paternal surname are required",
                "Los nombres y el apellido paterno son obligatorios",
            )
    today = store.today()
    for member in members:
        if member.date_of_birth > today:
            raise Refused(
                f"The birth date {member.date_of_birth.isoformat()} is in the future",
                f"La fecha de nacimiento {member.date_of_birth.isoformat()} está en el futuro",
            )
    _check_a_numbers_free(store, members)
    return store.run(actor, Action.REGISTER_WALK_IN, lambda work: _register(work, members, today))


def _register(work: UnitOfWork, members: list[WalkIn], today: date) -> list[str]:
    stamp = today.strftime("%Y%m%d")
    household_id = work.insert(
        "household", {"external_id": f"WI-{stamp}-{_short_code()}", "created_at": work.at}
    )
    person_ids = []
    for member in members:
        person_ids.append(
            work.insert(
                "person",
                {
                    "registration_id": f"WI-{stamp}-{_short_code()}",
                    "household_id": household_id,
                    "given_names": member.given_names.strip(),
                    "paternal_surname": member.paternal_surname.strip(),
                    "maternal_surname": member.maternal_surname.strip(),
                    "date_of_birth": member.date_of_birth.isoformat(),
                    "sex": member.sex,
                    "nationality": member.nationality.strip(),
                    "a_number": _a_number_or_none(member.a_number),
                    "case_status": str(CaseStatus.UNKNOWN),
                    "phone": member.phone.strip(),
                    "notes": member.notes.strip(),
                    "vulnerabilities": ";".join(sorted(member.vulnerabilities)),
                    "source": "walk_in",
                    "created_at": work.at,
                    "updated_at": work.at,
                },
            )
        )
    for person_id in person_ids:
        work.insert(
            "verification_event",
            {
                "person_id": person_id,
                "state": str(Verification.UNVERIFIED),
                "note": "walk-in: verification needed",
                "recorded_at": work.at,
                "recorded_by": work.actor.user,
            },
        )
    return person_ids


def _check_a_numbers_free(store: Store, members: list[WalkIn]) -> None:
    """An A-number belongs to one person: refuse before saving, with whose it is."""
    seen: set[str] = set()
    for member in members:
        digits = _a_number_or_none(member.a_number)
        if digits is None:
            continue
        if digits in seen:
            raise Refused(
                f"A-number {digits} is given for two people",
                f"El número A {digits} aparece en dos personas",
            )
        seen.add(digits)
        owner = store.db.execute(
            "SELECT registration_id FROM person WHERE a_number = ?", [digits]
        ).fetchone()
        if owner:
            raise Refused(
                f"A-number {digits} already belongs to registration {owner[0]}: open that record",
                f"El número A {digits} ya pertenece al registro {owner[0]}: abra ese registro",
            )


def _a_number_or_none(text: str) -> str | None:
    return parse_a_number(text) if text.strip() else None


def _short_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(6))
