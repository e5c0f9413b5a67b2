"""Recording DHS's answers about eligibility (submitted, verified, ineligible, unresolved).

Facts are appended, never edited: the person's state is derived from them (`rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from staging.changes import Done
from staging.domain import Verification
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork


def record_verification(
    store: Store, actor: Actor, person_ids: Iterable[str], state: Verification, note: str = ""
) -> Done[int]:
    """Record DHS's answer (or the submission) for some people; returns how many were recorded."""
    wanted = list(person_ids)
    return store.run(
        actor,
        Action.RECORD_VERIFICATION,
        lambda work: record_verification_events(work, wanted, state, note),
    )


def record_verification_events(
    work: UnitOfWork, person_ids: list[str], state: Verification, note: str
) -> int:
    work.require(Action.RECORD_VERIFICATION)
    for person_id in person_ids:
        work.insert(
            "verification_event",
            {
                "person_id": person_id,
                "state": str(state),
                "note": note,
                "recorded_at": work.at,
                "recorded_by": work.actor.user,
            },
        )
    return len(person_ids)
