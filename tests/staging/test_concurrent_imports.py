"""Two imports at once (the same list from two desks, or the command line and a desk): both end
well, or one ends with a message a person understands; never with a raw UNIQUE failure. And a
desk is kept waiting only while an import writes, not while it reads and checks its file."""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from staging.audit.chain import verify_chain
from staging.audit.integrity import data_differences
from staging.audit.keys import device_audit_key
from staging.errors import Busy
from staging.people import queries
from staging.registration import service
from staging.registration.problems import ImportFileError
from staging.registration.service import ImportSummary, import_registrations
from staging.rules import Action
from staging.store.database import connect
from staging.store.store import Actor, Store
from tests.conftest import audit_keys, registration_row, write_registrations


@pytest.fixture
def other_desk(store: Store, key: bytes) -> Iterator[Store]:
    """The same site opened by another desk (or the command line): its own connection."""
    assert store.path is not None
    other = Store.open(
        store.path, clock=store.clock, key=key, audit_key=device_audit_key(store.path)
    )
    yield other
    other.close()


def checked_together(monkeypatch: pytest.MonkeyPatch, imports: int) -> None:
    """Each import waits, its file checked, until every one has checked its file: then they
    all go for the write lock at once."""
    everyone_checked = threading.Barrier(imports, timeout=30)
    check_file = service.check_file

    def check_then_wait(*args: Any) -> Any:
        checked = check_file(*args)
        everyone_checked.wait()
        return checked

    monkeypatch.setattr(service, "check_file", check_then_wait)


