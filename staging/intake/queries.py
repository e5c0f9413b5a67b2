"""What the intake desk reads: the person behind a scan, and the day's lists and counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from staging.people import queries
from staging.store.store import Store
from staging.wristbands.codes import normalize_band_code


def resolve_scan(store: Store, scanned: str) -> dict[str, Any] | None:
    """The person behind a wristband code, an A-number or a registration id, as scanned/typed.

    A band code whose check character fails finds no one, rather than someone else.
    """
    db = store.db
    text = scanned.strip()
    if not text:
        return None
    code = normalize_band_code(text)
    if code is not None:
        row = db.execute(
            "SELECT person_id FROM wristband WHERE code = ? AND replaced_at IS NULL", [code]
        ).fetchone()
        return queries.find_person(store, row[0]) if row else None
    return queries.find_person(store, text)


@dataclass(frozen=True)
class DeskCounts:
    expected_today: int
    arrived_today: int
    everyone: int


def desk_counts(store: Store, today: date, day_start_utc: str) -> DeskCounts:
    """The three numbers on the desk's tabs; `day_start_utc` comes from `clock.site_day_start`."""
    db = store.db
    # A merged-away registration is no one of its own: its check-ins count for the person kept.
    expected = db.execute(
        "SELECT count(*) FROM person WHERE appointment_date = ? "
        f"AND id NOT IN ({queries.MERGED_AWAY})",
        [today.isoformat()],
    ).fetchone()[0]
    arrived = db.execute(
        "SELECT count(DISTINCT person_id) FROM check_in WHERE checked_in_at >= ? "
        f"AND person_id NOT IN ({queries.MERGED_AWAY})",
        [day_start_utc],
    ).fetchone()[0]
    everyone = queries.count_people(store)
    return DeskCounts(expected, arrived, everyone)


def expected_today(store: Store, today: date) -> list[dict[str, Any]]:
    return queries.person_records(
        store.db,
        "appointment_date = ? ORDER BY household_external_id, date_of_birth",
        [today.isoformat()],
    )


def arrived_since(store: Store, day_start_utc: str) -> list[dict[str, Any]]:
    """Who checked in since the site's midnight, the latest first, each with `checked_in_at`
    (the first check-in, should two desks have recorded one)."""
    return queries.rows(
        store.db,
        "SELECT f.*, c.checked_in_at FROM person_facts f JOIN ("
        "  SELECT person_id, min(checked_in_at) AS checked_in_at FROM check_in"
        "  GROUP BY person_id) c ON c.person_id = f.id"
        " WHERE c.checked_in_at >= ?"
        " ORDER BY c.checked_in_at DESC, f.household_external_id, f.date_of_birth",
        [day_start_utc],
    )


def everyone(store: Store, offset: int, limit: int) -> list[dict[str, Any]]:
    """Everyone on the site a page at a time, households together: 100,000 are not read at once.

    The page is chosen from the people themselves, and only its rows are read through
    `person_facts`: sorting the view would derive the facts of all 100,000 for every page.
    """
    return queries.person_records(
        store.db,
        "id IN (SELECT p.id FROM person p JOIN household h ON h.id = p.household_id"
        f" WHERE p.id NOT IN ({queries.MERGED_AWAY})"
        " ORDER BY h.external_id, p.date_of_birth, p.registration_id LIMIT ? OFFSET ?)"
        " ORDER BY household_external_id, date_of_birth, registration_id",
        [limit, offset],
    )
