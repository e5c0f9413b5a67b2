"""Shared fixtures: a fresh site database per test (injected connection) and a frozen clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from staging.clock import FrozenClock
from staging.domain import Role
from staging.store.store import Actor, Store

# 10:00 in Tijuana on the demo's reference day.
REFERENCE_MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(REFERENCE_MOMENT)


@pytest.fixture
def store(tmp_path: Path, clock: FrozenClock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "site.db", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def coordinator() -> Actor:
    return Actor("carmen", Role.COORDINATOR)


@pytest.fixture
def intake() -> Actor:
    return Actor("ivan", Role.INTAKE)
