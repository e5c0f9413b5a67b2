"""Sync through a site hub (targets: 10,000 changes pushed ≤ 3 s, and pulled and applied ≤ 3 s;
a new desk joining a 100,000-person site receives everything ≤ 60 s).

The hub is a throw-away PostgreSQL on loopback, started as the tests start theirs
(`tests/helpers/postgres.py`: the machine's own binaries or the `pgserver` wheel's, fsync off),
stopped and removed afterwards with every database the bench wrote. Desks are encrypted sites
signing their audit entries, as the app always opens them.

- 10,000 changes: the first registrations of the benchmarks' list imported on desk A (people,
  their households, the import) — the changes of one busy day — pushed by `sync` on A, then
  pulled and applied by `sync` on desk B.
- Joining: the 100,000-person demo site (seed 7), built through the real operations as
  `staging-site demo` builds it (check-ins, verifications, screenings, forms, a trip), linked
  to the hub and pushed whole by its desk; then a new laptop (its own encrypted site, linked
  to the hub with the site's keys, as an enrollment file links it) receives everything in its
  first `sync`. The receive is split into pulling from the hub, opening the envelopes and
  applying them (the inbox); the new desk must then hold every record the first one does.
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    BENCH_ACTOR,
    BENCH_PEOPLE,
    BENCH_TODAY,
    OUT,
    bench_clock,
)

SITE = "tijuana"
SEED = 7
DAY_CHANGES = 10_000
SCRATCH = OUT / "bench-sync"


@dataclass
class Split:
    """Seconds spent in each part of a desk's receive."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, part: str, seconds: float) -> None:
        self.seconds[part] = self.seconds.get(part, 0.0) + seconds


@contextmanager
def receive_split() -> Iterator[Split]:
    """Time the parts of `staging.sync.desk`'s pull: the hub's `pull`, `open_event` and
    `receive_changes`, as `sync` calls them."""
    from staging.sync import desk
    from staging.sync.hub import Hub

    split = Split()
    originals = (Hub.pull, desk.open_event, desk.receive_changes)

    def timed(part: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                split.add(part, time.perf_counter() - start)

        return wrapper

    Hub.pull = timed("pull", originals[0])  # type: ignore[method-assign]
    desk.open_event = timed("open", originals[1])
    desk.receive_changes = timed("apply", originals[2])
    try:
        yield split
    finally:
        Hub.pull, desk.open_event, desk.receive_changes = originals  # type: ignore[method-assign]


def _remove_scratch() -> None:
    shutil.rmtree(SCRATCH, ignore_errors=True)


def _desk(name: str):  # type: ignore[no-untyped-def]
    import secrets

    from staging.audit.keys import device_audit_key
    from staging.store.store import Store

    path = SCRATCH / f"{name}.db"
    return Store.open(
        path, key=secrets.token_bytes(32), clock=bench_clock(), audit_key=device_audit_key(path)
    )


def _day_list(path: Path) -> int:
    """The benchmarks' list cut to whole households whose import logs about `DAY_CHANGES`
    changes (each person, each new household, the import itself); returns the rows kept."""
    from staging.demo.generator import generate_demo_site
    from staging.registration.columns import CANONICAL_COLUMNS

    rows = generate_demo_site(people=DAY_CHANGES, seed=SEED, today=BENCH_TODAY).rows
    households: set[str] = set()
    kept = 0
    for row in rows:
        if kept + len(households | {row["household_id"]}) + 1 > DAY_CHANGES:
            break
        households.add(row["household_id"])
        kept += 1
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(CANONICAL_COLUMNS))
        writer.writeheader()
        writer.writerows(rows[:kept])
    return kept


