"""Health screening (DESIGN.md step 5): questionnaire, temperature, antigen test, outcome.

Every figure is a default from CDC's 2021 guidance or the kit's instructions for use
(`seed/covid-2021-rules-sources.md`), kept in `ScreeningPolicy` for a site to change. The rules
decide on plain values; the screening operations read the records and the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from staging.domain import Health, Person
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import Refused
from staging.rules.isolation import household_held
from staging.rules.priority import age_on

if TYPE_CHECKING:
    from staging.rules.policy import Policy

QUESTIONNAIRE_VERSION = "cdc-2021.1"


@dataclass(frozen=True)
class ScreeningPolicy:
    """How screening decides and how long its clearance lasts.

    `clearance_valid_days` counts calendar days from the specimen's collection date: CDC's
    order of 12 January 2021 asked for a test "within 3 calendar days before departure", so a
    specimen collected on a Tuesday clears a departure on Friday (and not on Saturday).
    """

    clearance_valid_days: int = 3
    fever_threshold_c: float = 38.0
    lowest_plausible_c: float = 34.0
    highest_plausible_c: float = 43.0
    # CDC's order applied to travellers aged 2 and over; younger children are not tested.
    test_exempt_under_years: int = 2
    # Hours a cleared person waits on site before departing (some 2021 sites kept 24 h).
    observation_hours: int = 0
    # After a positive test, documentation of recovery replaces a test for this long.
    recovery_documentation_days: int = 90


class Symptom(StrEnum):
    """CDC's COVID-19 symptom list (2021)."""

    FEVER_OR_CHILLS = "fever_or_chills"
    COUGH = "cough"
    SHORTNESS_OF_BREATH = "shortness_of_breath"
    FATIGUE = "fatigue"
    ACHES = "aches"
    HEADACHE = "headache"
    LOSS_OF_TASTE_OR_SMELL = "loss_of_taste_or_smell"
    SORE_THROAT = "sore_throat"
    CONGESTION = "congestion"
    NAUSEA_OR_VOMITING = "nausea_or_vomiting"
    DIARRHOEA = "diarrhoea"


class DiseaseSign(StrEnum):
    """CDC's signs of another communicable disease in an ill traveller."""

    FEVER_WITH_RASH = "fever_with_rash"
    PERSISTENT_COUGH = "persistent_cough"
    CONFUSION = "confusion"
    UNEXPLAINED_BLEEDING = "unexplained_bleeding"
    PERSISTENT_DIARRHOEA_OR_VOMITING = "persistent_diarrhoea_or_vomiting"
    HEADACHE_WITH_STIFF_NECK = "headache_with_stiff_neck"


class Condition(StrEnum):
    """Chronic conditions asked about (for referral and priority, never for the outcome)."""

    DIABETES = "diabetes"
    HYPERTENSION = "hypertension"
    HEART_DISEASE = "heart_disease"
    LUNG_DISEASE = "lung_disease"
    KIDNEY_DISEASE = "kidney_disease"
    WEAKENED_IMMUNITY = "weakened_immunity"
    OTHER_CONDITION = "other_condition"


@dataclass(frozen=True)
class Answers:
    """The questionnaire as answered (version `QUESTIONNAIRE_VERSION`)."""

    symptoms: frozenset[Symptom] = frozenset()
    onset: date | None = None
    felt_feverish: bool = False
    fever_medicine: bool = False
    close_contact: bool = False
    positive_test_on: date | None = None
    disease_signs: frozenset[DiseaseSign] = frozenset()
    pregnant: bool = False
    conditions: frozenset[Condition] = frozenset()
    injuries: str = ""
    referral_needed: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "version": QUESTIONNAIRE_VERSION,
            "symptoms": sorted(self.symptoms),
            "onset": self.onset.isoformat() if self.onset else None,
            "felt_feverish": self.felt_feverish,
            "fever_medicine": self.fever_medicine,
            "close_contact": self.close_contact,
            "positive_test_on": self.positive_test_on.isoformat()
            if self.positive_test_on
            else None,
            "disease_signs": sorted(self.disease_signs),
            "pregnant": self.pregnant,
            "conditions": sorted(self.conditions),
            "injuries": self.injuries,
            "referral_needed": self.referral_needed,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Answers:
        def day(value: object) -> date | None:
            return date.fromisoformat(str(value)) if value else None

        return cls(
            symptoms=frozenset(Symptom(s) for s in data.get("symptoms", []) or []),  # type: ignore[union-attr]
            onset=day(data.get("onset")),
            felt_feverish=bool(data.get("felt_feverish")),
            fever_medicine=bool(data.get("fever_medicine")),
            close_contact=bool(data.get("close_contact")),
            positive_test_on=day(data.get("positive_test_on")),
            disease_signs=frozenset(DiseaseSign(s) for s in data.get("disease_signs", []) or []),  # type: ignore[union-attr]
            pregnant=bool(data.get("pregnant")),
            conditions=frozenset(Condition(s) for s in data.get("conditions", []) or []),  # type: ignore[union-attr]
            injuries=str(data.get("injuries") or ""),
            referral_needed=bool(data.get("referral_needed")),
        )


