"""What the demo's coordinator finds on the data desk: lists from a partner organisation.

Partners register people with KoboToolbox, not with our template, and some of their people
are already on the site under another registration (a name typed without its accents or with
a letter wrong, an A-number with a digit off). So the demo site holds a few possible duplicates
from last week's list, and beside the demo database lies this week's list as the partner
exported it — Spanish labels, group paths, form metadata, two questions no rule can guess and
one case status in the partner's own words — for trying the import page.
"""

from __future__ import annotations

import csv
import random
import uuid
from datetime import date
from pathlib import Path

from staging.demo.generator import DemoSite, generate_demo_site

PARTNER = "Al Otro Lado"
# Last week's list: people already on the site, registered again by the partner.
PARTNER_SECOND_REGISTRATIONS = 3
# This week's list, written beside the demo database.
PARTNER_LIST_NAME = "kobo-al-otro-lado.csv"
# The two questions whose labels no rule can guess, and the status written the partner's way.
A_NUMBER_QUESTION = "Caso MPP/¿Cuál es su número de extranjero (A#)?"
ENROLLED_QUESTION = "Caso MPP/¿Cuándo le inscribieron en MPP?"
OWN_STATUS_WORD = "Pendiente de audiencia"

_HEADER = [
    "start",
    "end",
    "Datos personales/Nombre(s)",
    "Datos personales/Apellido paterno",
    "Datos personales/Apellido materno",
    "Datos personales/Fecha de nacimiento",
    "Datos personales/Sexo",
    "Datos personales/Nacionalidad",
    "Datos del hogar/ID de hogar",
    A_NUMBER_QUESTION,
    ENROLLED_QUESTION,
    "Caso MPP/Estado del caso",
    "Contacto/Teléfono",
    "Vulnerabilidad/Vulnerabilidades",
    "_id",
    "_uuid",
    "_submission_time",
    "_index",
]
_SEX_WORDS = {"F": "mujer", "M": "hombre", "X": "otro"}


def near_duplicates(site: DemoSite, count: int, seed: int) -> list[dict[str, str]]:
    """Registrations by the partner of people already on the site, with the slips a second
    registration has: accents left out, a letter swapped, an A-number a digit off."""
    rng = random.Random(seed)
    taken = {_digits(row["a_number"]) for row in site.rows}
    chosen = rng.sample([row for row in site.rows if row["a_number"]], count)
    rows = []
    for number, row in enumerate(chosen, start=1):
        copy = dict(row)
        copy["registration_id"] = f"AOL-{number:04d}"
        copy["household_id"] = f"AOL-H-{number:04d}"
        copy["given_names"] = _without_accents(row["given_names"])
        copy["paternal_surname"] = _slip(row["paternal_surname"], rng)
        copy["a_number"] = _digit_off(row["a_number"], taken, rng)
        rows.append(copy)
    return rows


def write_partner_list(folder: Path, site: DemoSite, today: date, seed: int) -> Path:
    """This week's list from the partner: new families and one person already on the site."""
    rng = random.Random(seed + 1)
    taken = {_digits(row["a_number"]) for row in site.rows}
    new_people = generate_demo_site(people=8, seed=seed + 101, today=today).rows
    for row in new_people:
        row["household_id"] = f"AOL-{row['household_id']}"
        row["a_number"] = _unused_a_number(taken, rng)
    new_people[0]["case_status"] = OWN_STATUS_WORD
    again = near_duplicates(site, 1, seed + 2)[0]
    path = folder / PARTNER_LIST_NAME
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL)
        writer.writerow(_HEADER)
        for index, row in enumerate([*new_people, again], start=1):
            writer.writerow(_kobo_row(row, index, rng))
    return path


def _kobo_row(row: dict[str, str], index: int, rng: random.Random) -> list[str]:
    status = {"pending": "pendiente", "in_absentia": "en ausencia", "terminated": "terminado"}
    return [
        "2021-02-25T09:12:00.000-08:00",
        "2021-02-25T09:31:00.000-08:00",
        row["given_names"],
        row["paternal_surname"],
        row["maternal_surname"],
        _day_first(row["date_of_birth"]),
        _SEX_WORDS.get(row["sex"], ""),
        row["nationality"],
        row["household_id"],
        f"A{row['a_number']}",
        _day_first(row["mpp_enrollment_date"]),
        status.get(row["case_status"], row["case_status"]),
        row["phone"],
        row["vulnerabilities"].replace(";", " "),
        str(40_000 + index),
        str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "2021-02-25T17:31:00",
        str(index),
    ]


def _day_first(iso: str) -> str:
    """As a Mexican spreadsheet writes a date."""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if iso else ""


def _without_accents(text: str) -> str:
    return text.translate(str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU"))


def _slip(text: str, rng: random.Random) -> str:
    """Two neighbouring letters swapped, somewhere past the first."""
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 2)
    return text[:at] + text[at + 1] + text[at] + text[at + 2 :]


def _digit_off(a_number: str, taken: set[str], rng: random.Random) -> str:
    """One digit past the first two changed; a list may write the A-number with dashes."""
    digits = [at for at, character in enumerate(a_number) if character.isdigit()][2:]
    while True:
        at = rng.choice(digits)
        digit = str((int(a_number[at]) + rng.randrange(1, 9)) % 10)
        candidate = a_number[:at] + digit + a_number[at + 1 :]
        if _digits(candidate) not in taken:
            taken.add(_digits(candidate))
            return candidate


def _digits(a_number: str) -> str:
    """An A-number as the site compares them: its digits, however the list writes it."""
    return "".join(character for character in a_number if character.isdigit())


def _unused_a_number(taken: set[str], rng: random.Random) -> str:
    while True:
        candidate = f"2{rng.randrange(10**8):08d}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
