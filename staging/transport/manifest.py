"""The manifest for CBP: the people on a day's trips to one port, as CSV and as JSON.

One row per person, in the roster's order (trip by departure, then seat), holding only what the
port needs to receive people: who they are, their A-number, the household they travel with and
the day their COVID-19 screening cleared them. No result, temperature or other medical detail:
CBP asked that people had gone through staging and testing, not for their results.
`MANIFEST_COLUMNS` says what each column holds, in file order.

CSV is UTF-8 with a byte-order mark and commas, like the people export (Excel in Mexican
Spanish opens it as is); A-numbers are written as on DHS documents, "A 012-345-678", so a
spreadsheet keeps them as text with their leading zeros; a cell a spreadsheet would run as a
formula (=, +, -, @, a tab, CR or NUL first) gets a leading apostrophe
(`staging.registration.cells.spreadsheet_safe`; `spreadsheet_value` takes it off again).
JSON is UTF-8 and holds the same values, an unknown date or a missing A-number as null:
{"format", "version", "site", "port", "day", "generated_at", "columns", "people"}.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from datetime import UTC, date, datetime

from staging.registration.cells import spreadsheet_safe
from staging.registration.parsing import format_a_number

JSON_FORMAT_NAME = "staging-desk-cbp-manifest"
JSON_FORMAT_VERSION = 1

# Each column and what it holds, in file order (the README quotes this table).
MANIFEST_COLUMNS: dict[str, str] = {
    "order": "Position on the manifest, 1 first: trips by departure, then seats, as on the roster",
    "departs_at": "The trip's departure from the staging site, HH:MM local time on the day",
    "vehicle": "The vehicle's name: two trips leaving at the same time are told apart by it",
    "port": "The port of entry's code (SYS, ELP, EGP, LRD, HID or BRO)",
    "seat": "Row and seat on the vehicle, e.g. 3C",
    "household": "The household's id on the registration list; one id travels together",
    "last_name": "Surnames, paternal then maternal",
    "first_name": "Given names",
    "date_of_birth": "YYYY-MM-DD; empty when unknown",
    "sex": "F, M or X",
    "nationality": "As registered",
    "a_number": "A-number as DHS writes it, A 012-345-678; empty for a person without one",
    "cleared_on": "Day the COVID-19 screening clearance counts from, YYYY-MM-DD (the date only)",
}


@dataclass(frozen=True)
class ManifestRow:
    """One person on the manifest; the fields are `MANIFEST_COLUMNS`, in the same order."""

    order: int
    departs_at: str
    vehicle: str
    port: str
    seat: str
    household: str
    last_name: str
    first_name: str
    date_of_birth: date | None
    sex: str
    nationality: str
    a_number: str  # nine digits, or "" for a person without a case
    cleared_on: date | None

    def __post_init__(self) -> None:
        if self.order < 1:
            raise ValueError(f"manifest order starts at 1, not {self.order}")
        if self.a_number:
            format_a_number(self.a_number)  # raises ValueError unless nine digits

    def values(self) -> dict[str, str | int | None]:
        """The row as written: dates in ISO 8601, the A-number as DHS writes it, None if empty."""
        row = dict(zip(MANIFEST_COLUMNS, astuple(self), strict=True))
        row["date_of_birth"] = _iso(self.date_of_birth)
        row["cleared_on"] = _iso(self.cleared_on)
        row["a_number"] = format_a_number(self.a_number) if self.a_number else None
        return row


def manifest_csv(rows: Sequence[ManifestRow]) -> bytes:
    """The manifest as a CSV file for a spreadsheet, header first, rows in the order given."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow(
            "" if value is None else spreadsheet_safe(str(value)) for value in row.values().values()
        )
    return text.getvalue().encode("utf-8-sig")


def manifest_json(
    rows: Sequence[ManifestRow], site: str, port: str, day: date, generated_at: datetime
) -> bytes:
    """The manifest as a JSON document; `generated_at` (time-zone aware) is written in UTC."""
    if generated_at.tzinfo is None:
        raise ValueError("generated_at needs a time zone")
    document = {
        "format": JSON_FORMAT_NAME,
        "version": JSON_FORMAT_VERSION,
        "site": site,
        "port": port,
        "day": day.isoformat(),
        "generated_at": generated_at.astimezone(UTC).isoformat(timespec="seconds"),
        "columns": MANIFEST_COLUMNS,
        "people": [row.values() for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None