def check_answers(answers: Answers, today: date) -> None:
    """Dates a person cannot have lived yet are refused, not stored."""
    if answers.onset is not None and answers.onset > today:
        raise Refused(
            f"The symptoms' onset date {answers.onset:%Y-%m-%d} is in the future",
            f"La fecha de inicio de síntomas {answers.onset:%Y-%m-%d} está en el futuro",
        )
    if answers.onset is not None and not answers.symptoms:
        raise Refused(
            "An onset date was given without any symptom: tick the symptoms or clear the date",
            "Se indicó una fecha de inicio sin ningún síntoma: marque los síntomas o borre la "
            "fecha",
        )
    if answers.positive_test_on is not None and answers.positive_test_on > today:
        raise Refused(
            f"The earlier positive test's date {answers.positive_test_on:%Y-%m-%d} is in the "
            "future",
            f"La fecha de la prueba positiva anterior {answers.positive_test_on:%Y-%m-%d} está "
            "en el futuro",
        )


# --- temperature -------------------------------------------------------------------------------


class TemperatureUnit(StrEnum):
    CELSIUS = "C"
    FAHRENHEIT = "F"


def to_celsius(value: float, unit: TemperatureUnit, policy: ScreeningPolicy) -> float:
    """The reading in °C (one decimal); a value no living person has is refused, never stored.

    A thermometer read in the wrong unit, or a misplaced decimal point (3.7, 377), is the
    usual cause, so the message gives the range in both units.
    """
    unit = TemperatureUnit(unit)  # a stored or typed "C" / "F" is the same unit
    celsius = value if unit is TemperatureUnit.CELSIUS else (value - 32) * 5 / 9
    low, high = policy.lowest_plausible_c, policy.highest_plausible_c
    if not low <= celsius <= high:
        shown = f"{value:g} °{unit.value}"
        low_f, high_f = low * 9 / 5 + 32, high * 9 / 5 + 32
        raise Refused(
            f"{shown} is not a body temperature: it must be between {low:.1f} and {high:.1f} °C "
            f"({low_f:.1f}–{high_f:.1f} °F). Check the reading, the unit and the decimal point",
            f"{shown} no es una temperatura corporal: debe estar entre {low:.1f} y {high:.1f} °C "
            f"({low_f:.1f}–{high_f:.1f} °F). Revise la lectura, la unidad y el punto decimal",
        )
    return round(celsius, 1)


def has_fever(temperature_c: float | None, felt_feverish: bool, policy: ScreeningPolicy) -> bool:
    """CDC: a measured 38.0 °C / 100.4 °F or more, or the person reports feeling feverish."""
    measured = temperature_c is not None and temperature_c >= policy.fever_threshold_c
    return measured or felt_feverish


# --- the antigen test --------------------------------------------------------------------------


@dataclass(frozen=True)
class KitType:
    """A kind of antigen test and its own read window (minutes after the specimen is applied)."""

    name: str
    read_from_minutes: int
    read_until_minutes: int
    test_within_minutes: int = 60

    def __post_init__(self) -> None:
        if not 0 < self.read_from_minutes <= self.read_until_minutes:
            raise Refused(
                f"{self.name}: the read window must start after 0 minutes and end no earlier "
                f"than it starts ({self.read_from_minutes}–{self.read_until_minutes} min)",
                f"{self.name}: la ventana de lectura debe empezar después de 0 minutos y no "
                f"terminar antes de empezar ({self.read_from_minutes}–{self.read_until_minutes} "
                "min)",
            )


