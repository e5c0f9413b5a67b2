"""Form EOIR-33's fields as typed, and their checks.

A case is moved only to a fixed address, and a court that cannot use the address sends its
notices nowhere: a wrong state or ZIP is refused while the person is still at the table, and
an address that is only a P.O. box or "in care of" is flagged. Every problem is reported at
once, each under its own field, so the form is corrected in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date
from functools import partial
from typing import Any

from staging.errors import Refused
from staging.people.contact import check_zip, normalise_email, normalise_phone, us_state_code
from staging.registration.cells import clean_text
from staging.registration.parsing import parse_a_number
from staging.registration.problems import FieldProblem, ProblemCode
from staging.vocabulary import Words


@dataclass(frozen=True)
class Eoir33Entry:
    """The form's fields as typed (and stored): the name, the A-number, both addresses."""

    last_name: str = ""
    first_name: str = ""
    middle_name: str = ""
    suffix: str = ""
    a_number: str = ""
    current_street: str = ""
    current_apartment: str = ""
    current_city: str = ""
    current_state: str = ""
    current_zip: str = ""
    current_phone: str = ""
    current_email: str = ""
    in_care_of: str = ""
    former_street: str = ""
    former_apartment: str = ""
    former_city: str = ""
    former_state: str = ""
    former_zip: str = ""
    former_country: str = ""
    former_phone: str = ""
    former_email: str = ""
    signed_on: date | None = None

    def values(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Eoir33Entry:
        values = {f.name: row[f.name] for f in fields(cls) if f.name in row}
        signed = values.get("signed_on")
        values["signed_on"] = date.fromisoformat(signed) if signed else None
        return cls(**{k: ("" if v is None and k != "signed_on" else v) for k, v in values.items()})


ENTRY_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Eoir33Entry))
ADDRESS_FIELDS = (
    "current_street",
    "current_apartment",
    "current_city",
    "current_state",
    "current_zip",
    "in_care_of",
)

FIELD_NAMES: dict[str, Words] = {
    "last_name": Words("Last name", "Apellidos"),
    "first_name": Words("First name", "Nombre"),
    "middle_name": Words("Middle name", "Segundo nombre"),
    "suffix": Words("Suffix", "Sufijo"),
    "a_number": Words("A-number", "Número A"),
    "current_street": Words(
        "Current address: number and street", "Dirección actual: número y calle"
    ),
    "current_apartment": Words("Current address: apartment", "Dirección actual: departamento"),
    "current_city": Words("Current address: city", "Dirección actual: ciudad"),
    "current_state": Words("Current address: state", "Dirección actual: estado"),
    "current_zip": Words("Current address: ZIP code", "Dirección actual: código postal"),
    "current_phone": Words("Current phone", "Teléfono actual"),
    "current_email": Words("Current e-mail", "Correo electrónico actual"),
    "in_care_of": Words("In care of", "A cargo de"),
    "former_street": Words("Former address: number and street", "Dirección anterior: calle"),
    "former_apartment": Words("Former address: apartment", "Dirección anterior: departamento"),
    "former_city": Words("Former address: city", "Dirección anterior: ciudad"),
    "former_state": Words("Former address: state", "Dirección anterior: estado"),
    "former_zip": Words("Former address: postal code", "Dirección anterior: código postal"),
    "former_country": Words("Former address: country", "Dirección anterior: país"),
    "former_phone": Words("Former phone", "Teléfono anterior"),
    "former_email": Words("Former e-mail", "Correo electrónico anterior"),
    "signed_on": Words("Date signed", "Fecha de firma"),
}

# What the court needs to move a case and send its notices; the rest is asked, not required.
REQUIRED = (
    "last_name",
    "first_name",
    "a_number",
    "current_street",
    "current_city",
    "current_state",
    "current_zip",
    "signed_on",
)

_PO_BOX = re.compile(r"\b(p\.?\s*o\.?\s*box|post\s+office\s+box|apartado\s+postal)\b", re.I)


class FormProblems(Refused):
    """Every field of the form that cannot be saved, each with its own problem."""

    def __init__(self, problems: dict[str, FieldProblem]) -> None:
        super().__init__(
            "\n".join(f"{FIELD_NAMES[name].en}: {p.message_en}" for name, p in problems.items()),
            "\n".join(f"{FIELD_NAMES[name].es}: {p.message_es}" for name, p in problems.items()),
        )
        self.problems = problems


@dataclass(frozen=True)
class CheckedForm:
    entry: Eoir33Entry  # cleaned: phones in E.164, state as its code, A-number nine digits
    missing: tuple[str, ...]  # required fields still empty: saved as a draft, not complete
    warnings: tuple[Words, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def check_entry(entry: Eoir33Entry, today: date) -> CheckedForm:
    """The entry cleaned and checked; a wrong value refuses the whole save (FormProblems)."""
    values: dict[str, Any] = entry.values()
    problems: dict[str, FieldProblem] = {}
    for name, value in values.items():
        if isinstance(value, str):
            try:
                values[name] = clean_text(value)
            except FieldProblem as problem:
                problems[name] = problem

    def clean(name: str, check: Any) -> None:
        if values.get(name) and name not in problems:
            try:
                values[name] = check(values[name])
            except FieldProblem as problem:
                problems[name] = problem

    clean("a_number", parse_a_number)
    clean("current_state", us_state_code)
    state = None if "current_state" in problems else values["current_state"] or None
    clean("current_zip", lambda text: check_zip(text, state))
    clean("current_phone", partial(normalise_phone, region="US"))
    clean("current_email", normalise_email)
    clean("former_phone", partial(normalise_phone, region="MX"))
    clean("former_email", normalise_email)
    signed = values["signed_on"]
    if signed is not None and signed > today:
        problems["signed_on"] = FieldProblem(
            ProblemCode.DATE_FUTURE,
            f"{signed:%Y-%m-%d} is in the future: the form is dated the day it is signed",
            f"{signed:%Y-%m-%d} está en el futuro: el formulario lleva la fecha en que se firma",
        )
    if problems:
        raise FormProblems({name: problems[name] for name in ENTRY_FIELDS if name in problems})
    cleaned = Eoir33Entry(**values)
    missing = tuple(name for name in REQUIRED if not values[name])
    return CheckedForm(cleaned, missing, _address_warnings(cleaned))


def _address_warnings(entry: Eoir33Entry) -> tuple[Words, ...]:
    """A case is moved only to a fixed address: a box or a name to write to is not one."""
    warnings = []
    if _PO_BOX.search(entry.current_street):
        warnings.append(
            Words(
                "The current address is a P.O. box: the court moves a case only to a street "
                "address where the person lives; give it, and use “in care of” for the box",
                "La dirección actual es un apartado postal: la corte solo traslada un caso a una "
                "dirección donde la persona vive; escríbala, y use “a cargo de” para el apartado",
            )
        )
    if entry.in_care_of and not entry.current_street:
        warnings.append(
            Words(
                "“In care of” alone is not an address: add the street address",
                "“A cargo de” por sí solo no es una dirección: agregue la calle y el número",
            )
        )
    return tuple(warnings)


def missing_words(missing: tuple[str, ...]) -> Words:
    """The fields still empty, named in both languages."""
    return Words(
        ", ".join(FIELD_NAMES[name].en for name in missing),
        ", ".join(FIELD_NAMES[name].es for name in missing),
    )
