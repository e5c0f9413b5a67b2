"""The columns of a registration list, and how the headers partners really write map onto them.

Each facilitating organisation names its columns its own way ("Número A", "A#", "FECHA DE
NACIMIENTO"), so headers are compared after folding case, accents and separators, against the
canonical English name, the Spanish template header and a few common aliases.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from staging.people.fields import PERSON_FIELDS, names

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


@dataclass
class HeaderMap:
    """Where each known column sits in the file, and what the header got wrong."""

    index_of: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    # A second header naming an already mapped column: ignored, the first one wins.
    duplicates: list[str] = field(default_factory=list)


def map_headers(headers: list[str]) -> HeaderMap:
    """Map a file's header row; blank headers and the rejects file's own columns are skipped."""
    result = HeaderMap()
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key or key in _REJECTS_KEYS:
            continue
        canonical = _LOOKUP.get(key)
        if canonical is None:
            result.unknown.append(header)
        elif canonical in result.index_of:
            result.duplicates.append(header)
        else:
            result.index_of[canonical] = index
    result.missing_required = [name for name in REQUIRED_COLUMNS if name not in result.index_of]
    return result
