"""The intake desk's operations through the core: scan, household check-in, walk-ins, bands."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from staging.domain import Role, Verification
from staging.errors import PermissionDenied, Refused, UserError
from staging.intake.operations import check_in, update_contact
from staging.intake.queries import resolve_scan
from staging.intake.walk_ins import WalkIn, possible_matches, register_walk_ins
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import ArrivalBlocker, EligibilityBlocker, StopSign, person_status
from staging.store.store import Actor, Store
from staging.verification.operations import record_verification
from staging.wristbands.operations import issue_bands
from tests.conftest import registration_row, write_registrations

# Tests about what a check-in records, not about its stop signs: the volunteer confirmed them.
EVERY_SIGN = frozenset(StopSign)


@pytest.fixture
def site(store: Store, coordinator: Actor, tmp_path: Path) -> Store:
    rows = [
        registration_row(
            1,
            given_names="María",
            paternal_surname="Ñúñez",
            household_id="F-1",
            date_of_birth="1990-05-04",
        ),
        registration_row(
            2,
            given_names="Ángel",
            paternal_surname="Ñúñez",
            household_id="F-1",
            date_of_birth="2015-01-12",
        ),
        registration_row(3, given_names="Rosa", paternal_surname="Mejía", household_id="F-2"),
    ]
    import_registrations(store, coordinator, write_registrations(tmp_path / "l.csv", rows))
    return store


def test_scan_finds_by_band_a_number_or_registration(site: Store, intake: Actor) -> None:
    maria = queries.find_person(site, "REG-0001")
    code = issue_bands(site, intake, [maria["id"]]).value[maria["id"]]
    assert resolve_scan(site, code)["id"] == maria["id"]
    assert resolve_scan(site, code.lower())["id"] == maria["id"]
    assert resolve_scan(site, "A200000001")["id"] == maria["id"]
    assert resolve_scan(site, "reg-0001")["id"] == maria["id"]
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert resolve_scan(site, broken) is None


def test_reprinted_band_replaces_the_old_one(site: Store, intake: Actor) -> None:
    maria = queries.find_person(site, "REG-0001")["id"]
    old = issue_bands(site, intake, [maria]).value[maria]
    new = issue_bands(site, intake, [maria]).value[maria]
    assert old != new
    assert resolve_scan(site, old) is None
    assert resolve_scan(site, new)["id"] == maria


def test_household_check_in_counts_once(site: Store, intake: Actor) -> None:
    family = queries.household_records(site, queries.find_person(site, "REG-0001")["household_id"])
    ids = [r["id"] for r in family]
    assert check_in(site, intake, ids, EVERY_SIGN).value == ids
    assert check_in(site, intake, ids, EVERY_SIGN).value == []
    person = queries.person_from_row(queries.find_person(site, "REG-0002"))
    status = person_status(person, site.today(), site.policy(), Role.COORDINATOR)
    assert ArrivalBlocker.NOT_CHECKED_IN not in status.blockers


def test_walk_in_is_registered_as_verification_needed(site: Store, intake: Actor) -> None:
    walk_in = WalkIn(
        "Julián", "Zelaya", date(1984, 2, 29), maternal_surname="Ortiz", a_number="A 203-111-222"
    )
    [person_id] = register_walk_ins(site, intake, [walk_in]).value
    record = queries.find_person(site, person_id)
    assert record["source"] == "walk_in"
    assert record["a_number"] == "203111222"
    person = queries.person_from_row(record)
    status = person_status(person, site.today(), site.policy(), Role.COORDINATOR)
    assert status.blockers[0] is EligibilityBlocker.CASE_STATUS_UNKNOWN


def test_walk_in_matching_someone_registered_is_shown_first(site: Store) -> None:
    same_person = WalkIn("MARIA", "NUNEZ", date(1990, 5, 4), maternal_surname="Gomez")
    matches = possible_matches(site, same_person, site.policy())
    assert [m["registration_id"] for m in matches] == ["REG-0001"]
    by_a_number = WalkIn("Otra", "Persona", date(2000, 1, 1), a_number="200000003")
    assert [m["registration_id"] for m in possible_matches(site, by_a_number, site.policy())] == [
        "REG-0003"
    ]
    stranger = WalkIn("Julián", "Zelaya", date(1984, 2, 29))
    assert possible_matches(site, stranger, site.policy()) == []


def test_walk_in_with_a_bad_a_number_saves_nothing(site: Store, intake: Actor) -> None:
    before = site.db.execute("SELECT count(*) FROM person").fetchone()[0]
    with pytest.raises(UserError) as refused:
        register_walk_ins(site, intake, [WalkIn("Ana", "Cruz", date(1990, 1, 1), a_number="12")])
    assert "8 or 9" in refused.value.message_en
    assert site.db.execute("SELECT count(*) FROM person").fetchone()[0] == before


def test_contact_edit_is_audited_and_identity_is_not_editable(site: Store, intake: Actor) -> None:
    maria = queries.find_person(site, "REG-0001")["id"]
    assert update_contact(site, intake, maria, {"phone": " +52 664 000 0000 "}).value
    assert not update_contact(site, intake, maria, {"phone": "+52 664 000 0000"}).value
    trail = queries.audit_entries_for(site.db, [maria])
    assert json.loads(trail[-1]["before"])["phone"] == "+52 664 555 0101"
    assert json.loads(trail[-1]["after"])["phone"] == "+526640000000"
    assert trail[-1]["user"] == "ivan"
    assert len(trail) == 2
    with pytest.raises(UserError):
        update_contact(site, intake, maria, {"a_number": "200000009"})


def test_screeners_cannot_register_walk_ins(site: Store) -> None:
    from staging.domain import Role

    with pytest.raises(PermissionDenied):
        register_walk_ins(
            site, Actor("sara", Role.SCREENER), [WalkIn("Ana", "Cruz", date(1990, 1, 1))]
        )


def test_desk_counts_follow_the_site_day(site: Store, intake: Actor, clock) -> None:
    from staging.clock import site_day_start
    from staging.intake.queries import arrived_since, desk_counts

    rosa = queries.find_person(site, "REG-0003")["id"]
    check_in(site, intake, [rosa], EVERY_SIGN)
    start = site_day_start(clock, "America/Tijuana").isoformat(timespec="milliseconds")
    counts = desk_counts(site, site.today(), start)
    assert (counts.arrived_today, counts.everyone) == (1, 3)
    assert [r["registration_id"] for r in arrived_since(site, start)] == ["REG-0003"]
    clock.advance(timedelta(days=1))
    tomorrow = site_day_start(clock, "America/Tijuana").isoformat(timespec="milliseconds")
    assert desk_counts(site, site.today(), tomorrow).arrived_today == 0


def test_everyone_comes_a_page_at_a_time(site: Store) -> None:
    from staging.intake.queries import everyone

    rows = everyone(site, 0, 2) + everyone(site, 2, 10)
    assert len({r["id"] for r in rows}) == len(rows) == 3
    households = [r["household_external_id"] for r in rows]
    assert households == sorted(households)


def test_cards_reuse_the_band_being_worn(site: Store, intake: Actor) -> None:
    from staging.wristbands.operations import card_codes

    maria, rosa = (queries.find_person(site, r)["id"] for r in ("REG-0001", "REG-0003"))
    band = issue_bands(site, intake, [maria]).value[maria]
    codes = card_codes(site, intake, [maria, rosa]).value
    assert codes[maria] == band
    assert resolve_scan(site, band)["id"] == maria
    assert resolve_scan(site, codes[rosa])["id"] == rosa


def test_walk_in_born_in_the_future_is_refused(site: Store, intake: Actor) -> None:
    with pytest.raises(UserError) as refused:
        register_walk_ins(site, intake, [WalkIn("Ana", "Cruz", date(2099, 1, 1))])
    assert "future" in refused.value.message_en


def test_walk_in_with_an_a_number_already_registered_is_refused(site: Store, intake: Actor) -> None:
    with pytest.raises(UserError) as refused:
        register_walk_ins(
            site, intake, [WalkIn("Ana", "Cruz", date(1990, 1, 1), a_number="200000003")]
        )
    assert "REG-0003" in refused.value.message_en
    twins = [
        WalkIn("Ana", "Cruz", date(1990, 1, 1), a_number="211111111"),
        WalkIn("Eva", "Cruz", date(1990, 1, 1), a_number="A211-111-111"),
    ]
    with pytest.raises(UserError, match="two people"):
        register_walk_ins(site, intake, twins)


def test_vulnerability_flags_are_checked_and_stored_in_one_form(site: Store, intake: Actor) -> None:
    maria = queries.find_person(site, "REG-0001")["id"]
    assert update_contact(site, intake, maria, {"vulnerabilities": "embarazo, disability"}).value
    assert queries.find_person(site, maria)["vulnerabilities"] == "disability;pregnancy"
    with pytest.raises(UserError):
        update_contact(site, intake, maria, {"vulnerabilities": "pregnancy; bogus"})
    assert queries.find_person(site, maria)["vulnerabilities"] == "disability;pregnancy"


def test_a_persons_history_includes_the_facts_about_them(site: Store, intake: Actor, key) -> None:
    from staging.audit.history import person_history
    from staging.domain import Role
    from staging.security.access import Session

    maria = queries.find_person(site, "REG-0001")["id"]
    issue_bands(site, intake, [maria])
    issue_bands(site, intake, [maria])  # the first band is marked replaced
    check_in(site, intake, [maria], EVERY_SIGN)
    admin = Session(site, Actor("ana", Role.ADMIN), key)
    history = person_history(admin, maria)
    kinds = [(entry["entity"], entry["action"].rsplit(":", 1)[1]) for entry in history]
    assert ("wristband", "update") in kinds
    assert ("check_in", "insert") in kinds
    assert kinds[0] == ("person", "insert")
    with pytest.raises(PermissionDenied):
        person_history(Session(site, intake, key), maria)
    reads = site.db.execute("SELECT user FROM audit_log WHERE entity = 'audit_trail'").fetchall()
    assert reads == [("ana",)]


def _check_ins(store: Store) -> list[tuple[str, str]]:
    return store.db.execute(
        "SELECT p.registration_id, c.confirmed_stop_signs FROM check_in c"
        " JOIN person p ON p.id = c.person_id ORDER BY p.registration_id"
    ).fetchall()


def test_a_held_check_in_is_refused_by_name_and_writes_nothing(site: Store, intake: Actor) -> None:
    family = [r["id"] for r in queries.household_records(site, _household_of(site, "REG-0001"))]
    with pytest.raises(Refused) as held:
        check_in(site, intake, family)
    assert "Awaiting verification: María Ñúñez Gómez, Ángel Ñúñez Gómez" in held.value.message_en
    assert "En espera de verificación: María Ñúñez Gómez" in held.value.message_es
    assert _check_ins(site) == []


def test_a_confirmed_check_in_records_what_was_confirmed(
    site: Store, intake: Actor, coordinator: Actor
) -> None:
    maria, angel = (queries.find_person(site, r)["id"] for r in ("REG-0001", "REG-0002"))
    record_verification(site, coordinator, [maria], Verification.VERIFIED)
    confirmed = frozenset({StopSign.AWAITING_VERIFICATION})
    check_in(site, intake, [maria, angel], confirmed)
    # No appointment only warns, so it is not among what was confirmed.
    assert _check_ins(site) == [("REG-0001", ""), ("REG-0002", "awaiting_verification")]


def test_an_expected_arrival_needs_no_confirmation(
    store: Store, coordinator: Actor, intake: Actor, tmp_path: Path
) -> None:
    today = store.today().isoformat()
    import_registrations(
        store,
        coordinator,
        write_registrations(tmp_path / "l.csv", [registration_row(1, appointment_date=today)]),
    )
    person = queries.find_person(store, "REG-0001")["id"]
    record_verification(store, coordinator, [person], Verification.VERIFIED)
    assert check_in(store, intake, [person]).value == [person]
    assert _check_ins(store) == [("REG-0001", "")]


def test_a_walk_in_only_warns(site: Store, intake: Actor) -> None:
    [walk_in] = register_walk_ins(
        site, intake, [WalkIn("Julián", "Zelaya", date(1984, 2, 29))]
    ).value
    assert check_in(site, intake, [walk_in]).value == [walk_in]


def _household_of(store: Store, registration_id: str) -> str:
    return queries.find_person(store, registration_id)["household_id"]


def test_arrivals_are_listed_latest_first_with_their_time(
    site: Store, intake: Actor, clock
) -> None:
    from staging.clock import site_day_start
    from staging.intake.queries import arrived_since

    start = site_day_start(clock, "America/Tijuana").isoformat(timespec="milliseconds")
    rosa = queries.find_person(site, "REG-0003")["id"]
    check_in(site, intake, [rosa], EVERY_SIGN)
    clock.advance(timedelta(minutes=7))
    maria = queries.find_person(site, "REG-0001")["id"]
    check_in(site, intake, [maria], EVERY_SIGN)
    arrivals = arrived_since(site, start)
    assert [(r["registration_id"], r["checked_in_at"][11:16]) for r in arrivals] == [
        ("REG-0001", "18:07"),
        ("REG-0003", "18:00"),
    ]
