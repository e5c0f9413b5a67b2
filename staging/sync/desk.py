"""A desk's link to its site hub: the settings it keeps, and one sync (push, then pull).

The hub's address, the site and the site's keys live in the desk's own encrypted database as
settings that never travel (`LOCAL_SETTINGS`). A sync is safe to interrupt anywhere:

- push: every change the hub may not have yet (`change_log.pushed = 0`: this desk's own, and
  those it received on a USB stick, relayed as they came) is sealed and sent in batches, and
  marked pushed only once the hub has committed the batch. A desk that dies in between sends
  the batch again, and the hub stores each event id once.
- pull: the site's events after this desk's hub cursor are opened and applied in batches; the
  cursor is saved after each batch is applied, so a desk killed mid-pull resumes there, and a
  batch received twice changes nothing (the inbox knows each event id).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from staging.changes import NOTHING, Changes, Done
from staging.errors import Refused
from staging.ids import new_id
from staging.rules import Action
from staging.security.sealing import Identity, new_identity, to_text
from staging.store.store import Actor, Store, UnitOfWork, require, utc_timestamp
from staging.sync.desks import has_record, record_desk, revoked_desks
from staging.sync.envelope import SiteKeys, open_event, seal
from staging.sync.hub import AnchorRewound, Hub
from staging.sync.inbox import open_conflicts, receive_changes
from staging.sync.keyring import (
    Keyring,
    grant,
    identity_from_text,
    identity_to_text,
    keys_for,
    open_grant,
)
from staging.sync.outbox import (
    LOCAL_SETTINGS,
    SETTING_DESK_IDENTITY,
    SETTING_HUB_CURSOR,
    SETTING_HUB_URL,
    SETTING_SITE_KEYS,
    SETTING_SYNC_SITE,
    all_changes,
)

BATCH = 2_000


class NotSetUp(Refused):
    """The desk has no hub yet: an administrator sets it up first."""

    def __init__(self) -> None:
        super().__init__(
            "This desk is not linked to a sync hub yet: an administrator runs "
            "`staging-site hub init` (or joins the desk to the site's hub) first.",
            "Este equipo aún no está vinculado a un servidor de sincronización: un "
            "administrador debe ejecutar primero `staging-site hub init` (o unir el equipo "
            "al servidor del sitio).",
        )


class OtherSite(Refused):
    """A desk syncs with one site: pointing it at another would mix two sites' people."""

    def __init__(self, current: str, asked: str) -> None:
        super().__init__(
            f"This desk already syncs with site {current!r}, not {asked!r}: nothing was changed.",
            f"Este equipo ya se sincroniza con el sitio {current!r}, no con {asked!r}: no se "
            "cambió nada.",
        )


@dataclass(frozen=True)
class HubLink:
    """Where and as what this desk syncs."""

    url: str
    site: str
    keys: Keyring


@dataclass(frozen=True)
class SyncReport:
    """One sync, for the status line: events the hub newly stored from this desk (`sent`),
    changes applied here (`received`), fields waiting for review (`conflicts`), received
    changes still waiting for a record (`pending`), and when it finished."""

    sent: int
    received: int
    conflicts: int
    pending: int
    last_sync: str
    # The hub refused this desk's audit-chain head: the chain no longer continues the one it
    # anchored (entries cut off, or a backup restored). Said, never hidden; sync goes on.
    anchor_refused: bool = False

    def as_dict(self) -> dict[str, int | str | bool]:
        return dict(self.__dict__)


def hub_link(store: Store) -> HubLink:
    """The desk's hub settings; refuses a desk that has none."""
    url, site, keys = (
        store.setting(key) for key in (SETTING_HUB_URL, SETTING_SYNC_SITE, SETTING_SITE_KEYS)
    )
    if url is None or site is None or keys is None:
        raise NotSetUp()
    return HubLink(url, site, Keyring.from_text(keys))


