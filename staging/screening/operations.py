"""Recording a health screening: the rules decide, this module checks the input against the
records (checked in? in isolation? recovered?), then writes the screening and, for a positive,
opens the isolation episode in the same transaction.

Screenings are facts: never edited. A correction is a new screening naming the one it
corrects; a clinical review's decision is a new screening naming the one it reviews.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from staging.changes import Done
from staging.clock import at_site, site_date
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import NotFound, Refused
from staging.isolation.operations import open_episode, undo_episode
from staging.people import queries
from staging.rules import Action, Policy
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    Findings,
    SpecimenTimes,
    TemperatureUnit,
    check_answers,
    check_kit_lot,
    clearance_valid_through,
    decide,
    judge_reading,
    needs_test,
    to_celsius,
)
from staging.screening.supplies import kit_lot
from staging.store.store import Actor, Store, UnitOfWork, require


@dataclass(frozen=True)
class ScreeningEntry:
    """What a screener entered, as typed (the form, or a paper form keyed in later)."""

    person_id: str
    answers: Answers
    temperature: float | None
    unit: TemperatureUnit = TemperatureUnit.CELSIUS
    # None: an antigen test, or no test for a child under 2 (decided by the birth date).
    test: ClearanceBasis | None = None
    kit_lot_id: str | None = None
    collected_at: datetime | None = None
    # When the specimen went onto the device (the kit's timer); the collection if not given.
    started_at: datetime | None = None
    read_at: datetime | None = None
    result: AntigenResult | None = None
    decided: Outcome | None = None
    note: str = ""
    isolation_place_id: str | None = None
    recovery_cleared_by: str = ""
    corrects: str | None = None


@dataclass(frozen=True)
class ScreeningSaved:
    screening_id: str
    outcome: Outcome
    reasons: tuple[str, ...]
    valid_through: date | None
    episode_id: str | None


def record_screening(store: Store, actor: Actor, entry: ScreeningEntry) -> Done[ScreeningSaved]:
    require(actor, Action.SCREEN)  # before any check that would tell about the person
    policy = store.policy()
    row = _screening_row(store, entry, policy)
    return store.run(actor, Action.SCREEN, lambda work: _save(work, row, entry, policy))


def record_screenings(
    store: Store, actor: Actor, entries: Sequence[ScreeningEntry]
) -> Done[list[ScreeningSaved]]:
    """A day's paper forms keyed in at once (the demo writes its days so): each checked as
    `record_screening` checks it, all in one transaction, none saved if one is refused.

    Each entry is checked inside the transaction, so it sees the entries saved before it.
    """
    require(actor, Action.SCREEN)
    policy = store.policy()
    return store.run(
        actor,
        Action.SCREEN,
        lambda work: [
            _save(work, _screening_row(store, entry, policy), entry, policy) for entry in entries
        ],
    )


def review_screening(
    store: Store, actor: Actor, screening_id: str, decided: Outcome, note: str
) -> Done[ScreeningSaved]:
    """The screener's decision on a negative test with fever or symptoms, in writing."""
    require(actor, Action.SCREEN)
    reviewed = screening_row(store, screening_id)
    if reviewed["outcome"] != Outcome.CLINICAL_REVIEW:
        raise Refused(
            "Only a screening waiting for clinical review can be reviewed",
            "Solo se puede revisar una evaluación en espera de revisión clínica",
        )
    latest = _latest_screening_id(store, reviewed["person_id"])
    if latest != screening_id:
        raise Refused(
            "A newer screening of this person was recorded since: review that one",
            "Desde entonces se registró una evaluación más reciente de esta persona: revise esa",
        )
    policy = store.policy()
    findings = Findings(
        Answers.from_json(json.loads(reviewed["answers"])),
        reviewed["temperature_c"],
        ClearanceBasis(reviewed["test"]),
        AntigenResult(reviewed["result"]) if reviewed["result"] else None,
        decided,
        note,
    )
    outcome, reasons = decide(findings, policy.screening)
    now = store.clock.now()
    row = {
        **{k: v for k, v in reviewed.items() if k != "id"},
        "kind": "review",
        "reviews_id": screening_id,
        "corrects_id": None,
        "screened_at": now.isoformat(),
        "screened_on": site_date(now, policy.site.timezone).isoformat(),
        "outcome": str(outcome),
        "reasons": ";".join(reasons),
        "note": note.strip(),
    }
    entry = ScreeningEntry(
        person_id=reviewed["person_id"],
        answers=findings.answers,
        temperature=reviewed["temperature_c"],
    )
    return store.run(actor, Action.SCREEN, lambda work: _save(work, row, entry, policy))


