"""The columns of a registration list, and how the headers partners really write map onto them.

Each facilitating organisation names its columns its own way ("Número A", "A#", "FECHA DE
NACIMIENTO"), so headers are compared after folding case, accents and separators, against the
canonical English name, the Spanish template header and a few common aliases.

Lists exported from KoboToolbox or ODK name a column by its group path
("datos_personales/nombres"; ODK Central writes "datos_personales-nombres"): the last segment
is what is compared. Their form metadata (`_uuid`, `_submission_time`, `start`, `meta/…`) is
recognised and left out without a word; `_uuid`, which identifies a submission, is the
registration id of a list that has none of its own. A `select_multiple` question split into one
0/1 column per choice ("…/vulnerabilidades/embarazada") is read as that choice's flag.
What no rule can guess, a `ColumnMapping` says (`mapping`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from staging.people.fields import PERSON_FIELDS, names
from staging.registration.mapping import IGNORE, ColumnMapping, MappingError, check_mapping
from staging.registration.parsing import vulnerability_flag

# The registration list's columns, headers and required columns come from the person's fields.
CANONICAL_COLUMNS: tuple[str, ...] = names(PERSON_FIELDS)
REQUIRED_COLUMNS: tuple[str, ...] = names(f for f in PERSON_FIELDS if f.required)
SPANISH_HEADERS: dict[str, str] = {f.name: f.spanish_header for f in PERSON_FIELDS}

# Columns the importer adds to a rejects file; a fixed rejects file is re-imported without them.
REJECTS_COLUMNS: tuple[str, str] = ("rejected_row", "rejection_reason")

# Headers seen in partners' lists besides the canonical and the Spanish template names.
_ALIASES: dict[str, tuple[str, ...]] = {
    "registration_id": (
        "registration number",
        "registration no",
        "reg id",
        "numero de registro",
        "numero registro",
        "no registro",
        "num registro",
        "registro",
        "folio",
    ),
    "household_id": (
        "household",
        "family id",
        "id familia",
        "id de familia",
        "id de hogar",
        "hogar",
        "familia",
        "grupo familiar",
    ),
    "given_names": ("given name", "first name", "first names", "nombre", "nombre(s)"),
    "paternal_surname": (
        "surname",
        "last name",
        "first surname",
        "apellido",
        "primer apellido",
    ),
    "maternal_surname": ("second surname", "segundo apellido"),
    "date_of_birth": (
        "dob",
        "birth date",
        "birthdate",
        "fecha de nacimiento",
        "fecha nac",
        "nacimiento",
    ),
    "sex": ("gender", "genero"),
    "nationality": ("citizenship", "country of citizenship", "pais de nacionalidad"),
    "a_number": (
        "a#",
        "a no",
        "a num",
        "alien number",
        "alien registration number",
        "numero de a",
        "num a",
        "no a",
    ),
    "mpp_enrollment_date": (
        "mpp date",
        "mpp enrollment",
        "enrollment date",
        "fecha de inscripcion mpp",
        "fecha de inscripcion en mpp",
        "fecha inscripcion",
        "fecha de inscripcion",
        "fecha mpp",
    ),
    "case_status": (
        "status",
        "estado del caso",
        "estatus",
        "estatus caso",
        "estatus del caso",
        "situacion del caso",
    ),
    "current_court": ("court", "immigration court", "corte", "tribunal"),
    "phone": ("phone number", "telephone", "tel", "celular", "numero de telefono"),
    "email": ("e-mail", "email address", "correo electronico"),
    "appointment_date": ("appointment", "fecha de cita", "cita"),
    "us_address_street": (
        "us street",
        "street",
        "address",
        "direccion eeuu",
        "calle",
        "direccion",
    ),
    "us_address_city": ("us city", "city", "ciudad", "ciudad eeuu"),
    "us_address_state": ("us state", "state", "estado", "estado eeuu"),
    "us_address_zip": (
        "us zip",
        "zip",
        "zip code",
        "codigo postal",
        "codigo postal eeuu",
        "cp",
    ),
    "us_contact_name": ("us contact", "contacto eeuu", "nombre contacto eeuu"),
    "us_contact_phone": ("telefono contacto eeuu",),
    "languages": ("language", "idioma", "lengua", "lenguas"),
    "vulnerabilities": ("vulnerability", "vulnerabilidad"),
    "notes": ("note", "comments", "nota", "observaciones", "comentarios"),
}

_IGNORED_IN_HEADERS = re.compile(r"[\s_.\-\u200b\ufeff]+")


# Little words people put in headers ("Fecha de la cita", "ID de registro") that carry nothing.
_FILLER_WORDS = frozenset({"de", "del", "la", "el", "los", "las", "of", "the"})


def normalize_header(text: str) -> str:
    """Fold a header to compare it: no case, accents, spaces, underscores, hyphens, dots or
    filler words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = [word for word in _IGNORED_IN_HEADERS.split(bare) if word not in _FILLER_WORDS]
    return "".join(words)


