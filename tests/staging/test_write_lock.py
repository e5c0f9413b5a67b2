"""A write that finds another task holding the write lock says so, saves nothing, and can retry.

SQLite lets one connection write at a time; `BEGIN IMMEDIATE` waits `Store.write_wait` for the
lock and then fails with "database is locked", which no screen understands.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import sqlcipher3
from sqlite_utils import Database

from staging.errors import Busy, StorageError
from staging.rules import Action
from staging.store.database import WRITE_WAIT_SECONDS, connect
from staging.store.store import Actor, Store


@pytest.fixture
def other_task(store: Store, key: bytes) -> Iterator[Database]:
    """Another connection to the same file, holding the write lock as a long import does."""
    assert store.path is not None
    other = connect(store.path, key)
    other.conn.execute("BEGIN IMMEDIATE")
    yield other
    if other.conn.in_transaction:
        other.conn.execute("ROLLBACK")
    other.close()


def add_household(store: Store, actor: Actor, name: str) -> None:
    with store.write(actor, Action.IMPORT_REGISTRATIONS) as work:
        work.insert("household", {"external_id": name, "created_at": work.at})


def households(store: Store) -> int:
    return store.db.execute("SELECT count(*) FROM household").fetchone()[0]


def test_a_write_behind_another_tasks_lock_says_so_then_works_when_it_is_released(
    store: Store, coordinator: Actor, other_task: Database
) -> None:
    store.write_wait = 0.3
    started = time.monotonic()
    with pytest.raises(Busy) as refused:
        add_household(store, coordinator, "H-1")
    waited = time.monotonic() - started
    assert 0.3 <= waited < WRITE_WAIT_SECONDS  # the store's own wait, not the default
    assert isinstance(refused.value, StorageError)
    assert "Another task" in refused.value.message_en
    assert "nothing was saved. Try again in a moment." in refused.value.message_en
    assert "Otra tarea" in refused.value.message_es
    assert "no se guardó nada. Intente de nuevo en un momento." in refused.value.message_es
    assert not store.db.conn.in_transaction
    assert households(store) == 0

    other_task.conn.execute("COMMIT")
    add_household(store, coordinator, "H-1")
    assert households(store) == 1


def test_an_sql_mistake_in_a_write_is_not_dressed_up_as_a_storage_problem(
    store: Store, coordinator: Actor
) -> None:
    with (
        pytest.raises(sqlcipher3.OperationalError, match="no such table"),
        store.write(coordinator, Action.IMPORT_REGISTRATIONS) as work,
    ):
        work.insert("household", {"external_id": "H-1", "created_at": work.at})
        store.db.execute("SELECT * FROM nowhere")
    assert not store.db.conn.in_transaction
    assert households(store) == 0
