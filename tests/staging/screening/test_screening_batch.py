"""A day's paper forms keyed in at once: each checked as a single screening is, all or none."""

from __future__ import annotations

import pytest

from staging.domain import ScreeningOutcome as Outcome
from staging.errors import Refused
from staging.rules.screening import AntigenResult, ScreeningBlocker
from staging.screening.operations import record_screenings
from staging.store.store import Actor
from tests.staging.screening.conftest import Site
from tests.staging.screening.test_screening_operations import antigen, blockers


def test_a_batch_saves_every_screening_and_opens_the_isolation(site: Site, screener: Actor) -> None:
    saved = record_screenings(
        site.store,
        screener,
        [
            antigen(site, site.adult, AntigenResult.NEGATIVE),
            antigen(site, site.partner, AntigenResult.POSITIVE, isolation_place_id=site.place),
        ],
    ).value
    assert [s.outcome for s in saved] == [Outcome.CLEARED, Outcome.ISOLATION]
    assert saved[1].episode_id
    assert ScreeningBlocker.HOUSEHOLD_HELD in blockers(site, site.adult)


def test_one_refused_entry_saves_none_of_the_batch(site: Site, screener: Actor) -> None:
    entries = [
        antigen(site, site.adult, AntigenResult.POSITIVE),
        # Checked after the first is saved: the person is in isolation by then.
        antigen(site, site.adult, AntigenResult.NEGATIVE),
    ]
    with pytest.raises(Refused, match="is in isolation"):
        record_screenings(site.store, screener, entries)
    db = site.store.db
    assert db.execute("SELECT count(*) FROM screening").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM isolation_episode").fetchone()[0] == 0
    assert ScreeningBlocker.NOT_SCREENED in blockers(site, site.adult)
