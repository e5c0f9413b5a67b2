"""Three desks of one site syncing through a real PostgreSQL hub, and by USB bundle: offline
work then reconnection, a concurrent edit, a crash after a push, a desk killed mid-pull, a hub
restarted between syncs, a bundle imported twice and after the hub, another site's bundle."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import psycopg
import pytest

from staging.audit.keys import device_audit_key
from staging.clock import FrozenClock
from staging.intake.operations import check_in, update_contact
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.store.store import Store
from staging.sync import desk
from staging.sync.bundle import (
    BundleOfAnotherSite,
    DamagedBundle,
    NotSignedByItsDesk,
    export_bundle,
    import_bundle,
)
from staging.sync.desk import NotSetUp, OtherSite, join_hub, set_up_hub, sync
from staging.sync.desks import SIGNATURE_BYTES, sign
from staging.sync.hub import HubUnreachable
from staging.sync.inbox import open_conflicts
from tests.conftest import registration_row, write_registrations
from tests.helpers.postgres import PostgresServer
from tests.staging.sync.test_inbox import (
    ADMIN,
    COORDINATOR,
    INTAKE,
    assert_intact,
    count,
    desks,
    offline_work,
    person,
    picture,
)

__all__ = ["desks"]  # the fixture, shared with the inbox's tests

SITE = "tijuana"
BENCH_PEOPLE = 5_000  # each with a household: 10,000 changes


@pytest.fixture
def linked(desks: list[Store], url: str) -> list[Store]:
    """A sets the hub up; B and C join it with A's keys."""
    a, b, c = desks
    keys = set_up_hub(a, ADMIN, url, SITE).value
    join_hub(b, ADMIN, url, SITE, keys)
    join_hub(c, ADMIN, url, SITE, keys)
    return desks


