"""What the intake desk does all day: find a household from a scan, check it in, register a
walk-in, correct contact details, and issue wristbands.

Every write goes through the store's one write path; the screens only call these functions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlite_utils import Database

from staging.domain import CaseStatus, Verification
from staging.errors import NotFound, Refused
from staging.people import queries
from staging.registration.parsing import FieldProblem, parse_a_number, parse_vulnerabilities
from staging.registration.service import name_similarity
from staging.rules import Action, Policy, possible_duplicate
from staging.store.store import Actor, Store
from staging.text import name_key
from staging.wristbands.codes import ALPHABET, new_band_code, normalize_band_code

# What intake staff may correct on a person's record (identity fields come from the lists).
CONTACT_FIELDS = frozenset(
    {
        "phone",
        "email",
        "us_address_street",
        "us_address_city",
        "us_address_state",
        "us_address_zip",
        "us_contact_name",
        "us_contact_phone",
        "languages",
        "notes",
        "vulnerabilities",
    }
)


# --- finding ---------------------------------------------------------------------------------


def resolve_scan(db: Database, scanned: str) -> dict[str, Any] | None:
    """The person behind a wristband code, an A-number or a registration id, as scanned/typed.

    A band code whose check character fails finds no one, rather than someone else.
    """
    text = scanned.strip()
    if not text:
        return None
    code = normalize_band_code(text)
    if code is not None:
        row = db.execute(
            "SELECT person_id FROM wristband WHERE code = ? AND replaced_at IS NULL", [code]
        ).fetchone()
        return queries.find_person(db, row[0]) if row else None
    return queries.find_person(db, text)


@dataclass(frozen=True)
class DeskCounts:
    expected_today: int
    arrived_today: int
    everyone: int


def desk_counts(db: Database, today: date, day_start_utc: str) -> DeskCounts:
    """The three numbers on the desk's tabs; `day_start_utc` comes from `clock.site_day_start`."""
    expected = db.execute(
        "SELECT count(*) FROM person WHERE appointment_date = ?", [today.isoformat()]
    ).fetchone()[0]
    arrived = db.execute(
        "SELECT count(DISTINCT person_id) FROM check_in WHERE checked_in_at >= ?", [day_start_utc]
    ).fetchone()[0]
    everyone = db.execute("SELECT count(*) FROM person").fetchone()[0]
    return DeskCounts(expected, arrived, everyone)


def expected_today(db: Database, today: date) -> list[dict[str, Any]]:
    return queries.person_records(
        db,
        "appointment_date = ? ORDER BY household_external_id, date_of_birth",
        [today.isoformat()],
    )


def arrived_since(db: Database, day_start_utc: str) -> list[dict[str, Any]]:
    return queries.person_records(
        db,
        "id IN (SELECT person_id FROM check_in WHERE checked_in_at >= ?) "
        "ORDER BY household_external_id, date_of_birth",
        [day_start_utc],
    )


def everyone(db: Database, offset: int, limit: int) -> list[dict[str, Any]]:
    """Everyone on the site a page at a time, households together: 100,000 are not read at once."""
    return queries.person_records(
        db,
        "1 ORDER BY household_external_id, date_of_birth, registration_id LIMIT ? OFFSET ?",
        [limit, offset],
    )


# --- walk-ins --------------------------------------------------------------------------------


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


def possible_matches(db: Database, walk_in: WalkIn, policy: Policy) -> list[dict[str, Any]]:
    """People already registered who may be this walk-in (same A-number, or same birth date
    and alike names) — shown before saving, so nobody is registered twice."""
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
        if possible_duplicate(name_similarity(key, other), same_birth_date=True, policy=policy):
            matches[record["id"]] = record
    return list(matches.values())


def register_walk_ins(store: Store, actor: Actor, members: list[WalkIn]) -> list[str]:
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
    _check_a_numbers_free(store.db, members)
    stamp = today.strftime("%Y%m%d")
    with store.write(actor, Action.REGISTER_WALK_IN) as work:
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
                    "recorded_by": actor.user,
                },
            )
    return person_ids


def _check_a_numbers_free(db: Database, members: list[WalkIn]) -> None:
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
        owner = db.execute(
            "SELECT registration_id FROM person WHERE a_number = ?", [digits]
        ).fetchone()
        if owner:
            raise Refused(
                f"A-number {digits} already belongs to registration {owner[0]}: open that record",
                f"El número A {digits} ya pertenece al registro {owner[0]}: abra ese registro",
            )


def _a_number_or_none(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        return parse_a_number(text)
    except FieldProblem as problem:
        raise Refused(problem.message_en, problem.message_es) from problem


def _short_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(6))


# --- corrections -----------------------------------------------------------------------------


def update_contact(store: Store, actor: Actor, person_id: str, changes: dict[str, str]) -> bool:
    """Correct contact details or vulnerability flags (audited, before and after)."""
    refused = set(changes) - CONTACT_FIELDS
    if refused:
        raise Refused(
            f"These fields are not changed at the desk: {', '.join(sorted(refused))}",
            f"Estos campos no se cambian en el mostrador: {', '.join(sorted(refused))}",
        )
    current = queries.find_person(store.db, person_id)
    if current is None:
        raise NotFound(f"No person {person_id}", f"No existe la persona {person_id}")
    cleaned = {k: v.strip() for k, v in changes.items()}
    if "vulnerabilities" in cleaned:
        try:
            flags = parse_vulnerabilities(cleaned["vulnerabilities"])
        except FieldProblem as problem:
            raise Refused(problem.message_en, problem.message_es) from problem
        cleaned["vulnerabilities"] = ";".join(sorted(flags))
    changed = {k: v for k, v in cleaned.items() if current[k] != v}
    if not changed:
        return False
    with store.write(actor, Action.EDIT_CONTACT) as work:
        work.update("person", person_id, {**changed, "updated_at": work.at}, before=current)
    return True


# --- wristbands ------------------------------------------------------------------------------


def issue_bands(store: Store, actor: Actor, person_ids: list[str]) -> dict[str, str]:
    """A new band code per person; a band printed before is marked replaced (lost, torn)."""
    codes: dict[str, str] = {}
    with store.write(actor, Action.CHECK_IN) as work:
        for person_id in person_ids:
            for (band_id,) in store.db.execute(
                "SELECT id FROM wristband WHERE person_id = ? AND replaced_at IS NULL",
                [person_id],
            ).fetchall():
                work.update("wristband", band_id, {"replaced_at": work.at})
            code = new_band_code()
            work.insert(
                "wristband",
                {
                    "person_id": person_id,
                    "code": code,
                    "issued_at": work.at,
                    "issued_by": actor.user,
                    "replaced_at": None,
                },
            )
            codes[person_id] = code
    return codes


def card_codes(store: Store, actor: Actor, person_ids: list[str]) -> dict[str, str]:
    """The code for an ID card: the band's if the person wears one (both must scan), else new."""
    if not person_ids:
        return {}
    marks = ", ".join("?" for _ in person_ids)
    active = dict(
        store.db.execute(
            "SELECT person_id, code FROM wristband "
            f"WHERE replaced_at IS NULL AND person_id IN ({marks})",
            person_ids,
        )
    )
    missing = [p for p in person_ids if p not in active]
    return {**active, **(issue_bands(store, actor, missing) if missing else {})}
