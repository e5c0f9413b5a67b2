"""The person's fields, defined once: import columns, exports, the contact dialog and validation
derive their lists from `PERSON_FIELDS`, so a field added here reaches all of them.

Released migrations do not: they spell out their own columns, because a migration must create
the same tables on a new site as it did on the sites it was released to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Group = Literal["identity", "case", "contact", "us_address", "care"]
# How a value is read and shown: "note" is free text over several lines, "flags" a set of
# vulnerability codes; "sex" and "case_status" are the domain's enumerations.
Kind = Literal["id", "text", "note", "date", "a_number", "sex", "case_status", "flags"]


# Intake staff correct these groups at the desk; identity and case details come from the lists
# and are corrected by a coordinator.
DESK_GROUPS: tuple[Group, ...] = ("contact", "us_address", "care")


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a person as the registration list, the exports and the desk know it.

    `required`: a list's row is rejected without it. `exported`: partners' exports carry it.
    `repeats`: lists repeat a few values of it thousands of times, so validation checks each
    distinct value once.
    """

    name: str
    group: Group
    kind: Kind
    spanish_header: str
    required: bool = False
    exported: bool = True
    repeats: bool = False

    @property
    def editable_at_desk(self) -> bool:
        return self.group in DESK_GROUPS


# In the order of the registration list's columns (templates and rejects files keep it).
# Languages are not in version 1 of the export format. Vulnerability flags and notes are never
# exported: partners do not need them to receive a person, and they are the most harmful
# fields if a file goes astray.
PERSON_FIELDS: tuple[Field, ...] = (
    Field("registration_id", "identity", "id", "id_registro", required=True),
    Field("household_id", "identity", "id", "id_hogar"),
    Field("given_names", "identity", "text", "nombres", required=True, repeats=True),
    Field("paternal_surname", "identity", "text", "apellido_paterno", required=True, repeats=True),
    Field("maternal_surname", "identity", "text", "apellido_materno", repeats=True),
    Field("date_of_birth", "identity", "date", "fecha_nacimiento", required=True, repeats=True),
    Field("sex", "identity", "sex", "sexo", repeats=True),
    Field("nationality", "identity", "text", "nacionalidad", repeats=True),
    Field("a_number", "case", "a_number", "numero_a", required=True),
    Field(
        "mpp_enrollment_date", "case", "date", "fecha_inscripcion_mpp", required=True, repeats=True
    ),
    Field("case_status", "case", "case_status", "estado_caso", repeats=True),
    Field("current_court", "case", "text", "corte_actual", repeats=True),
    Field("phone", "contact", "text", "telefono"),
    Field("email", "contact", "text", "correo"),
    Field("appointment_date", "case", "date", "fecha_cita", repeats=True),
    Field("us_address_street", "us_address", "text", "direccion_eeuu_calle"),
    Field("us_address_city", "us_address", "text", "direccion_eeuu_ciudad", repeats=True),
    Field("us_address_state", "us_address", "text", "direccion_eeuu_estado", repeats=True),
    Field("us_address_zip", "us_address", "text", "direccion_eeuu_codigo_postal"),
    Field("us_contact_name", "contact", "text", "contacto_eeuu_nombre"),
    Field("us_contact_phone", "contact", "text", "contacto_eeuu_telefono"),
    Field("languages", "contact", "text", "idiomas", exported=False, repeats=True),
    Field("vulnerabilities", "care", "flags", "vulnerabilidades", exported=False, repeats=True),
    Field("notes", "care", "note", "notas", exported=False, repeats=True),
)


def fields_in(*groups: Group) -> tuple[Field, ...]:
    """The fields of these groups, group by group in the order given, each in list order."""
    return tuple(field for group in groups for field in PERSON_FIELDS if field.group == group)


def names(fields: Iterable[Field]) -> tuple[str, ...]:
    return tuple(field.name for field in fields)
