"""Merging two registrations of one person: everything of both is kept for the person kept,
and the registration merged away finds them but is in no list."""

from __future__ import annotations

from pathlib import Path

import pytest

from staging.audit.chain import verify_chain
from staging.audit.integrity import data_differences
from staging.clock import site_day_start
from staging.domain import Role, Verification
from staging.duplicates.operations import (
    COPIED_FACTS,
    MERGE_FACT,
    MOVED_RECORDS,
    MergeNeedsConfirmation,
    dismiss,
    merge,
)
from staging.duplicates.queries import PairDecided, open_count, open_pairs, pair_view
from staging.errors import PermissionDenied, Refused
from staging.intake import queries as intake
from staging.intake.walk_ins import WalkIn, possible_matches, register_walk_ins
from staging.isolation.board import isolation_board
from staging.isolation.operations import FollowUpEntry, follow_ups_of, record_follow_up
from staging.paperwork.operations import record_legal_orientation
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import Action, person_status
from staging.rules.duplicates import MergeChoiceRefused
from staging.rules.screening import AntigenResult, ScreeningBlocker, ScreeningStage
from staging.rules.transport import Vehicle
from staging.screening.queries import day_counts
from staging.store.store import Actor
from staging.store.tables import TABLES
from staging.transport.operations import add_trip, add_vehicle
from staging.transport.planning import waiting_households
from staging.verification.operations import record_verification
from staging.wristbands.operations import issue_bands
from tests.conftest import audit_keys, registration_row, write_registrations
from tests.staging.duplicates.conftest import TODAY, Pair, arrive, complete_form, screen


def row_counts(pair: Pair) -> dict[str, int]:
    db = pair.store.db
    return {table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}


def ids_of(pair: Pair, table: str, person_id: str) -> set[str]:
    key = TABLES[table].key
    return {
        row[0]
        for row in pair.store.db.execute(
            f"SELECT {key} FROM {table} WHERE person_id = ?", [person_id]
        )
    }


def status(pair: Pair, person_id: str, viewer: Role = Role.ADMIN):
    person = queries.person_from_row(queries.find_person(pair.store, person_id))
    return person, person_status(person, TODAY, pair.store.policy(), viewer)


def put_on_trip(pair: Pair, actor: Actor, *person_ids: str, boarded: str = "") -> str:
    """Seats on a new trip today (written as the planner writes them), one of them boarded."""
    store = pair.store
    van = add_vehicle(store, actor, Vehicle(f"Van {len(person_ids)}{boarded}", 4, 3)).value
    trip = add_trip(store, actor, TODAY, "SYS", "07:30", van).value
    with store.write(actor, Action.PLAN_TRANSPORT) as work:
        for number, person_id in enumerate(person_ids, start=1):
            household = queries.find_person(store, person_id)["household_id"]
            work.insert(
                "roster_entry",
                {
                    "trip_id": trip,
                    "person_id": person_id,
                    "household_id": household,
                    "seat": f"{number}A",
                    "status": "boarded" if person_id == boarded else "planned",
                    "created_at": work.at,
                    "updated_at": work.at,
                },
            )
            if person_id == boarded:
                work.insert(
                    "boarding",
                    {
                        "trip_id": trip,
                        "person_id": person_id,
                        "boarded_at": work.at,
                        "boarded_by": actor.user,
                        "mask": "own",
                        "instructions_given": 1,
                    },
                )
    return trip


def test_every_table_that_names_a_person_is_copied_moved_or_the_merge_itself(pair: Pair) -> None:
    db = pair.store.db
    naming = {
        table
        for table in TABLES
        if any(column[1] == "person_id" for column in db.execute(f"PRAGMA table_info({table})"))
    }
    assert naming == {*COPIED_FACTS, *MOVED_RECORDS, MERGE_FACT}
    assert all(TABLES[table].merge == "fact" for table in COPIED_FACTS)
    assert all(TABLES[table].merge == "fields" for table in MOVED_RECORDS)


