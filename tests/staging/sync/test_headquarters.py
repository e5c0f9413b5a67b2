"""Two site hubs replicating to a headquarters server through PostgreSQL's logical replication,
three real servers: each hub sends only its own site's events, byte for byte, including those
pushed after subscribing; headquarters holds ciphertext only; doing it all twice is harmless."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass

import psycopg
import pytest

from staging.sync.envelope import Change, SealedEvent, SiteKeys, UnreadableChange, open_event, seal
from staging.sync.headquarters import (
    NothingPublished,
    SubscriptionStatus,
    publication_name,
    publish_site,
    replication_status,
    subscribe_headquarters,
    subscription_name,
)
from staging.sync.hlc import format_stamp
from staging.sync.hub import Hub, HubUnreachable
from tests.helpers.postgres import PostgresServer, free_port, postgres_server

SITE_A = "tijuana"
SITE_B = "matamoros"
FILTERED = "reynosa"  # its events reach hub A by mistake; hub A must not send them
SEALED_NAME = "Xiomara Quintanilla-Batres"
T0 = 1_614_614_400_000
WAIT_S = 20
COLUMNS = "event_id, site, device, stamp, entity, key_id, entity_ref, payload"


@dataclass
class Sites:
    hub_a: str
    hub_b: str
    hq: str
    keys: dict[str, SiteKeys]
    servers: list[PostgresServer]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    """Hub A (its own events and some of another site's), hub B, and headquarters subscribed to
    both. Headquarters is entered last so it stops first, before the hubs it reads from."""
    with ExitStack() as stack:
        servers = [
            stack.enter_context(postgres_server(tmp_path_factory.mktemp(role), logical=True))
            for role in ("hub_a", "hub_b", "hq")
        ]
        urls = [server.create_database(f"staging_{uuid.uuid4().hex[:8]}") for server in servers]
        with psycopg.connect(servers[2].url, autocommit=True) as conn:
            # Workers start (and restart after an error) every 5 s by default: too slow for a test.
            conn.execute("ALTER SYSTEM SET wal_retrieve_retry_interval = '100ms'")
            conn.execute("SELECT pg_reload_conf()")
        keys = {site: SiteKeys.new(f"{site}-k1") for site in (SITE_A, SITE_B, FILTERED)}
        built = Sites(*urls, keys=keys, servers=servers)
        for url, site in ((built.hub_a, SITE_A), (built.hub_b, SITE_B)):
            with Hub.connect(url) as hub:
                hub.init_schema()
                hub.register_site(site, site.title())
        push(built.hub_a, built, SITE_A, 5)
        push(built.hub_a, built, FILTERED, 3)
        push(built.hub_b, built, SITE_B, 4)
        for url, site in ((built.hub_a, SITE_A), (built.hub_b, SITE_B)):
            publish_site(url, site)
            subscribe_headquarters(built.hq, url, site)
        yield built


def push(hub_url: str, sites: Sites, site: str, count: int) -> list[SealedEvent]:
    events = [
        seal(
            Change(
                event_id=f"{site}-{uuid.uuid4().hex}",
                device=f"{site}-desk-a",
                stamp=format_stamp(T0 + n, 0, f"{site}-desk-a"),
                entity="person",
                entity_id=f"person-{n}",
                op="insert",
                values={"name": SEALED_NAME, "n": n},
            ),
            site,
            sites.keys[site],
        )
        for n in range(count)
    ]
    with Hub.connect(hub_url) as hub:
        assert hub.push(events) == count
    return events


def rows(url: str, site: str | None = None) -> dict[str, tuple[object, ...]]:
    """Events by id, with every replicated column (the hub's reception time included)."""
    where, params = ("WHERE site = %s", (site,)) if site else ("", ())
    with psycopg.connect(url) as conn:
        found = conn.execute(
            f"SELECT {COLUMNS}, received_at FROM change_event {where}", params
        ).fetchall()
    return {row[0]: tuple(row) for row in found}


def wait_until_same(
    hq_url: str, expected: Callable[[], dict[str, tuple[object, ...]]]
) -> dict[str, tuple[object, ...]]:
    """Headquarters' events once they are exactly `expected()`; fails after `WAIT_S`."""
    deadline = time.monotonic() + WAIT_S
    while True:
        want, have = expected(), rows(hq_url)
        if have == want or time.monotonic() > deadline:
            assert have == want
            return have
        time.sleep(0.1)


def wait_for_headquarters(sites: Sites) -> dict[str, tuple[object, ...]]:
    """Headquarters holds exactly each hub's own site's events."""
    return wait_until_same(sites.hq, lambda: rows(sites.hub_a, SITE_A) | rows(sites.hub_b, SITE_B))


def test_headquarters_receives_each_hubs_own_events_byte_for_byte(sites: Sites) -> None:
    held = wait_for_headquarters(sites)
    by_site = {site: sum(row[1] == site for row in held.values()) for site in (SITE_A, SITE_B)}
    assert by_site[SITE_A] >= 5 and by_site[SITE_B] >= 4
    assert not rows(sites.hq, FILTERED)
    assert rows(sites.hub_a, FILTERED)  # they are there, and stayed there
    with psycopg.connect(sites.hq) as conn:
        seqs = [row[0] for row in conn.execute("SELECT seq FROM change_event ORDER BY seq")]
    assert seqs == list(range(1, len(held) + 1))  # numbered by headquarters itself


def test_headquarters_copies_open_with_their_sites_keys_only(sites: Sites) -> None:
    held = wait_for_headquarters(sites)
    for row in held.values():
        event = SealedEvent(*row[:8])
        assert open_event(event, sites.keys[event.site]).values["name"] == SEALED_NAME
        other = SITE_B if event.site == SITE_A else SITE_A
        with pytest.raises(UnreadableChange):
            open_event(event, sites.keys[other])


def test_events_pushed_after_subscribing_arrive(sites: Sites) -> None:
    late = push(sites.hub_b, sites, SITE_B, 2) + push(sites.hub_a, sites, SITE_A, 1)
    push(sites.hub_a, sites, FILTERED, 1)
    held = wait_for_headquarters(sites)
    assert {event.event_id for event in late} <= held.keys()
    assert not rows(sites.hq, FILTERED)


def test_publishing_and_subscribing_again_is_harmless(sites: Sites) -> None:
    for url, site in ((sites.hub_a, SITE_A), (sites.hub_b, SITE_B)):
        assert publish_site(url, site) == publication_name(site)
        assert subscribe_headquarters(sites.hq, url, site) == subscription_name(site)
        with psycopg.connect(url) as conn:
            assert conn.execute("SELECT count(*) FROM pg_publication").fetchone() == (1,)
            assert conn.execute("SELECT count(*) FROM pg_replication_slots").fetchone() == (1,)
    push(sites.hub_a, sites, SITE_A, 1)
    wait_for_headquarters(sites)
    with psycopg.connect(sites.hq) as conn:
        assert conn.execute("SELECT count(*) FROM pg_subscription").fetchone() == (2,)


def test_status_lists_each_running_subscription(sites: Sites) -> None:
    push(sites.hub_a, sites, SITE_A, 1)
    wait_for_headquarters(sites)
    status = replication_status(sites.hq)
    assert [s.name for s in status] == sorted(subscription_name(s) for s in (SITE_A, SITE_B))
    for line in status:
        assert line.enabled and line.running and line.errors == 0
        assert line.last_message_at is not None
    assert status[0].publications == (publication_name(SITE_B),)


def test_headquarters_holds_no_plaintext(sites: Sites) -> None:
    wait_for_headquarters(sites)
    needles = (SEALED_NAME.encode(), SEALED_NAME.encode("utf-16-le"))
    with psycopg.connect(sites.hq) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            )
        ]
        assert "change_event" in tables
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    raw = value if isinstance(value, bytes) else str(value).encode()
                    assert not any(needle in raw for needle in needles), table


