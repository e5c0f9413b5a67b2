"""The one write path: roles, transactions, the audit chain and the change log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from staging.audit.chain import verify_chain
from staging.changes import Kind
from staging.clock import FrozenClock
from staging.errors import PermissionDenied, UserError
from staging.people import queries
from staging.rules import Action
from staging.store.database import connect
from staging.store.migrations import MIGRATION_SET
from staging.store.store import Actor, Store
from tests.conftest import audit_keys


def add_household(store: Store, actor: Actor, external: str = "H-1") -> str:
    with store.write(actor, Action.IMPORT_REGISTRATIONS) as work:
        return work.insert("household", {"external_id": external, "created_at": work.at})


def test_every_write_is_audited_and_logged_for_sync(store: Store, coordinator: Actor) -> None:
    household = add_household(store, coordinator)
    entry = store.db.execute(
        "SELECT user, role, device, action, entity, after FROM audit_log WHERE entity_id = ?",
        [household],
    ).fetchone()
    assert entry[:5] == (
        "carmen",
        "coordinator",
        store.device_id,
        "import_registrations:insert",
        "household",
    )
    assert json.loads(entry[5])["external_id"] == "H-1"
    change = store.db.execute(
        "SELECT entity, op, device FROM change_log WHERE entity_id = ?", [household]
    ).fetchone()
    assert change == ("household", "insert", store.device_id)


def test_update_records_before_and_after_of_changed_fields_only(
    store: Store, coordinator: Actor
) -> None:
    household = add_household(store, coordinator)
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        assert work.update(
            "household",
            household,
            {"external_id": "H-2", "created_at": "x"},
            before={"external_id": "H-1", "created_at": "x"},
        )
        assert not work.update("household", household, {"external_id": "H-2"})
    trail = queries.audit_entries_for(store.db, [household])
    assert [t["action"] for t in trail] == [
        "import_registrations:insert",
        "import_registrations:update",
    ]
    assert json.loads(trail[1]["before"]) == {"external_id": "H-1"}
    assert json.loads(trail[1]["after"]) == {"external_id": "H-2"}


def test_a_failed_action_leaves_nothing_behind(store: Store, coordinator: Actor) -> None:
    counts_before = [
        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("household", "audit_log", "change_log")
    ]
    with pytest.raises(RuntimeError), store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        work.insert("household", {"external_id": "H-9", "created_at": work.at})
        raise RuntimeError("power cut")
    counts_after = [
        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("household", "audit_log", "change_log")
    ]
    assert counts_after == counts_before


def test_role_is_checked_before_anything_is_written(store: Store, intake: Actor) -> None:
    with (
        pytest.raises(PermissionDenied) as denied,
        store.write(intake, Action.IMPORT_REGISTRATIONS),
    ):
        pass
    assert "ivan" in denied.value.message_en
    assert "permiso" in denied.value.message_es


def test_write_path_refuses_tables_it_does_not_own(store: Store, coordinator: Actor) -> None:
    with pytest.raises(ValueError), store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        work.insert("audit_log", {"seq": 99})


def test_audit_chain_verifies_and_names_the_altered_entry(store: Store, coordinator: Actor) -> None:
    for n in range(5):
        add_household(store, coordinator, f"H-{n}")
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact
    target = store.db.execute("SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 3").fetchone()[
        0
    ]
    store.db.conn.execute("UPDATE audit_log SET user = 'mallory' WHERE seq = ?", [target])
    store.db.conn.commit()
    report = verify_chain(queries.audit_entries(store.db), audit_keys(store))
    assert report.first_broken_seq == target
    assert report.reason is not None and "altered" in report.reason.en


def test_audit_chain_catches_a_deleted_entry(store: Store, coordinator: Actor) -> None:
    for n in range(4):
        add_household(store, coordinator, f"H-{n}")
    store.db.conn.execute("PRAGMA foreign_keys = OFF")  # as someone with an SQL shell would
    store.db.conn.execute("DELETE FROM audit_log WHERE seq = 3")
    store.db.conn.commit()
    report = verify_chain(queries.audit_entries(store.db), audit_keys(store))
    assert report.first_broken_seq == 4


def test_change_log_stamps_increase_even_with_a_frozen_clock(
    store: Store, coordinator: Actor
) -> None:
    for n in range(3):
        add_household(store, coordinator, f"H-{n}")
    stamps = [r[0] for r in store.db.execute("SELECT hlc FROM change_log ORDER BY seq")]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


def test_reopening_keeps_device_identity(tmp_path: Path, clock: FrozenClock, key: bytes) -> None:
    first = Store.open(tmp_path / "site.db", clock=clock, key=key)
    device = first.device_id
    first.close()
    again = Store.open(tmp_path / "site.db", clock=clock, key=key)
    assert again.device_id == device
    again.close()


def test_a_database_from_a_newer_app_is_refused(
    tmp_path: Path, clock: FrozenClock, key: bytes
) -> None:
    Store.open(tmp_path / "site.db", clock=clock, key=key).close()
    db = connect(tmp_path / "site.db", key)
    db["_sqlite_migrations"].insert(
        {"migration_set": MIGRATION_SET, "name": "9999_from_the_future", "applied_at": "x"}
    )
    db.close()
    with pytest.raises(UserError) as refused:
        Store.open(tmp_path / "site.db", clock=clock, key=key)
    assert "newer" in refused.value.message_en
    assert "más nueva" in refused.value.message_es


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path, key: bytes) -> None:
    junk = tmp_path / "site.db"
    junk.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(UserError) as refused:
        Store.open(junk, key=key)
    assert "not a site database" in refused.value.message_en


def test_foreign_keys_are_enforced(store: Store, coordinator: Actor) -> None:
    with (
        pytest.raises(Exception, match="FOREIGN KEY"),
        store.write(coordinator, Action.RECORD_VERIFICATION) as work,
    ):
        work.insert(
            "verification_event",
            {
                "person_id": "nobody",
                "state": "verified",
                "recorded_at": work.at,
                "recorded_by": "x",
            },
        )


def test_batches_written_mid_action_keep_the_chain_and_roll_back_together(
    store: Store, coordinator: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from staging.store import store as store_module

    monkeypatch.setattr(store_module, "FLUSH_EVERY", 2)
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        for n in range(7):
            work.insert("household", {"external_id": f"H-{n}", "created_at": work.at})
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact
    changes = store.db.execute("SELECT count(*) FROM change_log WHERE entity = 'household'")
    assert changes.fetchone()[0] == 7
    with pytest.raises(RuntimeError), store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        for n in range(7, 12):
            work.insert("household", {"external_id": f"H-{n}", "created_at": work.at})
        raise RuntimeError("power cut after some batches were written")
    assert store.db.execute("SELECT count(*) FROM household").fetchone()[0] == 7
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact


def test_the_database_and_its_journal_are_readable_by_this_account_only(store: Store) -> None:
    import stat

    assert store.path is not None
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path.name


def _change_bases(store: Store, entity_id: str) -> list[tuple[str, str, dict | None]]:
    rows = store.db.execute(
        "SELECT op, hlc, base FROM change_log WHERE entity_id = ? ORDER BY seq", [entity_id]
    ).fetchall()
    return [(op, hlc, json.loads(base) if base else None) for op, hlc, base in rows]


def test_each_field_edit_carries_the_stamp_of_the_value_it_replaced(
    store: Store, coordinator: Actor
) -> None:
    """Sync tells a concurrent edit (same base) from a sequential one (base = other's stamp)."""
    household = add_household(store, coordinator)
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        work.update("household", household, {"external_id": "H-2"})
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        work.update("household", household, {"external_id": "H-3", "created_at": "later"})
    (_, inserted, _), (_, first_edit, first_base), (_, _, second_base) = _change_bases(
        store, household
    )
    assert first_base == {"external_id": inserted}
    assert second_base == {"external_id": first_edit, "created_at": inserted}


def test_an_insert_then_an_edit_in_one_action_bases_the_edit_on_the_insert(
    store: Store, coordinator: Actor
) -> None:
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        household = work.insert("household", {"external_id": "H-1", "created_at": work.at})
        work.update("household", household, {"external_id": "H-9"})
    (_, inserted, _), (_, _, base) = _change_bases(store, household)
    assert base == {"external_id": inserted}


def test_facts_are_appended_never_changed(store: Store, coordinator: Actor) -> None:
    household = add_household(store, coordinator)
    with store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
        batch = work.insert(
            "import_batch",
            {"file_name": "a.csv", "imported_at": work.at, "imported_by": "c", "summary": "{}"},
        )
    for change in (
        lambda work: work.update("import_batch", batch, {"summary": "[]"}),
        lambda work: work.delete("import_batch", batch),
    ):
        with (
            pytest.raises(ValueError, match="appended"),
            store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work,
        ):
            change(work)
    assert store.db.execute("SELECT summary FROM import_batch").fetchone() == ("{}",)
    assert household


def test_an_operation_reports_what_it_changed(store: Store, coordinator: Actor) -> None:
    done = store.run(
        coordinator,
        Action.IMPORT_REGISTRATIONS,
        lambda work: work.insert("household", {"external_id": "H-1", "created_at": work.at}),
    )
    assert done.changes.kinds == {Kind.PEOPLE}
    assert done.changes.ids == {done.value}
    noted = store.run(
        coordinator, Action.EXPORT, lambda work: work.note("export", "x.csv", {"rows": 1})
    )
    assert noted.changes.kinds == {Kind.EVENTS}


def test_steps_of_one_action_land_together_and_each_needs_its_permission(
    store: Store, intake: Actor
) -> None:
    """A step joining a larger action checks its own permission, and a refusal undoes all."""

    def register_and_edit_settings(work) -> None:
        work.insert("household", {"external_id": "H-1", "created_at": work.at})
        work.require(Action.MANAGE_SETTINGS)

    with pytest.raises(PermissionDenied):
        store.run(intake, Action.REGISTER_WALK_IN, register_and_edit_settings)
    assert store.db.execute("SELECT count(*) FROM household").fetchone() == (0,)
