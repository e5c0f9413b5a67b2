"""Exports of the people of a site for partners (UNHCR, IOM), encrypted unless asked otherwise.

Exports leave the site on USB sticks and by email, so by default the file is sealed with a
passphrase the partner is told separately; a plaintext file needs the export permission too,
and every export, sealed or not, is written to the audit log (who, when, how many rows).

Contents
    One row per person, ordered by registration id: the registration list's own columns
    (English names, so a plaintext CSV can be imported into another site) plus the derived
    verification, eligibility, journey stage and blocker codes. Vulnerability flags and notes
    are left out on purpose: partners do not need them to receive a person, and they are the
    most harmful fields if a file goes astray. CSV is UTF-8 with a byte-order mark and commas
    (Excel in Mexican Spanish opens it as is); A-numbers are written "A 123-456-789" so a
    spreadsheet keeps them as text; a cell that a spreadsheet would run as a formula (one
    starting with =, +, -, @, a tab, CR or NUL, a phone "+52…" included) gets a leading
    apostrophe, which the registration reader takes off again
    (`staging.registration.cells.spreadsheet_safe` gives the rule). JSON is UTF-8 and holds
    the values as they are: {"format", "version", "site", "exported_at", "people"}; no
    spreadsheet runs a JSON file.

Encrypted container (suffix ".sdx" after the inner one: "people.csv.sdx"), version 1
    All integers are big-endian; the header is 49 bytes.

    offset  size  field
    0       8     magic, the ASCII bytes "SDEXPORT"
    8       1     container version, 1
    9       4     Argon2id time cost (iterations)
    13      4     Argon2id memory cost, KiB
    17      4     Argon2id parallelism (lanes)
    21      16    salt (random)
    37      12    nonce (random)
    49      n+16  AES-256-GCM ciphertext of the CSV or JSON bytes, then its 16-byte tag

    key = Argon2id(password = UTF-8 of the NFC-normalised passphrase, salt, the three costs
    above, output 32 bytes); the 49 header bytes are the GCM associated data, so changing a
    cost, the salt or the version makes the file unreadable rather than silently different.
    `staging-site decrypt-export FILE OUT` opens it, or any Argon2id + AES-GCM library.
"""

from __future__ import annotations

import csv
import io
import json
import os
import secrets
import struct
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from argon2.exceptions import Argon2Error
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from staging.errors import UserError
from staging.people.fields import PERSON_FIELDS, fields_in, names
from staging.people.queries import person_from_row, person_records
from staging.registration.cells import spreadsheet_safe
from staging.registration.parsing import format_a_number
from staging.rules import Action, Policy, person_status
from staging.security.access import Session
from staging.security.keyfile import KdfParams, derive_key
from staging.store.store import SETTING_SITE_NAME, require, utc_timestamp

ExportFormat = Literal["csv", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "json")
ENCRYPTED_SUFFIX = ".sdx"
MIN_PASSPHRASE_LENGTH = 10
JSON_FORMAT_NAME = "staging-desk-people"
JSON_FORMAT_VERSION = 1

MAGIC = b"SDEXPORT"
CONTAINER_VERSION = 1
_HEADER = struct.Struct(">8sBIII16s12s")
_SALT_BYTES = 16
_NONCE_BYTES = 12
_TAG_BYTES = 16
# A tampered header must not make the reader hash for minutes or allocate gigabytes before
# the tag check refuses it; our own exports use `KdfParams()` (64 MiB, 3 passes).
_MAX_TIME_COST = 16
_MAX_MEMORY_KIB = 1024 * 1024
_MAX_PARALLELISM = 16

# Worked out from the recorded facts; they sit between the case and the contact columns.
_DERIVED_COLUMNS = ("verification", "eligibility", "stage", "blockers")
# The person's fields partners receive ("Contents" above says what is left out and why).
_PERSON_COLUMNS = names(field for field in PERSON_FIELDS if field.exported)
EXPORT_COLUMNS: tuple[str, ...] = (
    *names(field for field in fields_in("identity", "case") if field.exported),
    *_DERIVED_COLUMNS,
    *names(field for field in fields_in("contact", "us_address") if field.exported),
)


class ExportError(UserError):
    """An export that cannot be written or opened, said for the person at the desk."""


class UnreadableExport(ExportError):
    """Wrong passphrase or an altered file: AES-GCM cannot tell which, so neither do we."""

    def __init__(self) -> None:
        super().__init__(
            "Wrong passphrase, or the file was changed or damaged after it was exported",
            "Frase de contraseña incorrecta, o el archivo fue modificado o dañado después "
            "de exportarlo",
        )