def run_at_once(*imports: Callable[[], ImportSummary]) -> list[ImportSummary | BaseException]:
    results: list[ImportSummary | BaseException] = [RuntimeError("not run")] * len(imports)

    def run(index: int) -> None:
        try:
            results[index] = imports[index]()
        except BaseException as error:  # handed to the test
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(imports))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def count(store: Store, table: str) -> int:
    return store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_the_same_list_imported_from_two_desks_at_once_is_imported_once(
    store: Store,
    other_desk: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [registration_row(n, household_id="H-1" if n < 4 else f"H-{n}") for n in range(1, 9)]
    path = write_registrations(tmp_path / "lista.csv", rows)
    checked_together(monkeypatch, 2)

    first, second = run_at_once(
        lambda: import_registrations(store, coordinator, path),
        lambda: import_registrations(other_desk, coordinator, path),
    )

    assert isinstance(first, ImportSummary), first
    assert isinstance(second, ImportSummary), second
    assert sorted([first.imported, second.imported]) == [0, 8]
    assert sorted([first.unchanged, second.unchanged]) == [0, 8]
    assert first.rejected == second.rejected == 0
    assert count(store, "person") == 8
    assert count(store, "household") == 6
    assert count(store, "import_batch") == 2
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact
    assert data_differences(store.db) == []


def test_overlapping_lists_from_two_desks_both_land(
    store: Store,
    other_desk: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second import finds what the first inserted and updates it."""
    one = write_registrations(tmp_path / "a.csv", [registration_row(n) for n in range(1, 7)])
    changed = [registration_row(n, phone="+52 656 000 1234") for n in range(4, 10)]
    two = write_registrations(tmp_path / "b.csv", changed)
    checked_together(monkeypatch, 2)

    first, second = run_at_once(
        lambda: import_registrations(store, coordinator, one),
        lambda: import_registrations(other_desk, coordinator, two),
    )

    assert isinstance(first, ImportSummary), first
    assert isinstance(second, ImportSummary), second
    assert first.imported + second.imported == 9
    assert first.rejected == second.rejected == 0
    assert count(store, "person") == 9
    # Whichever came second found rows 4–6 there already: updated (b.csv's phone) or
    # unchanged (a.csv's phone had been replaced by b.csv's... and is put back: updated).
    assert first.updated + second.updated + first.unchanged + second.unchanged == 3
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact
    assert data_differences(store.db) == []


def test_a_desk_writes_while_an_import_checks_its_file(
    store: Store,
    other_desk: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The write lock is taken only once the file is read and checked."""
    path = write_registrations(tmp_path / "lista.csv", [registration_row(n) for n in range(1, 4)])
    other_desk.write_wait = 0.2  # a desk where someone is waiting
    desk_wrote = []
    check_file = service.check_file

    def check_while_the_desk_writes(*args: Any) -> Any:
        with other_desk.write(coordinator, Action.IMPORT_REGISTRATIONS) as work:
            desk_wrote.append(
                work.insert("household", {"external_id": "W-1", "created_at": work.at})
            )
        return check_file(*args)

    monkeypatch.setattr(service, "check_file", check_while_the_desk_writes)
    summary = import_registrations(store, coordinator, path)
    assert summary.imported == 3
    assert len(desk_wrote) == 1


def test_an_import_that_cannot_get_the_lock_says_so_and_imports_nothing(
    store: Store, coordinator: Actor, key: bytes, tmp_path: Path
) -> None:
    assert store.path is not None
    rows = [registration_row(1), registration_row(2, date_of_birth="31/02/1990")]
    path = write_registrations(tmp_path / "lista.csv", rows)
    holder = connect(store.path, key)
    holder.conn.execute("BEGIN IMMEDIATE")  # a long write of another task
    store.write_wait = 0.2
    try:
        with pytest.raises(Busy) as refused:
            import_registrations(store, coordinator, path)
    finally:
        holder.conn.execute("ROLLBACK")
        holder.close()
    assert "Another task" in refused.value.message_en
    assert "Otra tarea" in refused.value.message_es
    assert count(store, "person") == 0
    assert not (tmp_path / "lista.rejects.csv").exists()


def import_meanwhile(
    monkeypatch: pytest.MonkeyPatch,
    other: Callable[[], object],
    then: Callable[[], object] = lambda: None,
) -> None:
    """Another import lands between this import's check and its write."""
    check_file = service.check_file

    def check_then_let_the_other_in(*args: Any) -> Any:
        checked = check_file(*args)
        monkeypatch.setattr(service, "check_file", check_file)
        other()
        then()
        return checked

    monkeypatch.setattr(service, "check_file", check_then_let_the_other_in)


def test_an_a_number_taken_by_an_import_in_between_is_a_conflict_with_its_row_rejected(
    store: Store,
    other_desk: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check could not foresee it: the row is read from the file again for the rejects."""
    first = write_registrations(tmp_path / "a.csv", [registration_row(1)])
    taken = registration_row(1)["a_number"]
    rows = [registration_row(2, a_number=taken), registration_row(3)]
    second = write_registrations(tmp_path / "b.csv", rows)
    import_meanwhile(monkeypatch, lambda: import_registrations(other_desk, coordinator, first))

    summary = import_registrations(store, coordinator, second)

    assert (summary.imported, summary.conflicts, summary.rejected) == (1, 1, 1)
    assert "already belongs to registration REG-0001" in summary.problems[0].message_en
    assert summary.rejects_file is not None
    with open(summary.rejects_file, encoding="utf-8-sig", newline="") as handle:
        [_, rejected] = list(csv.reader(handle))
    assert rejected[:11] == list(rows[0].values())[:11]  # as it came (the phone is escaped)
    assert rejected[-2] == "2"
    assert count(store, "person") == 2


def test_a_list_changed_on_disk_before_its_rejects_are_read_again_imports_nothing(
    store: Store,
    other_desk: Store,
    coordinator: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = write_registrations(tmp_path / "a.csv", [registration_row(1)])
    rows = [registration_row(2, a_number=registration_row(1)["a_number"]), registration_row(3)]
    second = write_registrations(tmp_path / "b.csv", rows)
    import_meanwhile(
        monkeypatch,
        lambda: import_registrations(other_desk, coordinator, first),
        lambda: write_registrations(second, [*rows, registration_row(4)]),  # saved in Excel
    )

    with pytest.raises(ImportFileError) as refused:
        import_registrations(store, coordinator, second)

    assert "b.csv changed while it was being imported: nothing was imported" in (
        refused.value.message_en
    )
    assert "no se importó nada" in refused.value.message_es
    assert count(store, "person") == 1  # the other import's
    assert not (tmp_path / "b.rejects.csv").exists()