def _build_lookup() -> dict[str, str]:
    lookup: dict[str, str] = {}
    for canonical in CANONICAL_COLUMNS:
        for name in (canonical, SPANISH_HEADERS[canonical], *_ALIASES.get(canonical, ())):
            lookup[normalize_header(name)] = canonical
    return lookup


_LOOKUP = _build_lookup()
_REJECTS_KEYS = frozenset(normalize_header(name) for name in REJECTS_COLUMNS)


def is_rejects_column(header: str) -> bool:
    """Whether a header is one the rejects file added (so it is neither data nor unknown)."""
    return normalize_header(header) in _REJECTS_KEYS


# Columns every KoboToolbox / ODK submission carries, whatever the form (raw headers).
_SUBMISSION_COLUMNS = frozenset(
    {
        "__version__",
        "formhub/uuid",
        "meta/instanceID",
        "meta/instanceName",
        "meta/deprecatedID",
        "meta/rootUuid",
        "meta-instanceID",
        "meta-instanceName",
        "instanceID",
        "KEY",
        "SubmissionDate",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
    }
)
# Metadata questions a form may add; named like some of our aliases ("phonenumber" is the
# collecting phone's number, not the person's), so only left out of a form's export.
_FORM_QUESTIONS = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "audit",
        "status",
        "background-audio",
    }
)
# The submission id KoboToolbox writes: a list without registration ids is keyed by it.
SUBMISSION_KEY = "_uuid"
_TRUE = frozenset({"1", "true", "yes", "si", "sí", "x", "verdadero", "y", "s"})
_FALSE = frozenset({"", "0", "false", "no", "falso", "n"})


def is_form_export(headers: list[str]) -> bool:
    """Whether a list came out of KoboToolbox or ODK (it carries submission metadata)."""
    return any(
        header.strip().startswith("_") or header.strip() in _SUBMISSION_COLUMNS
        for header in headers
    )


def is_form_metadata(header: str, form_export: bool) -> bool:
    """A column the form tool added about the submission, not about the person."""
    text = header.strip()
    if text.startswith("_") or text in _SUBMISSION_COLUMNS:
        return True
    if text.startswith(("meta/", "formhub/", "meta-")):
        return True
    return form_export and text.casefold() in _FORM_QUESTIONS


def _segments(header: str) -> list[str]:
    """A group path's parts: "/" (KoboToolbox), else "-" (ODK Central); one part otherwise."""
    for separator in ("/", "-"):
        if separator in header:
            return [part for part in header.split(separator) if part.strip()]
    return [header]


def field_of_header(header: str) -> str | None:
    """The field a header names: itself, else the last segment of its group path."""
    canonical = _LOOKUP.get(normalize_header(header))
    if canonical is not None:
        return canonical
    parts = _segments(header)
    return _LOOKUP.get(normalize_header(parts[-1])) if len(parts) > 1 else None


