"""A released migration builds, on a new site, exactly the schema it built on the old ones."""

from __future__ import annotations

import hashlib

from sqlite_utils import Database

from staging.store.migrations import migrations

# SHA-256 of the schema after each released migration (and those before it). A new
# migration is added here once released; an existing line never changes.
RELEASED = {
    "0001_core": "23df30e9ebe806296a5a193e9b1a12c5b6376f4549a63df36dc57149cfd50b50",
    "0002_audit_and_changes": "a0d6b1dc8f9804048276aa2543298d2a4614258d40ef491e3e5007eb87686a07",
    "0003_users": "ea815b61f8cc9575d5a39d9bac210671fdfc0c9888e4edaf440dc80cda93682a",
    "0004_wristbands": "d48d4640117ed763e5d0a4f604cecb71a7d898320d5ef848fcffb7e72a811a97",
    "0005_search_index_in_batches": (
        "d429aee2dd4f43651d0a1b3b1f18588d2578c569fcc33440c47287e5ada61b6e"
    ),
    "0006_replaced_stamps": "53410ceaea533c59b6a58b3e4e7c2c0dc3957d9f0b75db7c7470c3f3cbed63b2",
    "0007_confirmed_stop_signs": (
        "c7ed306c3ed98d6f2fb981f48ba0ad588d3eb67610134a37a9d76ef3bba3090f"
    ),
    "0008_signed_audit_entries": (
        "78b2db4bf2f3052145056ef8ff5e58d8f6a157fecc84ff14251362d82ddf7683"
    ),
}


def schema_fingerprints() -> dict[str, str]:
    """Each migration applied in turn to a new database, and the schema it leaves."""
    db = Database(memory=True)
    names = [migration.name for migration in migrations.pending(db)]
    fingerprints = {}
    for name, following in zip(names, [*names[1:], None], strict=True):
        migrations.apply(db, stop_before=following)
        schema = db.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
            " AND name != '_sqlite_migrations'"
            " AND NOT (type = 'table' AND name GLOB 'person_search_*')"  # FTS5's own tables
            " ORDER BY type, name"
        ).fetchall()
        fingerprints[name] = hashlib.sha256(repr(schema).encode()).hexdigest()
    return fingerprints


def test_released_migrations_build_the_schema_they_always_built() -> None:
    fingerprints = schema_fingerprints()
    assert {name: fingerprints.get(name) for name in RELEASED} == RELEASED
