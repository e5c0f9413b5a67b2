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
from staging.store.store import Actor, Store, UnitOfWork, require, utc_timestamp
from staging.sync.envelope import SiteKeys, open_event, seal
from staging.sync.hub import Hub
from staging.sync.inbox import receive_changes
from staging.sync.outbox import (
    LOCAL_SETTINGS,
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
    keys: SiteKeys


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

    def as_dict(self) -> dict[str, int | str]:
        return dict(self.__dict__)


def keys_to_text(keys: SiteKeys) -> str:
    return json.dumps(
        {
            "key_id": keys.key_id,
            "sync_key": keys.sync_key.hex(),
            "pseudonym_key": keys.pseudonym_key.hex(),
        }
    )


def keys_from_text(text: str) -> SiteKeys:
    fields = json.loads(text)
    return SiteKeys(
        fields["key_id"],
        bytes.fromhex(fields["sync_key"]),
        bytes.fromhex(fields["pseudonym_key"]),
    )


def hub_link(store: Store) -> HubLink:
    """The desk's hub settings; refuses a desk that has none."""
    url, site, keys = (
        store.setting(key) for key in (SETTING_HUB_URL, SETTING_SYNC_SITE, SETTING_SITE_KEYS)
    )
    if url is None or site is None or keys is None:
        raise NotSetUp()
    return HubLink(url, site, keys_from_text(keys))


def set_up_hub(store: Store, actor: Actor, url: str, site: str) -> Done[SiteKeys]:
    """The site's first desk (an administrator): the hub's tables, the site and this desk
    registered there, and the site's keys (new ones unless this desk has them already)."""
    require(actor, Action.MANAGE_SETTINGS)
    _same_site(store, site)
    existing = store.setting(SETTING_SITE_KEYS)
    keys = keys_from_text(existing) if existing else SiteKeys.new(new_id()[-12:])
    with Hub.connect(url) as hub:
        hub.init_schema()
        hub.register_site(site, site)
        hub.register_device(site, store.device_id)
    return _save_link(store, actor, HubLink(url, site, keys))


def join_hub(store: Store, actor: Actor, url: str, site: str, keys: SiteKeys) -> Done[SiteKeys]:
    """Another desk of the site: registered at the hub, with the keys the site's first desk
    made (handed over by an administrator)."""
    require(actor, Action.MANAGE_SETTINGS)
    _same_site(store, site)
    with Hub.connect(url) as hub:
        hub.register_device(site, store.device_id)
    return _save_link(store, actor, HubLink(url, site, keys))


def _same_site(store: Store, site: str) -> None:
    current = store.setting(SETTING_SYNC_SITE)
    if current is not None and current != site:
        raise OtherSite(current, site)


def _save_link(store: Store, actor: Actor, link: HubLink) -> Done[SiteKeys]:
    def step(work: UnitOfWork) -> SiteKeys:
        work.put_setting(SETTING_HUB_URL, link.url)
        work.put_setting(SETTING_SYNC_SITE, link.site)
        work.put_setting(SETTING_SITE_KEYS, keys_to_text(link.keys))
        return link.keys

    return store.run(actor, Action.MANAGE_SETTINGS, step)


def sync(store: Store, actor: Actor, *, batch: int = BATCH) -> Done[SyncReport]:
    """Push what the hub may lack, then pull what this desk has not seen; see the module. The
    changes are the kinds of record received, so the desk's screens redraw as after a local
    operation."""
    require(actor, Action.SYNC)
    link = hub_link(store)
    with Hub.connect(link.url) as hub:
        sent = _push(store, hub, link, batch)
        received, changes = _pull(store, actor, hub, link, batch)
    status = sync_status(store)
    report = SyncReport(
        sent, received, status.conflicts, status.pending, utc_timestamp(store.clock)
    )
    return Done(report, changes)


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
    (conflicts,) = store.db.execute(
        "SELECT count(*) FROM sync_conflict WHERE closed_at IS NULL"
    ).fetchone()
    return SyncStatus(linked, waiting, conflicts, pending)


def _push(store: Store, hub: Hub, link: HubLink, batch: int) -> int:
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
        sent += hub.push([seal(change, link.site, link.keys) for _, change in found])
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
        changes = [open_event(event, link.keys) for _, event in rows]
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
