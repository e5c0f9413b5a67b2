"""What the medical commands share: reading their flags, and the words they print them back in.

A bad value is a usage error (exit code 2), said in both languages. Times typed without a zone
('2021-03-01 10:05') are the site's local time, as on the screener's watch: the core reads a
time without a zone as the site's.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from staging.errors import NotFound
from staging.intake.queries import resolve_scan
from staging.people.queries import person_from_row
from staging.rules.screening import Symptom, TemperatureUnit
from staging.store.store import Store
from staging.vocabulary import bilingual_label

Code = TypeVar("Code", bound=StrEnum)
PERSON_HELP = "registration id, A-number or wristband code"

# --- reading the flags --------------------------------------------------------------------------


def day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write YYYY-MM-DD / {text!r} no es una fecha: escriba "
            "AAAA-MM-DD"
        ) from error


def moment(text: str) -> datetime:
    """A site-local clock time: the core reads a time without a zone as the site's."""
    for shape in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            return datetime.strptime(text.strip(), shape)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        f"{text!r} is not a date and time: write 'YYYY-MM-DD HH:MM' (site time) / {text!r} no "
        "es una fecha y hora: escriba 'AAAA-MM-DD HH:MM' (hora del sitio)"
    )


def number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number / {text!r} no es un número"
        ) from error


def minutes(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of minutes / {text!r} no es un número de minutos"
        )
    return int(text)


def code(kind: type[Code], en: str, es: str) -> Callable[[str], Code]:
    """A code typed as the core spells it; an unknown one is refused with the known ones."""

    def read(text: str) -> Code:
        try:
            return kind(text.strip())
        except ValueError as error:
            known = ", ".join(kind)
            raise argparse.ArgumentTypeError(
                f"unknown {en} {text!r} / {es} desconocido {text!r}; "
                f"choose from / elija entre: {known}"
            ) from error

    return read


def unit(text: str) -> TemperatureUnit:
    return code(TemperatureUnit, "unit", "unidad")(text.upper())


def yes_no(text: str) -> bool:
    answer = text.strip().lower()
    if answer in ("yes", "y", "si", "sí", "s"):
        return True
    if answer in ("no", "n"):
        return False
    raise argparse.ArgumentTypeError(f"answer yes or no / responda sí o no: {text!r}")


def add_codes(
    parser: argparse.ArgumentParser,
    flag: str,
    kind: type[Code],
    en: str,
    es: str,
    help_text: str = "repeatable",
) -> None:
    """A flag given once for each code that applies (`--symptom cough --symptom headache`)."""
    parser.add_argument(
        flag,
        type=code(kind, en, es),
        choices=list(kind),
        action="append",
        default=[],
        help=help_text,
    )


def add_temperature_flags(parser: argparse.ArgumentParser) -> None:
    """The temperature and the fever questions, asked at a screening and at every follow-up."""
    parser.add_argument("--temperature", type=number, metavar="DEGREES", help="e.g. 37.2")
    parser.add_argument(
        "--unit",
        type=unit,
        choices=list(TemperatureUnit),
        default=TemperatureUnit.CELSIUS,
        help="C (default) or F",
    )
    parser.add_argument("--felt-feverish", action="store_true", help="feels feverish")
    parser.add_argument(
        "--fever-medicine", action="store_true", help="took fever-reducing medicine"
    )
    add_codes(parser, "--symptom", Symptom, "symptom", "síntoma")


def person(store: Store, reference: str) -> dict[str, Any]:
    """The person behind a registration id, an A-number or a wristband code."""
    record = resolve_scan(store, reference)
    if record is None:
        raise NotFound(
            f"No person with registration id, A-number or wristband {reference!r}",
            f"No hay ninguna persona con registro, número A o brazalete {reference!r}",
        )
    return record


# --- the words they print -----------------------------------------------------------------------


def name(record: dict[str, Any]) -> str:
    return person_from_row(record).full_name


def labels(codes: Iterable[str]) -> str:
    return ", ".join(bilingual_label(each) for each in codes) or "—"


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
