"""What an audit entry's `before` and `after` hold: fixed, and versioned from here on.

An entry is signed over its JSON text, so a format once written is read the same way forever;
a new way of writing entries is a new format here, never a change to an old one.

- **Format 1** (every entry written before format 2 existed, and every entry since except the
  ones below): `after` is the JSON object of the values written (the whole row for an insert,
  the changed columns for an update, the details of an event), `before` the values replaced.
  It carries no marker.
- **Format 2, compact import** (a row inserted by a registration import): `after` is
  `{"audit_format": 2, "batch": <import_batch id>, "source_row": <the file's row number>,
  "keys": {<the row's key fields>}, "digest": "sha256:<hex>"}` and `before` is null. The digest
  is the SHA-256 of the row's canonical JSON (`canonical_row`: the columns of
  `COMPACT_COLUMNS[table]` as stored, as an object with sorted keys, compact, UTF-8), so the
  row itself at that version is the full record and the digest proves it; `audit verify`
  checks the row against it (`staging.audit.integrity`). One compact entry is ~300 bytes
  where a full one is ~1 KB: a 100,000-person import writes a third of the audit log it used
  to. The columns are part of the format: a column added to `person` later needs a new
  format (a test compares them with the table), so that old digests keep verifying.

`audit_format` is reserved: no table has a column of that name (a test says so), so a format 1
entry can never be taken for another format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

import orjson

FORMAT_KEY = "audit_format"
COMPACT_IMPORT = 2
DIGEST_PREFIX = "sha256:"

# What a format 2 digest covers, by table, in sorted order: the person's columns as migrations
# 0001–0008 made them. Spelled out, never derived from the schema or another constant.
COMPACT_COLUMNS: dict[str, tuple[str, ...]] = {
    "person": (
        "a_number",
        "appointment_date",
        "case_status",
        "created_at",
        "current_court",
        "date_of_birth",
        "email",
        "given_names",
        "household_id",
        "id",
        "languages",
        "maternal_surname",
        "mpp_enrollment_date",
        "nationality",
        "notes",
        "paternal_surname",
        "phone",
        "registration_id",
        "sex",
        "source",
        "updated_at",
        "us_address_city",
        "us_address_state",
        "us_address_street",
        "us_address_zip",
        "us_contact_name",
        "us_contact_phone",
        "vulnerabilities",
    )
}

# What an entry says of a secret setting's value (`UnitOfWork.put_secret_setting`): the entry
# records when it changed; checking the data against the log takes the setting as it is.
SECRET_SHOWN = "(secret: not kept in the audit log)"


def canonical_row(table: str, row: Mapping[str, Any]) -> bytes:
    """The row's canonical JSON: what a compact entry's digest covers."""
    return orjson.dumps({column: row[column] for column in COMPACT_COLUMNS[table]})


def row_digest(table: str, row: Mapping[str, Any]) -> str:
    return digest_of(canonical_row(table, row))


def digest_of(canonical: bytes) -> str:
    return DIGEST_PREFIX + hashlib.sha256(canonical).hexdigest()


def compact_import_entry(
    batch: str, source_row: int, keys: Mapping[str, Any], digest: str
) -> dict[str, Any]:
    """The `after` of an imported row's insert (format 2)."""
    return {
        FORMAT_KEY: COMPACT_IMPORT,
        "batch": batch,
        "source_row": source_row,
        "keys": dict(keys),
        "digest": digest,
    }


def entry_format(after: Mapping[str, Any] | None) -> int:
    """The format of an entry, from its parsed `after`."""
    if after is None:
        return 1
    found = after.get(FORMAT_KEY, 1)
    if found not in (1, COMPACT_IMPORT):
        raise ValueError(f"audit entry in an unknown format {found!r}: written by a newer app?")
    return found