def screening_row(store: Store, screening_id: str) -> dict[str, Any]:
    found = queries.rows(store.db, "SELECT * FROM screening WHERE id = ?", [screening_id])
    if not found:
        raise NotFound(f"No screening {screening_id}", f"No existe la evaluación {screening_id}")
    return found[0]


def _latest_screening_id(store: Store, person_id: str) -> str | None:
    found = store.db.execute(
        "SELECT l.id FROM screening l WHERE l.person_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM screening c WHERE c.corrects_id = l.id) "
        "ORDER BY l.screened_at DESC, l.id DESC LIMIT 1",
        [person_id],
    ).fetchone()
    return found[0] if found else None


def _screening_row(store: Store, entry: ScreeningEntry, policy: Policy) -> dict[str, Any]:
    """The row to write, once every check against the rules and the records has passed."""
    record = queries.find_person(store, entry.person_id)
    if record is None:
        raise NotFound(f"No person {entry.person_id}", f"No existe la persona {entry.person_id}")
    person = queries.person_from_row(record)
    now = store.clock.now()
    zone = policy.site.timezone
    today = site_date(now, zone)
    if not person.checked_in:
        raise Refused(
            f"{person.full_name} has not checked in at the site: check in first",
            f"{person.full_name} no ha registrado su llegada al sitio: registre la llegada primero",
        )
    if entry.corrects is None and person.health.in_isolation:
        raise Refused(
            f"{person.full_name} is in isolation: record a daily follow-up, and re-screen "
            "after the release",
            f"{person.full_name} está en aislamiento: registre el seguimiento diario y "
            "reevalúe después del alta",
        )
    if entry.temperature is None:
        raise Refused("Enter the temperature", "Ingrese la temperatura")
    check_answers(entry.answers, today)
    temperature_c = to_celsius(entry.temperature, entry.unit, policy.screening)
    recovered_on = _recovered_positive_on(store, person.id, entry, today, policy)
    test = entry.test or _test_for(person, today, policy, recovered_on)
    row: dict[str, Any] = {
        "person_id": person.id,
        "kind": "rescreening" if person.health.released_on else "screening",
        "corrects_id": _corrected(store, entry, person.id),
        "screened_at": now.isoformat(),
        "screened_on": today.isoformat(),
        "answers": json.dumps(entry.answers.to_json(), sort_keys=True),
        "temperature_c": temperature_c,
        "temperature_entered": f"{entry.temperature:g} °{entry.unit.value}",
        "test": str(test),
        "note": entry.note.strip(),
    }
    result = None
    if test is ClearanceBasis.ANTIGEN:
        if recovered_on is not None:
            raise _no_retest(recovered_on, policy)
        row.update(_test_fields(store, entry, now, zone))
        result = AntigenResult(row["result"])
    elif test is ClearanceBasis.EXEMPT_AGE and needs_test(person, today, policy.screening):
        years = policy.screening.test_exempt_under_years
        raise Refused(
            f"Only children under {years} are screened without a test",
            f"Solo los menores de {years} años se evalúan sin prueba",
        )
    elif test is ClearanceBasis.RECOVERY:
        if recovered_on is None:
            raise Refused(
                "Documentation of recovery needs a positive test in the last "
                f"{policy.screening.recovery_documentation_days} days",
                "La constancia de recuperación requiere una prueba positiva en los últimos "
                f"{policy.screening.recovery_documentation_days} días",
            )
        if not entry.recovery_cleared_by.strip():
            raise Refused(
                "Name the clinician whose letter clears the person after isolation",
                "Indique el nombre del médico cuya constancia da de alta a la persona",
            )
        row["recovery_positive_on"] = recovered_on.isoformat()
        row["recovery_cleared_by"] = entry.recovery_cleared_by.strip()
    findings = Findings(entry.answers, temperature_c, test, result, entry.decided, entry.note)
    outcome, reasons = decide(findings, policy.screening)
    row["outcome"] = str(outcome)
    row["reasons"] = ";".join(reasons)
    return row


def _test_for(
    person: Any, today: date, policy: Policy, recovered_on: date | None
) -> ClearanceBasis:
    if recovered_on is not None:
        return ClearanceBasis.RECOVERY
    if not needs_test(person, today, policy.screening):
        return ClearanceBasis.EXEMPT_AGE
    return ClearanceBasis.ANTIGEN


