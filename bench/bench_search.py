"""Search-as-you-type at 100,000 people against a raw FTS5 query on the same data.

Targets: ≤ 10 ms p95, and within 2× of the raw FTS5 query.
"""

from __future__ import annotations

import random

from bench.common import BENCH_ACTOR, OUT, bench_clock, percentile, timed, write_registration_csv
from staging.queries import SEARCH_LIMIT, fts_query, search_people
from staging.registration.service import import_registrations
from staging.store.store import Store

DATABASE = OUT / "import-bench.db"  # the import benchmark leaves it behind


def site_database() -> Store:
    if not DATABASE.exists():
        export = write_registration_csv(OUT / "registrations-100k.csv")
        store = Store.open(DATABASE, clock=bench_clock())
        import_registrations(store, BENCH_ACTOR, export)
        return store
    return Store.open(DATABASE, clock=bench_clock())


def typed_queries(store: Store, count: int, seed: int = 11) -> list[str]:
    """What a desk types: the first letters of names, name pairs in any order, A-numbers."""
    rng = random.Random(seed)
    people = store.db.execute(
        "SELECT given_names, paternal_surname, maternal_surname, a_number, registration_id "
        "FROM person ORDER BY random() LIMIT ?",
        [count],
    ).fetchall()
    queries = []
    for given, paternal, maternal, a_number, registration_id in people:
        first_given = given.split()[0]
        kind = rng.randrange(6)
        if kind == 0:
            queries.append(paternal[: rng.randint(2, len(paternal))])
        elif kind == 1:
            queries.append(f"{paternal.lower()} {first_given[:3].lower()}")
        elif kind == 2:
            queries.append(f"{first_given} {paternal} {maternal}")
        elif kind == 3:
            queries.append(f"A{a_number[:3]}-{a_number[3:6]}-{a_number[6:]}")
        elif kind == 4:
            queries.append(registration_id)
        else:
            queries.append(f"{maternal[:4]} {first_given[:2]}")
    return queries


def main() -> dict[str, float]:
    store = site_database()
    queries = typed_queries(store, 600)
    for query in queries[:50]:
        search_people(store.db, query)
    ours = [timed(lambda q=q: search_people(store.db, q)) for q in queries]
    raw_sql = "SELECT rowid FROM person_search WHERE person_search MATCH ? ORDER BY rank LIMIT ?"
    raw = [
        timed(lambda q=q: store.db.execute(raw_sql, [fts_query(q), SEARCH_LIMIT]).fetchall())
        for q in queries
    ]
    store.close()
    figures = {
        "search_p50_ms": round(percentile(ours, 0.50), 2),
        "search_p95_ms": round(percentile(ours, 0.95), 2),
        "raw_fts_p50_ms": round(percentile(raw, 0.50), 2),
        "raw_fts_p95_ms": round(percentile(raw, 0.95), 2),
    }
    ratio = figures["search_p95_ms"] / max(figures["raw_fts_p95_ms"], 0.001)
    figures["p95_ratio_to_raw"] = round(ratio, 2)
    print(
        f"search   p50 {figures['search_p50_ms']} ms, p95 {figures['search_p95_ms']} ms "
        f"(target ≤ 10 ms) | raw FTS5 p50 {figures['raw_fts_p50_ms']} ms, "
        f"p95 {figures['raw_fts_p95_ms']} ms | p95 ratio {figures['p95_ratio_to_raw']}× "
        f"(target ≤ 2×) over {len(queries)} typed queries"
    )
    return figures


if __name__ == "__main__":
    main()
