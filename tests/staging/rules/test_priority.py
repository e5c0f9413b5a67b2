"""Who is offered seats first (DESIGN.md rule 3), tried on plain data."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from staging.domain import CaseStatus, Person
from staging.rules.policy import Policy
from staging.rules.priority import PriorityPolicy, household_priority, priority_queue
from tests.staging.rules.sample import TODAY, person

SITE = Policy()


def test_longest_waiting_household_comes_first() -> None:
    early = person(
        id="a", registration_id="A", household_id="h-early", mpp_enrollment_date=date(2019, 2, 1)
    )
    late = person(
        id="b", registration_id="B", household_id="h-late", mpp_enrollment_date=date(2020, 6, 1)
    )
    queue = priority_queue({"h-late": [late], "h-early": [early]}, TODAY, SITE)
    assert queue == ["h-early", "h-late"]


def test_vulnerable_household_goes_before_longer_waiting_one() -> None:
    waiting = person(id="a", registration_id="A", mpp_enrollment_date=date(2019, 2, 1))
    pregnant = person(
        id="b",
        registration_id="B",
        mpp_enrollment_date=date(2020, 6, 1),
        vulnerabilities=frozenset({"pregnancy"}),
    )
    households = {"h1": [waiting], "h2": [pregnant]}
    assert priority_queue(households, TODAY, SITE) == ["h2", "h1"]
    plain = Policy(priority=PriorityPolicy(vulnerable_first=False))
    assert priority_queue(households, TODAY, plain) == ["h1", "h2"]


def test_only_the_flags_the_site_chose_give_priority() -> None:
    waiting = person(id="a", registration_id="A", mpp_enrollment_date=date(2019, 2, 1))
    pregnant = person(
        id="b",
        registration_id="B",
        mpp_enrollment_date=date(2020, 6, 1),
        vulnerabilities=frozenset({"pregnancy"}),
    )
    medical_only = Policy(
        priority=PriorityPolicy(priority_flags=frozenset({"serious_medical_condition"}))
    )
    assert priority_queue({"h1": [waiting], "h2": [pregnant]}, TODAY, medical_only) == [
        "h1",
        "h2",
    ]


def test_age_gives_priority_without_a_flag() -> None:
    grandmother = person(
        id="g",
        registration_id="G",
        date_of_birth=date(1950, 1, 1),
        mpp_enrollment_date=date(2020, 9, 1),
    )
    younger = person(id="y", registration_id="Y", mpp_enrollment_date=date(2019, 2, 1))
    assert priority_queue({"h1": [younger], "h2": [grandmother]}, TODAY, SITE) == ["h2", "h1"]


def test_household_ranks_as_its_best_member() -> None:
    father = person(id="f", registration_id="F", mpp_enrollment_date=date(2020, 6, 1))
    infant = person(
        id="i",
        registration_id="I",
        date_of_birth=date(2020, 12, 1),
        mpp_enrollment_date=date(2020, 6, 1),
    )
    assert household_priority([father], TODAY)[0] == 1
    assert household_priority([father, infant], TODAY)[0] == 0


def test_households_with_no_one_eligible_leave_the_queue() -> None:
    removed = person(case_status=CaseStatus.REMOVED_AFTER_HEARING)
    assert priority_queue({"h1": [removed]}, TODAY, SITE) == []


people_lists = st.lists(
    st.builds(
        lambda n, d, v: person(
            id=f"p{n}",
            registration_id=f"R-{n}",
            mpp_enrollment_date=d,
            vulnerabilities=frozenset({"disability"}) if v else frozenset(),
        ),
        st.integers(0, 10_000),
        st.dates(date(2019, 1, 29), date(2021, 1, 20)),
        st.booleans(),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda p: p.registration_id,
)


@given(people_lists, st.randoms())
def test_queue_order_does_not_depend_on_input_order(people: list[Person], shuffler) -> None:
    households = {f"h-{p.registration_id}": [p] for p in people}
    shuffled = list(households.items())
    shuffler.shuffle(shuffled)
    assert priority_queue(dict(shuffled), TODAY, SITE) == priority_queue(households, TODAY, SITE)


@given(people_lists)
def test_queue_puts_every_vulnerable_household_before_the_rest(people: list[Person]) -> None:
    households = {f"h-{p.registration_id}": [p] for p in people}
    order = priority_queue(households, TODAY, SITE)
    flags = [bool(households[h][0].vulnerabilities) for h in order]
    assert flags == sorted(flags, reverse=True)
    for vulnerable in (True, False):
        dates = [
            households[h][0].mpp_enrollment_date
            for h in order
            if bool(households[h][0].vulnerabilities) is vulnerable
        ]
        assert dates == sorted(dates)
