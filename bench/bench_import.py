"""Import of a 100,000-row registration export into a new site database (target ≤ 10 s).

Measured twice: into an encrypted site (as the app always runs) and into a plaintext one,
so the README can quote what encryption costs.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    BENCH_ACTOR,
    BENCH_PEOPLE,
    OUT,
    bench_clock,
    peak_memory_mb,
)
from staging.audit.keys import device_audit_key
from staging.registration.service import import_registrations
from staging.store.store import Store

DATABASES = {"encrypted": OUT / "bench-encrypted.db", "plaintext": OUT / "bench-plaintext.db"}
KEY_FILE = OUT / "bench-encrypted.key"


def bench_key() -> bytes:
    """The encrypted bench database's key, kept beside it so the search bench can reopen it."""
    if not KEY_FILE.exists():
        KEY_FILE.write_bytes(secrets.token_bytes(32))
    return KEY_FILE.read_bytes()


def import_once(database: Path, key: bytes | None, export: Path) -> tuple[float, int, int]:
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()
    # Signed, as every site opened by a user is.
    audit_key = device_audit_key(database)
    store = Store.open(database, key=key, clock=bench_clock(), audit_key=audit_key)
    start = time.perf_counter()
    summary = import_registrations(store, BENCH_ACTOR, export)
    seconds = time.perf_counter() - start
    store.close()
    if summary.imported != BENCH_PEOPLE:
        sys.exit(f"imported {summary.imported} of {BENCH_PEOPLE}: {summary.problems[:2]}")
    return seconds, summary.imported, summary.possible_duplicates


def registration_export() -> Path:
    """The 100,000-row file, written by a child process so its memory is not counted here."""
    export = OUT / "registrations-100k.csv"
    if not export.exists():
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench.common import write_registration_csv; "
            "write_registration_csv(Path(sys.argv[2]))"
        )
        root = Path(__file__).resolve().parent.parent
        subprocess.run([sys.executable, "-c", code, str(root), str(export)], check=True)
    return export


def main() -> dict[str, float]:
    export = registration_export()
    figures: dict[str, float] = {}
    for kind, key in (("encrypted", bench_key()), ("plaintext", None)):
        seconds, rows, duplicates = import_once(DATABASES[kind], key, export)
        figures[f"import_{kind}_seconds"] = round(seconds, 2)
        print(
            f"import   {kind:<9} {rows:,} rows in {seconds:.2f} s "
            f"({round(rows / seconds):,} rows/s; target ≤ 10 s), "
            f"{duplicates} possible duplicates flagged"
        )
    overhead = figures["import_encrypted_seconds"] / figures["import_plaintext_seconds"] - 1
    figures["import_encryption_overhead_pct"] = round(overhead * 100)
    figures["peak_memory_mb"] = round(peak_memory_mb())
    print(
        f"import   encryption costs {figures['import_encryption_overhead_pct']}% | "
        f"peak memory {figures['peak_memory_mb']} MB"
    )
    return figures


if __name__ == "__main__":
    main()
