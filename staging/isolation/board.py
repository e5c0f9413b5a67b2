"""The isolation board: everyone in isolation, with the day's follow-up due or overdue, the
days remaining and who may be released. Medical detail, so the read is role-checked and
audited like a person's record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from staging.clock import in_site_time
from staging.domain import Person
from staging.isolation.operations import episode_from_row, follow_up_from_row
from staging.people import queries
from staging.rules.isolation import (
    Episode,
    FollowUp,
    Unmet,
    day_of_isolation,
    earliest_release,
    follow_up_due,
    needs_urgent_referral,
    release_unmet,
)
from staging.screening.queries import audited_read
from staging.store.store import Actor, Store


@dataclass(frozen=True)
class BoardRow:
    person: Person
    household_external_id: str | None
    place: str | None
    episode: Episode
    day: int
    release_from: date
    last_follow_up: FollowUp | None
    due_today: bool
    overdue_days: int
    urgent: bool
    unmet: tuple[Unmet, ...]

    @property
    def days_remaining(self) -> int:
        return max(0, (self.release_from - self.episode.day_zero).days - self.day)

    @property
    def release_candidate(self) -> bool:
        return not self.unmet


def isolation_board(store: Store, actor: Actor, now: datetime, today: date) -> list[BoardRow]:
    """Urgent first, then overdue, then due today, then the rest by release date."""
    site = store.policy()
    policy = site.isolation
    now = in_site_time(now, site.site.timezone)
    episodes = queries.rows(
        store.db,
        "SELECT e.*, pl.name AS place FROM isolation_episode e "
        "LEFT JOIN isolation_place pl ON pl.id = e.place_id "
        "WHERE e.released_on IS NULL AND e.started_on <= ?",
        [today.isoformat()],
    )
    audited_read(
        store, actor, "isolation_board", {"read": "isolation_board", "people": len(episodes)}
    )
    if not episodes:
        return []
    ids = [row["id"] for row in episodes]
    marks = ", ".join("?" for _ in ids)
    checks: dict[str, list[FollowUp]] = defaultdict(list)
    last_on: dict[str, date] = {}
    for row in queries.rows(
        store.db,
        f"SELECT * FROM isolation_follow_up WHERE episode_id IN ({marks}) "
        f"AND recorded_on <= ? AND person_id NOT IN ({queries.MERGED_AWAY}) "
        "ORDER BY recorded_at",
        [*ids, today.isoformat()],
    ):
        checks[row["episode_id"]].append(follow_up_from_row(row))
        last_on[row["episode_id"]] = date.fromisoformat(row["recorded_on"])
    people = {
        record["id"]: record
        for record in queries.person_records(
            store.db,
            f"id IN ({marks})",
            [row["person_id"] for row in episodes],
        )
    }
    board = []
    for row in episodes:
        episode = episode_from_row(row)
        follow_ups = checks[row["id"]]
        due = follow_up_due(episode, last_on.get(row["id"]), today)
        record = people[row["person_id"]]
        latest = follow_ups[-1] if follow_ups else None
        board.append(
            BoardRow(
                person=queries.person_from_row(record),
                household_external_id=record["household_external_id"],
                place=row["place"],
                episode=episode,
                day=day_of_isolation(episode, today),
                release_from=earliest_release(episode, policy),
                last_follow_up=latest,
                due_today=due.due_today,
                overdue_days=due.overdue_days,
                urgent=latest is not None and needs_urgent_referral(latest),
                unmet=tuple(release_unmet(episode, follow_ups, now, policy)),
            )
        )
    board.sort(key=lambda r: (not r.urgent, r.overdue_days == 0, not r.due_today, r.release_from))
    return board
