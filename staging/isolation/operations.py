"""Isolation episodes: opened by a positive screening, followed daily, released by the rules.

An episode is a record (its place, severity and release change); each daily follow-up is a
fact. Releasing asks the rules first: nobody leaves isolation because a button was pressed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from staging.changes import Done
from staging.clock import in_site_time, site_date
from staging.errors import NotFound, Refused
from staging.people.queries import MERGED_AWAY, rows
from staging.rules import Action
from staging.rules.isolation import (
    Episode,
    FollowUp,
    WarningSign,
    release_unmet,
)
from staging.rules.screening import Symptom, TemperatureUnit, has_fever, to_celsius
from staging.store.store import Actor, Store, UnitOfWork, require
from staging.vocabulary import label


def open_episode(
    work: UnitOfWork,
    *,
    person_id: str,
    screening_id: str,
    started_on: date,
    positive_on: date,
    onset_on: date | None,
    place_id: str | None,
) -> str:
    """Part of recording a positive screening: the same transaction opens the episode."""
    return work.insert(
        "isolation_episode",
        {
            "person_id": person_id,
            "screening_id": screening_id,
            "place_id": place_id,
            "started_on": started_on.isoformat(),
            "positive_on": positive_on.isoformat(),
            "onset_on": onset_on.isoformat() if onset_on else None,
            "created_at": work.at,
        },
    )


def undo_episode(work: UnitOfWork, screening_id: str) -> None:
    """A corrected screening's episode goes with it, unless someone was already followed in
    it: then the episode is real and is ended by a release, not by a correction."""
    conn = work.store.db
    episode = conn.execute(
        "SELECT id FROM isolation_episode WHERE screening_id = ?", [screening_id]
    ).fetchone()
    if episode is None:
        return
    followed = conn.execute(
        "SELECT 1 FROM isolation_follow_up WHERE episode_id = ?", [episode[0]]
    ).fetchone()
    if followed:
        raise Refused(
            "This screening opened an isolation with follow-ups already recorded: release the "
            "person instead of correcting it",
            "Esta evaluación abrió un aislamiento que ya tiene seguimientos: dé de alta a la "
            "persona en lugar de corregirla",
        )
    work.delete("isolation_episode", episode[0])


@dataclass(frozen=True)
class FollowUpEntry:
    person_id: str
    temperature: float | None
    unit: TemperatureUnit = TemperatureUnit.CELSIUS
    felt_feverish: bool = False
    fever_medicine: bool = False
    symptoms: frozenset[Symptom] = frozenset()
    symptoms_improving: bool | None = None
    warning_signs: frozenset[WarningSign] = frozenset()
    note: str = ""


@dataclass(frozen=True)
class FollowUpSaved:
    follow_up_id: str
    urgent_referral: bool


def record_follow_up(store: Store, actor: Actor, entry: FollowUpEntry) -> Done[FollowUpSaved]:
    """One day's check; emergency warning signs flag an urgent referral at once."""
    require(actor, Action.FOLLOW_UP_ISOLATION)
    policy = store.policy()
    episode = open_episode_of(store, entry.person_id)
    if entry.temperature is None:
        raise Refused("Enter the temperature", "Ingrese la temperatura")
    celsius = to_celsius(entry.temperature, entry.unit, policy.screening)
    now = store.clock.now()
    row = {
        "episode_id": episode["id"],
        "person_id": entry.person_id,
        "recorded_at": now.isoformat(),
        "recorded_on": site_date(now, policy.site.timezone).isoformat(),
        "temperature_c": celsius,
        "fever": int(has_fever(celsius, entry.felt_feverish, policy.screening)),
        "fever_medicine": int(entry.fever_medicine),
        "symptoms": ";".join(sorted(entry.symptoms)),
        "symptoms_improving": None
        if entry.symptoms_improving is None
        else int(entry.symptoms_improving),
        "warning_signs": ";".join(sorted(entry.warning_signs)),
        "note": entry.note.strip(),
    }
    urgent = bool(entry.warning_signs)

    def save(work: UnitOfWork) -> FollowUpSaved:
        follow_up_id = work.insert("isolation_follow_up", {**row, "recorded_by": work.actor.user})
        return FollowUpSaved(follow_up_id, urgent)

    return store.run(actor, Action.FOLLOW_UP_ISOLATION, save)


