"""The secret that keys a desk's audit chain, and where a desk keeps its own.

Each desk (device) signs its audit entries with its own 256-bit key (HMAC-SHA256). The key is
kept beside the database in `<database>.audit-key`, readable by this account only, and never
inside the database or a backup: whoever holds only the data key (an old backup and an old
password, a copied database) can read the entries but cannot rewrite them unnoticed.
Administrators also hold each device's key, sealed to them in the key file, so they can verify
the chain of a backup or of another desk.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from staging.errors import StorageError
from staging.store.diagnosis import file_refused

AUDIT_KEY_BYTES = 32


@dataclass(frozen=True)
class AuditKey:
    """`key_id` is stored with every entry it signs, so a verifier knows which key to use."""

    key_id: str
    secret: bytes


def audit_key_path(database: Path) -> Path:
    return database.with_name(database.name + ".audit-key")


def device_audit_key(database: Path) -> AuditKey:
    """This desk's audit key for `database`, made (owner-only) the first time it is asked for."""
    path = audit_key_path(Path(database))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return AuditKey(data["key_id"], bytes.fromhex(data["secret"]))
    except FileNotFoundError:
        pass
    except OSError as error:
        raise file_refused(path, error, writing=False) from error
    except (ValueError, KeyError, TypeError) as error:
        raise StorageError(
            f"This desk's audit key {path.name} is damaged ({error})",
            f"La clave de auditoría de este equipo {path.name} está dañada ({error})",
        ) from error
    key = AuditKey(secrets.token_hex(8), secrets.token_bytes(AUDIT_KEY_BYTES))
    text = json.dumps({"key_id": key.key_id, "secret": key.secret.hex()})
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process on this desk made it first: use theirs
        return device_audit_key(database)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())
    return key
