"""Isolation rules with a frozen clock: day 9 against day 10, 24 hours without fever only
without fever medicine, severe illness, follow-ups due, and the household's hold."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from staging.domain import Health, Role
from staging.domain import ScreeningOutcome as Outcome
from staging.rules.isolation import (
    Episode,
    FollowUp,
    HouseholdRule,
    IsolationPolicy,
    Unmet,
    WarningSign,
    day_of_isolation,
    earliest_release,
    follow_up_due,
    household_held,
    quarantine_ends,
    release_unmet,
)
from staging.rules.policy import Policy
from staging.rules.readiness import person_status
from staging.rules.screening import ScreeningBlocker
from tests.staging.rules.sample import person

SITE = IsolationPolicy()
ONSET = date(2021, 3, 1)
POSITIVE = date(2021, 3, 2)


def at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def check(day: date, hour: int = 9, *, fever=False, medicine=False, improving=True, signs=()):
    return FollowUp(
        at(day, hour), 38.4 if fever else 36.7, fever, medicine, improving, frozenset(signs)
    )


def days_after(start: date, n: int) -> date:
    return start + timedelta(days=n)


SYMPTOMATIC = Episode(started_on=POSITIVE, positive_on=POSITIVE, onset_on=ONSET)
WITHOUT_SYMPTOMS = Episode(started_on=POSITIVE, positive_on=POSITIVE)


def test_ten_days_are_counted_from_the_onset_day_9_is_too_early_and_day_10_is_not() -> None:
    assert earliest_release(SYMPTOMATIC, SITE) == date(2021, 3, 11)
    day_9, day_10 = days_after(ONSET, 9), days_after(ONSET, 10)
    assert day_of_isolation(SYMPTOMATIC, day_9) == 9
    well = [check(day_9), check(day_10)]
    assert release_unmet(SYMPTOMATIC, well[:1], at(day_9), SITE) == [Unmet.TOO_EARLY]
    assert release_unmet(SYMPTOMATIC, well, at(day_10), SITE) == []


def test_the_day_is_the_sites_not_utcs() -> None:
    """At 17:00 in Tijuana on day 9 it is already day 10 in UTC: still too early."""
    evening = datetime(2021, 3, 10, 17, tzinfo=ZoneInfo("America/Tijuana"))
    assert evening.astimezone(UTC).date() == date(2021, 3, 11)
    well = [check(date(2021, 3, 10), 9)]
    assert release_unmet(SYMPTOMATIC, well, evening, SITE) == [Unmet.TOO_EARLY]


def test_without_symptoms_the_days_count_from_the_positive_test() -> None:
    assert earliest_release(WITHOUT_SYMPTOMS, SITE) == date(2021, 3, 12)
    well = [check(date(2021, 3, 11)), check(date(2021, 3, 12))]
    assert release_unmet(WITHOUT_SYMPTOMS, well[:1], at(date(2021, 3, 11)), SITE) == [
        Unmet.TOO_EARLY
    ]
    assert release_unmet(WITHOUT_SYMPTOMS, well, at(date(2021, 3, 12)), SITE) == []


def test_nobody_is_released_on_the_calendar_alone() -> None:
    """Seen: someone without symptoms, unchecked for 8 days, was offered for release."""
    stale = [check(date(2021, 3, 4))]
    assert release_unmet(WITHOUT_SYMPTOMS, stale, at(date(2021, 3, 12)), SITE) == [
        Unmet.NO_RECENT_FOLLOW_UP
    ]


def test_24_hours_without_fever_count_only_without_fever_medicine() -> None:
    day_10 = days_after(ONSET, 10)
    now = at(day_10, 18)
    medicated = [check(day_10, 9, medicine=True)]  # no fever, but only thanks to medicine
    assert release_unmet(SYMPTOMATIC, medicated, now, SITE) == [
        Unmet.FEVER_MEDICINE_IN_LAST_24_HOURS
    ]
    fever_yesterday_evening = [check(days_after(ONSET, 9), 20, fever=True), check(day_10, 9)]
    assert release_unmet(SYMPTOMATIC, fever_yesterday_evening, now, SITE) == [
        Unmet.FEVER_IN_LAST_24_HOURS
    ]
    fever_two_days_ago = [check(days_after(ONSET, 8), 9, fever=True), check(day_10, 9)]
    assert release_unmet(SYMPTOMATIC, fever_two_days_ago, now, SITE) == []


def test_someone_not_checked_for_a_day_cannot_be_shown_fever_free() -> None:
    stale = [check(days_after(ONSET, 8))]
    assert Unmet.NO_RECENT_FOLLOW_UP in release_unmet(
        SYMPTOMATIC, stale, at(days_after(ONSET, 10)), SITE
    )


def test_symptoms_must_be_improving_and_warning_signs_stop_a_release() -> None:
    day_10 = days_after(ONSET, 10)
    worse = [check(day_10, improving=False)]
    assert release_unmet(SYMPTOMATIC, worse, at(day_10), SITE) == [Unmet.SYMPTOMS_NOT_IMPROVING]
    urgent = [check(day_10, signs=[WarningSign.TROUBLE_BREATHING])]
    assert Unmet.WARNING_SIGNS in release_unmet(SYMPTOMATIC, urgent, at(day_10), SITE)


def test_severe_illness_keeps_someone_up_to_20_days() -> None:
    severe = Episode(started_on=POSITIVE, positive_on=POSITIVE, onset_on=ONSET, severe=True)
    assert earliest_release(severe, SITE) == date(2021, 3, 21)


def test_the_local_authoritys_14_days_are_a_policy() -> None:
    mexico = IsolationPolicy(isolation_days=14)
    assert earliest_release(SYMPTOMATIC, mexico) == date(2021, 3, 15)


def test_a_follow_up_is_due_each_day_and_missed_days_are_overdue() -> None:
    assert follow_up_due(SYMPTOMATIC, None, POSITIVE).due_today is False
    tomorrow = follow_up_due(SYMPTOMATIC, None, days_after(POSITIVE, 1))
    assert (tomorrow.due_today, tomorrow.overdue_days) == (True, 0)
    missed = follow_up_due(SYMPTOMATIC, days_after(POSITIVE, 1), days_after(POSITIVE, 4))
    assert (missed.due_today, missed.overdue_days) == (True, 2)
    done = follow_up_due(SYMPTOMATIC, days_after(POSITIVE, 4), days_after(POSITIVE, 4))
    assert (done.due_today, done.overdue_days) == (False, 0)


# --- the household -------------------------------------------------------------------------------


def test_the_household_is_held_until_the_member_is_released() -> None:
    held = Health(household_isolation_since=POSITIVE, household_exposure_on=POSITIVE)
    assert household_held(held, days_after(POSITIVE, 30), SITE)
    released = Health(household_exposure_on=POSITIVE)
    assert not household_held(released, days_after(POSITIVE, 10), SITE)


@pytest.mark.parametrize(
    ("rule", "negative_on", "first_day_out"),
    [
        (HouseholdRule.QUARANTINE_14_DAYS, None, 14),
        (HouseholdRule.QUARANTINE_10_DAYS, None, 10),
        (HouseholdRule.QUARANTINE_7_DAYS_WITH_TEST, 5, 7),
        # A negative test before day 5 does not shorten the quarantine.
        (HouseholdRule.QUARANTINE_7_DAYS_WITH_TEST, 4, 10),
        (HouseholdRule.QUARANTINE_7_DAYS_WITH_TEST, None, 10),
    ],
)
def test_close_contacts_quarantine_by_the_policys_rule(rule, negative_on, first_day_out) -> None:
    tested = days_after(POSITIVE, negative_on) if negative_on is not None else None
    assert quarantine_ends(POSITIVE, tested, rule) == days_after(POSITIVE, first_day_out)
    contact = Health(
        household_isolation_since=POSITIVE,
        household_exposure_on=POSITIVE,
        tested_negative_on=tested,
    )
    policy = IsolationPolicy(household=rule)
    assert household_held(contact, days_after(POSITIVE, first_day_out - 1), policy)
    assert not household_held(contact, days_after(POSITIVE, first_day_out), policy)


def test_after_release_the_person_needs_rescreening_not_a_retest() -> None:
    released = Health(
        outcome=Outcome.ISOLATION,
        screened_on=POSITIVE,
        clearance_base=POSITIVE,
        isolation_started_on=POSITIVE,
        released_on=date(2021, 3, 12),
    )
    someone = person(checked_in=True, health=released)
    status = person_status(someone, date(2021, 3, 12), Policy(), Role.SCREENER)
    assert ScreeningBlocker.RESCREENING_DUE in status.blockers
    rescreened = Health(
        outcome=Outcome.CLEARED,
        screened_on=date(2021, 3, 12),
        clearance_base=date(2021, 3, 12),
        recovered_positive_on=POSITIVE,
        isolation_started_on=POSITIVE,
        released_on=date(2021, 3, 12),
    )
    status = person_status(
        person(checked_in=True, health=rescreened), date(2021, 3, 12), Policy(), Role.SCREENER
    )
    assert not [b for b in status.blockers if isinstance(b, ScreeningBlocker)]