def set_up_hub(store: Store, actor: Actor, url: str, site: str) -> Done[Keyring]:
    """The site's first desk (an administrator): the hub's tables, the site and this desk
    registered there, and the site's keys (new ones unless this desk has them already)."""
    require(actor, Action.MANAGE_SETTINGS)
    _same_site(store, site)
    existing = store.setting(SETTING_SITE_KEYS)
    keys = Keyring.from_text(existing) if existing else Keyring(SiteKeys.new(new_key_id()))
    identity = _desk_identity(store)
    with Hub.connect(url) as hub:
        hub.init_schema()
        hub.register_site(site, site)
        hub.register_device(site, store.device_id, to_text(identity.public))
    return _save_link(store, actor, HubLink(url, site, keys), identity)


def join_hub(store: Store, actor: Actor, url: str, site: str, keys: Keyring) -> Done[Keyring]:
    """Another desk of the site: registered at the hub, with the keys the site's first desk
    made (handed over by an administrator)."""
    require(actor, Action.MANAGE_SETTINGS)
    _same_site(store, site)
    identity = _desk_identity(store)
    with Hub.connect(url) as hub:
        hub.init_schema()
        hub.register_device(site, store.device_id, to_text(identity.public))
    return _save_link(store, actor, HubLink(url, site, keys), identity)


def new_key_id() -> str:
    """A UUIDv7: a later generation's id sorts after an earlier one's (`Keyring.newest`)."""
    return new_id()


def _desk_identity(store: Store) -> Identity:
    """This desk's key pair for receiving new site keys: made once, kept with its settings."""
    text = store.setting(SETTING_DESK_IDENTITY)
    return identity_from_text(text) if text else new_identity()


def _same_site(store: Store, site: str) -> None:
    current = store.setting(SETTING_SYNC_SITE)
    if current is not None and current != site:
        raise OtherSite(current, site)


def _save_link(store: Store, actor: Actor, link: HubLink, identity: Identity) -> Done[Keyring]:
    def step(work: UnitOfWork) -> Keyring:
        work.put_secret_setting(SETTING_HUB_URL, link.url)
        work.put_setting(SETTING_SYNC_SITE, link.site)
        work.put_secret_setting(SETTING_SITE_KEYS, link.keys.as_text())
        work.put_secret_setting(SETTING_DESK_IDENTITY, identity_to_text(identity))
        record_desk(work, identity)
        return link.keys

    return store.run(actor, Action.MANAGE_SETTINGS, step)


def sync(store: Store, actor: Actor, *, batch: int = BATCH) -> Done[SyncReport]:
    """Push what the hub may lack, then pull what this desk has not seen; see the module. The
    changes are the kinds of record received, so the desk's screens redraw as after a local
    operation."""
    require(actor, Action.SYNC)
    link = hub_link(store)
    ensure_desk_record(store, actor)
    with Hub.connect(link.url) as hub:
        link = _take_grants(store, actor, hub, link)
        revoked = {
            desk.device for desk in hub.desks(link.site) if desk.revoked_at is not None
        } | revoked_desks(store)
        revoked.discard(store.device_id)
        sent = _push(store, hub, link, batch, revoked)
        received, changes = _pull(store, actor, hub, link, batch)
        anchored = _anchor(store, hub, link)
        _hand_on_keys(hub, link)
    status = sync_status(store)
    report = SyncReport(
        sent,
        received,
        status.conflicts,
        status.pending,
        utc_timestamp(store.clock),
        anchor_refused=not anchored,
    )
    return Done(report, changes)


def ensure_desk_record(store: Store, actor: Actor) -> None:
    """A desk linked before desks had records makes its own at its next sync or bundle."""
    if has_record(store):
        return
    identity = _desk_identity(store)
    with store.write(actor, Action.SYNC) as work:
        work.put_secret_setting(SETTING_DESK_IDENTITY, identity_to_text(identity))
        record_desk(work, identity)


def _take_grants(store: Store, actor: Actor, hub: Hub, link: HubLink) -> HubLink:
    """Add the key generations the hub holds for this desk; the newest becomes the one in use.
    Registering again first hands the hub this desk's public key if it lacks it."""
    identity = _desk_identity(store)
    hub.register_device(link.site, store.device_id, to_text(identity.public))
    keys = link.keys
    for key_id, sealed in hub.grants(link.site, store.device_id):
        if keys.get(key_id) is None:
            keys = keys.with_older(open_grant(identity, sealed, link.site, store.device_id, key_id))
    keys = keys.with_current(keys.newest())
    if keys == link.keys:
        return link
    with store.write(actor, Action.SYNC) as work:
        work.put_secret_setting(SETTING_SITE_KEYS, keys.as_text())
    return HubLink(link.url, link.site, keys)


