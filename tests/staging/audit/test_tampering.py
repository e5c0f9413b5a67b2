"""Each tampering seen undetected before (issue 9, finding 2) is now named by `audit verify`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from staging.audit.integrity import audit_site
from staging.exports import export_people
from staging.people import queries
from staging.security.access import Session, open_site
from tests.staging.audit.conftest import PASSWORD, found, outside, rehash_from, sha256_of


def export_plaintext(session: Session, folder: Path) -> int:
    """A coordinator's unencrypted export; returns the seq of its audit entry."""
    export_people(session, folder / "people.csv", fmt="csv", passphrase=None, plaintext=True)
    return session.store.db.execute(
        "SELECT seq FROM audit_log WHERE entity = 'export' ORDER BY seq DESC LIMIT 1"
    ).fetchone()[0]


@pytest.fixture
def carmen(site: Session) -> Iterator[Session]:
    assert site.store.path is not None
    session = open_site(site.store.path, "carmen", PASSWORD, clock=site.store.clock)
    yield session
    session.close()


def test_an_export_attributed_to_another_user_is_named(
    site: Session, carmen: Session, tmp_path: Path
) -> None:
    seq = export_plaintext(carmen, tmp_path)
    with outside(site) as db:
        db.execute("UPDATE audit_log SET user = 'ivan' WHERE seq = ?", [seq])
    audit = audit_site(site.store, site.audit_keys())
    assert found(audit, "chain") == [
        f"Audit entry {seq}: content was altered after it was written (or signed with a key "
        "that is not the desk's)"
    ]


def test_an_export_attributed_to_another_user_and_rehashed_is_named(
    site: Session, carmen: Session, tmp_path: Path
) -> None:
    """Without the desk's key the forger's best is a plain hash; and the export's head was
    anchored outside the database when it was made."""
    seq = export_plaintext(carmen, tmp_path)
    with outside(site) as db:
        db.execute("UPDATE audit_log SET user = 'ivan' WHERE seq = ?", [seq])
        rehash_from(db, seq, sha256_of)
    audit = audit_site(site.store, site.audit_keys())
    [chain] = found(audit, "chain")
    assert chain.startswith(f"Audit entry {seq}: entry is not signed")
    [anchor] = found(audit, "anchors")
    assert f"Audit entry {seq} is not the one anchored" in anchor


@pytest.mark.parametrize("also_its_change", [False, True], ids=["entry", "entry and change"])
def test_deleting_the_entry_of_a_plaintext_export_is_named(
    site: Session, carmen: Session, tmp_path: Path, also_its_change: bool
) -> None:
    """The last entry leaves a valid, shorter chain: its change-log row, or the head anchored
    outside the database when the export was made, still says it was there."""
    seq = export_plaintext(carmen, tmp_path)
    with outside(site) as db:
        audit_id = db.execute("SELECT id FROM audit_log WHERE seq = ?", [seq]).fetchone()[0]
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM audit_log WHERE seq = ?", [seq])
        if also_its_change:
            db.execute("DELETE FROM change_log WHERE audit_id = ?", [audit_id])
    audit = audit_site(site.store, site.audit_keys())
    assert audit.chain.first_broken_seq is None  # the chain alone cannot tell
    changes = found(audit, "change_log")
    if also_its_change:
        assert changes == []
    else:
        [change] = changes
        assert "(event export people.csv) has no audit entry" in change
    [anchor] = found(audit, "anchors")
    assert f"The audit log ends at entry {seq - 1}" in anchor
    assert f"anchors entry {seq}" in anchor


def test_deleted_change_log_rows_are_named(site: Session) -> None:
    with outside(site) as db:
        last = db.execute("SELECT max(seq) FROM change_log").fetchone()[0]
        gone = db.execute(
            "SELECT a.seq FROM change_log c JOIN audit_log a ON a.id = c.audit_id "
            "WHERE c.seq IN (3, 4, ?) ORDER BY a.seq",
            [last],
        ).fetchall()
        db.execute("DELETE FROM change_log WHERE seq IN (3, 4, ?)", [last])
    changes = found(audit_site(site.store, site.audit_keys()), "change_log")
    assert "Changes 3..4 are missing from the change log" in changes
    unsynced = [c for c in changes if "has no change-log row" in c]
    assert [c.split()[2] for c in unsynced] == [str(seq) for (seq,) in gone]


def test_changes_redirected_or_copied_are_named(site: Session) -> None:
    with outside(site) as db:
        db.execute("UPDATE change_log SET entity_id = 'someone-else' WHERE seq = 5")
        db.execute(
            "INSERT INTO change_log (id, hlc, device, entity, entity_id, op, audit_id, base) "
            "SELECT 'copy', hlc, device, entity, entity_id, op, audit_id, base "
            "FROM change_log WHERE seq = 6"
        )
    changes = found(audit_site(site.store, site.audit_keys()), "change_log")
    assert len(changes) == 2
    assert changes[0].startswith("Change 5 (insert ")
    assert "someone-else) does not match its audit entry" in changes[0]
    assert changes[1] == "Change 6 appears 2 times: copies were added outside the app"


def test_people_deleted_from_the_search_index_are_named(site: Session) -> None:
    assert [hit.person.registration_id for hit in queries.search_people(site.store, "Pérez2")] == [
        "REG-0002"
    ]
    with outside(site) as db:
        db.execute(
            "DELETE FROM person_search WHERE rowid = "
            "(SELECT rowid FROM person WHERE registration_id = 'REG-0002')"
        )
    assert queries.search_people(site.store, "Pérez2") == []  # what the tampering does
    search = found(audit_site(site.store, site.audit_keys()), "search")
    assert search[0].startswith("The search index does not match the people")
    assert search[1:] == [
        "REG-0002 José Luis Pérez2 Gómez cannot be found by search: missing from the search index"
    ]


def test_triggers_tables_and_views_added_outside_are_named(site: Session) -> None:
    with outside(site) as db:
        db.execute(
            "CREATE TRIGGER hide_exports AFTER INSERT ON audit_log WHEN new.entity = 'export' "
            "BEGIN DELETE FROM audit_log WHERE seq = new.seq; END"
        )
        db.execute("CREATE TABLE stash (given_names TEXT)")
        db.execute("CREATE VIEW everyone AS SELECT given_names, a_number FROM person")
        db.execute("DROP TRIGGER person_search_update")
    schema = found(audit_site(site.store, site.audit_keys()), "schema")
    assert schema == [
        "Unexpected view everyone, not made by the app: "
        "CREATE VIEW everyone AS SELECT given_names, a_number FROM person",
        "Unexpected trigger hide_exports, not made by the app: CREATE TRIGGER hide_exports "
        "AFTER INSERT ON audit_log WHEN new.entity = 'export' BEGIN DELETE FROM audit_log "
        "WHERE seq = new.seq; END",
        "The trigger person_search_update that the app made is missing",
        "Unexpected table stash, not made by the app: CREATE TABLE stash (given_names TEXT)",
    ]


def test_a_table_changed_outside_is_named(site: Session) -> None:
    with outside(site) as db:
        db.execute("ALTER TABLE person ADD COLUMN smuggled TEXT")
    [changed] = found(audit_site(site.store, site.audit_keys()), "schema")
    assert changed.startswith("The table person was changed outside the app")
