"""Import of a 100,000-row registration list into a new site (targets: CSV ≤ 10 s and ≤ 1.5× a
raw SQLCipher insert of the same rows measured in the same run; peak memory ≤ 200 MB; .xlsx
≤ 15 s).

Each import runs in a child process of its own, so that its peak memory (ru_maxrss) is its
own and no import warms the next one's caches:

- the app's import (`import_registrations`) of the CSV into an encrypted site, as the app
  always runs, and into a plaintext one, so the README can quote what encryption costs;
- the raw baseline: the same CSV through `sqlcipher3` with the app's key, pragmas and schema
  (its migrations), households and people in batches, one compact hash-chained audit row and
  one change-log row per row written, the search index, one transaction — what SQLite itself
  does with these rows, and none of what the app adds (checking every cell, conflicts,
  possible duplicates, the rejects file);
- the app's import of the same rows as an .xlsx workbook.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a child: `python bench/bench_import.py child …`
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    BENCH_ACTOR,
    BENCH_PEOPLE,
    OUT,
    bench_clock,
    peak_memory_mb,
)

DATABASES = {"encrypted": OUT / "bench-encrypted.db", "plaintext": OUT / "bench-plaintext.db"}
RAW_DATABASE = OUT / "bench-raw.db"
XLSX_DATABASE = OUT / "bench-xlsx.db"
KEY_FILE = OUT / "bench-encrypted.key"
CHUNK_ROWS = 5_000


def bench_key() -> bytes:
    """The encrypted bench database's key, kept beside it so the search bench can reopen it."""
    if not KEY_FILE.exists():
        KEY_FILE.write_bytes(secrets.token_bytes(32))
    return KEY_FILE.read_bytes()


def _fresh(database: Path) -> None:
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()


# --- the measured imports (each in a child process) -------------------------------------------


def app_import(source: Path, database: Path, key: bytes | None) -> dict[str, Any]:
    from staging.audit.keys import device_audit_key
    from staging.registration.service import import_registrations
    from staging.store.store import Store

    _fresh(database)
    # Signed, as every site opened by a user is.
    store = Store.open(database, key=key, clock=bench_clock(), audit_key=device_audit_key(database))
    before = peak_memory_mb()
    start = time.perf_counter()
    summary = import_registrations(store, BENCH_ACTOR, source)
    seconds = time.perf_counter() - start
    store.close()
    if summary.imported != BENCH_PEOPLE:
        sys.exit(f"imported {summary.imported} of {BENCH_PEOPLE}: {summary.problems[:2]}")
    return {
        "seconds": seconds,
        "peak_mb": peak_memory_mb(),
        "before_mb": before,
        "rows": summary.imported,
        "duplicates": summary.possible_duplicates,
    }


def raw_import(source: Path, database: Path, key: bytes) -> dict[str, Any]:
    """The baseline: the same rows and the same kind of records, as plain as they get."""
    import orjson
    import uuid_utils

    from staging.audit.formats import compact_import_entry, row_digest
    from staging.store.database import connect
    from staging.store.migrations import migrations

    _fresh(database)
    db = connect(database, key)
    migrations.apply(db)
    conn = db.conn
    secret, key_id, device = secrets.token_bytes(32), "raw-bench", "raw-device"
    at = bench_clock().now().isoformat(timespec="milliseconds")
    batch = str(uuid_utils.uuid7())
    ms = int(bench_clock().now().timestamp() * 1000)
    state = {"seq": 0, "prev": "0" * 64}
    before = peak_memory_mb()
    start = time.perf_counter()

    def logged(
        table: str, entity_id: str, after: dict[str, Any], audit: list[Any], changes: list[Any]
    ) -> None:
        state["seq"] += 1
        audit_id = str(uuid_utils.uuid7())
        after_json = orjson.dumps(after, option=orjson.OPT_SORT_KEYS).decode()
        entry = [state["seq"], audit_id, at, "bench", "admin", device, "raw:insert"]
        entry += [table, entity_id, None, after_json, state["prev"], key_id]
        state["prev"] = hmac.digest(secret, orjson.dumps(entry), "sha256").hex()
        audit.append((*entry, state["prev"]))
        stamp = f"{ms:013d}-{state['seq']:06d}-{device}"
        changes.append(
            (str(uuid_utils.uuid7()), stamp, device, table, entity_id, "insert", audit_id)
        )

    conn.execute("BEGIN IMMEDIATE")
    households: dict[str, str] = {}
    with source.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        columns = ["id", *header, "source", "created_at", "updated_at"]
        dates = [columns.index(c) for c in ("date_of_birth", "mpp_enrollment_date")]
        dates.append(columns.index("appointment_date"))
        insert = (
            f"INSERT INTO person ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        )
        number = 1
        while chunk := [cells for _, cells in zip(range(CHUNK_ROWS), reader, strict=False)]:
            homes: list[Any] = []
            people: list[Any] = []
            audit: list[Any] = []
            changes: list[Any] = []
            for cells in chunk:
                number += 1
                household = households.get(cells[1])
                if household is None:
                    household = households[cells[1]] = str(uuid_utils.uuid7())
                    home = {"id": household, "external_id": cells[1], "created_at": at}
                    homes.append(tuple(home.values()))
                    logged("household", household, home, audit, changes)
                person_id = str(uuid_utils.uuid7())
                values = [person_id, cells[0], household, *cells[2:], "import", at, at]
                for i in dates:
                    values[i] = values[i] or None
                people.append(values)
                row = dict(zip(columns, values, strict=True))
                keys = {
                    "registration_id": cells[0],
                    "a_number": cells[8],
                    "household_id": household,
                }
                after = compact_import_entry(batch, number, keys, row_digest("person", row))
                logged("person", person_id, after, audit, changes)
            last = conn.execute("SELECT coalesce(max(rowid), 0) FROM person").fetchone()[0]
            conn.executemany(
                "INSERT INTO household (id, external_id, created_at) VALUES (?,?,?)", homes
            )
            conn.executemany(insert, people)
            conn.execute(
                "INSERT INTO person_search (rowid, given_names, paternal_surname, maternal_surname,"
                " registration_id, a_number) SELECT rowid, given_names, paternal_surname,"
                " maternal_surname, registration_id, a_number FROM person WHERE rowid > ?",
                [last],
            )
            conn.executemany(
                "INSERT INTO audit_log (seq, id, at, user, role, device, action, entity, entity_id,"
                " before, after, prev_hash, mac_key, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                audit,
            )
            conn.executemany(
                "INSERT INTO change_log (id, hlc, device, entity, entity_id, op, audit_id)"
                " VALUES (?,?,?,?,?,?,?)",
                changes,
            )
    conn.execute("COMMIT")
    seconds = time.perf_counter() - start
    rows = conn.execute("SELECT count(*) FROM person").fetchone()[0]
    db.close()
    digest = hashlib.sha256(state["prev"].encode()).hexdigest()[:8]  # the chain was built
    return {
        "seconds": seconds,
        "peak_mb": peak_memory_mb(),
        "before_mb": before,
        "rows": rows,
        "head": digest,
    }


def _child(kind: str, source: Path, database: Path, key: bytes | None) -> dict[str, Any]:
    """Run one import in a new Python process; its figures come back as JSON."""
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "child",
            kind,
            str(source),
            str(database),
            key.hex() if key else "-",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"the {kind} import of {source.name} failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


# --- the lists ----------------------------------------------------------------------------------


def registration_export() -> Path:
    """The 100,000-row file, written by a child process so its memory is not counted here."""
    export = OUT / "registrations-100k.csv"
    if not export.exists():
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench.common import write_registration_csv; "
            "write_registration_csv(Path(sys.argv[2]))"
        )
        subprocess.run([sys.executable, "-c", code, str(ROOT), str(export)], check=True)
    return export