@dataclass(frozen=True)
class ExportResult:
    """What was written, for the screen that asked and for scripts."""

    path: Path
    format: ExportFormat
    rows: int
    encrypted: bool

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}


def export_people(
    session: Session,
    path: Path,
    *,
    fmt: ExportFormat,
    passphrase: str | None,
    plaintext: bool = False,
    kdf: KdfParams | None = None,
) -> ExportResult:
    """Write every person of the site to one new file, sealed with `passphrase` unless `plaintext`.

    Everything that can refuse (permission, passphrase, file name) does so before any person is
    read or any byte written. The slow part (Argon2id, writing to a USB stick) happens outside
    the database's write lock; the audit entry and the rename that makes the file appear land
    together, and the file is removed again if the audit entry cannot be committed.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format: {fmt!r}")
    require(session.actor, Action.EXPORT)
    target = _target_path(Path(path), plaintext)
    if plaintext:
        if passphrase is not None:
            raise ExportError(
                "A plaintext export takes no passphrase: leave it out, or export encrypted",
                "Una exportación sin cifrar no lleva frase de contraseña: omítala, o exporte "
                "cifrado",
            )
    else:
        check_passphrase(passphrase)
    store = session.store
    policy = store.policy()
    people = _export_rows(session, policy)
    if fmt == "csv":
        content = _csv_bytes(people)
    else:
        content = _json_bytes(
            people, store.setting(SETTING_SITE_NAME, "") or "", utc_timestamp(store.clock)
        )
    if passphrase is not None:  # checked above: present exactly when the file is sealed
        content = encrypt_bytes(content, passphrase, kdf or KdfParams())
    temporary = _write_temporary(target, content)
    placed = False
    try:
        with store.write(session.actor, Action.EXPORT) as work:
            work.note(
                "export",
                target.name,
                {"format": fmt, "rows": len(people), "encrypted": not plaintext},
            )
            _place(temporary, target)
            placed = True
    except BaseException:
        (target if placed else temporary).unlink(missing_ok=True)
        raise
    return ExportResult(target, fmt, len(people), not plaintext)


def check_passphrase(passphrase: str | None) -> None:
    """A sealed file travels by email and USB: a guessable passphrase would undo the sealing."""
    length = len(unicodedata.normalize("NFC", passphrase)) if passphrase is not None else 0
    if length < MIN_PASSPHRASE_LENGTH:
        raise ExportError(
            f"An encrypted export needs a passphrase of at least {MIN_PASSPHRASE_LENGTH} "
            "characters (a few unrelated words are easy to dictate to a partner)",
            f"Una exportación cifrada necesita una frase de contraseña de al menos "
            f"{MIN_PASSPHRASE_LENGTH} caracteres (unas palabras sin relación son fáciles de "
            "dictar a un socio)",
        )


def _export_rows(session: Session, policy: Policy) -> list[dict[str, Any]]:
    """The rows of an export, derived state included, in registration-id order."""
    rows = []
    today = session.store.today()
    for record in person_records(session.store.db, "1 ORDER BY registration_id"):
        person = person_from_row(record)
        status = person_status(person, today, policy, session.actor.role)
        row: dict[str, Any] = {column: record[column] for column in _PERSON_COLUMNS}
        row.update(
            household_id=record["household_external_id"] or record["household_id"],
            date_of_birth=_iso(person.date_of_birth),
            a_number=format_a_number(person.a_number) if person.a_number else None,
            mpp_enrollment_date=_iso(person.mpp_enrollment_date),
            case_status=str(person.case_status),
            appointment_date=_iso(person.appointment_date),
            verification=str(person.verification),
            eligibility=str(status.eligibility),
            stage=str(status.stage),
            blockers=[str(b) for b in status.blockers],
        )
        rows.append({column: row[column] for column in EXPORT_COLUMNS})
    return rows


def decrypt_export(path: Path, passphrase: str) -> bytes:
    """The CSV or JSON bytes inside an encrypted export; never a guess at garbage."""
    return decrypt_bytes(read_sealed(path), passphrase)


def read_sealed(path: Path) -> bytes:
    """A sealed file's bytes (an export, an enrollment file), a read failure said as such."""
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ExportError(
            f"Cannot read {path} ({error.strerror or error})",
            f"No se puede leer {path} ({error.strerror or error})",
        ) from error


