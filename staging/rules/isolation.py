"""Isolation of positives and their households (DESIGN.md step 6).

Release follows CDC's 2021 criteria ("When you can be around others") unless the site's policy
follows the local health authority instead (Mexico asked 14 days in 2021). Days are counted
from day 0: the onset of symptoms, or the positive test's collection without symptoms; so 10
days after an onset on the 1st is the 11th. A released person is not retested: antigen tests
can stay positive for weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from staging.domain import Health
from staging.errors import Refused
from staging.rules.stored import known_codes
from staging.vocabulary import Words


class HouseholdRule(StrEnum):
    """What happens to the household (close contacts) of someone in isolation."""

    # Families travel together: the household waits until the member is released.
    HOLD_UNTIL_RELEASE = "hold_until_release"
    # CDC, 2 December 2020: 14 days; or 10 without a test; or 7 with a negative test on day 5+.
    QUARANTINE_14_DAYS = "quarantine_14_days"
    QUARANTINE_10_DAYS = "quarantine_10_days"
    QUARANTINE_7_DAYS_WITH_TEST = "quarantine_7_days_with_test"


@dataclass(frozen=True)
class IsolationPolicy:
    isolation_days: int = 10
    severe_illness_days: int = 20
    fever_free_hours: int = 24
    household: HouseholdRule = HouseholdRule.HOLD_UNTIL_RELEASE

    def __post_init__(self) -> None:
        rule = known_codes(
            HouseholdRule, [self.household], Words("household rules", "reglas de hogar")
        )
        object.__setattr__(self, "household", next(iter(rule)))
        if not 1 <= self.isolation_days <= self.severe_illness_days:
            raise Refused(
                "Isolation must last at least 1 day, and no longer than for severe illness",
                "El aislamiento debe durar al menos 1 día y no más que en enfermedad grave",
            )


class WarningSign(StrEnum):
    """CDC's emergency warning signs: any of them means urgent medical care."""

    TROUBLE_BREATHING = "trouble_breathing"
    CHEST_PAIN_OR_PRESSURE = "chest_pain_or_pressure"
    NEW_CONFUSION = "new_confusion"
    CANNOT_WAKE_OR_STAY_AWAKE = "cannot_wake_or_stay_awake"
    BLUISH_LIPS_OR_FACE = "bluish_lips_or_face"


@dataclass(frozen=True)
class Episode:
    """An isolation as the rules see it: what started it, and whether it is severe."""

    started_on: date
    positive_on: date
    onset_on: date | None = None
    severe: bool = False
    released_on: date | None = None

    @property
    def day_zero(self) -> date:
        """Symptom onset if there were symptoms, else the positive test's collection."""
        return self.onset_on or self.positive_on


@dataclass(frozen=True)
class FollowUp:
    """One daily check of a person in isolation."""

    recorded_at: datetime
    temperature_c: float | None
    fever: bool
    fever_medicine: bool
    symptoms_improving: bool | None
    warning_signs: frozenset[WarningSign] = frozenset()


def needs_urgent_referral(follow_up: FollowUp) -> bool:
    return bool(follow_up.warning_signs)


def earliest_release(episode: Episode, policy: IsolationPolicy) -> date:
    days = policy.severe_illness_days if episode.severe else policy.isolation_days
    return episode.day_zero + timedelta(days=days)


def day_of_isolation(episode: Episode, today: date) -> int:
    """Day 0 is onset (or the test); the board shows "day 4 of 10"."""
    return (today - episode.day_zero).days


class Unmet(StrEnum):
    """Why someone may not be released yet."""

    TOO_EARLY = "too_early"
    FEVER_IN_LAST_24_HOURS = "fever_in_last_24_hours"
    FEVER_MEDICINE_IN_LAST_24_HOURS = "fever_medicine_in_last_24_hours"
    NO_RECENT_FOLLOW_UP = "no_recent_follow_up"
    SYMPTOMS_NOT_IMPROVING = "symptoms_not_improving"
    WARNING_SIGNS = "warning_signs"


def release_unmet(
    episode: Episode, follow_ups: list[FollowUp], now: datetime, policy: IsolationPolicy
) -> list[Unmet]:
    """What still stands before release (empty: a release candidate). `now` is on the site's
    clock: its date is the day counted (in UTC a Tijuana evening is already tomorrow).

    With symptoms: the days since onset, 24 h without fever *without* fever-reducing medicine
    (a reading under medicine proves nothing) and symptoms improving (loss of taste or smell
    need not delay it, so the screener answers "improving" for the rest). Without symptoms:
    the days since the positive test. Either way a follow-up in the last 24 h, without fever
    or warning signs, shows that nothing has developed since: someone unchecked for days is
    not released on the calendar alone.
    """
    unmet = []
    if now.date() < earliest_release(episode, policy):
        unmet.append(Unmet.TOO_EARLY)
    ordered = sorted(follow_ups, key=lambda f: f.recorded_at)
    latest = ordered[-1] if ordered else None
    if latest is not None and needs_urgent_referral(latest):
        unmet.append(Unmet.WARNING_SIGNS)
    window_start = now - timedelta(hours=policy.fever_free_hours)
    recent = [f for f in ordered if f.recorded_at >= window_start]
    if not recent:
        unmet.append(Unmet.NO_RECENT_FOLLOW_UP)
    if any(f.fever for f in recent):
        unmet.append(Unmet.FEVER_IN_LAST_24_HOURS)
    if any(f.fever_medicine for f in recent):
        unmet.append(Unmet.FEVER_MEDICINE_IN_LAST_24_HOURS)
    symptomatic = episode.onset_on is not None
    if symptomatic and (latest is None or latest.symptoms_improving is False):
        unmet.append(Unmet.SYMPTOMS_NOT_IMPROVING)
    return unmet


@dataclass(frozen=True)
class FollowUpDue:
    due_today: bool
    overdue_days: int


def follow_up_due(episode: Episode, last_on: date | None, today: date) -> FollowUpDue:
    """One follow-up a day from the day after isolation starts; missed days are overdue."""
    if episode.released_on is not None:
        return FollowUpDue(False, 0)
    covered = last_on or episode.started_on
    missed = (today - covered).days - 1
    return FollowUpDue(covered < today, max(0, missed))


def household_held(health: Health, today: date, policy: IsolationPolicy) -> bool:
    """Is this person held because another member of the household tested positive?"""
    rule = policy.household
    if rule is HouseholdRule.HOLD_UNTIL_RELEASE:
        return health.household_isolation_since is not None
    exposure = health.household_exposure_on
    if exposure is None:
        return False
    return today < quarantine_ends(exposure, health.tested_negative_on, rule)


def quarantine_ends(exposure: date, tested_negative_on: date | None, rule: HouseholdRule) -> date:
    """The first day out of quarantine after an exposure (day 0)."""
    days = {
        HouseholdRule.QUARANTINE_14_DAYS: 14,
        HouseholdRule.QUARANTINE_10_DAYS: 10,
        HouseholdRule.QUARANTINE_7_DAYS_WITH_TEST: 10,
    }[rule]
    tested_late_enough = (
        tested_negative_on is not None and tested_negative_on >= exposure + timedelta(days=5)
    )
    if rule is HouseholdRule.QUARANTINE_7_DAYS_WITH_TEST and tested_late_enough:
        days = 7
    return exposure + timedelta(days=days)
