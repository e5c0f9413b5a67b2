"""A list imported again after a merge leaves the merged-away registration as it is: applying
its row would undo what the reviewer chose, and it is no one new to flag."""

from __future__ import annotations

from pathlib import Path

from staging.duplicates.operations import merge
from staging.people import queries
from staging.registration.preview import preview_import
from staging.registration.service import import_registrations
from staging.store.store import Actor
from tests.conftest import registration_row, write_registrations
from tests.staging.duplicates.conftest import Pair


def test_a_merged_away_registration_in_a_list_again_is_left_as_it_is(
    pair: Pair, coordinator: Actor, tmp_path: Path
) -> None:
    store = pair.store
    merge(store, coordinator, pair.duplicate, keep=pair.first, take_other={"phone"})
    rows = [
        registration_row(1, household_id="H-1"),
        # The merged-away registration, with a new phone and surname: not applied.
        registration_row(2, household_id="H-2", phone="+52 664 555 0999", paternal_surname="X"),
        registration_row(3, household_id="H-2", given_names="Ana", sex="F"),
        registration_row(4, household_id="H-4", given_names="Rosa", paternal_surname="Méndez"),
    ]
    path = write_registrations(tmp_path / "lista-otra-vez.csv", rows)
    preview = preview_import(store, coordinator, path)
    summary = import_registrations(store, coordinator, path)
    assert (summary.merged, summary.imported, summary.rejected) == (1, 1, 0)
    assert preview.summary.merged == 1
    kept = queries.find_person(store, "REG-0002")  # the alias finds the person kept
    assert kept is not None and kept["id"] == pair.first
    assert kept["paternal_surname"] != "X" and kept["phone"] != "+52 664 555 0999"
    merged_away = store.db.execute(
        "SELECT paternal_surname, phone FROM person WHERE id = ?", [pair.second]
    ).fetchone()
    assert merged_away[0] != "X" and merged_away[1] != "+52 664 555 0999"
    # No new pair with the merged-away registration, and none left open for the person kept.
    flagged = store.db.execute(
        "SELECT count(*) FROM possible_duplicate WHERE ? IN (person_id, other_person_id)",
        [pair.second],
    ).fetchone()[0]
    assert flagged == 1  # the reviewed pair itself, decided
    assert queries.open_possible_duplicates(store, pair.first) == []
