"""Cancel during a 100,000-row import: the database is exactly as it was, no rejects file."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

import pytest

from staging.demo.generator import generate_demo_site
from staging.registration.columns import CANONICAL_COLUMNS
from staging.registration.service import ImportCancelled, ImportWatch, import_registrations
from staging.store.store import Actor, Store
from tests.conftest import registration_row, write_registrations

ROWS = 100_000


@pytest.fixture(scope="module")
def big_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lists") / "registrations-100k.csv"
    site = generate_demo_site(people=ROWS, seed=11, today=date(2021, 2, 28))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        writer.writerows(site.rows)
    return path


def database_digest(store: Store) -> str:
    """Every row of every table, in order: equal digests mean nothing at all changed."""
    digest = hashlib.sha256()
    tables = [
        name
        for (name,) in store.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    for table in tables:
        digest.update(table.encode())
        for row in sorted(map(repr, store.db.execute(f"SELECT * FROM {table}"))):
            digest.update(row.encode())
    return digest.hexdigest()


class CancelAfter:
    """Presses Cancel once the import has reached `rows` rows of `stage`."""

    def __init__(self, stage: str, rows: int) -> None:
        self.stage, self.rows = stage, rows
        self.seen: list[tuple[str, int]] = []
        self.pressed = False

    def progress(self, stage: str, rows: int) -> None:
        self.seen.append((stage, rows))
        if stage == self.stage and rows >= self.rows:
            self.pressed = True

    def cancelled(self) -> bool:
        return self.pressed


@pytest.mark.parametrize(("stage", "rows"), [("checking", 40_000), ("writing", 60_000)])
def test_cancel_during_a_100000_row_import_leaves_the_database_exactly_as_it_was(
    store: Store, coordinator: Actor, tmp_path: Path, big_list: Path, stage: str, rows: int
) -> None:
    # A site with people already, one of whom the big list would update.
    import_registrations(
        store, coordinator, write_registrations(tmp_path / "first.csv", [registration_row(1)])
    )
    before = database_digest(store)
    cancel = CancelAfter(stage, rows)
    with pytest.raises(ImportCancelled) as cancelled:
        import_registrations(
            store, coordinator, big_list, watch=ImportWatch(cancel.progress, cancel.cancelled)
        )
    assert "nothing was imported" in cancelled.value.message_en
    assert "no se importó nada" in cancelled.value.message_es
    assert database_digest(store) == before
    assert not list(big_list.parent.glob("*rechaz*")) and not list(big_list.parent.glob("*reject*"))
    # It had gone that far: the progress reached the stage asked, chunk by chunk.
    assert (stage, rows) <= max(step for step in cancel.seen if step[0] == stage)
    assert len(cancel.seen) > 10
