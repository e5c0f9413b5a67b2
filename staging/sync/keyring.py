"""The site's sync keys over time, and handing a new generation to each desk.

Keys are rotated when a desk is revoked (a lost laptop): changes sealed from then on use the
new generation, which the revoked desk never receives. A desk keeps every generation it has
been given, since older changes stay sealed under the older ones. A new generation reaches the
other desks as a **grant** at the hub: the keys sealed to each desk's own public key (X25519,
`staging.security.sealing`), so the hub, which stores the grants, still cannot open anything.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from staging.errors import Refused
from staging.security.sealing import Identity, Sealed, from_text, seal, to_text, unseal
from staging.sync.envelope import SiteKeys


@dataclass(frozen=True)
class Keyring:
    """`current` seals what this desk sends; `older` still open what was sealed before."""

    current: SiteKeys
    older: tuple[SiteKeys, ...] = ()

    def get(self, key_id: str) -> SiteKeys | None:
        return next((keys for keys in (self.current, *self.older) if keys.key_id == key_id), None)

    def with_older(self, keys: SiteKeys) -> Keyring:
        return Keyring(self.current, (*self.older, keys))

    def newest(self) -> SiteKeys:
        """The latest generation: ids are UUIDv7 (time first), and newer than the 12-character
        ids of the first generation made before keys were rotated."""
        return max((self.current, *self.older), key=lambda k: (len(k.key_id) == 36, k.key_id))

    def with_current(self, keys: SiteKeys) -> Keyring:
        """The ring with `keys` as the generation in use (added if new)."""
        rest = tuple(k for k in (self.current, *self.older) if k.key_id != keys.key_id)
        return Keyring(keys, rest)

    def as_text(self) -> str:
        return json.dumps(
            {"current": _as_dict(self.current), "older": [_as_dict(keys) for keys in self.older]}
        )

    @classmethod
    def from_text(cls, text: str) -> Keyring:
        """Also reads a desk's setting from before rotation (one generation, unwrapped)."""
        fields = json.loads(text)
        if "current" not in fields:
            return cls(_keys(fields))
        return cls(_keys(fields["current"]), tuple(_keys(keys) for keys in fields["older"]))


class NotGranted(Refused):
    """Changes sealed under a generation this desk was never given: it was revoked, or it has
    been away since a rotation and no desk has handed it the new keys yet."""

    def __init__(self, key_id: str) -> None:
        super().__init__(
            f"This desk has not been given the site's sync key {key_id} (the keys were changed "
            "after a desk was revoked): nothing more was received. If this desk was not the one "
            "revoked, sync again in a moment or ask an administrator for a new enrollment file.",
            f"Este equipo no ha recibido la clave de sincronización {key_id} del sitio (las "
            "claves cambiaron después de revocar un equipo): no se recibió nada más. Si este "
            "equipo no es el revocado, sincronice de nuevo en un momento o pida a un "
            "administrador un nuevo archivo de inscripción.",
        )


def keys_for(keyring: Keyring, key_id: str) -> SiteKeys:
    keys = keyring.get(key_id)
    if keys is None:
        raise NotGranted(key_id)
    return keys


def grant(keys: SiteKeys, public: str, site: str, device: str) -> str:
    """The keys sealed to one desk's public key (text, for the hub)."""
    plain = json.dumps(_as_dict(keys)).encode()
    sealed = seal(from_text(public), plain, _context(site, device, keys.key_id))
    return json.dumps(asdict(sealed))


def open_grant(identity: Identity, text: str, site: str, device: str, key_id: str) -> SiteKeys:
    plain = unseal(identity, Sealed(**json.loads(text)), _context(site, device, key_id))
    keys = _keys(json.loads(plain))
    if keys.key_id != key_id:
        raise ValueError(f"a grant of {keys.key_id} filed as {key_id}")
    return keys


def identity_to_text(identity: Identity) -> str:
    return json.dumps({"private": to_text(identity.private), "public": to_text(identity.public)})


def identity_from_text(text: str) -> Identity:
    fields = json.loads(text)
    return Identity(from_text(fields["private"]), from_text(fields["public"]))


def _context(site: str, device: str, key_id: str) -> bytes:
    return f"site keys|{site}|{device}|{key_id}".encode()


def _as_dict(keys: SiteKeys) -> dict[str, str]:
    return {
        "key_id": keys.key_id,
        "sync_key": keys.sync_key.hex(),
        "pseudonym_key": keys.pseudonym_key.hex(),
    }


def _keys(data: dict[str, str]) -> SiteKeys:
    return SiteKeys(
        data["key_id"], bytes.fromhex(data["sync_key"]), bytes.fromhex(data["pseudonym_key"])
    )