def test_subscribing_to_an_unreachable_hub_says_so(sites: Sites) -> None:
    nowhere = f"postgresql://postgres@127.0.0.1:{free_port()}/hub?connect_timeout=2"
    with pytest.raises(HubUnreachable):
        subscribe_headquarters(sites.hq, nowhere, "nuevo laredo")
    assert len(replication_status(sites.hq)) == 2


def test_a_site_published_after_subscribing_is_picked_up_on_subscribing_again(
    sites: Sites,
) -> None:
    """A hub publishing nothing for the site is refused, not left as an empty subscription;
    its name, not a valid slot name, is sanitised."""
    site = "San José"
    sites.keys[site] = SiteKeys.new("san-jose-k1")
    hub_c = sites.servers[0].create_database("hub_c")
    hq_2 = sites.servers[2].create_database("hq_2")
    with Hub.connect(hub_c) as hub:
        hub.init_schema()
    push(hub_c, sites, site, 2)
    with pytest.raises(NothingPublished):
        subscribe_headquarters(hq_2, hub_c, site)
    assert publish_site(hub_c, site).startswith("staging_site_san_jos_")
    assert subscribe_headquarters(hq_2, hub_c, site).startswith("staging_hq_san_jos_")
    wait_until_same(hq_2, lambda: rows(hub_c, site))
    assert [s.name for s in replication_status(hq_2)] == [subscription_name(site)]


def test_a_hub_down_shows_in_the_status_and_catches_up_when_back(sites: Sites) -> None:
    """PostgreSQL keeps retrying on its own; the hub's slot kept what headquarters missed."""
    hub_b, name = sites.servers[1], subscription_name(SITE_B)
    hub_b.stop()
    deadline = time.monotonic() + WAIT_S
    while (line := by_name(replication_status(sites.hq))[name]).running:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert line.enabled and line.last_message_at is None
    assert by_name(replication_status(sites.hq))[subscription_name(SITE_A)].running
    hub_b.start()
    push(sites.hub_b, sites, SITE_B, 2)
    wait_for_headquarters(sites)
    assert by_name(replication_status(sites.hq))[name].running


def by_name(status: list[SubscriptionStatus]) -> dict[str, SubscriptionStatus]:
    return {line.name: line for line in status}
