"""Recording the facts of a person's journey (verification outcomes, arrivals).

Facts are appended, never edited: the person's state is derived from them (`rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from staging.domain import Verification
from staging.rules import Action
from staging.store.store import Actor, Store


def record_verification(
    store: Store, actor: Actor, person_ids: Iterable[str], state: Verification, note: str = ""
) -> int:
    """Record DHS's answer (or the submission) for some people; returns how many were recorded."""
    count = 0
    with store.write(actor, Action.RECORD_VERIFICATION) as work:
        for person_id in person_ids:
            work.insert(
                "verification_event",
                {
                    "person_id": person_id,
                    "state": str(state),
                    "note": note,
                    "recorded_at": work.at,
                    "recorded_by": actor.user,
                },
            )
            count += 1
    return count


def check_in(store: Store, actor: Actor, person_ids: Iterable[str]) -> list[str]:
    """Mark people as arrived at the site; someone already checked in is not checked in twice."""
    wanted = list(dict.fromkeys(person_ids))
    with store.write(actor, Action.CHECK_IN) as work:
        marks = ", ".join("?" for _ in wanted)
        already = {
            row[0]
            for row in store.db.execute(
                f"SELECT person_id FROM check_in WHERE person_id IN ({marks})", wanted
            )
        }
        arrived = [p for p in wanted if p not in already]
        for person_id in arrived:
            work.insert(
                "check_in",
                {
                    "person_id": person_id,
                    "checked_in_at": work.at,
                    "checked_in_by": actor.user,
                    "device": work.device,
                },
            )
    return arrived
