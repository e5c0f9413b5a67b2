"""The site hub against a real PostgreSQL: exactly-once storage of sealed events, resumable
pulls, refusals enforced by the hub itself, survival of a restart, and no plaintext inside."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from staging.security.sealing import new_identity, to_text
from staging.sync.envelope import Change, SealedEvent, SiteKeys, open_event, seal
from staging.sync.hlc import format_stamp
from staging.sync.hub import (
    AnchorRewound,
    DeviceRevoked,
    Hub,
    HubNotInitialised,
    HubRefused,
    HubUnreachable,
)
from staging.sync.keyring import grant
from tests.helpers.postgres import PostgresServer, free_port

SITE = "tijuana"
OTHER_SITE = "matamoros"
T0 = 1_614_614_400_000
BENCH_EVENTS = 10_000


@pytest.fixture
def hub(url: str) -> Iterator[Hub]:
    with Hub.connect(url) as connected:
        connected.init_schema()
        connected.register_site(SITE, "Tijuana staging site")
        for device in ("desk-a", "desk-b", "desk-c"):
            connected.register_device(SITE, device)
        yield connected


@pytest.fixture(scope="module")
def keys() -> SiteKeys:
    return SiteKeys.new("k1")


def change(n: int, device: str = "desk-a", **values: object) -> Change:
    return Change(
        event_id=f"{device}-{n:08d}",
        device=device,
        stamp=format_stamp(T0 + n, 0, device),
        entity="check_in",
        entity_id=f"person-{n:08d}",
        op="insert",
        values=values or {"arrived": True, "n": n},
        bases={},
    )


def sealed(keys: SiteKeys, count: int, device: str = "desk-a", start: int = 0) -> list[SealedEvent]:
    return [seal(change(n, device), SITE, keys) for n in range(start, start + count)]


def count_events(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM change_event").fetchone()[0]


def test_pushed_events_come_back_in_order_and_open(hub: Hub, keys: SiteKeys) -> None:
    mine = sealed(keys, 3, "desk-a")
    theirs = sealed(keys, 2, "desk-b")
    elsewhere = seal(change(0, "desk-z"), OTHER_SITE, SiteKeys.new("m1"))
    assert hub.push([*mine, elsewhere, *theirs]) == 6

    pulled = hub.pull(SITE, 0, 100)
    assert [event for _, event in pulled] == [*mine, *theirs]
    seqs = [seq for seq, _ in pulled]
    assert seqs == sorted(seqs)
    assert [open_event(event, keys) for _, event in pulled] == [
        *(change(n, "desk-a") for n in range(3)),
        *(change(n, "desk-b") for n in range(2)),
    ]
    assert [event for _, event in hub.pull(SITE, 0, 100, exclude_device="desk-a")] == theirs
    assert [event for _, event in hub.pull(OTHER_SITE, 0, 100)] == [elsewhere]


def test_the_same_batch_pushed_twice_is_stored_once(hub: Hub, keys: SiteKeys, url: str) -> None:
    batch = sealed(keys, 50)
    assert hub.push(batch) == 50
    assert hub.push(batch) == 0
    extra = sealed(keys, 5, start=50)
    assert hub.push([*batch[40:], *extra, *extra]) == 5
    assert hub.push([]) == 0
    assert count_events(url) == 55
    assert [event for _, event in hub.pull(SITE, 0, 1000)] == [*batch, *extra]


def test_a_pull_resumes_from_the_last_seq_received(hub: Hub, keys: SiteKeys) -> None:
    batch = sealed(keys, 25)
    hub.push(batch)
    received: list[SealedEvent] = []
    cursor = 0
    while page := hub.pull(SITE, cursor, 10):
        assert len(page) <= 10
        received += [event for _, event in page]
        cursor = page[-1][0]
    assert received == batch
    assert hub.pull(SITE, cursor, 10) == []

    later = sealed(keys, 3, start=25)
    hub.push(later)
    assert [event for _, event in hub.pull(SITE, cursor, 10)] == later


def test_a_revoked_desks_push_is_refused_and_stores_nothing(
    hub: Hub, keys: SiteKeys, url: str
) -> None:
    assert hub.push(sealed(keys, 2, "desk-c")) == 2
    hub.revoke_device(SITE, "desk-c")
    hub.register_device(SITE, "desk-c")  # enrolling again does not pardon it

    batch = [*sealed(keys, 3, "desk-b"), *sealed(keys, 3, "desk-c", start=10)]
    with pytest.raises(DeviceRevoked, match="desk-c") as refused:
        hub.push(batch)
    assert "revocado" in refused.value.message_es
    assert count_events(url) == 2
    assert hub.push(batch[:3]) == 3

    hub.revoke_device(SITE, "desk-never-enrolled")
    with pytest.raises(DeviceRevoked):
        hub.push(sealed(keys, 1, "desk-never-enrolled"))


def test_the_hub_itself_refuses_to_change_or_delete_an_event(
    hub: Hub, keys: SiteKeys, url: str
) -> None:
    hub.push(sealed(keys, 4))
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in (
            "UPDATE change_event SET device = 'desk-x'",
            "UPDATE change_event SET payload = '\\x00'::bytea WHERE seq = 1",
            "DELETE FROM change_event",
            "TRUNCATE change_event",
        ):
            with pytest.raises(psycopg.Error, match="append-only"):
                conn.execute(statement)
        rows = conn.execute("SELECT device, count(*) FROM change_event GROUP BY device").fetchall()
    assert rows == [("desk-a", 4)]


def test_init_schema_runs_again_without_harm(hub: Hub, keys: SiteKeys) -> None:
    hub.push(sealed(keys, 2))
    hub.init_schema()
    hub.register_site(SITE, "Tijuana")
    assert len(hub.pull(SITE, 0, 10)) == 2


def test_a_hub_without_tables_says_to_initialise_it(url: str) -> None:
    with Hub.connect(url) as bare, pytest.raises(HubNotInitialised, match="hub init"):
        bare.pull(SITE, 0, 10)


def test_anchors_only_move_forward(hub: Hub) -> None:
    assert hub.anchor_of(SITE, "desk-a") is None
    hub.anchor(SITE, "desk-a", 10, "head-10")
    hub.anchor(SITE, "desk-a", 10, "head-10")  # sent again after a lost answer
    hub.anchor(SITE, "desk-a", 12, "head-12")
    for seq, head in ((11, "head-11"), (12, "another-head-12")):
        with pytest.raises(AnchorRewound):
            hub.anchor(SITE, "desk-a", seq, head)
    anchored = hub.anchor_of(SITE, "desk-a")
    assert anchored is not None
    assert (anchored.seq, anchored.head) == (12, "head-12")
    assert anchored.at.tzinfo is not None


def test_an_unreachable_hub_is_said_in_both_languages(server: PostgresServer) -> None:
    with pytest.raises(HubUnreachable, match="cannot be reached") as failed:
        Hub.connect(f"postgresql://postgres@127.0.0.1:{free_port()}/postgres?connect_timeout=2")
    assert "No se puede conectar" in failed.value.message_es
    assert "127.0.0.1" in failed.value.message_en
    # The URL's TLS demand reaches libpq: this test server speaks no TLS, so it is refused.
    with pytest.raises(HubUnreachable, match="SSL"):
        Hub.connect(f"{server.url}?sslmode=require")


def test_a_hub_restarted_between_pushes_keeps_everything(
    server: PostgresServer, hub: Hub, keys: SiteKeys, url: str
) -> None:
    first = sealed(keys, 100)
    assert hub.push(first) == 100
    cursor = hub.pull(SITE, 0, 1000)[-1][0]

    server.restart()
    with pytest.raises(HubUnreachable):
        hub.push(sealed(keys, 1, start=100))

    with Hub.connect(url) as again:
        second = sealed(keys, 50, start=100)
        assert again.push([*first, *second]) == 50  # the desk re-sends what it was not sure of
        assert [event for _, event in again.pull(SITE, cursor, 1000)] == second
        assert [event for _, event in again.pull(SITE, 0, 1000)] == [*first, *second]
    assert count_events(url) == 150


def test_no_hub_table_holds_a_name_a_number_phone_or_result(hub: Hub, url: str) -> None:
    keys = SiteKeys.new("k7")
    secrets = {
        "given_names": "María José",
        "paternal_surname": "Hernández",
        "maternal_surname": "Quiñónez",
        "a_number": "A212345678",
        "phone": "+52 664 555 0101",
        "result": "positive",
    }
    changes = [
        Change(
            "ev-1",
            "desk-a",
            format_stamp(T0, 0, "desk-a"),
            "person",
            "reg-7781",
            "insert",
            {k: secrets[k] for k in ("given_names", "paternal_surname", "maternal_surname")}
            | {"a_number": secrets["a_number"], "phone": secrets["phone"]},
            {},
        ),
        Change(
            "ev-2",
            "desk-b",
            format_stamp(T0 + 5, 0, "desk-b"),
            "screening",
            "scr-0042",
            "insert",
            {"person_id": "reg-7781", "antigen": secrets["result"], "temperature_c": 38.4},
            {},
        ),
        Change(
            "ev-3",
            "desk-a",
            format_stamp(T0 + 9, 0, "desk-a"),
            "person",
            "reg-7781",
            "update",
            {"phone": "+52 664 555 0199"},
            {"phone": format_stamp(T0, 0, "desk-a")},
        ),
    ]
    hub.push([seal(c, SITE, keys) for c in changes])
    hub.anchor(SITE, "desk-a", 3, "9f" * 32)
    rotated = SiteKeys.new("k2")
    desk_a = new_identity()
    hub.register_device(SITE, "desk-a", to_text(desk_a.public))
    hub.grant_keys(SITE, "k2", {"desk-a": grant(rotated, to_text(desk_a.public), SITE, "desk-a")})

    needles = [
        *secrets.values(),
        rotated.sync_key.hex(),
        rotated.pseudonym_key.hex(),
        keys.sync_key.hex(),
        "Maria",
        "Hernandez",
        "212345678",
        "212-345-678",
        "555 0101",
        "555 0199",
        "reg-7781",
        "scr-0042",
        "antigen",
    ]
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            )
        ]
        assert {"site", "device", "change_event", "anchor"} <= set(tables)
        for table in tables:
            rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
            assert rows, table
            for row in rows:
                for value in row:
                    raw = value if isinstance(value, bytes) else str(value).encode()
                    text = raw.hex() if isinstance(value, bytes) else str(value)
                    for needle in needles:
                        assert needle.encode() not in raw, (table, needle)
                        assert needle.lower() not in text.lower(), (table, needle)
                        assert needle.encode().hex() not in text, (table, needle)
    pulled = {event.event_id: open_event(event, keys) for _, event in hub.pull(SITE, 0, 10)}
    assert pulled == {c.event_id: c for c in changes}


def test_pushing_and_pulling_ten_thousand_events(
    hub: Hub, keys: SiteKeys, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = sealed(keys, BENCH_EVENTS, "desk-b")
    started = time.perf_counter()
    assert hub.push(batch) == BENCH_EVENTS
    pushed = time.perf_counter() - started

    started = time.perf_counter()
    received: list[SealedEvent] = []
    cursor = 0
    while page := hub.pull(SITE, cursor, 5000):
        received += [event for _, event in page]
        cursor = page[-1][0]
    pulled = time.perf_counter() - started

    started = time.perf_counter()
    assert hub.push(batch) == 0
    again = time.perf_counter() - started
    assert received == batch
    with capsys.disabled():
        print(
            f"\nhub: {BENCH_EVENTS} events pushed in {pushed:.2f} s, pulled in {pulled:.2f} s, "
            f"pushed again (all known) in {again:.2f} s"
        )


def test_a_hub_refusing_for_another_reason_says_so_in_both_languages(hub: Hub, url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'disk quota exceeded'; END $$"
        )
        conn.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON anchor FOR EACH ROW EXECUTE FUNCTION refuse()"
        )
    with pytest.raises(HubRefused) as refused:
        hub.anchor(SITE, "desk-a", 1, "ab" * 32)
    assert "disk quota exceeded" in refused.value.message_en
    assert "rechazó la solicitud" in refused.value.message_es
