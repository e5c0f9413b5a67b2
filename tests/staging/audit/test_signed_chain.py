"""The audit chain is signed with the desk's key: the data key alone cannot rewrite it unseen,
and chains written before signing still verify."""

from __future__ import annotations

import secrets
from pathlib import Path

import orjson
import pytest

from staging.audit.chain import verify_chain
from staging.audit.formats import row_digest
from staging.audit.integrity import audit_site
from staging.audit.keys import device_audit_key
from staging.backup import auto_backup
from staging.clock import FrozenClock
from staging.exports import export_people
from staging.people import queries
from staging.rules import Action
from staging.security.access import Session
from staging.store.store import Actor, Store
from tests.conftest import audit_keys
from tests.staging.audit.conftest import found, hmac_under, outside, rehash_from, sha256_of


def add_household(store: Store, actor: Actor, external_id: str) -> None:
    store.run(
        actor,
        Action.IMPORT_REGISTRATIONS,
        lambda work: work.insert("household", {"external_id": external_id, "created_at": work.at}),
    )


def test_an_untouched_site_verifies_clean(site: Session, tmp_path: Path) -> None:
    export_people(site, tmp_path / "people.csv", fmt="csv", passphrase=None, plaintext=True)
    assert auto_backup(site).value is not None
    audit = audit_site(site.store, site.audit_keys())
    assert audit.findings == []
    assert audit.chain.intact and audit.intact
    assert audit.anchors.checked == 2  # the desk's own anchor and the backup's manifest


FORGERIES = {
    "plain SHA-256, as before signing": sha256_of,
    "a guessed secret under the desk's key id": None,  # made in the test: needs the key id
    "a key of the forger's own": hmac_under("f0f0f0f0f0f0f0f0", secrets.token_bytes(32)),
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_name_rewritten_with_the_data_key_alone_is_named(site: Session, forgery: str) -> None:
    """The person's row, the audit entry that wrote it and every entry after it, rewritten
    consistently: the data match the log and every link holds, but the signatures cannot."""
    assert site.audit_key is not None
    forge = FORGERIES[forgery] or hmac_under(site.audit_key.key_id, secrets.token_bytes(32))
    person = queries.find_person(site.store, "REG-0003")
    assert person is not None
    with outside(site) as db:
        seq, after = db.execute(
            "SELECT seq, after FROM audit_log WHERE entity = 'person' AND entity_id = ? "
            "AND action LIKE '%:insert'",
            [person["id"]],
        ).fetchone()
        db.execute("UPDATE person SET given_names = 'Mallory' WHERE id = ?", [person["id"]])
        # An imported person's entry is compact (format 2): the forger puts in the digest of
        # the rewritten row, which is all the entry says of the name.
        cursor = db.execute("SELECT * FROM person WHERE id = ?", [person["id"]])
        row = dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))
        rewritten = {**orjson.loads(after), "digest": row_digest("person", row)}
        db.execute(
            "UPDATE audit_log SET after = ? WHERE seq = ?",
            [orjson.dumps(rewritten, option=orjson.OPT_SORT_KEYS).decode(), seq],
        )
        rewritten_entries = rehash_from(db, seq, forge)

    audit = audit_site(site.store, site.audit_keys())
    assert audit.differences == []  # the forger kept the data and the log in step
    assert not audit.intact
    if forgery == "a key of the forger's own":
        assert audit.chain.unverified == {"f0f0f0f0f0f0f0f0": rewritten_entries}
        assert "signed by desk key f0f0f0f0f0f0f0f0" in audit.unverified[0].en
        # The site's key file knows every key its desks were given: this one is not among them.
        known = {*site.keyfile.audit_keys, *site.audit_keys()}
        judged = audit_site(site.store, site.audit_keys(), site_key_ids=known)
        [finding] = found(judged, "chain")
        assert "key f0f0f0f0f0f0f0f0, which no desk of this site was ever given" in finding
    else:
        assert audit.chain.first_broken_seq == seq
        [finding] = found(audit, "chain")
        assert finding.startswith(f"Audit entry {seq}:")
        expected = "not signed" if forgery.startswith("plain") else "altered"
        assert expected in finding


def test_an_unsigned_entry_after_signed_ones_is_a_rewrite(store: Store, coordinator: Actor) -> None:
    for n in range(3):
        add_household(store, coordinator, f"H-{n}")
    last = store.db.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    rehash_from(store.db, last, sha256_of)
    store.db.conn.commit()
    report = verify_chain(queries.audit_entries(store.db), audit_keys(store))
    assert report.first_broken_seq == last
    assert report.reason is not None and "entries are signed from 1 on" in report.reason.en


def test_a_desk_without_its_key_cannot_write_unsigned_entries_into_a_signed_chain(
    store: Store, coordinator: Actor
) -> None:
    unkeyed = Store(store.db, store.clock, store.path)
    with pytest.raises(RuntimeError, match="signed"):
        add_household(unkeyed, coordinator, "H-1")
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact


def test_entries_signed_by_a_key_not_held_here_are_neither_fine_nor_tampered(
    store: Store, coordinator: Actor
) -> None:
    add_household(store, coordinator, "H-1")
    entries = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    report = verify_chain(queries.audit_entries(store.db), {})
    assert report.first_broken_seq is None
    assert not report.intact
    assert store.audit_key is not None
    assert report.unverified == {store.audit_key.key_id: entries}


def test_a_database_from_before_signing_still_verifies_and_goes_on_signed(
    tmp_path: Path, clock: FrozenClock, key: bytes, coordinator: Actor
) -> None:
    path = tmp_path / "site.db"
    old = Store.open(path, clock=clock, key=key)  # no audit key: entries as the released app
    for n in range(3):
        add_household(old, coordinator, f"H-{n}")
    old.run(coordinator, Action.EXPORT, lambda work: work.note("export", "old.csv", {"rows": 3}))
    # The released app recorded no change for an event.
    old.db.execute("DELETE FROM change_log WHERE op = 'event'")
    old.db.conn.commit()
    assert verify_chain(queries.audit_entries(old.db), {}).intact
    old.close()

    desk_key = device_audit_key(path)
    store = Store.open(path, clock=clock, key=key, audit_key=desk_key)
    try:
        add_household(store, coordinator, "H-after")
        store.run(
            coordinator, Action.EXPORT, lambda work: work.note("export", "new.csv", {"rows": 4})
        )
        keyed = store.db.execute(
            "SELECT count(*) FROM audit_log WHERE mac_key = ?", [desk_key.key_id]
        )
        assert keyed.fetchone()[0] == 2
        audit = audit_site(store, {desk_key.key_id: desk_key.secret})
        assert audit.findings == []
        assert audit.intact
    finally:
        store.close()