def encrypt_bytes(content: bytes, passphrase: str, kdf: KdfParams) -> bytes:
    """Seal bytes in the version-1 container described in this module's docstring."""
    salt = secrets.token_bytes(_SALT_BYTES)
    nonce = secrets.token_bytes(_NONCE_BYTES)
    header = _HEADER.pack(
        MAGIC, CONTAINER_VERSION, kdf.time_cost, kdf.memory_kib, kdf.parallelism, salt, nonce
    )
    return header + AESGCM(derive_key(passphrase, salt, kdf)).encrypt(nonce, content, header)


def decrypt_bytes(sealed: bytes, passphrase: str) -> bytes:
    if not sealed.startswith(MAGIC):
        raise ExportError(
            "This is not an encrypted Staging Desk export (.sdx)",
            "Este archivo no es una exportación cifrada de Staging Desk (.sdx)",
        )
    if len(sealed) < _HEADER.size + _TAG_BYTES:
        raise ExportError(
            "The encrypted export is incomplete (cut short while copying?)",
            "La exportación cifrada está incompleta (¿se cortó al copiarla?)",
        )
    header = sealed[: _HEADER.size]
    _, version, time_cost, memory_kib, parallelism, salt, nonce = _HEADER.unpack(header)
    if version != CONTAINER_VERSION:
        raise ExportError(
            f"The export is in format version {version}; this app reads version "
            f"{CONTAINER_VERSION}: update the app",
            f"La exportación está en la versión {version} del formato; esta aplicación lee la "
            f"versión {CONTAINER_VERSION}: actualice la aplicación",
        )
    if not (
        1 <= time_cost <= _MAX_TIME_COST
        and 1 <= parallelism <= _MAX_PARALLELISM
        and 8 * parallelism <= memory_kib <= _MAX_MEMORY_KIB
    ):
        raise UnreadableExport()
    try:
        key = derive_key(passphrase, salt, KdfParams(time_cost, memory_kib, parallelism))
        return AESGCM(key).decrypt(nonce, sealed[_HEADER.size :], header)
    except (InvalidTag, Argon2Error) as error:
        raise UnreadableExport() from error


def write_new_file(path: Path, content: bytes) -> None:
    """Write a file that did not exist, all at once: a pulled USB stick leaves no half file."""
    if path.exists():
        raise _exists(path)
    _place(_write_temporary(path, content), path)


# --- helpers ---------------------------------------------------------------------------------


def _target_path(path: Path, plaintext: bool) -> Path:
    """Sealed files always end in .sdx; a plaintext file never does, so the name never lies."""
    if plaintext and path.suffix == ENCRYPTED_SUFFIX:
        raise ExportError(
            f"{path.name}: a plaintext export must not end in {ENCRYPTED_SUFFIX}, which "
            "means encrypted",
            f"{path.name}: una exportación sin cifrar no debe terminar en "
            f"{ENCRYPTED_SUFFIX}, que indica cifrado",
        )
    if not plaintext and path.suffix != ENCRYPTED_SUFFIX:
        path = path.with_name(path.name + ENCRYPTED_SUFFIX)
    if path.exists():
        raise _exists(path)
    return path


def _exists(path: Path) -> ExportError:
    """Never overwrite: the name might be the site database or a partner's earlier file."""
    return ExportError(
        f"{path} already exists; choose another file name",
        f"{path} ya existe; elija otro nombre de archivo",
    )


def _write_temporary(target: Path, content: bytes) -> Path:
    """The bytes in a private (0600) file beside the target, flushed to the device."""
    try:
        descriptor, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _unwritable(target, error) from error
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _unwritable(target, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _place(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise _unwritable(target, error) from error


def _unwritable(target: Path, error: OSError) -> ExportError:
    reason = error.strerror or str(error)
    return ExportError(
        f"Cannot write {target} ({reason}); check the folder or USB stick",
        f"No se puede escribir {target} ({reason}); revise la carpeta o la memoria USB",
    )


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _csv_bytes(people: Sequence[dict[str, Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(EXPORT_COLUMNS)
    for row in people:
        writer.writerow(_csv_cell(row[column]) for column in EXPORT_COLUMNS)
    return text.getvalue().encode("utf-8-sig")


def _csv_cell(value: Any) -> str:
    """Blockers as "a;b" (like the lists' vulnerabilities); formula-like text made inert."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return spreadsheet_safe(str(value))


def _json_bytes(people: Sequence[dict[str, Any]], site: str, exported_at: str) -> bytes:
    document = {
        "format": JSON_FORMAT_NAME,
        "version": JSON_FORMAT_VERSION,
        "site": site,
        "exported_at": exported_at,
        "people": list(people),
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
