"""Run every benchmark and print the figures the README quotes (never asserted by tests)."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import (
    bench_data_desk,
    bench_desk,
    bench_eoir33,
    bench_import,
    bench_roster,
    bench_screening,
    bench_search,
    bench_sync,
    bench_transport,
)
from bench.common import OUT


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"Staging Desk benchmarks — {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    figures = {}
    figures.update(bench_import.main())
    figures.update(bench_data_desk.main())
    figures.update(bench_search.main())
    figures.update(bench_desk.main())
    figures.update(bench_screening.main())
    figures.update(bench_eoir33.main())
    figures.update(bench_roster.main())
    figures.update(bench_transport.main())
    figures.update(bench_sync.main())
    (OUT / "figures.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