def test_the_person_kept_has_every_fact_of_both_and_nothing_is_lost(
    pair: Pair, coordinator: Actor, screener: Actor, admin: Actor
) -> None:
    store = pair.store
    kept, away = pair.first, pair.second
    record_verification(store, coordinator, [kept], Verification.VERIFIED)
    complete_form(pair, coordinator, kept)
    record_legal_orientation(store, coordinator, [kept], TODAY, "Al Otro Lado")
    arrive(pair, coordinator, away)
    code = issue_bands(store, coordinator, [away]).value[away]
    screen(pair, screener, away, AntigenResult.POSITIVE)
    record_follow_up(store, screener, FollowUpEntry(away, 37.1))
    before = row_counts(pair)
    facts_before = {
        table: (ids_of(pair, table, kept), ids_of(pair, table, away)) for table in COPIED_FACTS
    }
    every_id_before = {
        table: {r[0] for r in store.db.execute(f"SELECT {TABLES[table].key} FROM {table}")}
        for table in TABLES
    }
    assert open_count(store) == 1

    done = merge(store, coordinator, pair.duplicate, keep=kept, take_other={"phone"})

    merged = done.value
    assert (merged.kept_id, merged.merged_id, merged.taken) == (kept, away, ("phone",))
    assert merged.copied == {
        "check_in": 1,
        "screening": 1,
        "isolation_follow_up": 1,
    }
    assert merged.moved == {"isolation_episode": 1, "wristband": 1}
    # Nothing of either person is lost: every row is still there, facts were added.
    after = row_counts(pair)
    for table in TABLES:
        ids_now = {r[0] for r in store.db.execute(f"SELECT {TABLES[table].key} FROM {table}")}
        assert every_id_before[table] <= ids_now, table
    assert after["person"] == before["person"]
    assert after["person_merge"] == before["person_merge"] + 1
    for table, (own, other) in facts_before.items():
        assert ids_of(pair, table, away) == other, table
        assert len(ids_of(pair, table, kept)) == len(own) + len(other), table
    # The person kept stands where both registrations' facts put them.
    person, seen = status(pair, kept)
    assert person.checked_in and person.verification is Verification.VERIFIED
    assert person.health.in_isolation and person.paperwork.eoir33_completed
    assert person.paperwork.legal_orientation_on == TODAY
    assert seen.stage is ScreeningStage.IN_ISOLATION
    assert queries.find_person(store, kept)["phone"] == "+52 664 555 0202"
    assert [
        row.person.id for row in isolation_board(store, screener, store.clock.now(), TODAY)
    ] == [kept]
    episode = store.db.execute(
        "SELECT id FROM isolation_episode WHERE person_id = ?", [kept]
    ).fetchone()[0]
    assert len(follow_ups_of(store, episode)) == 1
    # The registration merged away finds the person kept, wherever it is typed or scanned.
    for reference in ("REG-0002", "reg-0002", away, "A-200000002", code):
        assert intake.resolve_scan(store, reference)["id"] == kept, reference
    assert [hit.person.id for hit in queries.search_people(store, "REG-0002")] == [kept]
    # …and is in no list, no count.
    assert queries.search_people(store, "Pérez2") == []
    assert queries.count_people(store) == 2
    assert {r["id"] for r in intake.everyone(store, 0, 50)} == {kept, pair.partner}
    assert [r["id"] for r in intake.expected_today(store, TODAY)] == [kept]
    day_start = site_day_start(store.clock, store.policy().site.timezone).isoformat()
    counts = intake.desk_counts(store, TODAY, day_start)
    assert (counts.expected_today, counts.arrived_today, counts.everyone) == (1, 1, 2)
    queue = queries.priority_queue_view(store, TODAY, store.policy())
    assert away not in {p.id for household in queue for p in household.members}
    waiting = waiting_households(store, TODAY)
    assert [w.household_id for w in waiting] == [person.household_id]
    assert day_counts(store, coordinator, TODAY).screened == 1
    assert open_pairs(store) == [] and open_count(store) == 0
    assert queries.open_possible_duplicates(store, kept) == []
    # Audited, and the audit log still proves every row.
    audited = store.db.execute(
        "SELECT count(*) FROM audit_log WHERE action LIKE 'merge_people:%'"
    ).fetchone()[0]
    assert audited == 1 + 3 + 2 + 2  # the person, the facts, the records, merge and pair
    assert verify_chain(queries.audit_entries(store.db), audit_keys(store)).intact
    assert data_differences(store.db) == []
    assert store.search_index_problem() is None


