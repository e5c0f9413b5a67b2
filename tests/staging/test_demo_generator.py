"""The demo site: deterministic, unique where a real site is, and consistent with the rules."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date, timedelta
from itertools import groupby

import pytest

from staging.demo.generator import (
    APPOINTMENT_DAYS_AFTER,
    APPOINTMENT_DAYS_BEFORE,
    COLUMNS,
    ENROLLMENT_FIRST,
    ENROLLMENT_LAST,
    DemoSite,
    generate_demo_site,
)
from staging.domain import VULNERABILITY_FLAGS, CaseStatus, Verification
from staging.rules import age_on

TODAY = date(2021, 3, 1)
Row = dict[str, str]


@pytest.fixture(scope="module")
def site() -> DemoSite:
    return generate_demo_site(people=20_000, seed=7, today=TODAY)


def households(site: DemoSite) -> list[list[Row]]:
    """Members grouped by household, in list order (so a split household shows up twice)."""
    return [list(rows) for _, rows in groupby(site.rows, key=lambda row: row["household_id"])]


def a_number_digits(written: str) -> str:
    """The nine digits of an A-number however the export wrote it (8 digits lack the leading 0)."""
    return re.sub(r"\D", "", written).zfill(9)


def day(text: str) -> date:
    return date.fromisoformat(text)


def arrival_days(site: DemoSite) -> dict[str, int]:
    """When each checked-in person arrived, in days before today."""
    return {r: d.days_ago for d in site.days for r in d.arrivals}


def state(site: DemoSite, row: Row) -> Verification:
    return site.verification.get(row["registration_id"], Verification.UNVERIFIED)


# --- Determinism and size -------------------------------------------------------------------


def test_same_seed_and_day_build_the_same_site_whatever_the_global_random_state() -> None:
    random.seed(1)
    first = generate_demo_site(people=3_000, seed=11, today=TODAY)
    random.seed(2)
    second = generate_demo_site(people=3_000, seed=11, today=TODAY)
    assert first == second


def test_the_global_random_state_is_left_alone() -> None:
    before = random.getstate()
    generate_demo_site(people=500, seed=3, today=TODAY)
    assert random.getstate() == before


def test_another_seed_builds_another_site() -> None:
    first = generate_demo_site(people=500, seed=1, today=TODAY)
    second = generate_demo_site(people=500, seed=2, today=TODAY)
    assert first.rows != second.rows


@pytest.mark.parametrize("people", [0, 1, 2, 7, 1_001])
def test_exactly_the_people_asked_for(people: int) -> None:
    assert len(generate_demo_site(people=people, seed=5, today=TODAY).rows) == people


@pytest.mark.parametrize(
    ("people", "today"),
    [(-1, TODAY), (10, ENROLLMENT_LAST), (10, ENROLLMENT_LAST - timedelta(days=30))],
)
def test_refuses_a_negative_size_or_a_day_before_the_wind_down(people: int, today: date) -> None:
    with pytest.raises(ValueError):
        generate_demo_site(people=people, seed=5, today=today)


# --- Rows as an export holds them -------------------------------------------------------------


def test_every_row_has_every_column_in_order_as_text(site: DemoSite) -> None:
    for row in site.rows:
        assert tuple(row) == COLUMNS
        assert all(type(value) is str for value in row.values())


def test_registration_ids_are_unique(site: DemoSite) -> None:
    ids = [row["registration_id"] for row in site.rows]
    assert all(ids)
    assert len(set(ids)) == len(ids)


def test_a_numbers_are_unique_nine_digits_starting_with_0_or_2(site: DemoSite) -> None:
    digits = [a_number_digits(row["a_number"]) for row in site.rows]
    assert all(re.fullmatch(r"[02][0-9]{8}", d) for d in digits)
    assert len(set(digits)) == len(digits)


def test_about_a_fifth_of_a_numbers_are_written_in_other_forms(site: DemoSite) -> None:
    other = [row["a_number"] for row in site.rows if not re.fullmatch(r"[0-9]{9}", row["a_number"])]
    assert 0.15 < len(other) / len(site.rows) < 0.25
    assert any(text.startswith("A") for text in other)
    assert any(" " in text for text in other)
    assert any("-" in text for text in other)


@pytest.mark.slow
def test_a_numbers_stay_unique_across_a_full_size_site() -> None:
    rows = generate_demo_site(people=100_000, seed=2021, today=TODAY).rows
    assert len({a_number_digits(row["a_number"]) for row in rows}) == len(rows)


def test_names_are_spanish_with_accents_and_collide_as_at_a_real_site(site: DemoSite) -> None:
    names = [f"{row['given_names']} {row['paternal_surname']}" for row in site.rows]
    assert any(ch in name for name in names for ch in "áéíóúñÁÉÍÓÚÑ")
    assert all(row["maternal_surname"] for row in site.rows)
    same_name = Counter(names).most_common(1)[0][1]
    assert same_name >= 20  # "María Hernández": dozens at a real site of this size


def test_languages_follow_nationality(site: DemoSite) -> None:
    by_country: dict[str, set[str]] = {}
    for row in site.rows:
        by_country.setdefault(row["nationality"], set()).add(row["languages"])
    assert by_country["Brazil"] == {"pt"}
    assert {"quc;es", "mam;es", "kjb;es", "es"} <= by_country["Guatemala"]
    assert by_country["Honduras"] == {"es"}


def test_us_address_is_complete_or_blank(site: DemoSite) -> None:
    parts = ("us_address_street", "us_address_city", "us_address_state", "us_address_zip")
    filled = [row for row in site.rows if any(row[part] for part in parts)]
    assert filled
    for row in filled:
        assert all(row[part] for part in parts)
        assert re.fullmatch(r"[0-9]{5}", row["us_address_zip"])
        assert re.fullmatch(r"[A-Z]{2}", row["us_address_state"])


# --- Households ------------------------------------------------------------------------------


def test_households_have_one_to_seven_members_listed_together(site: DemoSite) -> None:
    groups = households(site)
    assert len({group[0]["household_id"] for group in groups}) == len(groups)
    sizes = Counter(len(group) for group in groups)
    assert set(sizes) == set(range(1, 8))
    assert sum(sizes[n] for n in range(1, 5)) > 0.8 * len(groups)


def test_household_members_share_what_a_family_shares(site: DemoSite) -> None:
    shared = ("mpp_enrollment_date", "appointment_date", "nationality", "us_address_street")
    for group in households(site):
        for column in shared:
            assert len({row[column] for row in group}) == 1, (group[0]["household_id"], column)


def test_children_carry_the_heads_paternal_surname(site: DemoSite) -> None:
    children = 0
    for head, *others in households(site):
        for row in others:
            if age_on(day(row["date_of_birth"]), day(row["mpp_enrollment_date"])) < 18:
                children += 1
                assert row["paternal_surname"] == head["paternal_surname"]
    assert children > 0.2 * len(site.rows)


def test_case_status_is_mostly_shared_by_the_household(site: DemoSite) -> None:
    groups = [group for group in households(site) if len(group) > 1]
    mixed = sum(len({row["case_status"] for row in group}) > 1 for group in groups)
    assert 0 < mixed < 0.1 * len(groups)


# --- Dates -----------------------------------------------------------------------------------


def test_enrollment_falls_within_mpp_and_after_birth(site: DemoSite) -> None:
    for row in site.rows:
        enrolled = day(row["mpp_enrollment_date"])
        assert ENROLLMENT_FIRST <= enrolled <= ENROLLMENT_LAST
        assert day(row["date_of_birth"]) < enrolled


def test_heads_were_adults_at_enrollment_and_nobody_is_over_100(site: DemoSite) -> None:
    for head, *_ in households(site):
        assert age_on(day(head["date_of_birth"]), day(head["mpp_enrollment_date"])) >= 18
    assert all(age_on(day(row["date_of_birth"]), TODAY) <= 100 for row in site.rows)


def test_appointments_fall_around_today(site: DemoSite) -> None:
    first = TODAY - timedelta(days=APPOINTMENT_DAYS_BEFORE)
    last = TODAY + timedelta(days=APPOINTMENT_DAYS_AFTER)
    given = [row["appointment_date"] for row in site.rows if row["appointment_date"]]
    assert 0.5 * len(site.rows) < len(given) < len(site.rows)
    # Households still at the site after an isolation begun earlier came on their day.
    arrived = arrival_days(site)
    around = set()
    for row in site.rows:
        ago = arrived.get(row["registration_id"], 0)
        if ago:
            assert day(row["appointment_date"]) == TODAY - timedelta(days=ago)
        elif row["appointment_date"]:
            around.add(row["appointment_date"])
    assert all(first <= day(text) <= last for text in around)
    assert {day(text) for text in around} == {
        first + timedelta(days=n) for n in range((last - first).days + 1)
    }


def test_about_one_household_in_fifteen_is_due_today(site: DemoSite) -> None:
    groups = households(site)
    due = sum(group[0]["appointment_date"] == TODAY.isoformat() for group in groups)
    assert 1 / 25 < due / len(groups) < 1 / 10


# --- Statuses and the facts recorded ---------------------------------------------------------


def test_case_statuses_in_roughly_the_reported_proportions(site: DemoSite) -> None:
    shares = Counter(row["case_status"] for row in site.rows)
    expected = {
        CaseStatus.PENDING: 0.60,
        CaseStatus.TERMINATED: 0.12,
        CaseStatus.IN_ABSENTIA: 0.20,
        CaseStatus.REMOVED_AFTER_HEARING: 0.05,
        CaseStatus.UNKNOWN: 0.03,
    }
    assert set(shares) == {status.value for status in expected}
    for status, share in expected.items():
        assert shares[status.value] / len(site.rows) == pytest.approx(share, abs=0.03)


def test_verification_states_in_roughly_the_planned_proportions(site: DemoSite) -> None:
    shares = Counter(state(site, row) for row in site.rows)
    expected = {
        Verification.UNVERIFIED: 0.40,
        Verification.SUBMITTED: 0.20,
        Verification.VERIFIED: 0.30,
        Verification.INELIGIBLE: 0.05,
        Verification.UNRESOLVED: 0.05,
    }
    for verification, share in expected.items():
        assert shares[verification] / len(site.rows) == pytest.approx(share, abs=0.03)
    assert Verification.UNVERIFIED not in set(site.verification.values())


def test_only_a_case_that_could_qualify_is_verified(site: DemoSite) -> None:
    not_qualifying = {CaseStatus.REMOVED_AFTER_HEARING.value, CaseStatus.UNKNOWN.value}
    removed = [row for row in site.rows if row["case_status"] in not_qualifying]
    assert removed
    assert all(state(site, row) is not Verification.VERIFIED for row in removed)
    ineligible = [row for row in site.rows if state(site, row) is Verification.INELIGIBLE]
    mostly = Counter(row["case_status"] for row in ineligible).most_common(1)[0][0]
    assert mostly == CaseStatus.REMOVED_AFTER_HEARING.value


def test_checked_in_people_are_verified_and_were_due(site: DemoSite) -> None:
    by_id = {row["registration_id"]: row for row in site.rows}
    assert site.checked_in
    for registration_id in site.checked_in:
        row = by_id[registration_id]
        assert site.verification[registration_id] is Verification.VERIFIED
        assert row["appointment_date"]
        assert day(row["appointment_date"]) <= TODAY


def test_households_check_in_whole_and_most_that_could_have(site: DemoSite) -> None:
    could = 0
    arrived = 0
    for group in households(site):
        inside = {row["registration_id"] in site.checked_in for row in group}
        assert len(inside) == 1, group[0]["household_id"]
        appointment = group[0]["appointment_date"]
        due = bool(appointment) and day(appointment) <= TODAY
        if due and all(state(site, row) is Verification.VERIFIED for row in group):
            could += 1
            arrived += inside == {True}
    assert arrived / could == pytest.approx(0.6, abs=0.1)


# --- Vulnerabilities -------------------------------------------------------------------------


def test_vulnerability_codes_are_known_and_fit_the_person(site: DemoSite) -> None:
    seen: set[str] = set()
    for row in site.rows:
        if not row["vulnerabilities"]:
            continue
        flags = row["vulnerabilities"].split(";")
        seen.update(flags)
        assert set(flags) <= set(VULNERABILITY_FLAGS)
        age = age_on(day(row["date_of_birth"]), TODAY)
        if "pregnancy" in flags:
            assert row["sex"] == "F"
            assert 15 <= age <= 45
        if "age_65_plus" in flags:
            assert age >= 65
        if "infant" in flags:
            assert age < 2
    assert {"pregnancy", "age_65_plus", "infant", "single_caregiver"} <= seen


def test_about_one_household_in_seven_has_a_vulnerability(site: DemoSite) -> None:
    groups = households(site)
    flagged = sum(any(row["vulnerabilities"] for row in group) for group in groups)
    assert flagged / len(groups) == pytest.approx(0.15, abs=0.03)