def _hand_on_keys(hub: Hub, link: HubLink) -> None:
    """Seal the generation in use to the desks not revoked that lack it (a desk that
    registered its public key after a rotation): any desk holding the keys may."""
    lacking = hub.lacking(link.site, link.keys.current.key_id)
    if lacking:
        current = link.keys.current
        hub.grant_keys(
            link.site,
            current.key_id,
            {device: grant(current, public, link.site, device) for device, public in lacking},
        )


def _anchor(store: Store, hub: Hub, link: HubLink) -> bool:
    """Anchor this desk's audit-chain head at the hub; False if the hub refused it."""
    head = store.db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    if head is None:
        return True
    try:
        hub.anchor(link.site, store.device_id, head[0], head[1])
    except AnchorRewound:
        return False
    return True


@dataclass(frozen=True)
class SyncStatus:
    """What the status line says between two syncs: whether the desk has a hub, how many of
    its changes the hub may still lack, and what waits for a person. (When it last synced is
    the caller's to remember: writing it down would add an audit entry every few seconds.)"""

    linked: bool
    waiting: int
    conflicts: int
    pending: int


def sync_status(store: Store) -> SyncStatus:
    """Read-only, cheap enough for every status-line refresh."""
    linked = store.setting(SETTING_HUB_URL) is not None
    (waiting,) = store.db.execute(
        "SELECT count(*) FROM change_log WHERE pushed = 0 AND op != 'event' AND NOT "
        "(entity = 'site_setting' AND entity_id IN (SELECT value FROM json_each(?)))",
        [json.dumps(sorted(LOCAL_SETTINGS))],
    ).fetchone()
    (pending,) = store.db.execute("SELECT count(*) FROM sync_pending").fetchone()
    return SyncStatus(linked, waiting, len(open_conflicts(store)), pending)


def _push(store: Store, hub: Hub, link: HubLink, batch: int, revoked: set[str]) -> int:
    """Other, revoked desks' changes this desk holds (received before the revocation) are not
    sent: the hub would refuse the batch. A revoked desk's own are, and the hub says no."""
    sent = 0
    while True:
        (first,) = store.db.execute("SELECT min(seq) FROM change_log WHERE pushed = 0").fetchone()
        if first is None:
            return sent
        (latest,) = store.db.execute("SELECT max(seq) FROM change_log").fetchone()
        found = all_changes(store, first - 1, batch)
        full = len(found) == batch
        # A short batch is everything sendable: the rows after it (events, local settings)
        # have nothing to send and are marked with it.
        upto = found[-1][0] if full else max(latest, found[-1][0] if found else latest)
        current = link.keys.current
        sent += hub.push([seal(c, link.site, current) for _, c in found if c.device not in revoked])
        store.mark_pushed(upto)
        if not full:
            return sent


def _pull(store: Store, actor: Actor, hub: Hub, link: HubLink, batch: int) -> tuple[int, Changes]:
    cursor = int(store.setting(SETTING_HUB_CURSOR) or 0)
    received = 0
    touched = NOTHING
    while True:
        rows = hub.pull(link.site, cursor, batch, exclude_device=store.device_id)
        if not rows:
            return received, touched
        changes = [open_event(event, keys_for(link.keys, event.key_id)) for _, event in rows]
        done = receive_changes(store, actor, changes)
        received += done.value.applied
        touched = touched | done.changes
        cursor = rows[-1][0]
        _save_cursor(store, actor, cursor, [change.event_id for change in changes])
        if len(rows) < batch:
            return received, touched


def _save_cursor(store: Store, actor: Actor, cursor: int, event_ids: list[str]) -> None:
    """How far this desk has pulled; the events pulled are at the hub, so never pushed back."""
    with store.write(actor, Action.SYNC) as work:
        work.put_setting(SETTING_HUB_CURSOR, str(cursor))
        work.mark_at_hub(event_ids)