def choice_of_header(header: str) -> tuple[str, str | None] | None:
    """For a `select_multiple` vulnerability question split per choice ("…/vulnerabilidades/
    embarazada"): the choice's name and its flag (None: a choice of the list's own)."""
    parts = _segments(header)
    if len(parts) < 2 or _LOOKUP.get(normalize_header(parts[-2])) != "vulnerabilities":
        return None
    return parts[-1].strip(), vulnerability_flag(parts[-1])


def choice_marked(cell: str) -> bool | None:
    """A per-choice cell: 1/0, TRUE/FALSE, sí/no, x or blank; None for anything else."""
    text = cell.strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass
class HeaderMap:
    """Where each known column sits in the file, and what the header got wrong."""

    index_of: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    # A second header naming an already mapped column: ignored, the first one wins.
    duplicates: list[str] = field(default_factory=list)
    # Form metadata and the columns a mapping leaves out: not read, not reported as unknown.
    ignored: list[str] = field(default_factory=list)
    # Per-choice 0/1 columns: column index → flag; and those whose choice is the list's own.
    choice_of: dict[int, str] = field(default_factory=dict)
    unknown_choices: list[str] = field(default_factory=list)
    # The list's own words: field → {folded word → code}.
    words: dict[str, dict[str, str]] = field(default_factory=dict)
    # The header read as the registration id when the list has none (`_uuid`).
    key_from: str | None = None


def map_headers(headers: list[str], mapping: ColumnMapping | None = None) -> HeaderMap:
    """Map a file's header row by the rules, then by what `mapping` says; blank headers and the
    rejects file's own columns are skipped.

    Refuses (MappingError) a mapping that puts two columns onto one field, or onto a field,
    flag or code this site does not have; a required field left without a column is in
    `missing_required` (the import refuses it).
    """
    mapping = mapping or ColumnMapping()
    check_mapping(mapping)
    form_export = is_form_export(headers)
    result = HeaderMap(words={name: dict(words) for name, words in mapping.words.items()})
    chosen: dict[str, str] = {}  # field → the header a person put onto it
    clashes: list[tuple[str, str]] = []
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key or key in _REJECTS_KEYS:
            continue
        if header in mapping.choices:
            _map_choice(result, index, header, mapping.choices[header])
            continue
        if header in mapping.columns:
            canonical: str | None = mapping.columns[header]
            if canonical == IGNORE:
                result.ignored.append(header)
                continue
            if canonical in chosen:
                clashes.append(_clash(chosen[canonical], header, canonical))
                continue
            chosen[canonical] = header
            if canonical in result.index_of:  # a rule put another column there: this one wins
                result.duplicates.append(headers[result.index_of[canonical]])
            result.index_of[canonical] = index
            continue
        if is_form_metadata(header, form_export):
            if header.strip() == SUBMISSION_KEY:
                result.key_from = header
            result.ignored.append(header)
            continue
        canonical = field_of_header(header)
        choice = choice_of_header(header) if canonical is None else None
        if choice is not None:
            flag = choice[1]
            if flag is None:
                result.unknown_choices.append(header)
            else:
                result.choice_of[index] = flag
        elif canonical is None:
            result.unknown.append(header)
        elif canonical in result.index_of:
            result.duplicates.append(header)
        else:
            result.index_of[canonical] = index
    if clashes:
        raise MappingError.of(clashes)
    if result.key_from is not None:
        if "registration_id" in result.index_of:
            result.key_from = None
        else:
            result.index_of["registration_id"] = headers.index(result.key_from)
            result.ignored.remove(result.key_from)
    result.missing_required = [name for name in REQUIRED_COLUMNS if name not in result.index_of]
    return result


def _map_choice(result: HeaderMap, index: int, header: str, flag: str) -> None:
    if flag == IGNORE:
        result.ignored.append(header)
    else:
        result.choice_of[index] = flag


def _clash(first: str, second: str, canonical: str) -> tuple[str, str]:
    return (
        f"'{first}' and '{second}' are both mapped onto {canonical}",
        f"'{first}' y '{second}' se asignaron los dos a {SPANISH_HEADERS[canonical]}",
    )