def bench_day(url: str) -> dict[str, float]:
    """A day's changes made on desk A, pushed; pulled and applied on desk B."""
    from staging.registration.service import import_registrations
    from staging.sync.desk import join_hub, set_up_hub, sync

    a, b = _desk("day-a"), _desk("day-b")
    source = SCRATCH / "day.csv"
    _day_list(source)
    import_registrations(a, BENCH_ACTOR, source)
    keys = set_up_hub(a, BENCH_ACTOR, url, SITE).value
    join_hub(b, BENCH_ACTOR, url, SITE, keys)
    start = time.perf_counter()
    pushed = sync(a, BENCH_ACTOR).value
    pushing = time.perf_counter() - start
    with receive_split() as split:
        start = time.perf_counter()
        pulled = sync(b, BENCH_ACTOR).value
        pulling = time.perf_counter() - start
    people = [store.db.execute("SELECT count(*) FROM person").fetchone()[0] for store in (a, b)]
    a.close()
    b.close()
    if pulled.received != pushed.sent or people[0] != people[1]:
        sys.exit(f"desk B received {pulled.received} of {pushed.sent} changes: {people}")
    parts = ", ".join(f"{part} {seconds:.2f} s" for part, seconds in split.seconds.items())
    print(
        f"sync {pushed.sent:,} changes through the hub: pushed in {pushing:.2f} s, pulled and "
        f"applied in {pulling:.2f} s ({parts}) (target ≤ 3 s each)"
    )
    return {
        "sync_day_changes": pushed.sent,
        "sync_push_day_seconds": round(pushing, 2),
        "sync_pull_day_seconds": round(pulling, 2),
    }


def _counts(store: Any) -> dict[str, int]:
    from staging.store.tables import TABLES

    return {
        name: store.db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in TABLES
        if name not in ("site_setting", "sync_desk")  # each desk's link, and its own record
    }


def bench_join(url: str, people: int = BENCH_PEOPLE) -> dict[str, float]:
    """The demo site pushed to the hub; a new desk joining with an enrollment file (as
    `staging-site enroll join` does) receives it all, users included."""
    from staging.demo.build import DEMO_USERS, create_demo_site
    from staging.security.access import open_site
    from staging.security.keyfile import KdfParams
    from staging.sync.desk import set_up_hub, sync
    from staging.sync.enrollment import create_enrollment, join_site

    start = time.perf_counter()
    first = create_demo_site(SCRATCH / "site.db", people=people, seed=SEED, clock=bench_clock())
    building = time.perf_counter() - start
    set_up_hub(first.store, first.actor, url, SITE)
    start = time.perf_counter()
    pushed = sync(first.store, first.actor).value
    pushing = time.perf_counter() - start
    passphrase = "bench passphrase words"
    fast = KdfParams(time_cost=1, memory_kib=8, parallelism=1)  # timed: the join, not Argon2id
    enrollment = create_enrollment(
        first.store, first.actor, SCRATCH / "laptop", passphrase, kdf=fast
    )
    with receive_split() as split:
        start = time.perf_counter()
        report = join_site(enrollment, passphrase, SCRATCH / "new.db", clock=bench_clock())
        receiving = time.perf_counter() - start
    received = report.report
    joined = open_site(SCRATCH / "new.db", "admin", DEMO_USERS["admin"][1], clock=bench_clock())
    expected, found = _counts(first.store), _counts(joined.store)
    first.close()
    joined.close()
    if expected != found or received.pending:
        missing = {name: (n, found[name]) for name, n in expected.items() if found[name] != n}
        sys.exit(f"the new desk does not hold the site: {missing}, {received.pending} pending")
    parts = ", ".join(f"{part} {seconds:.1f} s" for part, seconds in split.seconds.items())
    print(
        f"sync join of a {people:,}-person site (demo built in {building:.1f} s, "
        f"{pushed.sent:,} changes pushed in {pushing:.1f} s): the new desk received "
        f"{received.received:,} changes, and its users, in {receiving:.1f} s ({parts}) "
        "(target ≤ 60 s)"
    )
    return {
        "sync_join_changes": received.received,
        "sync_join_push_seconds": round(pushing, 1),
        "sync_join_receive_seconds": round(receiving, 1),
        "sync_join_pull_seconds": round(split.seconds.get("pull", 0.0), 1),
        "sync_join_open_seconds": round(split.seconds.get("open", 0.0), 1),
        "sync_join_apply_seconds": round(split.seconds.get("apply", 0.0), 1),
    }


def main(people: int = BENCH_PEOPLE) -> dict[str, float]:
    from tests.helpers.postgres import postgres_server

    _remove_scratch()
    SCRATCH.mkdir(parents=True)
    figures: dict[str, float] = {}
    try:
        with (
            tempfile.TemporaryDirectory(prefix="bench-sync-") as logs,
            postgres_server(Path(logs)) as server,
        ):
            figures.update(bench_day(server.create_database("day")))
            figures.update(bench_join(server.create_database("join"), people))
    finally:
        _remove_scratch()
    return figures


if __name__ == "__main__":
    # `python bench/bench_sync.py 20000`: a smaller site, for a quicker look.
    main(int(sys.argv[1]) if len(sys.argv) > 1 else BENCH_PEOPLE)