@dataclass(frozen=True)
class KitLot:
    """A lot of one kit type: the printed expiry and, if any, the manufacturer's extension."""

    kit: KitType
    lot_number: str
    expires_on: date
    extended_expires_on: date | None = None
    extension_notice: str = ""

    @property
    def usable_through(self) -> date:
        if self.extended_expires_on and self.extended_expires_on > self.expires_on:
            return self.extended_expires_on
        return self.expires_on


def check_kit_lot(lot: KitLot, today: date) -> None:
    """Expired reagents may not be used (CLIA); an FDA-authorised extension counts."""
    if today > lot.usable_through:
        extended = " (extended)" if lot.usable_through != lot.expires_on else ""
        extendida = " (extendida)" if lot.usable_through != lot.expires_on else ""
        raise Refused(
            f"{lot.kit.name} lot {lot.lot_number} expired on {lot.usable_through:%Y-%m-%d}"
            f"{extended}: use a kit from a lot that has not expired",
            f"El lote {lot.lot_number} de {lot.kit.name} venció el "
            f"{lot.usable_through:%Y-%m-%d}{extendida}: use una prueba de un lote vigente",
        )


class AntigenResult(StrEnum):
    """What the screener read; "procedure not followed" is the rules' verdict, not a reading."""

    POSITIVE = "positive"
    NEGATIVE = "negative"
    INVALID = "invalid"
    PROCEDURE_NOT_FOLLOWED = "procedure_not_followed"


@dataclass(frozen=True)
class SpecimenTimes:
    """When the specimen was collected, applied to the device (the kit's timer starts), read."""

    collected_at: datetime
    started_at: datetime
    read_at: datetime


class ReadPhase(StrEnum):
    """Where a developing test stands against its kit's read window."""

    DEVELOPING = "developing"
    READ_NOW = "read_now"
    TOO_LATE = "too_late"


def read_phase(kit: KitType, developed_minutes: float) -> ReadPhase:
    """One rule for the kit timer on screen and for the reading recorded."""
    if developed_minutes < kit.read_from_minutes:
        return ReadPhase.DEVELOPING
    if developed_minutes <= kit.read_until_minutes:
        return ReadPhase.READ_NOW
    return ReadPhase.TOO_LATE


def judge_reading(
    kit: KitType, times: SpecimenTimes, read: AntigenResult, now: datetime
) -> tuple[AntigenResult, list[str]]:
    """The result to record and why: a read too early is refused (wait, then read); a read
    too late, or a specimen applied too long after collection, is not a result at all."""
    if times.read_at > now or times.started_at > now or times.collected_at > now:
        raise Refused(
            "A test time is in the future: check the clock times entered",
            "Una hora de la prueba está en el futuro: revise las horas ingresadas",
        )
    if times.started_at < times.collected_at or times.read_at < times.started_at:
        raise Refused(
            "The times are out of order: the specimen is collected, then applied to the "
            "device, then read",
            "Las horas están en desorden: primero se toma la muestra, luego se aplica a la "
            "prueba y después se lee",
        )
    if read is AntigenResult.PROCEDURE_NOT_FOLLOWED:
        return read, ["procedure_not_followed"]
    developed = (times.read_at - times.started_at) / timedelta(minutes=1)
    phase = read_phase(kit, developed)
    if phase is ReadPhase.DEVELOPING:
        wait = kit.read_from_minutes - developed
        raise Refused(
            f"{kit.name} is read at {kit.read_from_minutes} min; only {developed:.0f} min have "
            f"passed. Wait {wait:.0f} more minutes and read it again",
            f"{kit.name} se lee a los {kit.read_from_minutes} min; solo han pasado "
            f"{developed:.0f} min. Espere {wait:.0f} minutos más y vuelva a leerla",
        )
    reasons = []
    if phase is ReadPhase.TOO_LATE:
        reasons.append("read_after_window")
    waited = (times.started_at - times.collected_at) / timedelta(minutes=1)
    if waited > kit.test_within_minutes:
        reasons.append("specimen_too_old")
    if reasons:
        return AntigenResult.PROCEDURE_NOT_FOLLOWED, reasons
    return read, []


