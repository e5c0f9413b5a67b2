"""Building registration files the way partners really send them, for the importer's tests."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from staging.registration.columns import CANONICAL_COLUMNS

# The day the tests pretend it is; the importer never reads the real clock.
TODAY = date(2021, 3, 1)


def good_row(**changes: str) -> dict[str, str]:
    """A row that imports cleanly; tests change only what they are about."""
    row = {
        "registration_id": "TIJ-0001",
        "household_id": "H-0001",
        "given_names": "María José",
        "paternal_surname": "Núñez",
        "maternal_surname": "Gómez",
        "date_of_birth": "15/06/1985",
        "sex": "F",
        "nationality": "Honduras",
        "a_number": "A 212-345-678",
        "mpp_enrollment_date": "2019-09-10",
        "case_status": "pendiente",
        "current_court": "San Diego",
        "phone": "+52 664 555 0101",
        "email": "maria@example.org",
        "appointment_date": "",
        "us_address_street": "123 Main St",
        "us_address_city": "Houston",
        "us_address_state": "TX",
        "us_address_zip": "77001",
        "us_contact_name": "Juan Pérez",
        "us_contact_phone": "+1 713 555 0100",
        "languages": "es",
        "vulnerabilities": "",
        "notes": "",
    }
    row.update(changes)
    return row


def write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
) -> Path:
    """Write raw rows (header first) exactly as given, CRLF line ends as Excel does."""
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def write_rows(
    path: Path,
    rows: list[dict[str, str]],
    *,
    headers: list[str] | None = None,
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
) -> Path:
    """Write dict rows under canonical (or the given, same order) headers."""
    header = headers or list(CANONICAL_COLUMNS)
    body = [[row[column] for column in CANONICAL_COLUMNS] for row in rows]
    return write_csv(path, [header, *body], encoding=encoding, delimiter=delimiter)
