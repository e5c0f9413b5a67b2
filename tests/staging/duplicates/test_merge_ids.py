"""A merge makes the same records on every desk: the copies of a fact and the merge itself get
ids derived from what they come from, so that when two desks' merges of one pair meet (sync,
a USB bundle) they are one set of records, not two."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from staging.duplicates.operations import COPIED_FACTS, MERGE_FACT, merge
from staging.ids import derived_id, new_id
from staging.store.store import Actor
from tests.staging.duplicates.conftest import Pair, arrive


def test_a_merge_names_its_records_by_what_they_come_from(pair: Pair, coordinator: Actor) -> None:
    store = pair.store
    arrive(pair, coordinator, pair.second)
    originals = {
        table: [
            row[0]
            for row in store.db.execute(
                f"SELECT id FROM {table} WHERE person_id = ?", [pair.second]
            )
        ]
        for table in COPIED_FACTS
    }
    assert originals["check_in"], "the merged-away registration has a fact to copy"
    merge(store, coordinator, pair.duplicate, keep=pair.first)
    for table, ids in originals.items():
        kept = {
            row[0]
            for row in store.db.execute(f"SELECT id FROM {table} WHERE person_id = ?", [pair.first])
        }
        assert {derived_id(original, pair.first) for original in ids} <= kept
    merged = store.db.execute(f"SELECT id FROM {MERGE_FACT}").fetchone()[0]
    assert merged == derived_id(pair.second, MERGE_FACT)


@given(st.text(max_size=20), st.text(max_size=20))
def test_a_derived_id_is_the_same_everywhere_a_uuid7_and_sorts_with_its_original(
    first: str, second: str
) -> None:
    original = new_id()
    made = derived_id(original, first, second)
    assert made == derived_id(original, first, second)
    assert uuid.UUID(made).version == 7 and uuid.UUID(made).variant == uuid.RFC_4122
    assert made[:13] == original[:13]  # the original's millisecond timestamp
    assert made != original
    if (first, second) != (second, first):
        assert made != derived_id(original, second, first)
