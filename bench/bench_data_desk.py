"""The coordinator's data desk on 100,000-row lists (target: the first rows of a file shown in
≤ 1 s).

- the first rows of the list as the import page shows them (`preview_file`), CSV and .xlsx;
- the whole file checked as the import would, nothing written (`preview_import`), on a new site
  and on a site that already holds the same 100,000 people (every row an update or unchanged);
- the same rows as a KoboToolbox export (`;`, every cell quoted, group paths, metadata, an HXL
  row, Spanish case-status words) imported into a new site, beside our own
  layout's import in the same run: the cost of the mapping.
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_import import registration_export, registration_workbook  # noqa: E402
from bench.common import BENCH_ACTOR, OUT, bench_clock  # noqa: E402

SITE = OUT / "bench-data-desk.db"
KOBO_LIST = OUT / "registrations-100k-kobo.csv"
# Our columns as a Kobo form with groups names them (the last segment is what is compared).
GROUPS = {
    "registration_id": None,  # a Kobo list has no id of its own: `_uuid` is
    "household_id": "datos_hogar",
    "given_names": "datos_personales",
    "paternal_surname": "datos_personales",
    "maternal_surname": "datos_personales",
    "date_of_birth": "datos_personales",
    "sex": "datos_personales",
    "nationality": "datos_personales",
    "a_number": "caso_mpp",
    "mpp_enrollment_date": "caso_mpp",
    "case_status": "caso_mpp",
}
STATUS_WORDS = {"pending": "Pendiente", "in_absentia": "En ausencia", "terminated": "Terminado"}


def _fresh(database: Path) -> None:
    for leftover in database.parent.glob(database.name + "*"):
        leftover.unlink()


def _open(database: Path):  # type: ignore[no-untyped-def]
    from staging.store.store import Store

    return Store.open(database, key=None, clock=bench_clock())


def kobo_list(export: Path) -> Path:
    """The 100,000 rows as KoboToolbox would export them."""
    if KOBO_LIST.exists():
        return KOBO_LIST
    with (
        export.open(encoding="utf-8", newline="") as source,
        KOBO_LIST.open("w", encoding="utf-8", newline="") as target,
    ):
        reader = csv.DictReader(source)
        writer = csv.writer(target, delimiter=";", quoting=csv.QUOTE_ALL)
        columns = [name for name in reader.fieldnames or [] if name in GROUPS]
        header = ["start", "end", "deviceid"]
        header += [f"{GROUPS[name]}/{name}" for name in columns if GROUPS[name]]
        header += ["_id", "_uuid", "_submission_time", "_index"]
        writer.writerow(header)
        writer.writerow(["", "", "", *("" for name in columns if GROUPS[name]), "", "#meta+id"])
        for index, row in enumerate(reader, start=1):
            status = STATUS_WORDS.get(row["case_status"], row["case_status"])
            values = [status if name == "case_status" else row[name] for name in columns]
            writer.writerow(
                [
                    "2021-02-18T09:12:00",
                    "2021-02-18T09:20:00",
                    "collect:bench",
                    *(value for name, value in zip(columns, values, strict=True) if GROUPS[name]),
                    str(index),
                    row["registration_id"],
                    "2021-02-18T17:20:00",
                    str(index),
                ]
            )
    return KOBO_LIST


def _median_seconds(action, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> dict[str, float]:
    from staging.registration.preview import preview_file, preview_import
    from staging.registration.service import import_registrations

    export = registration_export()
    workbook = registration_workbook(export)
    kobo = kobo_list(export)
    first_csv = _median_seconds(lambda: preview_file(export))
    first_xlsx = _median_seconds(lambda: preview_file(workbook))
    first_kobo = _median_seconds(lambda: preview_file(kobo))
    print(
        f"data desk first rows of a 100,000-row list: CSV {first_csv:.2f} s, "
        f"Kobo CSV {first_kobo:.2f} s, .xlsx {first_xlsx:.2f} s (target ≤ 1 s)"
    )

    _fresh(SITE)
    store = _open(SITE)
    start = time.perf_counter()
    checked_new = preview_import(store, BENCH_ACTOR, export)
    check_new = time.perf_counter() - start
    start = time.perf_counter()
    ours = import_registrations(store, BENCH_ACTOR, export)
    import_ours = time.perf_counter() - start
    start = time.perf_counter()
    checked_again = preview_import(store, BENCH_ACTOR, export)
    check_again = time.perf_counter() - start
    store.close()
    print(
        f"data desk whole-file check, nothing written: {check_new:.2f} s on a new site "
        f"({checked_new.summary.imported:,} would be added), {check_again:.2f} s on a site "
        f"holding them ({checked_again.summary.unchanged:,} unchanged); "
        f"the import itself {import_ours:.2f} s ({ours.imported:,})"
    )

    _fresh(SITE)
    store = _open(SITE)
    start = time.perf_counter()
    kobo_summary = import_registrations(store, BENCH_ACTOR, kobo)
    import_kobo = time.perf_counter() - start
    store.close()
    _fresh(SITE)
    print(
        f"data desk Kobo layout (group paths, metadata, HXL row, Spanish status words): "
        f"{kobo_summary.imported:,} imported in {import_kobo:.2f} s "
        f"({import_kobo / import_ours:.2f}× our own layout in this run)"
    )
    return {
        "preview_first_rows_csv_seconds": round(first_csv, 2),
        "preview_first_rows_xlsx_seconds": round(first_xlsx, 2),
        "preview_whole_file_new_site_seconds": round(check_new, 2),
        "preview_whole_file_same_people_seconds": round(check_again, 2),
        "import_kobo_layout_seconds": round(import_kobo, 2),
        "import_kobo_ratio_to_ours": round(import_kobo / import_ours, 2),
    }


if __name__ == "__main__":
    main()
