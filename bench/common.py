"""Shared helpers for the benchmarks: a 100,000-person site built once, percentiles, memory."""

from __future__ import annotations

import csv
import resource
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from staging.clock import FrozenClock
from staging.demo.generator import generate_demo_site
from staging.domain import Role
from staging.registration.columns import CANONICAL_COLUMNS
from staging.store.store import Actor

OUT = Path(__file__).resolve().parent / "out"
BENCH_PEOPLE = 100_000
BENCH_TODAY = date(2021, 3, 1)
BENCH_CLOCK_START = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)
BENCH_ACTOR = Actor("bench", Role.ADMIN)


def bench_clock() -> FrozenClock:
    return FrozenClock(BENCH_CLOCK_START)


def write_registration_csv(path: Path, people: int = BENCH_PEOPLE, seed: int = 7) -> Path:
    site = generate_demo_site(people=people, seed=seed, today=BENCH_TODAY)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        writer.writerows(site.rows)
    return path


def timed(action: Callable[[], object]) -> float:
    """Milliseconds one call takes."""
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(fraction * 100) - 1]


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