# --- the outcome -------------------------------------------------------------------------------


class ClearanceBasis(StrEnum):
    """How the screening stands in for a test: an antigen test, or why there is none."""

    ANTIGEN = "antigen"
    EXEMPT_AGE = "exempt_age"
    RECOVERY = "recovery"


@dataclass(frozen=True)
class Findings:
    """Everything the outcome is decided on."""

    answers: Answers
    temperature_c: float | None
    test: ClearanceBasis
    result: AntigenResult | None = None
    decided: Outcome | None = None
    decision_note: str = ""


def decide(findings: Findings, policy: ScreeningPolicy) -> tuple[Outcome, list[str]]:
    """The outcome by the rules, and the reasons (codes) it rests on.

    A negative antigen result is presumptive: with fever, symptoms or signs of another
    disease the screener reviews it and decides in writing (`decided`, `decision_note`).
    """
    answers = findings.answers
    reasons: list[str] = []
    if findings.test is ClearanceBasis.ANTIGEN:
        if findings.result is AntigenResult.POSITIVE:
            return Outcome.ISOLATION, ["positive_test"]
        if findings.result in (AntigenResult.INVALID, AntigenResult.PROCEDURE_NOT_FOLLOWED):
            return Outcome.RETEST, [str(findings.result)]
        if findings.result is None:
            raise Refused("Enter the test's result", "Ingrese el resultado de la prueba")
    if has_fever(findings.temperature_c, answers.felt_feverish, policy):
        reasons.append("fever")
    if answers.symptoms:
        reasons.append("symptoms")
    if answers.disease_signs:
        reasons.append("disease_signs")
    if not reasons:
        return Outcome.CLEARED, [f"well_{findings.test}"]
    if findings.decided is None or findings.decided is Outcome.CLINICAL_REVIEW:
        return Outcome.CLINICAL_REVIEW, reasons
    if findings.decided not in (Outcome.CLEARED, Outcome.ISOLATION):
        raise Refused(
            "A clinical review ends in cleared or isolation",
            "Una revisión clínica termina en autorizado o aislamiento",
        )
    if not findings.decision_note.strip():
        raise Refused(
            "Write why you decided, after a negative test with fever or symptoms",
            "Escriba por qué decidió así, tras una prueba negativa con fiebre o síntomas",
        )
    return findings.decided, [*reasons, "clinician_decided"]


def needs_test(person: Person, today: date, policy: ScreeningPolicy) -> bool:
    """Children under the policy's age (2) are screened without a test."""
    age = age_on(person.date_of_birth, today)
    return age is None or age >= policy.test_exempt_under_years


def clearance_valid_through(
    base: date, policy: ScreeningPolicy, recovered_positive_on: date | None = None
) -> date:
    """The last calendar day a clearance counts: the collection (or screening) day plus the
    policy's days; documentation of recovery lasts no longer than its own 90 days."""
    through = base + timedelta(days=policy.clearance_valid_days)
    if recovered_positive_on is not None:
        through = min(
            through, recovered_positive_on + timedelta(days=policy.recovery_documentation_days)
        )
    return through


def observation_ends(screened_at: datetime, policy: ScreeningPolicy) -> datetime:
    return screened_at + timedelta(hours=policy.observation_hours)


# --- where the person stands ---------------------------------------------------------------------


class ScreeningBlocker(StrEnum):
    NOT_SCREENED = "not_screened"
    RESCREENING_DUE = "rescreening_due"
    RETEST_NEEDED = "retest_needed"
    CLINICAL_REVIEW = "clinical_review"
    IN_ISOLATION = "in_isolation"
    HOUSEHOLD_HELD = "household_held"
    CLEARANCE_EXPIRED = "clearance_expired"
    UNDER_OBSERVATION = "under_observation"
    # All an intake user learns of a medical hold (see `seen_by`).
    MEDICAL_HOLD = "medical_hold"


class ScreeningStage(StrEnum):
    SCREENED = "screened"
    CLEARED = "cleared"
    IN_ISOLATION = "in_isolation"
    RELEASED = "released"


