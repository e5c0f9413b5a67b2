"""Walk-ins: people who arrive on no list. Before saving, the desk sees who they may already
be (same A-number, or same birth date and alike names), so nobody is registered twice."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from staging.changes import Done
from staging.domain import CaseStatus, Verification
from staging.errors import Refused
from staging.people import queries
from staging.people.contact import normalise_phone
from staging.registration.cells import clean_text
from staging.registration.name_matching import name_similarity
from staging.registration.parsing import parse_a_number, parse_date, parse_sex
from staging.registration.problems import FieldProblem, ProblemCode
from staging.rules import Action, Policy, possible_duplicate
from staging.store.store import Actor, Store, UnitOfWork
from staging.text import name_key
from staging.vocabulary import Words
from staging.wristbands.codes import ALPHABET

T = TypeVar("T")


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


# The fields of one person on the walk-in form, in the order the form asks them.
FORM_FIELDS = (
    "given_names",
    "paternal_surname",
    "maternal_surname",
    "date_of_birth",
    "sex",
    "nationality",
    "a_number",
    "phone",
)
_REQUIRED: dict[str, Words] = {
    "given_names": Words("Given names are required", "Los nombres son obligatorios"),
    "paternal_surname": Words(
        "The paternal surname is required", "El apellido paterno es obligatorio"
    ),
    "date_of_birth": Words(
        "The date of birth is required", "La fecha de nacimiento es obligatoria"
    ),
}
# How a problem found by a parser names its field: the parsers say only what is wrong
# ("is not a real date"), the desk also says with what.
_SUBJECTS: dict[str, Words] = {
    "date_of_birth": Words("Date of birth", "La fecha de nacimiento"),
    "sex": Words("Sex", "El sexo"),
    "a_number": Words("A-number", "El número A"),
}


class WalkInProblems(Refused):
    """Everything wrong on a walk-in form, by person (counted from 0) and field; the message
    has one line per person, with each of their problems."""

    def __init__(self, problems: dict[tuple[int, str], FieldProblem]) -> None:
        by_person: dict[int, list[FieldProblem]] = {}
        for (index, _), problem in problems.items():
            by_person.setdefault(index, []).append(problem)
        super().__init__(
            "\n".join(
                f"Person {index + 1}: {'. '.join(p.message_en for p in found)}."
                for index, found in by_person.items()
            ),
            "\n".join(
                f"Persona {index + 1}: {'. '.join(p.message_es for p in found)}."
                for index, found in by_person.items()
            ),
        )
        self.problems = problems


def read_walk_ins(forms: Sequence[Mapping[str, str]], today: date) -> list[WalkIn]:
    """The people as typed on the walk-in form (one mapping of FORM_FIELDS each).

    Every problem of every person is collected first, so the desk can mark all the missing
    and wrong fields at once instead of one per attempt.
    """
    people: list[WalkIn] = []
    problems: dict[tuple[int, str], FieldProblem] = {}
    for index, form in enumerate(forms):
        typed = {name: form.get(name, "").strip() for name in FORM_FIELDS}
        found: dict[str, FieldProblem] = {}
        born = _parsed(found, "date_of_birth", typed["date_of_birth"], parse_date)
        if not typed["date_of_birth"]:
            found["date_of_birth"] = _required("date_of_birth")
        sex = _parsed(found, "sex", typed["sex"], parse_sex)
        # A missing or unreadable birth date is already reported; today stands in for it so
        # that the other fields are still checked.
        person, wrong = _checked(
            WalkIn(
                given_names=typed["given_names"],
                paternal_surname=typed["paternal_surname"],
                maternal_surname=typed["maternal_surname"],
                date_of_birth=born or today,
                sex=str(sex or ""),
                nationality=typed["nationality"],
                a_number=typed["a_number"],
                phone=typed["phone"],
            ),
            today,
        )
        found = {**wrong, **found}
        problems.update({(index, name): found[name] for name in FORM_FIELDS if name in found})
        people.append(person)
    if problems:
        raise WalkInProblems(problems)
    return people


def _checked(member: WalkIn, today: date) -> tuple[WalkIn, dict[str, FieldProblem]]:
    """The member with names trimmed and A-number and phone in their stored form, and what is
    wrong with them, by field. The one set of checks of a walk-in, whoever registers it."""
    found: dict[str, FieldProblem] = {}
    names: dict[str, str] = {}
    for name in ("given_names", "paternal_surname", "maternal_surname", "nationality"):
        try:
            names[name] = clean_text(getattr(member, name))  # NFC, nothing invisible
        except FieldProblem as problem:
            found[name] = problem
            names[name] = getattr(member, name).strip()
    for name in ("given_names", "paternal_surname"):
        if name not in found and not names[name]:
            found[name] = _required(name)
    if member.date_of_birth > today:
        born = member.date_of_birth.isoformat()
        found["date_of_birth"] = FieldProblem(
            ProblemCode.DATE_FUTURE,
            f"The birth date {born} is in the future",
            f"La fecha de nacimiento {born} está en el futuro",
        )
    a_number = _parsed(found, "a_number", member.a_number.strip(), parse_a_number)
    phone = member.phone.strip()
    if phone:
        try:
            phone = normalise_phone(phone, "MX")
        except FieldProblem as problem:
            found["phone"] = problem
    cleaned = replace(member, **names, a_number=a_number or "", phone=phone)
    return cleaned, found


def _parsed(
    found: dict[str, FieldProblem], name: str, text: str, parse: Callable[[str], T]
) -> T | None:
    """The typed text parsed, or None if blank or wrong (then noted in `found` by field)."""
    if not text:
        return None
    try:
        return parse(text)
    except FieldProblem as problem:
        subject = _SUBJECTS[name]
        found[name] = FieldProblem(
            problem.code,
            f"{subject.en} “{text}” {problem.message_en}",
            f"{subject.es} “{text}” {problem.message_es}",
        )
        return None


def _required(name: str) -> FieldProblem:
    words = _REQUIRED[name]
    return FieldProblem(ProblemCode.REQUIRED, words.en, words.es)


def possible_matches(store: Store, walk_in: WalkIn, policy: Policy) -> list[dict[str, Any]]:
    """People already registered who may be this walk-in (same A-number, or same birth date
    and alike names) — shown before saving, so nobody is registered twice."""
    db = store.db
    matches: dict[str, dict[str, Any]] = {}
    digits = _a_number_or_none(walk_in.a_number)
    if digits and (owner := queries.a_number_owner(store, digits)) is not None:
        matches[owner["id"]] = owner
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
    today = store.today()
    checked = [_checked(member, today) for member in members]
    problems = {
        (index, name): problem
        for index, (_, found) in enumerate(checked)
        for name, problem in found.items()
    }
    if problems:
        raise WalkInProblems(problems)
    people = [member for member, _ in checked]
    _check_a_numbers_free(store, people)
    return store.run(actor, Action.REGISTER_WALK_IN, lambda work: _register(work, people, today))


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
                    "given_names": member.given_names,
                    "paternal_surname": member.paternal_surname,
                    "maternal_surname": member.maternal_surname,
                    "date_of_birth": member.date_of_birth.isoformat(),
                    "sex": member.sex,
                    "nationality": member.nationality,
                    "a_number": _a_number_or_none(member.a_number),
                    "case_status": str(CaseStatus.UNKNOWN),
                    "phone": member.phone,
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
        owner = queries.a_number_owner(store, digits)
        if owner:
            registration = owner["registration_id"]
            raise Refused(
                f"A-number {digits} already belongs to registration {registration}: "
                "open that record",
                f"El número A {digits} ya pertenece al registro {registration}: abra ese registro",
            )


def _a_number_or_none(text: str) -> str | None:
    return parse_a_number(text) if text.strip() else None


def _short_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(6))
