"""Issuing wristbands and ID cards: a new code per person, the old band marked replaced."""

from __future__ import annotations

from staging.changes import Done
from staging.rules import Action
from staging.store.store import Actor, Store, UnitOfWork
from staging.wristbands.codes import new_band_code


def issue_bands(store: Store, actor: Actor, person_ids: list[str]) -> Done[dict[str, str]]:
    """A new band code per person; a band printed before is marked replaced (lost, torn)."""
    return store.run(actor, Action.CHECK_IN, lambda work: record_new_bands(work, person_ids))


def record_new_bands(work: UnitOfWork, person_ids: list[str]) -> dict[str, str]:
    work.require(Action.CHECK_IN)
    codes: dict[str, str] = {}
    for person_id in person_ids:
        for (band_id,) in work.store.db.execute(
            "SELECT id FROM wristband WHERE person_id = ? AND replaced_at IS NULL",
            [person_id],
        ).fetchall():
            work.update("wristband", band_id, {"replaced_at": work.at})
        code = new_band_code()
        work.insert(
            "wristband",
            {
                "person_id": person_id,
                "code": code,
                "issued_at": work.at,
                "issued_by": work.actor.user,
                "replaced_at": None,
            },
        )
        codes[person_id] = code
    return codes


def card_codes(store: Store, actor: Actor, person_ids: list[str]) -> Done[dict[str, str]]:
    """The code for an ID card: the band's if the person wears one (both must scan), else new."""
    if not person_ids:
        return Done({})
    marks = ", ".join("?" for _ in person_ids)
    active = dict(
        store.db.execute(
            "SELECT person_id, code FROM wristband "
            f"WHERE replaced_at IS NULL AND person_id IN ({marks})",
            person_ids,
        )
    )
    missing = [p for p in person_ids if p not in active]
    if not missing:
        return Done(active)
    issued = issue_bands(store, actor, missing)
    return Done({**active, **issued.value}, issued.changes)
