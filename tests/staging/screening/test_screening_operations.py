"""Recording screenings against the records: outcome, isolation, privacy of the record."""

from __future__ import annotations

from datetime import timedelta

import pytest

from staging.domain import Role
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import PermissionDenied, Refused
from staging.isolation.operations import FollowUpEntry, record_follow_up, release
from staging.people import queries
from staging.rules import person_status
from staging.rules.screening import (
    Answers,
    AntigenResult,
    ClearanceBasis,
    ScreeningBlocker,
    Symptom,
)
from staging.screening.operations import ScreeningEntry, record_screening, review_screening
from staging.screening.queries import day_counts, medical_record, screening_queue
from staging.store.store import Actor
from tests.staging.screening.conftest import TODAY, Site, minutes_ago


def antigen(site: Site, person: str, result: AntigenResult, **changes) -> ScreeningEntry:
    values = dict(
        person_id=person,
        answers=Answers(),
        temperature=36.8,
        kit_lot_id=site.binax_lot,
        collected_at=minutes_ago(site.clock, 20),
        read_at=minutes_ago(site.clock, 0),
        result=result,
    )
    values.update(changes)
    return ScreeningEntry(**values)


def blockers(site: Site, person: str, viewer: Role = Role.SCREENER) -> tuple:
    record = queries.find_person(site.store, person)
    return person_status(
        queries.person_from_row(record), site.store.today(), site.store.policy(), viewer
    ).blockers


def test_negative_and_well_is_cleared_for_three_calendar_days(site: Site, screener: Actor) -> None:
    saved = record_screening(
        site.store, screener, antigen(site, site.adult, AntigenResult.NEGATIVE)
    )
    assert saved.value.outcome is Outcome.CLEARED
    assert saved.value.valid_through == TODAY + timedelta(days=3)
    assert ScreeningBlocker.NOT_SCREENED not in blockers(site, site.adult)


def test_a_positive_opens_isolation_and_holds_the_household(site: Site, screener: Actor) -> None:
    entry = antigen(site, site.adult, AntigenResult.POSITIVE, isolation_place_id=site.place)
    saved = record_screening(site.store, screener, entry).value
    assert saved.outcome is Outcome.ISOLATION and saved.episode_id
    assert ScreeningBlocker.IN_ISOLATION in blockers(site, site.adult)
    assert ScreeningBlocker.HOUSEHOLD_HELD in blockers(site, site.partner)
    # An intake user learns only that both are held.
    assert ScreeningBlocker.MEDICAL_HOLD in blockers(site, site.adult, Role.INTAKE)
    assert ScreeningBlocker.HOUSEHOLD_HELD not in blockers(site, site.partner, Role.INTAKE)


def test_isolation_to_release_and_rescreening_without_a_test(site: Site, screener: Actor) -> None:
    record_screening(site.store, screener, antigen(site, site.adult, AntigenResult.POSITIVE))
    site.clock.advance(timedelta(days=10))
    record_follow_up(site.store, screener, FollowUpEntry(site.adult, 36.6))
    release(site.store, screener, site.adult)
    assert ScreeningBlocker.RESCREENING_DUE in blockers(site, site.adult)
    assert ScreeningBlocker.HOUSEHOLD_HELD not in blockers(site, site.partner)
    with pytest.raises(Refused, match="No antigen retest"):
        record_screening(
            site.store,
            screener,
            antigen(site, site.adult, AntigenResult.NEGATIVE, test=ClearanceBasis.ANTIGEN),
        )
    saved = record_screening(
        site.store,
        screener,
        ScreeningEntry(site.adult, Answers(), 36.5, recovery_cleared_by="Dra. Ruiz"),
    ).value
    assert saved.outcome is Outcome.CLEARED
    assert not [b for b in blockers(site, site.adult) if isinstance(b, ScreeningBlocker)]