def registration_workbook(export: Path) -> Path:
    """The same rows as an Excel workbook (dates as date cells, as Excel keeps them)."""
    workbook = OUT / "registrations-100k.xlsx"
    if not workbook.exists():
        code = (
            "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
            "from bench.bench_import import write_workbook; "
            "write_workbook(Path(sys.argv[2]), Path(sys.argv[3]))"
        )
        subprocess.run(
            [sys.executable, "-c", code, str(ROOT), str(export), str(workbook)], check=True
        )
    return workbook


def write_workbook(export: Path, workbook: Path) -> None:
    from datetime import date

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Registros")
    with export.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        sheet.append(header)
        dates = [header.index(c) for c in ("date_of_birth", "mpp_enrollment_date")]
        dates.append(header.index("appointment_date"))
        for cells in reader:
            row: list[Any] = list(cells)
            for i in dates:
                row[i] = date.fromisoformat(row[i]) if row[i] else None
            sheet.append(row)
    book.save(workbook)


# --- the figures --------------------------------------------------------------------------------


def main() -> dict[str, float]:
    export = registration_export()
    workbook = registration_workbook(export)
    key = bench_key()
    app = _child("app", export, DATABASES["encrypted"], key)
    raw = _child("raw", export, RAW_DATABASE, key)
    plain = _child("app", export, DATABASES["plaintext"], None)
    xlsx = _child("app", workbook, XLSX_DATABASE, key)
    ratio = app["seconds"] / raw["seconds"]
    figures = {
        "import_encrypted_seconds": round(app["seconds"], 2),
        "import_raw_baseline_seconds": round(raw["seconds"], 2),
        "import_ratio_to_raw": round(ratio, 2),
        "import_plaintext_seconds": round(plain["seconds"], 2),
        "import_encryption_overhead_pct": round((app["seconds"] / plain["seconds"] - 1) * 100),
        "import_xlsx_seconds": round(xlsx["seconds"], 2),
        "peak_memory_mb": round(app["peak_mb"]),
        "raw_baseline_peak_memory_mb": round(raw["peak_mb"]),
        "import_xlsx_peak_memory_mb": round(xlsx["peak_mb"]),
    }
    rows = app["rows"]
    print(
        f"import   encrypted CSV {rows:,} rows in {app['seconds']:.2f} s "
        f"({round(rows / app['seconds']):,} rows/s; target ≤ 10 s), "
        f"{app['duplicates']} possible duplicates flagged, peak memory {app['peak_mb']:.0f} MB "
        f"(target ≤ 200 MB; {app['before_mb']:.0f} MB before the import)"
    )
    print(
        f"import   raw SQLCipher baseline, same rows: {raw['seconds']:.2f} s, peak memory "
        f"{raw['peak_mb']:.0f} MB | ours {ratio:.2f}× the baseline (target ≤ 1.5×)"
    )
    print(
        f"import   plaintext CSV {plain['seconds']:.2f} s: encryption costs "
        f"{figures['import_encryption_overhead_pct']}%"
    )
    print(
        f"import   encrypted .xlsx {xlsx['rows']:,} rows in {xlsx['seconds']:.2f} s "
        f"(target ≤ 15 s), peak memory {xlsx['peak_mb']:.0f} MB"
    )
    return figures


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        kind, source, database, key_hex = sys.argv[2:6]
        key = None if key_hex == "-" else bytes.fromhex(key_hex)
        if kind == "raw":
            assert key is not None
            figures = raw_import(Path(source), Path(database), key)
        else:
            figures = app_import(Path(source), Path(database), key)
        print(json.dumps(figures))
    else:
        main()
