"""An imported person's audit entry is compact (format 2): the batch, the row, the key fields and
a digest of the whole row; `audit verify` still names what was changed outside the app."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from staging.audit.chain import verify_chain
from staging.audit.formats import COMPACT_COLUMNS, COMPACT_IMPORT, FORMAT_KEY, row_digest
from staging.audit.integrity import data_differences
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import Action
from staging.store.database import connect
from staging.store.store import Actor, Store
from staging.store.tables import TABLES
from tests.conftest import audit_keys, registration_row, write_registrations


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [registration_row(n) for n in range(1, 4)]
    import_registrations(store, coordinator, write_registrations(tmp_path / "lista.csv", rows))
    return store


def shell(store: Store, key: bytes, statement: str, params: list[object]) -> None:
    """What someone holding the data key does with an SQL shell (committed)."""
    assert store.path is not None
    db = connect(store.path, key)
    db.execute(statement, params)
    db.conn.commit()
    db.close()


def person_row(store: Store, registration_id: str) -> dict[str, object]:
    cursor = store.db.execute("SELECT * FROM person WHERE registration_id = ?", [registration_id])
    return dict(zip([d[0] for d in cursor.description], cursor.fetchone(), strict=True))


def test_an_imported_person_is_logged_compactly_with_a_digest_of_the_row(site: Store) -> None:
    batch = site.db.execute("SELECT id FROM import_batch").fetchone()[0]
    row = person_row(site, "REG-0002")
    [(action, before, after)] = site.db.execute(
        "SELECT action, before, after FROM audit_log WHERE entity_id = ?", [row["id"]]
    ).fetchall()
    assert action == "import_registrations:insert"
    assert before is None
    assert orjson.loads(after) == {
        FORMAT_KEY: COMPACT_IMPORT,
        "batch": batch,
        "source_row": 3,  # the header is row 1
        "keys": {
            "registration_id": "REG-0002",
            "a_number": "200000002",
            "household_id": row["household_id"],
        },
        "digest": row_digest("person", row),
    }
    assert len(after) < 400  # the whole row, as before, was ~1 KB
    [(op,)] = site.db.execute(
        "SELECT op FROM change_log WHERE entity_id = ?", [row["id"]]
    ).fetchall()
    assert op == "insert"
    assert verify_chain(queries.audit_entries(site.db), audit_keys(site)).intact
    assert data_differences(site.db) == []


def test_a_cell_changed_outside_since_the_import_is_named(site: Store, key: bytes) -> None:
    row = person_row(site, "REG-0002")
    shell(site, key, "UPDATE person SET phone = '+1 555' WHERE id = ?", [row["id"]])
    [difference] = data_differences(site.db)
    assert (difference.table, difference.entity_id) == ("person", row["id"])
    assert difference.kind == "changed_since_import"
    assert (difference.source_row, difference.batch) == (
        3,
        site.db.execute("SELECT id FROM import_batch").fetchone()[0],
    )
    words = difference.words()
    assert "changed since the import (row 3 of import" in words.en
    assert "cambió desde la importación (fila 3 de la importación" in words.es


def test_a_key_field_changed_outside_is_named_with_its_values(site: Store, key: bytes) -> None:
    row = person_row(site, "REG-0003")
    shell(site, key, "UPDATE person SET a_number = '999999999' WHERE id = ?", [row["id"]])
    [difference] = data_differences(site.db)  # the digest adds nothing once it is named
    assert difference.kind == "changed"
    assert (difference.column, difference.logged, difference.found) == (
        "a_number",
        "200000003",
        "999999999",
    )

    shell(site, key, "UPDATE person SET given_names = 'Mallory' WHERE id = ?", [row["id"]])
    kinds = [(d.kind, d.column) for d in data_differences(site.db)]
    assert kinds == [("changed", "a_number"), ("changed_since_import", "")]


def test_a_person_updated_by_a_later_import_verifies_and_later_tampering_shows(
    site: Store, coordinator: Actor, key: bytes, tmp_path: Path
) -> None:
    rows = [registration_row(n) for n in range(1, 4)]
    rows[1]["phone"] = "+52 656 000 1234"
    rows[1]["household_id"] = "H-0001"
    summary = import_registrations(
        site, coordinator, write_registrations(tmp_path / "lista.csv", rows)
    )
    assert (summary.updated, summary.unchanged) == (1, 2)
    assert data_differences(site.db) == []  # the edits are set back, the digest holds

    row = person_row(site, "REG-0002")
    shell(site, key, "UPDATE person SET phone = '+1 555' WHERE id = ?", [row["id"]])
    [phone] = data_differences(site.db)
    assert (phone.kind, phone.column, phone.logged) == ("changed", "phone", "+52 656 000 1234")

    shell(
        site,
        key,
        "UPDATE person SET phone = ?, notes = 'x' WHERE id = ?",
        [rows[1]["phone"], row["id"]],
    )
    [notes] = data_differences(site.db)
    assert notes.kind == "changed_since_import"


def test_a_full_entry_of_before_still_verifies_and_names_the_cell(
    store: Store, coordinator: Actor, key: bytes
) -> None:
    """Format 1: every person imported before the compact entry, and people added one by one."""
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        [household] = work.insert_many("household", [{"external_id": "H-1", "created_at": work.at}])
        [person] = work.insert_many(
            "person",
            [
                {
                    "registration_id": "REG-1",
                    "household_id": household,
                    "given_names": "Ana",
                    "paternal_surname": "Ruiz",
                    "a_number": "211111111",
                    "created_at": work.at,
                    "updated_at": work.at,
                }
            ],
        )
    after = store.db.execute("SELECT after FROM audit_log WHERE entity_id = ?", [person]).fetchone()
    assert FORMAT_KEY not in orjson.loads(after[0])
    assert data_differences(store.db) == []
    shell(store, key, "UPDATE person SET given_names = 'Mallory' WHERE id = ?", [person])
    [difference] = data_differences(store.db)
    assert (difference.kind, difference.column, difference.found) == (
        "changed",
        "given_names",
        "Mallory",
    )


def test_the_compact_format_covers_every_column_of_a_person(store: Store) -> None:
    """A column added to `person` needs a new audit format: a digest over the new columns
    would not verify the rows imported before, nor one over the old ones the new column."""
    columns = [d[0] for d in store.db.execute("SELECT * FROM person LIMIT 0").description]
    assert COMPACT_COLUMNS["person"] == tuple(sorted(columns))


def test_no_table_has_a_column_named_like_the_format_marker(store: Store) -> None:
    for table in TABLES:
        columns = [d[0] for d in store.db.execute(f"SELECT * FROM {table} LIMIT 0").description]
        assert FORMAT_KEY not in columns, table