def test_negative_with_symptoms_waits_for_the_screeners_written_decision(
    site: Site, screener: Actor
) -> None:
    entry = antigen(
        site,
        site.adult,
        AntigenResult.NEGATIVE,
        answers=Answers(symptoms=frozenset({Symptom.COUGH}), onset=TODAY),
    )
    saved = record_screening(site.store, screener, entry).value
    assert saved.outcome is Outcome.CLINICAL_REVIEW
    assert next(w.why for w in screening_queue(site.store, screener, TODAY)) is (
        ScreeningBlocker.CLINICAL_REVIEW
    )
    with pytest.raises(Refused, match="Write why"):
        review_screening(site.store, screener, saved.screening_id, Outcome.CLEARED, " ")
    reviewed = review_screening(
        site.store, screener, saved.screening_id, Outcome.CLEARED, "Allergy, known for years"
    ).value
    assert reviewed.outcome is Outcome.CLEARED


def test_the_baby_is_screened_without_a_test(site: Site, screener: Actor) -> None:
    saved = record_screening(site.store, screener, ScreeningEntry(site.baby, Answers(), 36.9))
    assert saved.value.outcome is Outcome.CLEARED


def test_bad_input_is_refused_and_nothing_is_saved(site: Site, screener: Actor) -> None:
    def count() -> int:
        return site.store.db.execute("SELECT count(*) FROM screening").fetchone()[0]

    for entry, message in (
        (antigen(site, site.adult, AntigenResult.NEGATIVE, temperature=3.7), "not a body temp"),
        (antigen(site, site.adult, AntigenResult.NEGATIVE, temperature=377), "not a body temp"),
        (antigen(site, site.adult, AntigenResult.NEGATIVE, kit_lot_id=site.expired_lot), "expired"),
        (
            antigen(
                site,
                site.adult,
                AntigenResult.NEGATIVE,
                collected_at=minutes_ago(site.clock, 5),
            ),
            "read at 15 min",
        ),
        (
            antigen(
                site,
                site.adult,
                AntigenResult.NEGATIVE,
                answers=Answers(
                    symptoms=frozenset({Symptom.COUGH}), onset=TODAY + timedelta(days=1)
                ),
            ),
            "in the future",
        ),
    ):
        with pytest.raises(Refused, match=message):
            record_screening(site.store, screener, entry)
    assert count() == 0


def test_only_screeners_and_admins_read_a_record_and_each_read_is_audited(
    site: Site, screener: Actor, coordinator: Actor, intake: Actor
) -> None:
    record_screening(site.store, screener, antigen(site, site.adult, AntigenResult.NEGATIVE))
    for who in (coordinator, intake):
        with pytest.raises(PermissionDenied):
            medical_record(site.store, who, site.adult)
    before = site.store.db.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'medical_read'"
    ).fetchone()[0]
    record = medical_record(site.store, screener, site.adult)
    assert record.screenings[0]["temperature_c"] == 36.8
    after = site.store.db.execute(
        "SELECT user FROM audit_log WHERE entity = 'medical_read' ORDER BY seq DESC"
    ).fetchall()
    assert len(after) == before + 1 and after[0][0] == screener.user
    counts = day_counts(site.store, coordinator, TODAY)
    assert (counts.screened, counts.tested, counts.positive) == (1, 1, 0)
    with pytest.raises(PermissionDenied):
        day_counts(site.store, intake, TODAY)


def test_the_queue_puts_first_screenings_before_expired_clearances_and_skips_held_households(
    site: Site, screener: Actor
) -> None:
    record_screening(site.store, screener, antigen(site, site.partner, AntigenResult.NEGATIVE))
    site.clock.advance(timedelta(days=4))  # the partner's clearance has run out
    assert [
        (w.person.id, w.why) for w in screening_queue(site.store, screener, site.store.today())
    ] == [
        (site.adult, ScreeningBlocker.NOT_SCREENED),
        (site.baby, ScreeningBlocker.NOT_SCREENED),
        (site.partner, ScreeningBlocker.CLEARANCE_EXPIRED),
    ]
    positive = antigen(site, site.adult, AntigenResult.POSITIVE)
    record_screening(site.store, screener, positive)
    waiting = screening_queue(site.store, screener, site.store.today())
    # The baby still needs a first screening; the partner's clearance waits for the release.
    assert [(w.person.id, w.why) for w in waiting] == [(site.baby, ScreeningBlocker.NOT_SCREENED)]
