"""Sealing a secret to a user's public key, so it can be handed to them without their password.

Each user has an X25519 key pair. The private half is wrapped with their password (Argon2id +
AES-GCM, `keyfile.wrap_key`); the public half is in the clear. An administrator re-keying the
site seals the new database key to every remaining user's public key: nobody's password is
needed, and a removed user's old copies open only the old key, which no longer opens anything.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEAL_INFO = b"staging-desk seal v1"
_RAW = serialization.Encoding.Raw


class NotSealedForThisKey(Exception):
    """The sealed secret was not made for this private key, or not for this context."""


@dataclass(frozen=True)
class Identity:
    """A user's key pair, raw bytes (32 each)."""

    private: bytes
    public: bytes


@dataclass(frozen=True)
class Sealed:
    """A secret only the holder of one private key can open (ECIES: X25519, HKDF, AES-GCM)."""

    ephemeral: str
    nonce: str
    box: str


def new_identity() -> Identity:
    private = X25519PrivateKey.generate()
    return Identity(
        private.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption()),
        private.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw),
    )


def to_text(data: bytes) -> str:
    """Bytes as the key file stores them (base64)."""
    return base64.b64encode(data).decode("ascii")


def from_text(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _box_key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=SEAL_INFO + ephemeral + recipient
    ).derive(shared)


def seal(public: bytes, secret: bytes, context: bytes) -> Sealed:
    """`context` (who and what it is for) is bound in: a sealed key cannot be moved to another
    user's entry or passed off as another key."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = secrets.token_bytes(12)
    box = AESGCM(_box_key(shared, ephemeral_public, public)).encrypt(nonce, secret, context)
    return Sealed(to_text(ephemeral_public), to_text(nonce), to_text(box))


def unseal(identity: Identity, sealed: Sealed, context: bytes) -> bytes:
    ephemeral = from_text(sealed.ephemeral)
    private = X25519PrivateKey.from_private_bytes(identity.private)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    try:
        return AESGCM(_box_key(shared, ephemeral, identity.public)).decrypt(
            from_text(sealed.nonce), from_text(sealed.box), context
        )
    except InvalidTag as error:
        raise NotSealedForThisKey from error
