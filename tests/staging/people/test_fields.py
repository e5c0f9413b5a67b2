"""The person's fields are defined once; the files people exchange keep their columns."""

from __future__ import annotations

import dataclasses

from staging.exports import EXPORT_COLUMNS
from staging.intake.operations import CONTACT_FIELDS
from staging.people.fields import PERSON_FIELDS, fields_in, names
from staging.registration.template import template_headers
from staging.registration.validate import RegistrationRecord

# Partners' templates, their filled-in lists and rejects files carry exactly these headers.
TEMPLATE_HEADER = (
    "registration_id,household_id,given_names,paternal_surname,maternal_surname,date_of_birth,"
    "sex,nationality,a_number,mpp_enrollment_date,case_status,current_court,phone,email,"
    "appointment_date,us_address_street,us_address_city,us_address_state,us_address_zip,"
    "us_contact_name,us_contact_phone,languages,vulnerabilities,notes"
)
SPANISH_TEMPLATE_HEADER = (
    "id_registro,id_hogar,nombres,apellido_paterno,apellido_materno,fecha_nacimiento,sexo,"
    "nacionalidad,numero_a,fecha_inscripcion_mpp,estado_caso,corte_actual,telefono,correo,"
    "fecha_cita,direccion_eeuu_calle,direccion_eeuu_ciudad,direccion_eeuu_estado,"
    "direccion_eeuu_codigo_postal,contacto_eeuu_nombre,contacto_eeuu_telefono,idiomas,"
    "vulnerabilidades,notas"
)
# Partners' exports: derived state between the case and the contact columns.
EXPORT_HEADER = (
    "registration_id,household_id,given_names,paternal_surname,maternal_surname,date_of_birth,"
    "sex,nationality,a_number,mpp_enrollment_date,case_status,current_court,appointment_date,"
    "verification,eligibility,stage,blockers,phone,email,us_contact_name,us_contact_phone,"
    "us_address_street,us_address_city,us_address_state,us_address_zip"
)


def test_the_template_keeps_its_headers() -> None:
    assert ",".join(template_headers()) == TEMPLATE_HEADER
    assert ",".join(template_headers(spanish=True)) == SPANISH_TEMPLATE_HEADER


def test_the_export_keeps_its_columns() -> None:
    assert ",".join(EXPORT_COLUMNS) == EXPORT_HEADER


def test_vulnerabilities_notes_and_languages_never_leave_the_site() -> None:
    assert {"vulnerabilities", "notes", "languages"}.isdisjoint(EXPORT_COLUMNS)


def test_a_validated_record_has_the_fields_in_list_order() -> None:
    """validate_rows builds records positionally, one column after another."""
    record_fields = tuple(field.name for field in dataclasses.fields(RegistrationRecord))
    assert record_fields == names(PERSON_FIELDS)


def test_intake_corrects_contact_us_address_and_care_but_not_identity_or_case() -> None:
    assert set(names(fields_in("contact", "us_address", "care"))) == CONTACT_FIELDS


def test_field_names_are_unique() -> None:
    assert len(set(names(PERSON_FIELDS))) == len(PERSON_FIELDS)
