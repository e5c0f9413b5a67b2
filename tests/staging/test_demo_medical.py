"""The demo site's medical journal: every screening and isolation screen has something to show,
recorded through the operations on the days it happened, and the same for a seed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from staging.audit.integrity import audit_site
from staging.clock import FrozenClock, site_date
from staging.demo.build import create_demo_site
from staging.domain import Role
from staging.domain import ScreeningOutcome as Outcome
from staging.errors import Refused
from staging.isolation.board import BoardRow, isolation_board
from staging.people import queries
from staging.rules import person_status
from staging.rules.screening import Answers, AntigenResult, ScreeningBlocker
from staging.screening.operations import ScreeningEntry, record_screening
from staging.screening.queries import screening_queue
from staging.screening.supplies import isolation_places, lot_choices
from staging.security.access import Session
from staging.store.store import Actor

MOMENT = datetime(2021, 3, 1, 18, 0, tzinfo=UTC)  # 10:00 in Tijuana
TODAY = date(2021, 3, 1)
SCREENER = Actor("screener", Role.SCREENER)
ZONE = "America/Tijuana"


def build(folder: Path) -> Session:
    return create_demo_site(folder / "site.db", people=300, seed=3, clock=FrozenClock(MOMENT))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    session = build(tmp_path_factory.mktemp("medical-demo"))
    yield session
    session.close()


@pytest.fixture(scope="module")
def board(demo: Session) -> list[BoardRow]:
    return isolation_board(demo.store, SCREENER, MOMENT, TODAY)


def blockers(demo: Session) -> dict[str, tuple]:
    """What medical matters stand before each checked-in person, as the screener sees them."""
    store = demo.store
    return {
        record["id"]: tuple(
            blocker
            for blocker in person_status(
                queries.person_from_row(record), TODAY, store.policy(), Role.SCREENER
            ).blockers
            if isinstance(blocker, ScreeningBlocker)
        )
        for record in queries.person_records(store.db, "checked_in")
    }


def arrived_today(demo: Session) -> set[str]:
    return {
        person_id
        for person_id, at in demo.store.db.execute("SELECT person_id, checked_in_at FROM check_in")
        if site_date(datetime.fromisoformat(at), ZONE) == TODAY
    }


def journal(demo: Session) -> tuple[list, list, list]:
    """The medical facts by registration id, without the ids made at random."""
    db = demo.store.db
    screenings = db.execute(
        "SELECT p.registration_id, s.kind, s.screened_on, s.test, s.result, s.outcome, "
        "s.temperature_c FROM screening s JOIN person p ON p.id = s.person_id "
        "ORDER BY p.registration_id, s.screened_at, s.kind"
    ).fetchall()
    episodes = db.execute(
        "SELECT p.registration_id, e.started_on, e.onset_on, e.released_on, pl.name "
        "FROM isolation_episode e JOIN person p ON p.id = e.person_id "
        "LEFT JOIN isolation_place pl ON pl.id = e.place_id ORDER BY p.registration_id"
    ).fetchall()
    follow_ups = db.execute(
        "SELECT p.registration_id, f.recorded_on, f.temperature_c, f.warning_signs "
        "FROM isolation_follow_up f JOIN person p ON p.id = f.person_id "
        "ORDER BY p.registration_id, f.recorded_at"
    ).fetchall()
    return screenings, episodes, follow_ups


# --- today's arrivals and the screening queue ---------------------------------------------------


def test_most_of_todays_arrivals_are_cleared_and_some_wait_for_the_screener(
    demo: Session,
) -> None:
    today = arrived_today(demo)
    standing = blockers(demo)
    cleared = [p for p in today if not standing[p]]
    not_screened = [p for p in today if ScreeningBlocker.NOT_SCREENED in standing[p]]
    assert len(cleared) > 0.6 * len(today)
    assert not_screened


def test_the_queue_has_first_screenings_reviews_retests_and_a_re_screening(
    demo: Session,
) -> None:
    waiting = screening_queue(demo.store, SCREENER, TODAY)
    reasons = [w.why for w in waiting]
    assert reasons.count(ScreeningBlocker.CLINICAL_REVIEW) >= 2
    assert ScreeningBlocker.RETEST_NEEDED in reasons
    assert ScreeningBlocker.NOT_SCREENED in reasons
    assert ScreeningBlocker.RESCREENING_DUE in reasons
    # Decisions waiting on the screener come first.
    assert reasons[0] is ScreeningBlocker.CLINICAL_REVIEW


def test_a_negative_test_with_symptoms_was_reviewed_and_decided_in_writing(
    demo: Session,
) -> None:
    reviewed = demo.store.db.execute(
        "SELECT outcome, note FROM screening WHERE kind = 'review'"
    ).fetchall()
    assert [outcome for outcome, _ in reviewed] == [Outcome.CLEARED]
    assert all(note for _, note in reviewed)


# --- isolation --------------------------------------------------------------------------------


def test_isolations_began_on_each_of_the_last_twelve_days_and_today(
    board: list[BoardRow],
) -> None:
    began = {row.episode.started_on for row in board}
    assert began == {TODAY - timedelta(days=n) for n in range(13)}
    # Followed up daily from the day after it began (today's round is under way).
    followed = [row for row in board if row.episode.started_on < TODAY - timedelta(days=1)]
    assert all(row.last_follow_up is not None for row in followed)


def test_the_board_shows_an_urgent_sign_an_overdue_follow_up_and_people_who_may_go(
    board: list[BoardRow],
) -> None:
    assert board[0].urgent
    assert max(row.overdue_days for row in board) >= 2
    assert any(row.due_today and not row.overdue_days for row in board)
    assert any(not row.due_today for row in board)  # followed up this morning already
    assert any(row.release_candidate for row in board)
    assert {row.place for row in board} - {None}
    assert None in {row.place for row in board}  # begun today: no place assigned yet


def test_the_households_of_people_in_isolation_are_held(
    demo: Session, board: list[BoardRow]
) -> None:
    standing = blockers(demo)
    isolated = {row.person.id for row in board}
    held = [p for p, found in standing.items() if ScreeningBlocker.HOUSEHOLD_HELD in found]
    assert held
    assert not set(held) & isolated
    households = {row.person.household_id for row in board}
    members = queries.person_records(demo.store.db, "checked_in")
    for record in members:
        if record["household_id"] in households and record["id"] not in isolated:
            assert record["id"] in held


def test_people_released_after_isolation_were_re_screened_without_a_new_test(
    demo: Session,
) -> None:
    standing = blockers(demo)
    rescreened = demo.store.db.execute(
        "SELECT s.person_id, s.outcome, s.recovery_cleared_by, e.released_on "
        "FROM screening s JOIN isolation_episode e ON e.person_id = s.person_id "
        "WHERE s.test = 'recovery'"
    ).fetchall()
    assert len(rescreened) >= 2
    for person_id, outcome, cleared_by, released_on in rescreened:
        assert outcome == Outcome.CLEARED and cleared_by
        assert date.fromisoformat(released_on) < TODAY
        assert standing[person_id] == ()
    due = [p for p, found in standing.items() if ScreeningBlocker.RESCREENING_DUE in found]
    assert len(due) == 1


# --- supplies -----------------------------------------------------------------------------------


def test_an_extended_lot_is_usable_and_an_expired_one_is_refused(demo: Session) -> None:
    store = demo.store
    choices = lot_choices(store, TODAY)
    extended = [c.lot for c in choices if c.lot.extended_expires_on]
    assert len(extended) == 1
    assert extended[0].kit.name.startswith("BinaxNOW")
    assert extended[0].expires_on < TODAY < extended[0].usable_through
    assert extended[0].extension_notice.startswith("Abbott notice of extension")
    expired = choices[-1]
    assert expired.lot.usable_through < TODAY
    waiting = next(
        w for w in screening_queue(store, SCREENER, TODAY) if w.why is ScreeningBlocker.NOT_SCREENED
    )
    entry = ScreeningEntry(
        person_id=waiting.person.id,
        answers=Answers(),
        temperature=36.7,
        kit_lot_id=expired.id,
        collected_at=MOMENT - timedelta(minutes=20),
        read_at=MOMENT,
        result=AntigenResult.NEGATIVE,
    )
    with pytest.raises(Refused, match="expired"):
        record_screening(store, SCREENER, entry)


def test_people_isolate_in_named_places_in_tijuana(demo: Session) -> None:
    places = isolation_places(demo.store)
    assert 2 <= len(places) <= 3
    assert all("Tijuana" in place["address"] for place in places)


# --- how the journal was written ---------------------------------------------------------------


def test_the_journal_was_recorded_on_its_days_through_the_audited_write_path(
    demo: Session,
) -> None:
    db = demo.store.db
    days = {date.fromisoformat(d) for (d,) in db.execute("SELECT screened_on FROM screening")}
    assert min(days) <= TODAY - timedelta(days=13) and max(days) == TODAY
    screeners = {u for (u,) in db.execute("SELECT DISTINCT screened_by FROM screening")}
    assert screeners == {"screener"}
    audit = audit_site(demo.store, demo.audit_keys())
    assert audit.findings == []
    assert audit.intact


def test_the_same_seed_records_the_same_journal(demo: Session, tmp_path: Path) -> None:
    again = build(tmp_path)
    try:
        assert journal(again) == journal(demo)
    finally:
        again.close()