def hub_events(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM change_event").fetchone()[0]


def sync_all(stores: list[Store], rounds: int = 2) -> None:
    for _ in range(rounds):
        for store in stores:
            sync(store, INTAKE)


def test_desks_that_worked_offline_converge_through_the_hub(
    linked: list[Store], tmp_path: Path
) -> None:
    offline_work(tmp_path, *linked)
    sync_all(linked)
    a, b, c = linked
    assert picture(a) == picture(b) == picture(c)
    assert count(a, "check_in") == 5 and count(a, "screening") == 2 and count(a, "person") == 8
    assert person(c, 4)["email"] == "ana@example.org"
    assert person(a, 6)["us_address_city"] == "Houston"
    # Person 3's phone, edited on A and on C from the same value: the same on every desk, and
    # listed for review on every desk.
    phones = {person(store, 3)["phone"] for store in linked}
    assert len(phones) == 1 and phones < {"+526645550303", "+526645550333"}
    for store in linked:
        (conflict,) = open_conflicts(store)
        assert conflict.field == "phone" and conflict.entity_id == person(store, 3)["id"]
        # Who made each value, whichever desk is asked: the edit travelled with its author.
        assert {(leaf.user, leaf.value) for leaf in conflict.leaves} == {
            ("ivan", "+526645550303"),
            ("rosa", "+526645550333"),
        }
        assert_intact(store)
        assert count(store, "sync_pending") == 0
    again = sync(a, INTAKE).value
    assert (again.sent, again.received, again.conflicts, again.pending) == (0, 0, 1, 0)


def test_a_desk_without_a_hub_or_of_another_site_is_refused(
    linked: list[Store], store: Store, url: str
) -> None:
    with pytest.raises(NotSetUp):
        sync(store, INTAKE)
    with pytest.raises(OtherSite):
        set_up_hub(linked[0], ADMIN, url, "matamoros")


def test_a_batch_pushed_again_after_a_crash_is_stored_once(
    linked: list[Store], url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, _ = linked
    check_in(a, INTAKE, [person(a, 1)["id"]], confirmed=frozenset(StopSign))

    def crash(self: Store, upto: int) -> None:
        raise OSError("power cut after the hub committed")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "mark_pushed", crash)
        with pytest.raises(OSError):
            sync(a, INTAKE)
    stored = hub_events(url)
    assert stored > 0
    assert sync(a, INTAKE).value.sent == 0
    assert hub_events(url) == stored
    sync(b, INTAKE)
    assert count(b, "check_in") == 1
    sync(a, INTAKE)  # and A receives B's record as a desk of the site
    assert picture(a) == picture(b)


def test_a_desk_killed_mid_pull_resumes_and_converges(
    linked: list[Store], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = linked
    offline_work(tmp_path, a, b, c)
    sync(a, INTAKE)
    sync(c, INTAKE)
    real = desk.receive_changes
    calls = []

    def killed(*args: object) -> object:
        """Switched off once a batch with something new is applied, before its cursor."""
        done = real(*args)  # type: ignore[arg-type]
        calls.append(done)
        if done.value.applied:
            raise KeyboardInterrupt("the desk was switched off")
        return done

    with monkeypatch.context() as patch:
        patch.setattr(desk, "receive_changes", killed)
        with pytest.raises(KeyboardInterrupt):
            sync(b, INTAKE, batch=3)
    assert calls[-1].value.applied > 0
    sync_all(linked)
    assert picture(a) == picture(b) == picture(c)
    assert count(b, "check_in") == 5
    assert_intact(b)


def test_sync_resumes_after_the_hub_was_stopped_and_started(
    linked: list[Store], server: PostgresServer
) -> None:
    a, b, _ = linked
    check_in(a, INTAKE, [person(a, 1)["id"]], confirmed=frozenset(StopSign))
    sync(a, INTAKE)
    server.stop()
    try:
        check_in(a, INTAKE, [person(a, 2)["id"]], confirmed=frozenset(StopSign))
        with pytest.raises(HubUnreachable):
            sync(a, INTAKE)
        with pytest.raises(HubUnreachable):
            sync(b, INTAKE)
    finally:
        server.start()
    sync(a, INTAKE)
    sync(b, INTAKE)
    assert count(b, "check_in") == 2
    sync(a, INTAKE)
    assert picture(a) == picture(b)


def test_a_bundle_applies_once_however_often_and_whichever_way_it_comes(
    linked: list[Store], tmp_path: Path
) -> None:
    a, b, c = linked
    check_in(a, INTAKE, [person(a, 1)["id"]], confirmed=frozenset(StopSign))
    update_contact(a, INTAKE, person(a, 2)["id"], {"phone": "+526645550222"})
    usb = tmp_path / "usb"
    bundle = export_bundle(a, INTAKE, usb)
    assert bundle.name.startswith(f"{SITE}-{a.device_id}-") and bundle.suffix == ".sdsync"
    assert export_bundle(a, INTAKE, usb) != bundle  # a second bundle never replaces the first
    first = import_bundle(c, INTAKE, bundle)
    assert first.applied == 3  # the check-in, the phone, and A's record as a desk of the site
    entries = count(c, "audit_log")
    again = import_bundle(c, INTAKE, bundle)
    assert again.applied == 0 and again.known > 0
    assert count(c, "audit_log") == entries
    sync(a, INTAKE)
    through_hub = sync(c, INTAKE).value
    assert through_hub.received == 0
    assert count(c, "check_in") == 1 and person(c, 2)["phone"] == "+526645550222"
    sync_all(linked)
    assert picture(a) == picture(b) == picture(c)


def test_a_bundle_relayed_by_a_desk_reaches_the_hub(linked: list[Store], tmp_path: Path) -> None:
    """A desk that never syncs (its network is down) reaches the others through one that does."""
    a, b, c = linked
    check_in(c, INTAKE, [person(c, 3)["id"]], confirmed=frozenset(StopSign))
    import_bundle(a, INTAKE, export_bundle(c, INTAKE, tmp_path))
    sync(a, INTAKE)
    sync(b, INTAKE)
    assert count(b, "check_in") == 1


def test_another_sites_or_a_damaged_bundle_is_refused_whole(
    linked: list[Store], tmp_path: Path, url: str, clock: FrozenClock, key: bytes
) -> None:
    a, b, _ = linked
    path = tmp_path / "other.db"
    other = Store.open(path, clock=clock, key=key, audit_key=device_audit_key(path))
    set_up_hub(other, ADMIN, url, "matamoros")
    entries = count(b, "audit_log")
    with pytest.raises(BundleOfAnotherSite):
        import_bundle(b, INTAKE, export_bundle(other, INTAKE, tmp_path / "m"))
    other.close()
    check_in(a, INTAKE, [person(a, 1)["id"]], confirmed=frozenset(StopSign))
    good = export_bundle(a, INTAKE, tmp_path / "a").read_bytes()
    flipped = bytearray(good)
    flipped[-100] ^= 1  # in the sealed body
    for name, content in {
        "flipped": bytes(flipped),
        "cut": good[: len(good) // 2],
        "x": b"x",
    }.items():
        broken = tmp_path / f"{name}.sdsync"
        broken.write_bytes(content)
        with pytest.raises(DamagedBundle):
            import_bundle(b, INTAKE, broken)
    # Another desk of the site (it holds the site's keys) cannot pass A's bundle off as its own
    # or its own as A's: the signature is the writer's.
    resigned = tmp_path / "resigned.sdsync"
    resigned.write_bytes(good[:-SIGNATURE_BYTES] + sign(b, good[:-SIGNATURE_BYTES]))
    with pytest.raises(NotSignedByItsDesk) as forged:
        import_bundle(b, INTAKE, resigned)
    assert "no lleva la firma de ese equipo" in forged.value.message_es
    assert count(b, "audit_log") == entries and count(b, "check_in") == 0


def distinct_person(number: int) -> dict[str, str]:
    """A registration no other is a possible duplicate of: its own surname and birthday."""
    letters, n = "", number
    while n:
        n, digit = divmod(n, 26)
        letters += "bcdfghjklmnpqrstvwxyzaeiou"[digit]
    born = date(1940, 1, 1) + timedelta(days=number * 3)
    return registration_row(
        number, paternal_surname=f"Ma{letters}ster", date_of_birth=born.isoformat()
    )


def test_bench_ten_thousand_changes_through_the_hub(
    tmp_path: Path, url: str, clock: FrozenClock, key: bytes
) -> None:
    stores = []
    for name in "ab":
        path = tmp_path / f"{name}.db"
        stores.append(Store.open(path, clock=clock, key=key, audit_key=device_audit_key(path)))
    a, b = stores
    rows = [distinct_person(n) for n in range(1, BENCH_PEOPLE + 1)]
    import_registrations(a, COORDINATOR, write_registrations(tmp_path / "big.csv", rows))
    keys = set_up_hub(a, ADMIN, url, SITE).value
    join_hub(b, ADMIN, url, SITE, keys)
    started = time.perf_counter()
    pushed = sync(a, INTAKE).value
    pushing = time.perf_counter() - started
    started = time.perf_counter()
    pulled = sync(b, INTAKE).value
    pulling = time.perf_counter() - started
    print(
        f"\nbench: pushed {pushed.sent} changes in {pushing:.2f} s; "
        f"pulled and applied {pulled.received} in {pulling:.2f} s"
    )
    assert count(b, "person") == BENCH_PEOPLE
    assert pushed.sent == pulled.received >= 2 * BENCH_PEOPLE  # each person and household
    for store in stores:
        store.close()


def test_the_hub_password_and_the_keys_are_never_written_in_the_audit_log(
    desks: list[Store], url: str
) -> None:
    a = desks[0]
    with_password = url.replace("@", ":hub-secret-word@", 1)
    set_up_hub(a, ADMIN, with_password, SITE)
    sync(a, INTAKE)
    link = desk.hub_link(a)
    secrets = [
        "hub-secret-word",
        link.keys.current.sync_key.hex(),
        link.keys.current.pseudonym_key.hex(),
        a.setting("sync_desk_identity") or "missing",
        a.setting("sync_desk_signing") or "missing",
    ]
    logged = " ".join(
        f"{before} {after}"
        for before, after in a.db.execute("SELECT before, after FROM audit_log").fetchall()
    )
    assert "not kept in the audit log" in logged
    for secret in secrets:
        assert secret not in logged
