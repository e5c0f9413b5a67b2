"""The key file beside a site database: each user's keys, and who may no longer have them.

The database key is random and never written in the clear. Each user has a key pair: the
private half is wrapped with their password (Argon2id + AES-256-GCM), the public half is in the
clear, and the database key is sealed to the public half (`sealing`). So login works offline,
changing a password re-wraps one private key, and re-keying the site after a user is removed
seals the new database key to everyone else without their passwords. Version 1 files wrapped
the database key with each password directly; such an entry is upgraded at its user's next
login. Failed logins are counted here too: before a login there is no open database.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from filelock import FileLock

from staging.errors import StorageError, UserError
from staging.security.sealing import Sealed, from_text, to_text
from staging.store.diagnosis import file_refused

KEY_BYTES = 32
KEYFILE_VERSION = 2
READABLE_VERSIONS = (1, 2)
LOCK_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: about 150 ms on a 2-core laptop, costly for a guesser with a stolen file."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


class WrongPassword(Exception):
    """The password does not unwrap this user's key (or the user has no key here)."""


@dataclass
class KeySlot:
    """A secret wrapped with a password: a user's private key (or, in version 1, the
    database key itself)."""

    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams = field(default_factory=KdfParams)


@dataclass
class UserKeys:
    """One user's entry. `public` is None for an entry written by version 1 (`password_slot`
    then wraps the database key itself). `next_data_key` exists only while the site is being
    re-keyed, until the database under the new key is in place."""

    password_slot: KeySlot
    public: str | None = None
    data_key: Sealed | None = None
    next_data_key: Sealed | None = None

    @property
    def legacy(self) -> bool:
        return self.public is None


@dataclass
class FailedLogins:
    count: int = 0
    last_at: float = 0.0


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def derive_key(secret: str, salt: bytes, kdf: KdfParams) -> bytes:
    """Argon2id of a password or passphrase; NFC so "ñ" typed on any system gives the same bytes."""
    return hash_secret_raw(
        unicodedata.normalize("NFC", secret).encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def wrap_key(secret: bytes, user: str, password: str, kdf: KdfParams) -> KeySlot:
    """A secret only this password opens; the user name is bound in, so slots cannot be swapped."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(derive_key(password, salt, kdf)).encrypt(nonce, secret, user.encode())
    return KeySlot(to_text(salt), to_text(nonce), to_text(wrapped), kdf)


def unwrap_key(slot: KeySlot, user: str, password: str) -> bytes:
    kek = derive_key(password, from_text(slot.salt), slot.kdf)
    try:
        return AESGCM(kek).decrypt(from_text(slot.nonce), from_text(slot.wrapped), user.encode())
    except InvalidTag as error:
        raise WrongPassword(user) from error


def keyfile_path(database: Path) -> Path:
    return database.with_name(database.name + ".keys")


def _slot(data: dict[str, Any]) -> KeySlot:
    return KeySlot(data["salt"], data["nonce"], data["wrapped"], KdfParams(**data["kdf"]))


def _sealed(data: dict[str, Any] | None) -> Sealed | None:
    return None if data is None else Sealed(**data)


def _user_keys(version: int, data: dict[str, Any]) -> UserKeys:
    if version == 1:
        return UserKeys(_slot(data))
    return UserKeys(
        _slot(data["password_slot"]),
        data.get("public"),
        _sealed(data.get("data_key")),
        _sealed(data.get("next_data_key")),
    )


@dataclass
class Keyfile:
    """`key_id` names the database key in use; `next_key_id` the one a re-keying is putting in
    place. `audit_keys` holds each desk's audit key sealed to every administrator (by key id,
    then user). `revoked` remembers removed users, so a restored backup does not bring their
    access back."""

    path: Path
    users: dict[str, UserKeys] = field(default_factory=dict)
    failures: dict[str, FailedLogins] = field(default_factory=dict)
    notice: str = ""  # shown on the login screen (a demo site lists its demo users); not secret
    key_id: str = ""
    next_key_id: str = ""
    audit_keys: dict[str, dict[str, Sealed]] = field(default_factory=dict)
    revoked: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Keyfile:
        """Read a key file; a damaged one is a clear error, never a traceback."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            version = data.get("version")
            if version not in READABLE_VERSIONS:
                raise ValueError(f"unknown key file version {version!r}")
            entries = data["slots"] if version == 1 else data["users"]
            users = {user: _user_keys(version, entry) for user, entry in entries.items()}
            failures = {user: FailedLogins(**f) for user, f in data.get("failures", {}).items()}
            audit_keys = {
                key_id: {user: Sealed(**sealed) for user, sealed in copies.items()}
                for key_id, copies in data.get("audit_keys", {}).items()
            }
        except FileNotFoundError:
            raise
        except OSError as error:
            raise file_refused(path, error, writing=False) from error
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeyfileDamaged(path, error) from error
        return cls(
            path,
            users,
            failures,
            data.get("notice", ""),
            data.get("key_id", ""),
            data.get("next_key_id", ""),
            audit_keys,
            dict(data.get("revoked", {})),
        )

    def save(self) -> None:
        """Write a new file (readable by this account only) and swap it in, so a crash never
        leaves a half-written key file."""
        data = {
            "version": KEYFILE_VERSION,
            "key_id": self.key_id,
            "next_key_id": self.next_key_id,
            "users": {user: asdict(keys) for user, keys in sorted(self.users.items())},
            "audit_keys": {
                key_id: {user: asdict(sealed) for user, sealed in sorted(copies.items())}
                for key_id, copies in sorted(self.audit_keys.items())
            },
            "revoked": dict(sorted(self.revoked.items())),
            "failures": {user: asdict(f) for user, f in sorted(self.failures.items())},
            "notice": self.notice,
        }
        handle, temporary = tempfile.mkstemp(prefix=self.path.name, dir=self.path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.path)


class KeyfileDamaged(StorageError):
    def __init__(self, path: Path, error: Exception) -> None:
        super().__init__(
            f"The key file {path.name} is damaged ({error}); restore it from a backup",
            f"El archivo de claves {path.name} está dañado ({error}); restáurelo de un respaldo",
        )


@contextmanager
def editing(path: Path) -> Iterator[Keyfile]:
    """Load, change and save the key file while holding its lock, so two desks (or the CLI
    and the app) changing it at once cannot lose each other's change."""
    try:
        lock = FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        lock.acquire()
    except OSError as error:
        raise file_refused(path, error, writing=True) from error
    try:
        keyfile = Keyfile.load(path) if path.exists() else Keyfile(path)
        yield keyfile
        try:
            keyfile.save()
        except OSError as error:
            raise file_refused(path, error, writing=True) from error
    finally:
        lock.release()


def read_notice(path: Path) -> str:
    """The login-screen notice of a site, or '' when there is none (or no key file)."""
    try:
        return Keyfile.load(path).notice
    except (OSError, UserError):
        return ""


def set_notice(path: Path, notice: str) -> None:
    with editing(path) as keyfile:
        keyfile.notice = notice