def test_a_chosen_a_number_is_swapped_so_both_still_find_the_person_kept(
    pair: Pair, coordinator: Actor
) -> None:
    store = pair.store
    merge(store, coordinator, pair.duplicate, keep=pair.first, take_other={"a_number", "phone"})
    numbers = dict(store.db.execute("SELECT id, a_number FROM person"))
    assert (numbers[pair.first], numbers[pair.second]) == ("200000002", "200000001")
    for number in ("200000001", "A 200-000-002"):
        assert queries.find_person(store, number)["id"] == pair.first


def test_a_screening_that_corrects_another_is_copied_naming_the_copy(
    pair: Pair, coordinator: Actor, screener: Actor
) -> None:
    store = pair.store
    arrive(pair, coordinator, pair.second)
    wrong = screen(pair, screener, pair.second, AntigenResult.POSITIVE)
    screen(pair, screener, pair.second, AntigenResult.NEGATIVE, corrects=wrong)
    merge(store, coordinator, pair.duplicate, keep=pair.first)
    copies = queries.rows(
        store.db, "SELECT id, corrects_id, result FROM screening WHERE person_id = ?", [pair.first]
    )
    by_result = {row["result"]: row for row in copies}
    assert by_result["negative"]["corrects_id"] == by_result["positive"]["id"] != wrong
    person, _ = status(pair, pair.first)
    assert person.health.tested_negative_on == TODAY and not person.health.in_isolation


def test_seats_move_to_the_person_kept_and_one_person_keeps_one_seat(
    pair: Pair, coordinator: Actor
) -> None:
    store = pair.store
    first_trip = put_on_trip(pair, coordinator, pair.first, pair.second, boarded=pair.second)
    second_trip = put_on_trip(pair, coordinator, pair.second)
    done = merge(store, coordinator, pair.duplicate, keep=pair.first, take_other={"household_id"})
    assert done.value.moved["roster_entry"] == 1
    assert done.value.copied["boarding"] == 1
    seats = queries.rows(
        store.db,
        "SELECT trip_id, person_id, household_id, status FROM roster_entry ORDER BY trip_id",
    )
    household = queries.find_person(store, pair.first)["household_id"]
    assert household == queries.find_person(store, pair.partner)["household_id"]
    on_first = {(s["person_id"], s["status"]) for s in seats if s["trip_id"] == first_trip}
    assert on_first == {(pair.first, "boarded"), (pair.second, "removed")}
    assert [(s["person_id"], s["household_id"]) for s in seats if s["trip_id"] == second_trip] == [
        (pair.first, household)
    ]


def test_both_checked_in_is_merged_only_once_confirmed(pair: Pair, coordinator: Actor) -> None:
    store = pair.store
    arrive(pair, coordinator, pair.first, pair.second)
    before = row_counts(pair)
    with pytest.raises(MergeNeedsConfirmation) as refused:
        merge(store, coordinator, pair.duplicate, keep=pair.second)
    assert row_counts(pair) == before
    error = refused.value
    for text in (error.message_en, error.message_es):
        assert "REG-0001" in text and "REG-0002" in text
    assert "checked in" in error.message_en and "llegó al sitio" in error.message_es
    merge(store, coordinator, pair.duplicate, keep=pair.second, confirmed=True)
    assert queries.find_person(store, "REG-0001")["id"] == pair.second
    assert store.db.execute("SELECT count(*) FROM check_in WHERE person_id = ?", [pair.second])


def test_choices_that_do_not_fit_the_pair_change_nothing(pair: Pair, coordinator: Actor) -> None:
    before = row_counts(pair)
    with pytest.raises(MergeChoiceRefused):
        merge(pair.store, coordinator, pair.duplicate, keep=pair.partner)
    with pytest.raises(MergeChoiceRefused, match="do not differ in: Sex"):
        merge(pair.store, coordinator, pair.duplicate, keep=pair.first, take_other={"sex"})
    assert row_counts(pair) == before


def test_a_dismissed_pair_is_decided_and_cannot_be_decided_again(
    pair: Pair, intake: Actor, coordinator: Actor
) -> None:
    store = pair.store
    dismiss(store, intake, pair.duplicate)
    row = queries.rows(store.db, "SELECT * FROM possible_duplicate")[0]
    assert (row["status"], row["decided_by"]) == ("dismissed", "ivan")
    assert row["decided_at"] is not None
    assert open_pairs(store) == []
    assert pair_view(store, coordinator, pair.duplicate).status == "dismissed"
    with pytest.raises(PairDecided) as again:
        dismiss(store, coordinator, pair.duplicate)
    assert "ivan" in again.value.message_en and "ivan" in again.value.message_es
    with pytest.raises(PairDecided):
        merge(store, coordinator, pair.duplicate, keep=pair.first)
    assert queries.count_people(store) == 3


