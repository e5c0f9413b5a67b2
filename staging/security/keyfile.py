"""The key file beside a site database: one wrapped copy of the database key per user.

The database key is random and never written in the clear. Each user's password, stretched
with Argon2id, unwraps that user's copy (AES-256-GCM), so login works offline and changing a
password re-wraps one copy instead of re-encrypting the database. Failed logins are counted
here too, because before a login there is no open database to count them in.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from filelock import FileLock

from staging.errors import StorageError, UserError

KEY_BYTES = 32
KEYFILE_VERSION = 1
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
    salt: str
    nonce: str
    wrapped: str
    kdf: KdfParams = field(default_factory=KdfParams)


@dataclass
class FailedLogins:
    count: int = 0
    last_at: float = 0.0


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


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


def wrap_key(database_key: bytes, user: str, password: str, kdf: KdfParams) -> KeySlot:
    """A user's copy of the key; the user name is bound in, so slots cannot be swapped."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(derive_key(password, salt, kdf)).encrypt(nonce, database_key, user.encode())
    return KeySlot(_b64(salt), _b64(nonce), _b64(wrapped), kdf)


def unwrap_key(slot: KeySlot, user: str, password: str) -> bytes:
    kek = derive_key(password, _unb64(slot.salt), slot.kdf)
    try:
        return AESGCM(kek).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped), user.encode())
    except InvalidTag as error:
        raise WrongPassword(user) from error


def keyfile_path(database: Path) -> Path:
    return database.with_name(database.name + ".keys")


@dataclass
class Keyfile:
    path: Path
    slots: dict[str, KeySlot] = field(default_factory=dict)
    failures: dict[str, FailedLogins] = field(default_factory=dict)
    notice: str = ""  # shown on the login screen (a demo site lists its demo users); not secret

    @classmethod
    def load(cls, path: Path) -> Keyfile:
        """Read a key file; a damaged one is a clear error, never a traceback."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != KEYFILE_VERSION:
                raise ValueError(f"unknown key file version {data.get('version')!r}")
            slots = {
                user: KeySlot(
                    slot["salt"], slot["nonce"], slot["wrapped"], KdfParams(**slot["kdf"])
                )
                for user, slot in data["slots"].items()
            }
            failures = {user: FailedLogins(**f) for user, f in data.get("failures", {}).items()}
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise KeyfileDamaged(path, error) from error
        return cls(path, slots, failures, data.get("notice", ""))

    def save(self) -> None:
        """Write a new file (readable by this account only) and swap it in, so a crash never
        leaves a half-written key file."""
        data = {
            "version": KEYFILE_VERSION,
            "slots": {user: asdict(slot) for user, slot in sorted(self.slots.items())},
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
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_SECONDS):
        keyfile = Keyfile.load(path) if path.exists() else Keyfile(path)
        yield keyfile
        keyfile.save()


def read_notice(path: Path) -> str:
    """The login-screen notice of a site, or '' when there is none (or no key file)."""
    try:
        return Keyfile.load(path).notice
    except (OSError, UserError):
        return ""


def set_notice(path: Path, notice: str) -> None:
    with editing(path) as keyfile:
        keyfile.notice = notice
