"""A lost or stolen laptop revoked, from another desk of the site (an administrator).

The hub refuses the revoked desk's changes from then on; the site's sync keys get a new
generation, sealed to every other desk's own public key at the hub (`keyring.grant`) and never
to the revoked one, so nothing synced afterwards opens with the keys the lost laptop holds; and
the revocation is an edit of the desk's record (`desks`), so it reaches desks by USB as well.
"""

from __future__ import annotations

from dataclasses import dataclass

from staging.changes import Done
from staging.errors import Refused
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork, require
from staging.sync.desk import hub_link, new_key_id
from staging.sync.desks import mark_revoked
from staging.sync.envelope import SiteKeys
from staging.sync.hub import Desk, Hub
from staging.sync.keyring import grant
from staging.sync.outbox import SETTING_SITE_KEYS


def site_desks(store: Store, actor: Actor) -> list[Desk]:
    """The desks of this desk's site as the hub knows them (administrators: who to revoke)."""
    require(actor, Action.MANAGE_SETTINGS)
    link = hub_link(store)
    with Hub.connect(link.url) as hub:
        return hub.desks(link.site)


@dataclass(frozen=True)
class Revoked:
    """A desk revoked: the new key generation, the desks given it, and those that will be
    given it once they have synced (their public key is not at the hub yet)."""

    device: str
    key_id: str
    granted: list[str]
    waiting: list[str]


class UnknownDesk(Refused):
    def __init__(self, device: str) -> None:
        super().__init__(
            f"The hub knows no desk {device} of this site: nothing was revoked.",
            f"El servidor no conoce ningún equipo {device} de este sitio: no se revocó nada.",
        )


def revoke_desk(store: Store, actor: Actor, device: str) -> Done[Revoked]:
    """A lost or stolen laptop: the hub refuses its changes from now on, and the site's sync
    keys are replaced by a new generation sealed to every other desk, so what is synced from
    now on cannot be read with the keys the lost laptop holds."""
    require(actor, Action.MANAGE_SETTINGS)
    if device == store.device_id:
        raise Refused(
            "A desk cannot revoke itself: revoke it from another desk of the site.",
            "Un equipo no puede revocarse a sí mismo: revóquelo desde otro equipo del sitio.",
        )
    link = hub_link(store)
    fresh = SiteKeys.new(new_key_id())
    with Hub.connect(link.url) as hub:
        desks = hub.desks(link.site)
        if device not in {desk.device for desk in desks}:
            raise UnknownDesk(device)
        hub.revoke_device(link.site, device)
        others = [d for d in desks if d.device != device and d.revoked_at is None]
        grants = {
            d.device: grant(fresh, d.public_key, link.site, d.device)
            for d in others
            if d.public_key is not None
        }
        hub.grant_keys(link.site, fresh.key_id, grants)
    revoked = Revoked(
        device,
        fresh.key_id,
        sorted(d for d in grants if d != store.device_id),
        sorted(d.device for d in others if d.public_key is None),
    )

    def step(work: UnitOfWork) -> Revoked:
        work.put_secret_setting(SETTING_SITE_KEYS, link.keys.with_current(fresh).as_text())
        mark_revoked(work, device)
        return revoked

    return store.run(actor, Action.MANAGE_SETTINGS, step)
