"""Header matching: partners name columns their own way, and the importer must still find them."""

from __future__ import annotations

import pytest

from staging.registration.columns import (
    _ALIASES,
    CANONICAL_COLUMNS,
    REQUIRED_COLUMNS,
    SPANISH_HEADERS,
    map_headers,
    normalize_header,
)


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Número A", "a_number"),
        ("NUMERO_A", "a_number"),
        ("A#", "a_number"),
        ("a-number", "a_number"),
        ("FECHA DE NACIMIENTO", "date_of_birth"),
        ("Fecha_Nacimiento", "date_of_birth"),
        (" Apellido Paterno ", "paternal_surname"),
        ("apellido.materno", "maternal_surname"),
        ("Fecha Inscripción MPP", "mpp_enrollment_date"),
        ("Estado del caso", "case_status"),
        ("Corte actual", "current_court"),
        ("Teléfono", "phone"),
        ("Correo electrónico", "email"),
        ("ID Familia", "household_id"),
        ("id_hogar", "household_id"),
        ("Código Postal", "us_address_zip"),
        ("Ciudad", "us_address_city"),
        ("Estado", "us_address_state"),
        ("Contacto EEUU Teléfono", "us_contact_phone"),
        ("Vulnerabilidades", "vulnerabilities"),
        ("Registration ID", "registration_id"),
        ("DOB", "date_of_birth"),
    ],
)
def test_headers_partners_write_are_recognised(header: str, canonical: str) -> None:
    assert map_headers([header]).index_of == {canonical: 0}


def test_normalize_header_ignores_case_accents_and_separators() -> None:
    assert normalize_header("  Número_de-A.  ") == normalize_header("numero a") == "numeroa"


def test_every_name_and_alias_maps_to_its_own_column() -> None:
    """An alias shared by two columns would silently send data to the wrong field."""
    for canonical in CANONICAL_COLUMNS:
        names = (canonical, SPANISH_HEADERS[canonical], *_ALIASES.get(canonical, ()))
        for name in names:
            assert map_headers([name]).index_of == {canonical: 0}, name


def test_a_full_spanish_header_maps_every_column_in_order() -> None:
    headers = [SPANISH_HEADERS[column].upper().replace("_", " ") for column in CANONICAL_COLUMNS]
    mapped = map_headers(headers)
    assert mapped.index_of == {column: i for i, column in enumerate(CANONICAL_COLUMNS)}
    assert (mapped.unknown, mapped.missing_required, mapped.duplicates) == ([], [], [])


def test_unknown_blank_duplicate_and_rejects_columns() -> None:
    headers = [
        "registration_id",
        "Color favorito",
        "",
        "nombres",
        "Nombre",
        "rejected_row",
        "Rejection Reason",
    ]
    mapped = map_headers(headers)
    assert mapped.index_of == {"registration_id": 0, "given_names": 3}
    assert mapped.unknown == ["Color favorito"]
    assert mapped.duplicates == ["Nombre"]
    assert mapped.missing_required == [
        "paternal_surname",
        "date_of_birth",
        "a_number",
        "mpp_enrollment_date",
    ]


def test_required_columns_and_spanish_headers_cover_the_canonical_columns() -> None:
    assert set(REQUIRED_COLUMNS) <= set(CANONICAL_COLUMNS)
    assert list(SPANISH_HEADERS) == list(CANONICAL_COLUMNS)
    assert len(set(map(normalize_header, SPANISH_HEADERS.values()))) == len(CANONICAL_COLUMNS)


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("ID de registro", "registration_id"),
        ("No. de registro", "registration_id"),
        ("Fecha de la cita", "appointment_date"),
        ("Número de A", "a_number"),
        ("Date of Birth", "date_of_birth"),
    ],
)
def test_headers_written_as_people_write_them(header: str, canonical: str) -> None:
    assert map_headers([header]).index_of == {canonical: 0}