def release(store: Store, actor: Actor, person_id: str, note: str = "") -> Done[date]:
    """End the isolation when the rules allow it; otherwise say what is still missing."""
    require(actor, Action.FOLLOW_UP_ISOLATION)
    policy = store.policy()
    episode = open_episode_of(store, person_id)
    now = in_site_time(store.clock.now(), policy.site.timezone)
    unmet = release_unmet(
        episode_from_row(episode), follow_ups_of(store, episode["id"]), now, policy.isolation
    )
    if unmet:
        raise Refused(
            "Not yet: " + "; ".join(label(code, "en") for code in unmet),
            "Todavía no: " + "; ".join(label(code, "es") for code in unmet),
        )
    today = site_date(now, policy.site.timezone)

    def save(work: UnitOfWork) -> date:
        work.update(
            "isolation_episode",
            episode["id"],
            {
                "released_on": today.isoformat(),
                "released_at": now.isoformat(),
                "released_by": work.actor.user,
                "release_note": note.strip(),
            },
        )
        return today

    return store.run(actor, Action.FOLLOW_UP_ISOLATION, save)


def mark_severe(store: Store, actor: Actor, person_id: str, severe: bool, note: str) -> Done[bool]:
    """Severe illness keeps someone in isolation up to 20 days, on a clinician's word."""
    require(actor, Action.FOLLOW_UP_ISOLATION)
    episode = open_episode_of(store, person_id)
    if not note.strip():
        raise Refused("Write the clinician's assessment", "Escriba la valoración del médico")
    return store.run(
        actor,
        Action.FOLLOW_UP_ISOLATION,
        lambda work: work.update(
            "isolation_episode",
            episode["id"],
            {"severe": int(severe), "release_note": note.strip()},
        ),
    )


def assign_place(store: Store, actor: Actor, person_id: str, place_id: str) -> Done[bool]:
    require(actor, Action.FOLLOW_UP_ISOLATION)
    episode = open_episode_of(store, person_id)
    if not rows(store.db, "SELECT 1 FROM isolation_place WHERE id = ?", [place_id]):
        raise NotFound(f"No isolation place {place_id}", f"No existe el lugar {place_id}")
    return store.run(
        actor,
        Action.FOLLOW_UP_ISOLATION,
        lambda work: work.update("isolation_episode", episode["id"], {"place_id": place_id}),
    )


# --- reading (for the operations above and the board) -----------------------------------------


def open_episode_of(store: Store, person_id: str) -> dict[str, Any]:
    found = rows(
        store.db,
        "SELECT * FROM isolation_episode WHERE person_id = ? AND released_on IS NULL",
        [person_id],
    )
    if not found:
        raise Refused("This person is not in isolation", "Esta persona no está en aislamiento")
    return found[0]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def episode_from_row(row: dict[str, Any]) -> Episode:
    return Episode(
        started_on=date.fromisoformat(row["started_on"]),
        positive_on=date.fromisoformat(row["positive_on"]),
        onset_on=_day(row["onset_on"]),
        severe=bool(row["severe"]),
        released_on=_day(row["released_on"]),
    )


def follow_up_from_row(row: dict[str, Any]) -> FollowUp:
    improving = row["symptoms_improving"]
    signs = row["warning_signs"]
    return FollowUp(
        recorded_at=datetime.fromisoformat(row["recorded_at"]),
        temperature_c=row["temperature_c"],
        fever=bool(row["fever"]),
        fever_medicine=bool(row["fever_medicine"]),
        symptoms_improving=None if improving is None else bool(improving),
        warning_signs=frozenset(WarningSign(s) for s in signs.split(";")) if signs else frozenset(),
    )


def follow_ups_of(store: Store, episode_id: str) -> list[FollowUp]:
    return [
        follow_up_from_row(row)
        for row in rows(
            store.db,
            # A merged-away registration's follow-ups were copied onto the person kept, whose
            # episode this now is: each is read once.
            "SELECT * FROM isolation_follow_up WHERE episode_id = ? "
            f"AND person_id NOT IN ({MERGED_AWAY}) ORDER BY recorded_at",
            [episode_id],
        )
    ]
