"""A merge of two registrations on one desk while another desk, offline, goes on recording for
the registration merged away: once they have exchanged their changes (in either order), what the
other desk recorded follows the merge to the person kept, on both desks, as the same records."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from staging.audit.keys import device_audit_key
from staging.duplicates.operations import merge
from staging.ids import derived_id
from staging.rules.screening import AntigenResult
from staging.store.store import Actor, Store
from staging.sync.inbox import open_conflicts
from tests.staging.duplicates.conftest import Pair, arrive, screen
from tests.staging.sync.test_inbox import picture, ship


def check_ins(store: Store, person_id: str) -> set[str]:
    rows = store.db.execute("SELECT id FROM check_in WHERE person_id = ?", [person_id])
    return {row[0] for row in rows}


@pytest.fixture
def other_desk(pair: Pair, tmp_path: Path, key: bytes) -> Iterator[Store]:
    """Desk C, which received the site's list (and the pair) before anyone merged."""
    path = tmp_path / "c.db"
    desk = Store.open(path, clock=pair.clock, key=key, audit_key=device_audit_key(path))
    ship(pair.store, desk)
    yield desk
    desk.close()


@pytest.mark.parametrize("merge_first", [True, False], ids=["merge-first", "check-in-first"])
def test_what_another_desk_recorded_for_a_merged_registration_follows_the_merge(
    pair: Pair, other_desk: Store, coordinator: Actor, screener: Actor, merge_first: bool
) -> None:
    a, c = pair.store, other_desk
    merge(a, coordinator, pair.duplicate, keep=pair.first)
    on_c = replace(pair, store=c)
    arrive(on_c, screener, pair.second)  # C has not heard of the merge
    screened = screen(on_c, screener, pair.second, AntigenResult.NEGATIVE)
    (checked_in,) = check_ins(c, pair.second)
    for source, target in [(a, c), (c, a)] if merge_first else [(c, a), (a, c)]:
        ship(source, target)
    ship(a, c)  # what A made while following C's records reaches C too
    ship(c, a)
    for desk in (a, c):
        assert check_ins(desk, pair.first) == {derived_id(checked_in, pair.first)}
        copied = derived_id(screened, pair.first)
        assert desk.db.execute(
            "SELECT result FROM screening WHERE id = ? AND person_id = ?", [copied, pair.first]
        ).fetchone() == (AntigenResult.NEGATIVE.value,)
        assert open_conflicts(desk) == []
        assert desk.db.execute("SELECT count(*) FROM sync_pending").fetchone() == (0,)
    assert picture(a) == picture(c)
