"""Registration lists as KoboToolbox and ODK Central export them, for the import's tests.

KoboToolbox writes `;`-separated CSV with every cell quoted (or .xlsx), names columns by
group path ("datos_personales/nombres") or by label, adds submission metadata (`_uuid`,
`_submission_time`, `start`, …), may add an HXL tag row under the header, and writes a
`select_multiple` answer as space-separated choice names, optionally also split into one 0/1
column per choice. ODK Central separates groups with "-" and adds `SubmissionDate`, `KEY`.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import openpyxl

# What every person of these lists is, as the import should store them.
PEOPLE = [
    {
        "given_names": "María José",
        "paternal_surname": "Hernández",
        "maternal_surname": "López",
        "date_of_birth": "1990-05-04",
        "sex": "mujer",
        "a_number": "A 201-555-001",
        "mpp_enrollment_date": "2019-11-20",
        "case_status": "pendiente",
        "vulnerabilities": "embarazada discapacidad",
        "household": "FAM-1",
    },
    {
        "given_names": "Juan",
        "paternal_surname": "Hernández",
        "maternal_surname": "Ruiz",
        "date_of_birth": "1988-01-30",
        "sex": "hombre",
        "a_number": "201555002",
        "mpp_enrollment_date": "2019-11-20",
        "case_status": "en ausencia",
        "vulnerabilities": "",
        "household": "FAM-1",
    },
    {
        "given_names": "Rosa",
        "paternal_surname": "Méndez",
        "maternal_surname": "",
        "date_of_birth": "1979-08-12",
        "sex": "mujer",
        "a_number": "201555003",
        "mpp_enrollment_date": "2020-02-03",
        "case_status": "deportado tras audiencia",
        "vulnerabilities": "riesgo_violencia",
        "household": "FAM-2",
    },
    {
        "given_names": "Pedro",
        "paternal_surname": "Castillo",
        "maternal_surname": "Vega",
        "date_of_birth": "1950-03-09",
        "sex": "hombre",
        "a_number": "201555004",
        "mpp_enrollment_date": "2019-07-15",
        "case_status": "terminado",
        "vulnerabilities": "mayor_65",
        "household": "FAM-3",
    },
]
# The flags each person should end with (the per-choice columns agree with the answers).
FLAGS = [{"pregnancy", "disability"}, set(), {"risk_of_violence"}, {"age_65_plus"}]
STATUSES = ["pending", "in_absentia", "removed_after_hearing", "terminated"]
CHOICES = ("embarazada", "discapacidad", "riesgo_violencia", "mayor_65")
UUIDS = [str(uuid.UUID(int=0x5EED0000 + i)) for i in range(len(PEOPLE))]

KOBO_METADATA = ["start", "end", "today", "deviceid", "phonenumber"]
KOBO_TRAILER = [
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]


def _metadata() -> list[str]:
    return [
        "2021-02-18T09:12:00.000-08:00",
        "2021-02-18T09:20:00.000-08:00",
        "2021-02-18",
        "collect:abc123",
        "+526641234567",
    ]


def _trailer(i: int) -> list[str]:
    return [
        str(1000 + i),
        UUIDS[i],
        "2021-02-18T17:20:00",
        "",
        "",
        "submitted_via_web",
        "",
        "vQ8kD2",
        "",
        str(i + 1),
    ]


def kobo_xml_rows(status_column: str = "caso_mpp/estado_caso") -> list[list[str]]:
    """A Kobo export with XML names: header, then one row per person (no registration id)."""
    header = [
        *KOBO_METADATA,
        "datos_personales/nombres",
        "datos_personales/apellido_paterno",
        "datos_personales/apellido_materno",
        "datos_personales/fecha_nacimiento",
        "datos_personales/sexo",
        "datos_hogar/id_hogar",
        "caso_mpp/numero_a",
        "caso_mpp/fecha_inscripcion_mpp",
        status_column,
        "vulnerabilidad/vulnerabilidades",
        *(f"vulnerabilidad/vulnerabilidades/{choice}" for choice in CHOICES),
        *KOBO_TRAILER,
    ]
    rows = [header]
    for i, person in enumerate(PEOPLE):
        chosen = person["vulnerabilities"].split()
        rows.append(
            [
                *_metadata(),
                person["given_names"],
                person["paternal_surname"],
                person["maternal_surname"],
                person["date_of_birth"],
                person["sex"],
                person["household"],
                person["a_number"],
                person["mpp_enrollment_date"],
                person["case_status"],
                person["vulnerabilities"],
                *("1" if choice in chosen else "0" for choice in CHOICES),
                *_trailer(i),
            ]
        )
    return rows


def kobo_label_rows() -> list[list[str]]:
    """A Kobo export with Spanish labels: two questions no rule can guess."""
    rows = kobo_xml_rows()
    labels = {
        "datos_personales/nombres": "Datos personales/Nombre(s)",
        "datos_personales/apellido_paterno": "Datos personales/Apellido paterno",
        "datos_personales/apellido_materno": "Datos personales/Apellido materno",
        "datos_personales/fecha_nacimiento": "Datos personales/Fecha de nacimiento",
        "datos_personales/sexo": "Datos personales/Sexo",
        "datos_hogar/id_hogar": "Datos del hogar/ID de hogar",
        "caso_mpp/numero_a": "Caso MPP/¿Cuál es su número de extranjero (A#)?",
        "caso_mpp/fecha_inscripcion_mpp": "Caso MPP/¿Cuándo le inscribieron en MPP?",
        "caso_mpp/estado_caso": "Caso MPP/Estado del caso",
        "vulnerabilidad/vulnerabilidades": "Vulnerabilidad/Vulnerabilidades",
    }
    rows[0] = [labels.get(header, header) for header in rows[0]]
    return rows


def odk_central_rows() -> list[list[str]]:
    """An ODK Central export: "-" between groups, its own metadata, KEY as the submission id."""
    kobo = kobo_xml_rows()
    header = ["SubmissionDate", *kobo[0][5:15], "meta-instanceID", "KEY", "SubmitterID"]
    header = [name.replace("/", "-") for name in header]
    rows = [header]
    for i, row in enumerate(kobo[1:]):
        rows.append(
            ["2021-02-18T17:20:00.000Z", *row[5:15], f"uuid:{UUIDS[i]}", f"uuid:{UUIDS[i]}", "7"]
        )
    return rows


def write_kobo_csv(path: Path, rows: list[list[str]]) -> Path:
    """As KoboToolbox's exporter writes it: `;`, every cell quoted, UTF-8."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";", quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[str]], hxl: list[str] | None = None) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "registro_mpp"
    sheet.append(rows[0])
    if hxl is not None:
        sheet.append(hxl)
    for row in rows[1:]:
        sheet.append(row)
    workbook.save(path)
    return path


def hxl_tags(header: list[str]) -> list[str]:
    """An HXL row for a Kobo header: a tag for some columns, blank for the others."""
    tags = {
        "datos_personales/nombres": "#affected+name+first",
        "datos_personales/apellido_paterno": "#affected+name+last",
        "caso_mpp/numero_a": "#affected+id+a_number",
        "_uuid": "#meta+id",
    }
    return [tags.get(name, "") for name in header]
