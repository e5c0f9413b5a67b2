"""Each user's keys: enrolling a user, unlocking at login, and sealing keys to users.

The database key reaches a user sealed to their public key; the audit key of each desk reaches
every administrator the same way, so they can verify any desk's chain. Nothing here writes the
key file: the callers do, holding its lock (`keyfile.editing`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from staging.audit.keys import AuditKey
from staging.security.keyfile import (
    KdfParams,
    Keyfile,
    KeySlot,
    UserKeys,
    WrongPassword,
    unwrap_key,
    wrap_key,
)
from staging.security.sealing import (
    Identity,
    NotSealedForThisKey,
    from_text,
    new_identity,
    seal,
    to_text,
    unseal,
)


def _data_key_context(user: str, key_id: str) -> bytes:
    return f"database key|{user}|{key_id}".encode()


def _audit_key_context(user: str, key_id: str) -> bytes:
    return f"audit key|{user}|{key_id}".encode()


def public_key(entry: UserKeys) -> bytes:
    if entry.public is None:
        raise ValueError("a version 1 entry has no public key until its user logs in")
    return from_text(entry.public)


@dataclass(frozen=True)
class Credential:
    """What lets a user log in on any desk of the site: the public half of their key pair and
    the private half wrapped with their password. It travels with the user's record (sealed
    like every change); each desk seals its own database key to `public`."""

    public: str
    slot: KeySlot

    def as_text(self) -> str:
        return json.dumps({"public": self.public, "slot": asdict(self.slot)}, sort_keys=True)

    @classmethod
    def from_text(cls, text: str) -> Credential:
        fields = json.loads(text)
        slot = fields["slot"]
        return cls(
            fields["public"],
            KeySlot(slot["salt"], slot["nonce"], slot["wrapped"], KdfParams(**slot["kdf"])),
        )


def new_credential(user: str, password: str, kdf: KdfParams) -> tuple[Identity, Credential]:
    """A new key pair for the user, wrapped with their password. A new pair on every password
    change: a leaked old password then opens nothing new."""
    identity = new_identity()
    return identity, Credential(
        to_text(identity.public), wrap_key(identity.private, user, password, kdf)
    )


def credential_of(entry: UserKeys) -> Credential | None:
    """The entry's credential, None for a version 1 entry (no key pair until its next login)."""
    return None if entry.public is None else Credential(entry.public, entry.password_slot)


def install(keyfile: Keyfile, user: str, credential: Credential, database_key: bytes) -> None:
    """Let the credential's holder open this desk: the database key sealed to its public half."""
    public = from_text(credential.public)
    entry = UserKeys(
        credential.slot,
        credential.public,
        seal(public, database_key, _data_key_context(user, keyfile.key_id)),
    )
    keyfile.users[user] = entry


def enrol(
    keyfile: Keyfile, user: str, password: str, database_key: bytes, kdf: KdfParams
) -> Identity:
    """A new key pair for the user, installed in this desk's key file."""
    identity, credential = new_credential(user, password, kdf)
    install(keyfile, user, credential, database_key)
    keyfile.failures.pop(user, None)
    return identity


@dataclass(frozen=True)
class Unlocked:
    """What a password opens: the user's key pair (None for a version 1 entry) and the database
    keys, the one in use first, then the one an unfinished re-keying was putting in place."""

    identity: Identity | None
    database_keys: tuple[bytes, ...]


def unlock(keyfile: Keyfile, user: str, password: str) -> Unlocked:
    """Raises WrongPassword when the password does not open the user's entry (or there is none)."""
    entry = keyfile.users.get(user)
    if entry is None:
        raise WrongPassword(user)
    secret = unwrap_key(entry.password_slot, user, password)
    if entry.legacy:
        return Unlocked(None, (secret,))
    identity = Identity(secret, public_key(entry))
    keys = []
    try:
        if entry.data_key is not None:
            keys.append(unseal(identity, entry.data_key, _data_key_context(user, keyfile.key_id)))
        if entry.next_data_key is not None:
            context = _data_key_context(user, keyfile.next_key_id)
            keys.append(unseal(identity, entry.next_data_key, context))
    except NotSealedForThisKey as error:
        raise WrongPassword(user) from error
    return Unlocked(identity, tuple(keys))


def seal_next_database_key(keyfile: Keyfile, database_key: bytes, key_id: str) -> list[str]:
    """Seal a new database key to every user who has a key pair; returns those who have none
    yet (version 1 entries, never logged in since): they cannot receive it and are removed."""
    keyfile.next_key_id = key_id
    unreachable = []
    for user, entry in list(keyfile.users.items()):
        if entry.legacy:
            unreachable.append(user)
            del keyfile.users[user]
            continue
        context = _data_key_context(user, key_id)
        entry.next_data_key = seal(public_key(entry), database_key, context)
    return sorted(unreachable)


def promote_next_database_key(keyfile: Keyfile) -> None:
    """The new database file is in place: the next key becomes the key."""
    for entry in keyfile.users.values():
        if entry.next_data_key is not None:
            entry.data_key, entry.next_data_key = entry.next_data_key, None
    keyfile.key_id, keyfile.next_key_id = keyfile.next_key_id, ""


def seal_audit_key(keyfile: Keyfile, audit_key: AuditKey, admins: Iterable[str]) -> bool:
    """Give every administrator with a key pair a copy of a desk's audit key; True if any new
    copy was made (the key file then needs saving)."""
    copies = keyfile.audit_keys.setdefault(audit_key.key_id, {})
    added = False
    for admin in admins:
        entry = keyfile.users.get(admin)
        if admin in copies or entry is None or entry.legacy:
            continue
        context = _audit_key_context(admin, audit_key.key_id)
        copies[admin] = seal(public_key(entry), audit_key.secret, context)
        added = True
    return added


def unseal_audit_keys(keyfile: Keyfile, user: str, identity: Identity) -> dict[str, bytes]:
    """Every desk's audit key sealed to this user (an administrator), by key id."""
    opened = {}
    for key_id, copies in keyfile.audit_keys.items():
        sealed = copies.get(user)
        if sealed is not None:
            opened[key_id] = unseal(identity, sealed, _audit_key_context(user, key_id))
    return opened
