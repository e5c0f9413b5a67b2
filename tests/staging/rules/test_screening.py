"""Screening rules with a frozen clock: temperatures, each kit's own window, lot expiry, the
outcome, and a clearance counted in calendar days from the specimen's collection."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from staging.domain import Health, Role
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import Refused
from staging.rules.policy import Policy
from staging.rules.readiness import person_status
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    DiseaseSign,
    Findings,
    KitLot,
    KitType,
    ScreeningBlocker,
    ScreeningPolicy,
    SpecimenTimes,
    Symptom,
    TemperatureUnit,
    check_answers,
    check_kit_lot,
    clearance_valid_through,
    decide,
    has_fever,
    judge_reading,
    needs_test,
    to_celsius,
)
from tests.staging.rules.sample import TODAY, person

SITE = ScreeningPolicy()
BINAX = KitType("BinaxNOW COVID-19 Ag Card", read_from_minutes=15, read_until_minutes=30)
CARESTART = KitType("CareStart COVID-19 Antigen", read_from_minutes=10, read_until_minutes=15)
NOON = datetime(2021, 3, 1, 19, 0, tzinfo=UTC)


def read_after(kit: KitType, minutes: float, *, waited: float = 0) -> tuple[AntigenResult, list]:
    """A specimen collected `waited` minutes before going onto the device, read `minutes` later."""
    started = NOON - timedelta(minutes=minutes)
    times = SpecimenTimes(started - timedelta(minutes=waited), started, NOON)
    return judge_reading(kit, times, AntigenResult.NEGATIVE, NOON)


# --- temperature ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "celsius"),
    [(37.0, TemperatureUnit.CELSIUS, 37.0), (100.4, TemperatureUnit.FAHRENHEIT, 38.0)],
)
def test_temperatures_are_stored_in_celsius(value, unit, celsius) -> None:
    assert to_celsius(value, unit, SITE) == celsius


@pytest.mark.parametrize("value", [3.7, 377, 33.9, 43.1])
def test_a_reading_no_body_has_is_refused_with_the_range_in_both_units(value: float) -> None:
    with pytest.raises(Refused) as refused:
        to_celsius(value, TemperatureUnit.CELSIUS, SITE)
    assert "34.0 and 43.0 °C (93.2–109.4 °F)" in refused.value.message_en
    assert "debe estar entre 34.0 y 43.0 °C" in refused.value.message_es


def test_a_celsius_reading_entered_as_fahrenheit_is_refused() -> None:
    with pytest.raises(Refused, match="37 °F"):
        to_celsius(37, TemperatureUnit.FAHRENHEIT, SITE)


def test_fever_is_measured_at_38_or_reported() -> None:
    assert not has_fever(37.9, False, SITE)
    assert has_fever(38.0, False, SITE)
    assert has_fever(36.5, True, SITE)
    assert has_fever(None, True, SITE)


# --- the kit's own read window ----------------------------------------------------------------


@pytest.mark.parametrize(("kit", "early"), [(BINAX, 14), (CARESTART, 9)])
def test_a_read_before_the_kits_window_is_refused(kit: KitType, early: int) -> None:
    with pytest.raises(Refused, match=f"read at {kit.read_from_minutes} min"):
        read_after(kit, early)


@pytest.mark.parametrize(
    ("kit", "minutes", "verdict"),
    [
        (BINAX, 15, AntigenResult.NEGATIVE),
        (BINAX, 30, AntigenResult.NEGATIVE),
        (BINAX, 31, AntigenResult.PROCEDURE_NOT_FOLLOWED),
        (CARESTART, 10, AntigenResult.NEGATIVE),
        (CARESTART, 15, AntigenResult.NEGATIVE),
        # Inside BinaxNOW's window, but CareStart is not read after 15 minutes.
        (CARESTART, 20, AntigenResult.PROCEDURE_NOT_FOLLOWED),
    ],
)
def test_each_kit_is_judged_by_its_own_window(kit, minutes, verdict) -> None:
    assert read_after(kit, minutes)[0] is verdict


def test_a_binaxnow_read_after_5_minutes_is_refused() -> None:
    with pytest.raises(Refused) as refused:
        read_after(BINAX, 5)
    assert "Wait 10 more minutes" in refused.value.message_en
    assert "Espere 10 minutos más" in refused.value.message_es


def test_a_specimen_tested_more_than_an_hour_after_collection_is_not_a_result() -> None:
    assert read_after(BINAX, 15, waited=60)[0] is AntigenResult.NEGATIVE
    result, reasons = read_after(BINAX, 15, waited=61)
    assert result is AntigenResult.PROCEDURE_NOT_FOLLOWED
    assert reasons == ["specimen_too_old"]


def test_times_in_the_future_or_out_of_order_are_refused() -> None:
    later = NOON + timedelta(minutes=20)
    with pytest.raises(Refused, match="future"):
        judge_reading(BINAX, SpecimenTimes(NOON, NOON, later), AntigenResult.NEGATIVE, NOON)
    with pytest.raises(Refused, match="out of order"):
        judge_reading(
            BINAX,
            SpecimenTimes(NOON, NOON - timedelta(minutes=20), NOON),
            AntigenResult.NEGATIVE,
            NOON,
        )


# --- lot expiry ---------------------------------------------------------------------------------


def test_a_kit_expired_yesterday_is_refused() -> None:
    lot = KitLot(BINAX, "X-1", expires_on=TODAY - timedelta(days=1))
    with pytest.raises(Refused, match="expired on 2021-02-28"):
        check_kit_lot(lot, TODAY)
    check_kit_lot(replace(lot, expires_on=TODAY), TODAY)  # usable through its date


def test_an_extended_lot_is_usable_until_its_extension() -> None:
    extended = KitLot(
        BINAX,
        "X-2",
        expires_on=date(2021, 2, 1),
        extended_expires_on=date(2021, 5, 1),
        extension_notice="Abbott, extension notice of 2021-03",
    )
    check_kit_lot(extended, TODAY)
    with pytest.raises(Refused, match=r"2021-05-01 \(extended\)"):
        check_kit_lot(extended, date(2021, 5, 2))


# --- the outcome ---------------------------------------------------------------------------------


def findings(result: AntigenResult | None, **answers: object) -> Findings:
    return Findings(Answers(**answers), 36.8, ClearanceBasis.ANTIGEN, result)


@pytest.mark.parametrize(
    ("result", "outcome"),
    [
        (AntigenResult.POSITIVE, Outcome.ISOLATION),
        (AntigenResult.INVALID, Outcome.RETEST),
        (AntigenResult.PROCEDURE_NOT_FOLLOWED, Outcome.RETEST),
        (AntigenResult.NEGATIVE, Outcome.CLEARED),
    ],
)
def test_the_outcome_follows_the_result(result: AntigenResult, outcome: Outcome) -> None:
    assert decide(findings(result), SITE)[0] is outcome


def test_a_negative_with_fever_symptoms_or_other_signs_goes_to_clinical_review() -> None:
    feverish = Findings(Answers(), 38.2, ClearanceBasis.ANTIGEN, AntigenResult.NEGATIVE)
    assert decide(feverish, SITE) == (Outcome.CLINICAL_REVIEW, ["fever"])
    coughing = findings(AntigenResult.NEGATIVE, symptoms=frozenset({Symptom.COUGH}))
    assert decide(coughing, SITE) == (Outcome.CLINICAL_REVIEW, ["symptoms"])
    rash = findings(AntigenResult.NEGATIVE, disease_signs=frozenset({DiseaseSign.FEVER_WITH_RASH}))
    assert decide(rash, SITE)[0] is Outcome.CLINICAL_REVIEW


def test_the_screeners_decision_needs_a_written_reason() -> None:
    coughing = replace(
        findings(AntigenResult.NEGATIVE, symptoms=frozenset({Symptom.COUGH})),
        decided=Outcome.CLEARED,
    )
    with pytest.raises(Refused, match="Write why"):
        decide(coughing, SITE)
    decided = replace(coughing, decision_note="Chronic cough, asthma since childhood")
    assert decide(decided, SITE) == (Outcome.CLEARED, ["symptoms", "clinician_decided"])


def test_a_positive_is_isolation_whatever_the_screener_decides() -> None:
    positive = replace(findings(AntigenResult.POSITIVE), decided=Outcome.CLEARED, decision_note="x")
    assert decide(positive, SITE)[0] is Outcome.ISOLATION


def test_children_under_two_are_not_tested() -> None:
    assert not needs_test(person(date_of_birth=date(2019, 3, 2)), TODAY, SITE)
    assert needs_test(person(date_of_birth=date(2019, 3, 1)), TODAY, SITE)
    exempt = Findings(Answers(), 36.9, ClearanceBasis.EXEMPT_AGE)
    assert decide(exempt, SITE) == (Outcome.CLEARED, ["well_exempt_age"])


def test_a_future_onset_date_is_refused() -> None:
    with pytest.raises(Refused, match="in the future"):
        check_answers(
            Answers(symptoms=frozenset({Symptom.COUGH}), onset=TODAY + timedelta(days=1)), TODAY
        )


# --- the clearance, in calendar days ------------------------------------------------------------


def cleared_on(collected: date) -> Health:
    return Health(outcome=Outcome.CLEARED, screened_on=collected, clearance_base=collected)


SITE_POLICY = Policy()


def blockers_on(day: date, health: Health, policy: Policy = SITE_POLICY) -> tuple:
    status = person_status(person(checked_in=True, health=health), day, policy, Role.SCREENER)
    return tuple(b for b in status.blockers if isinstance(b, ScreeningBlocker))


def test_a_clearance_holds_through_its_last_calendar_day_and_not_the_day_after() -> None:
    collected = date(2021, 3, 2)  # a Tuesday: cleared for a departure on Friday
    assert clearance_valid_through(collected, SITE) == date(2021, 3, 5)
    assert blockers_on(date(2021, 3, 5), cleared_on(collected)) == ()
    assert blockers_on(date(2021, 3, 6), cleared_on(collected)) == (
        ScreeningBlocker.CLEARANCE_EXPIRED,
    )


def test_documentation_of_recovery_lasts_no_longer_than_90_days_from_the_positive() -> None:
    assert clearance_valid_through(TODAY, SITE, recovered_positive_on=TODAY) == date(2021, 3, 4)
    late = TODAY - timedelta(days=89)
    assert clearance_valid_through(TODAY, SITE, recovered_positive_on=late) == date(2021, 3, 2)


def test_an_observation_period_holds_a_cleared_person_until_it_ends() -> None:
    policy = Policy(screening=ScreeningPolicy(observation_hours=24))
    screened = replace(cleared_on(TODAY), screened_at=NOON)
    assert blockers_on(TODAY, screened, policy) == (ScreeningBlocker.UNDER_OBSERVATION,)
    assert blockers_on(TODAY + timedelta(days=1), screened, policy) == ()


def test_intake_sees_held_or_not_screened_never_why() -> None:
    def seen_by_intake(health: Health) -> tuple:
        status = person_status(
            person(checked_in=True, health=health), TODAY, SITE_POLICY, Role.INTAKE
        )
        return tuple(b for b in status.blockers if isinstance(b, ScreeningBlocker))

    for outcome in (Outcome.ISOLATION, Outcome.RETEST, Outcome.CLINICAL_REVIEW):
        health = Health(outcome=outcome, screened_on=TODAY, clearance_base=TODAY)
        assert seen_by_intake(health) == (ScreeningBlocker.MEDICAL_HOLD,)
    held_household = replace(cleared_on(TODAY), household_isolation_since=TODAY)
    assert seen_by_intake(held_household) == (ScreeningBlocker.MEDICAL_HOLD,)
    assert seen_by_intake(cleared_on(TODAY - timedelta(days=4))) == (ScreeningBlocker.NOT_SCREENED,)
