"""Search-as-you-type at 100,000 people against a raw FTS5 query on the same data.

Targets: ≤ 10 ms p95, and within 2× of the raw FTS5 query. Measured on the encrypted and the
plaintext database the import benchmark leaves behind.
"""

from __future__ import annotations

import random

from bench.bench_import import DATABASES, bench_key
from bench.common import bench_clock, percentile, timed
from staging.people.queries import SEARCH_LIMIT, fts_query, search_people
from staging.store.store import Store

RAW_FTS = "SELECT rowid FROM person_search WHERE person_search MATCH ? ORDER BY rank LIMIT ?"


def typed_queries(store: Store, count: int, seed: int = 11) -> list[str]:
    """What a desk types: the first letters of names, name pairs in any order, A-numbers."""
    rng = random.Random(seed)
    people = store.db.execute(
        "SELECT given_names, paternal_surname, maternal_surname, a_number, registration_id "
        "FROM person ORDER BY id LIMIT ?",
        [count * 50],
    ).fetchall()
    queries = []
    for given, paternal, maternal, a_number, registration_id in rng.sample(people, count):
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


def measure(kind: str, key: bytes | None) -> dict[str, float]:
    store = Store.open(DATABASES[kind], key=key, clock=bench_clock())
    queries = typed_queries(store, 600)
    for query in queries[:50]:
        search_people(store, query)
    ours = [timed(lambda q=q: search_people(store, q)) for q in queries]
    raw = [
        timed(lambda q=q: store.db.execute(RAW_FTS, [fts_query(q), SEARCH_LIMIT]).fetchall())
        for q in queries
    ]
    store.close()
    figures = {
        f"search_{kind}_p50_ms": round(percentile(ours, 0.50), 2),
        f"search_{kind}_p95_ms": round(percentile(ours, 0.95), 2),
        f"raw_fts_{kind}_p50_ms": round(percentile(raw, 0.50), 2),
        f"raw_fts_{kind}_p95_ms": round(percentile(raw, 0.95), 2),
    }
    ratio = figures[f"search_{kind}_p95_ms"] / max(figures[f"raw_fts_{kind}_p95_ms"], 0.001)
    figures[f"search_{kind}_p95_ratio_to_raw"] = round(ratio, 2)
    print(
        f"search   {kind:<9} p50 {figures[f'search_{kind}_p50_ms']} ms, "
        f"p95 {figures[f'search_{kind}_p95_ms']} ms (target ≤ 10 ms) | raw FTS5 "
        f"p50 {figures[f'raw_fts_{kind}_p50_ms']} ms, p95 {figures[f'raw_fts_{kind}_p95_ms']} ms"
        f" | p95 ratio {ratio:.2f}× (target ≤ 2×), {len(queries)} typed queries"
    )
    return figures


def main() -> dict[str, float]:
    figures = measure("encrypted", bench_key())
    figures.update(measure("plaintext", None))
    return figures


if __name__ == "__main__":
    main()