def _recovered_positive_on(
    store: Store, person_id: str, entry: ScreeningEntry, today: date, policy: Policy
) -> date | None:
    """The positive test that makes a new test pointless: a released isolation here, or one
    the person documents, within the recovery period (CDC: no retest within 3 months)."""
    window = timedelta(days=policy.screening.recovery_documentation_days)
    found = store.db.execute(
        "SELECT max(positive_on) FROM isolation_episode WHERE person_id = ? "
        "AND released_on IS NOT NULL",
        [person_id],
    ).fetchone()[0]
    candidates = [date.fromisoformat(found)] if found else []
    if entry.test is ClearanceBasis.RECOVERY and entry.answers.positive_test_on:
        candidates.append(entry.answers.positive_test_on)
    recent = [day for day in candidates if today - day <= window]
    return max(recent) if recent else None


def _no_retest(positive_on: date, policy: Policy) -> Refused:
    until = positive_on + timedelta(days=policy.screening.recovery_documentation_days)
    return Refused(
        f"No antigen retest after recovery (positive on {positive_on:%Y-%m-%d}): tests can "
        f"stay positive for weeks. Until {until:%Y-%m-%d}, re-screen with the questionnaire, "
        "the temperature and the documentation of recovery",
        f"No se repite la prueba de antígeno tras la recuperación (positiva el "
        f"{positive_on:%Y-%m-%d}): puede seguir positiva por semanas. Hasta el "
        f"{until:%Y-%m-%d}, reevalúe con el cuestionario, la temperatura y la constancia de "
        "recuperación",
    )


def _corrected(store: Store, entry: ScreeningEntry, person_id: str) -> str | None:
    if entry.corrects is None:
        return None
    corrected = screening_row(store, entry.corrects)
    if corrected["person_id"] != person_id:
        raise Refused(
            "A correction must be about the same person",
            "Una corrección debe ser de la misma persona",
        )
    if _latest_screening_id(store, person_id) != entry.corrects:
        raise Refused(
            "Only the latest screening can be corrected",
            "Solo se puede corregir la evaluación más reciente",
        )
    return entry.corrects


def _test_fields(store: Store, entry: ScreeningEntry, now: datetime, zone: str) -> dict[str, Any]:
    if entry.kit_lot_id is None:
        raise Refused("Pick the kit lot used", "Elija el lote de la prueba usada")
    if entry.collected_at is None or entry.read_at is None:
        raise Refused(
            "Enter when the specimen was collected and when the test was read",
            "Ingrese cuándo se tomó la muestra y cuándo se leyó la prueba",
        )
    if entry.result is None:
        raise Refused("Enter the test's result", "Ingrese el resultado de la prueba")
    lot = kit_lot(store, entry.kit_lot_id)
    check_kit_lot(lot, site_date(now, zone))
    collected = at_site(entry.collected_at, zone)
    times = SpecimenTimes(
        collected, at_site(entry.started_at or collected, zone), at_site(entry.read_at, zone)
    )
    result, _ = judge_reading(lot.kit, times, entry.result, now)
    return {
        "kit_lot_id": entry.kit_lot_id,
        "specimen_collected_at": times.collected_at.isoformat(),
        "collected_on": site_date(times.collected_at, zone).isoformat(),
        "test_started_at": times.started_at.isoformat(),
        "read_at": times.read_at.isoformat(),
        "result": str(result),
    }


def _save(
    work: UnitOfWork, row: dict[str, Any], entry: ScreeningEntry, policy: Policy
) -> ScreeningSaved:
    row = {**row, "screened_by": work.actor.user, "device": work.device}
    if row.get("corrects_id"):
        undo_episode(work, row["corrects_id"])
    screening_id = work.insert("screening", row)
    outcome = Outcome(row["outcome"])
    episode_id = None
    if outcome is Outcome.ISOLATION:
        positive_on = date.fromisoformat(row.get("collected_on") or row["screened_on"])
        episode_id = open_episode(
            work,
            person_id=row["person_id"],
            screening_id=screening_id,
            started_on=date.fromisoformat(row["screened_on"]),
            positive_on=positive_on,
            onset_on=entry.answers.onset if entry.answers.symptoms else None,
            place_id=entry.isolation_place_id,
        )
    valid_through = None
    if outcome is Outcome.CLEARED:
        base = date.fromisoformat(row.get("collected_on") or row["screened_on"])
        recovered = row.get("recovery_positive_on")
        valid_through = clearance_valid_through(
            base, policy.screening, date.fromisoformat(recovered) if recovered else None
        )
    return ScreeningSaved(
        screening_id,
        outcome,
        tuple(filter(None, row["reasons"].split(";"))),
        valid_through,
        episode_id,
    )