def screening_blockers(person: Person, today: date, policy: Policy) -> list[ScreeningBlocker]:
    health = person.health
    found: list[ScreeningBlocker] = []
    if health.in_isolation:
        found.append(ScreeningBlocker.IN_ISOLATION)
    elif health.rescreening_due:
        found.append(ScreeningBlocker.RESCREENING_DUE)
    elif health.outcome is None:
        found.append(ScreeningBlocker.NOT_SCREENED)
    elif health.outcome is Outcome.RETEST:
        found.append(ScreeningBlocker.RETEST_NEEDED)
    elif health.outcome is Outcome.CLINICAL_REVIEW:
        found.append(ScreeningBlocker.CLINICAL_REVIEW)
    elif health.outcome is Outcome.ISOLATION:
        # Isolation decided, the episode not yet opened on this desk: held all the same.
        found.append(ScreeningBlocker.IN_ISOLATION)
    elif health.outcome is Outcome.CLEARED:
        found.extend(_clearance_blockers(health, today, policy.screening))
    if household_held(health, today, policy.isolation):
        found.append(ScreeningBlocker.HOUSEHOLD_HELD)
    return found


def _clearance_blockers(
    health: Health, today: date, policy: ScreeningPolicy
) -> list[ScreeningBlocker]:
    base = health.clearance_base or health.screened_on
    if base is None:
        return [ScreeningBlocker.NOT_SCREENED]
    if today > clearance_valid_through(base, policy, health.recovered_positive_on):
        return [ScreeningBlocker.CLEARANCE_EXPIRED]
    # Readiness is by day: a departure's own hour is the transport plan's to check.
    observed = health.screened_at is not None and policy.observation_hours > 0
    if observed and today < observation_ends(health.screened_at, policy).date():
        return [ScreeningBlocker.UNDER_OBSERVATION]
    return []


def screening_stage(person: Person, today: date, policy: Policy) -> ScreeningStage | None:
    health = person.health
    if health.in_isolation:
        return ScreeningStage.IN_ISOLATION
    if health.rescreening_due:
        return ScreeningStage.RELEASED
    if health.outcome is Outcome.CLEARED:
        return ScreeningStage.CLEARED
    if health.outcome is not None:
        return ScreeningStage.SCREENED
    return None


# What a user without medical access learns: cleared, held or not screened, never why held.
_BLOCKERS_FOR_NON_MEDICAL: dict[ScreeningBlocker, ScreeningBlocker] = {
    ScreeningBlocker.RETEST_NEEDED: ScreeningBlocker.MEDICAL_HOLD,
    ScreeningBlocker.CLINICAL_REVIEW: ScreeningBlocker.MEDICAL_HOLD,
    ScreeningBlocker.IN_ISOLATION: ScreeningBlocker.MEDICAL_HOLD,
    ScreeningBlocker.HOUSEHOLD_HELD: ScreeningBlocker.MEDICAL_HOLD,
    ScreeningBlocker.UNDER_OBSERVATION: ScreeningBlocker.MEDICAL_HOLD,
    ScreeningBlocker.RESCREENING_DUE: ScreeningBlocker.NOT_SCREENED,
    ScreeningBlocker.CLEARANCE_EXPIRED: ScreeningBlocker.NOT_SCREENED,
}
_STAGES_FOR_NON_MEDICAL: dict[ScreeningStage, ScreeningStage] = {
    ScreeningStage.IN_ISOLATION: ScreeningStage.SCREENED,
    ScreeningStage.RELEASED: ScreeningStage.SCREENED,
}


def blocker_without_medical_detail(blocker: StrEnum) -> StrEnum:
    """The blocker as a user without medical access may see it."""
    if isinstance(blocker, ScreeningBlocker):
        return _BLOCKERS_FOR_NON_MEDICAL.get(blocker, blocker)
    return blocker


def stage_without_medical_detail(stage: StrEnum) -> StrEnum:
    """Codes of different stages may share a spelling, so each kind has its own table."""
    if isinstance(stage, ScreeningStage):
        return _STAGES_FOR_NON_MEDICAL.get(stage, stage)
    return stage