def test_intake_may_say_not_the_same_person_but_not_merge(pair: Pair, intake: Actor) -> None:
    with pytest.raises(PermissionDenied) as refused:
        merge(pair.store, intake, pair.duplicate, keep=pair.first)
    assert "fusionar dos registros" in refused.value.message_es


def test_merges_chain_and_every_old_id_finds_the_last_person_kept(
    pair: Pair, coordinator: Actor, tmp_path: Path
) -> None:
    store = pair.store
    third = write_registrations(tmp_path / "otra.csv", [registration_row(4, household_id="H-4")])
    assert import_registrations(store, coordinator, third).possible_duplicates == 2
    fourth = queries.find_person(store, "REG-0004")["id"]
    merge(store, coordinator, pair.duplicate, keep=pair.second)
    # REG-0001's pair with REG-0004 went to REG-0002, who had one already: one pair is left.
    [left] = open_pairs(store)
    assert {left.first.id, left.second.id} == {pair.second, fourth}
    merge(store, coordinator, left.id, keep=fourth)
    for reference in ("REG-0001", pair.first, "200000001", "REG-0002", "200000002"):
        assert queries.find_person(store, reference)["id"] == fourth, reference
        if reference != pair.first:  # search-as-you-type is not asked for internal ids
            assert [h.person.id for h in queries.search_people(store, reference)] == [fourth]
    assert queries.count_people(store) == 2


def test_a_walk_in_with_a_merged_away_a_number_is_the_person_kept(
    pair: Pair, coordinator: Actor
) -> None:
    store = pair.store
    merge(store, coordinator, pair.duplicate, keep=pair.first)
    walk_in = WalkIn("Pedro", "Ramírez", TODAY.replace(year=1970), a_number="200000002")
    assert [r["id"] for r in possible_matches(store, walk_in, store.policy())] == [pair.first]
    with pytest.raises(Refused, match="registration REG-0001"):
        register_walk_ins(store, coordinator, [walk_in])


def test_the_side_by_side_view_shows_a_coordinator_no_medical_detail(
    pair: Pair, coordinator: Actor, screener: Actor
) -> None:
    store = pair.store
    complete_form(pair, coordinator, pair.first)
    arrive(pair, coordinator, pair.second)
    code = issue_bands(store, coordinator, [pair.second]).value[pair.second]
    screen(pair, screener, pair.second, AntigenResult.POSITIVE)
    view = pair_view(store, coordinator, pair.duplicate)
    assert view.differing == (
        "household_id",
        "paternal_surname",
        "a_number",
        "phone",
        "us_address_street",
        "us_address_city",
        "us_address_state",
        "us_address_zip",
    )
    household = next(row for row in view.fields if row.name == "household_id")
    assert (household.first, household.second) == ("H-1", "H-2")
    first, second = view.standing(pair.first), view.standing(pair.second)
    assert (first.eoir33, first.checked_in_at, first.screened) == ("complete", None, False)
    assert second.checked_in_at is not None and second.screened
    assert second.wristbands == (code,)
    assert second.status.stage is ScreeningStage.SCREENED
    assert ScreeningBlocker.MEDICAL_HOLD in second.status.blockers
    assert ScreeningBlocker.IN_ISOLATION not in second.status.blockers
    assert view.suggested_keep == pair.second and not view.needs_confirmation
    medical = pair_view(store, Actor("admin", Role.ADMIN), pair.duplicate)
    assert medical.standing(pair.second).status.stage is ScreeningStage.IN_ISOLATION


def test_the_list_of_pairs_names_both_people_oldest_first(pair: Pair) -> None:
    [found] = open_pairs(pair.store)
    assert found.id == pair.duplicate and found.score >= 88
    assert {found.first.registration_id, found.second.registration_id} == {"REG-0001", "REG-0002"}
    assert {found.first.household, found.second.household} == {"H-1", "H-2"}
    assert found.first.name.startswith("José Luis Pérez")
