"""Import of a 100,000-row registration export into a new site database (target ≤ 10 s)."""

from __future__ import annotations

import sys
import time

from bench.common import (
    BENCH_ACTOR,
    BENCH_PEOPLE,
    OUT,
    bench_clock,
    peak_memory_mb,
    write_registration_csv,
)
from staging.registration.service import import_registrations
from staging.store.store import Store


def main() -> dict[str, float]:
    export = write_registration_csv(OUT / "registrations-100k.csv")
    database = OUT / "import-bench.db"
    for leftover in OUT.glob("import-bench.db*"):
        leftover.unlink()
    store = Store.open(database, clock=bench_clock())
    start = time.perf_counter()
    summary = import_registrations(store, BENCH_ACTOR, export)
    seconds = time.perf_counter() - start
    store.close()
    if summary.imported != BENCH_PEOPLE:
        sys.exit(
            f"expected {BENCH_PEOPLE} imported, got {summary.imported}: {summary.problems[:3]}"
        )
    figures = {
        "import_rows": summary.imported,
        "import_seconds": round(seconds, 2),
        "rows_per_second": round(summary.imported / seconds),
        "possible_duplicates": summary.possible_duplicates,
        "peak_memory_mb": round(peak_memory_mb()),
    }
    print(
        f"import   {summary.imported:,} rows in {seconds:.2f} s "
        f"({figures['rows_per_second']:,} rows/s; target ≤ 10 s), "
        f"{summary.possible_duplicates} possible duplicates flagged, "
        f"peak memory {figures['peak_memory_mb']} MB"
    )
    return figures


if __name__ == "__main__":
    main()
