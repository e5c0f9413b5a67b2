"""`staging-site roster`, `trip`, `vehicle` and `board`: a day planned, printed and written for
CBP as files nobody else can read and never over another file, then boarded by scan, closed and
handed over, each through the core."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from cli.main import run
from staging.clock import FrozenClock
from staging.domain import Role
from staging.people import queries
from staging.rules.transport import Vehicle
from staging.security.access import Session, add_user, create_site, open_site
from staging.security.keyfile import KdfParams
from staging.transport.operations import add_trip, add_vehicle
from staging.wristbands.operations import card_codes
from tests.conftest import REFERENCE_MOMENT
from tests.helpers.transport import HouseholdSpec, Story, build_households, scanned_in_order

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORDS = {"admin": "a-good-password", "carmen": "carmen-password", "ivan": "ivan-password"}
TODAY = date(2021, 3, 1)  # a Monday; the frozen clock stands at 10:00 in Tijuana
TOMORROW = TODAY + timedelta(days=1)
ENROLLED = date(2019, 6, 1)


@dataclass
class Output:
    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        return json.loads(self.out)


@dataclass
class Site:
    """REG-0001 and REG-0002 (household H-1) and REG-0003 (H-2) ready to travel tomorrow,
    REG-0004 (H-3) checked in but not screened; everyone wears a wristband. Van 1 (4 rows of
    3) leaves tomorrow at 07:30. Users: admin, carmen (coordinator), ivan (intake)."""

    db: Path
    trip: str
    capsys: pytest.CaptureFixture[str]

    def run(self, *argv: str, user: str = "carmen") -> Output:
        self.capsys.readouterr()
        with mock.patch.dict(os.environ, {"STAGING_PASSWORD": PASSWORDS[user]}):
            code = run([*argv, "--db", str(self.db), "--user", user])
        captured = self.capsys.readouterr()
        return Output(code, captured.out, captured.err)

    def json(self, *argv: str, user: str = "carmen") -> Output:
        return self.run(*argv, "--json", user=user)

    def open(self) -> Session:
        return open_site(self.db, "admin", PASSWORDS["admin"], clock=FrozenClock(REFERENCE_MOMENT))

    def bands(self, *registrations: str) -> list[str]:
        """The wristband codes people wear (read, not issued anew)."""
        session = self.open()
        try:
            ids = [queries.find_person(session.store, r)["id"] for r in registrations]
            codes = card_codes(session.store, session.actor, ids).value
            return [codes[person] for person in ids]
        finally:
            session.close()


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Site:
    clock = FrozenClock(REFERENCE_MOMENT)
    path = tmp_path / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORDS["carmen"], kdf=FAST)
    add_user(admin, "ivan", Role.INTAKE, PASSWORDS["ivan"], kdf=FAST)
    specs = [
        HouseholdSpec(2, Story.READY, 1, ENROLLED),
        HouseholdSpec(1, Story.READY, 1, ENROLLED + timedelta(days=30)),
        HouseholdSpec(1, Story.NOT_SCREENED, 1, ENROLLED),
    ]
    build_households(admin.store, tmp_path, specs, TOMORROW)
    van = add_vehicle(admin.store, admin.actor, Vehicle("Van 1", rows=4, seats_per_row=3)).value
    trip = add_trip(admin.store, admin.actor, TOMORROW, "SYS", "07:30", van).value
    admin.close()
    monkeypatch.setattr("cli.main.open_site", partial(open_site, clock=clock))
    return Site(path, trip, capsys)


def owner_only(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


# --- roster plan ---------------------------------------------------------------------------------


def test_plan_fills_tomorrows_trips_to_the_sites_port_and_says_who_stays(site: Site) -> None:
    result = site.json("roster", "plan")
    assert result.code == 0, result.err
    data = result.data
    assert (data["day"], data["port"], data["capacity"], data["planned"]) == (
        "2021-03-02",
        "SYS",
        25,
        3,
    )
    [trip] = data["trips"]
    assert (trip["trip_id"], trip["vehicle"], trip["departs_at"]) == (site.trip, "Van 1", "07:30")
    seats = {person["registration_id"]: person["seat"] for person in trip["people"]}
    assert seats == {"REG-0001": "1A", "REG-0002": "1B", "REG-0003": "3A"}
    [left] = data["not_planned"]
    assert (left["registration_id"], left["household"]) == ("REG-0004", "H-3")
    assert {"code": "not_screened", "en": "Not screened", "es": "Sin evaluación de salud"} in (
        left["reasons"]
    )


def test_plan_in_words_says_the_reasons_in_both_languages(site: Site) -> None:
    result = site.run("roster", "plan", "--date", "2021-03-02", "--port", "SYS")
    assert result.code == 0, result.err
    assert "3 planned of 25 the port receives / 3 planeadas de 25" in result.out
    assert "07:30  Van 1" in result.out
    assert "Not planned / Sin viaje:" in result.out
    assert "(REG-0004): Not screened / Sin evaluación de salud" in result.out


def test_only_those_who_plan_transport_may_plan(site: Site) -> None:
    result = site.run("roster", "plan", user="ivan")
    assert result.code == 1
    assert "may not" in result.err


# --- roster pdf and manifest ----------------------------------------------------------------------


def test_the_roster_pdf_is_the_planned_day_owner_only_never_overwritten(
    site: Site, tmp_path: Path
) -> None:
    target = tmp_path / "roster.pdf"
    assert site.run("roster", "plan").code == 0
    result = site.json("roster", "pdf", "--out", str(target))
    assert result.code == 0, result.err
    assert result.data["people"] == 3 and result.data["without_band"] == 0
    assert owner_only(target)
    pdf = target.read_bytes()
    assert scanned_in_order(pdf) == site.bands("REG-0001", "REG-0002", "REG-0003")
    again = site.run("roster", "pdf", "--out", str(target))
    assert again.code == 1
    assert "already exists" in again.err and "ya existe" in again.err
    assert target.read_bytes() == pdf


def test_nothing_is_printed_before_the_day_is_planned(site: Site, tmp_path: Path) -> None:
    target = tmp_path / "roster.pdf"
    result = site.run("roster", "pdf", "--out", str(target))
    assert result.code == 1
    assert "plan the day first" in result.err and "primero planee el día" in result.err
    assert not target.exists()


def test_the_manifest_as_csv_and_json_follows_the_roster(site: Site, tmp_path: Path) -> None:
    assert site.run("roster", "plan").code == 0
    sheet, document = tmp_path / "manifest.csv", tmp_path / "manifest.json"
    assert site.run("roster", "manifest", "--out", str(sheet)).code == 0
    assert site.run("roster", "manifest", "--out", str(document)).code == 0
    assert owner_only(sheet) and owner_only(document)
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8-sig"))))
    assert [(r["order"], r["seat"], r["household"]) for r in rows] == [
        ("1", "1A", "H-1"),
        ("2", "1B", "H-1"),
        ("3", "3A", "H-2"),
    ]
    assert rows[0]["a_number"] == "A 200-000-001"
    people = json.loads(document.read_text(encoding="utf-8"))["people"]
    assert [p["seat"] for p in people] == ["1A", "1B", "3A"]
    wrong = site.run("roster", "manifest", "--out", str(tmp_path / "manifest.txt"))
    assert wrong.code == 2
    assert "a .csv or a .json file" in wrong.err


# --- vehicles and trips ---------------------------------------------------------------------------


def test_a_vehicle_and_its_trip_are_added_by_name(site: Site) -> None:
    added = site.json("vehicle", "add", "Autobús 1", "--rows", "12", "--seats", "4")
    assert added.code == 0, added.err
    assert added.data["seats_with_distancing"] == 24
    trip = site.json("trip", "add", "--at", "10:00", "--vehicle", "Autobús 1")
    assert trip.code == 0, trip.err
    assert (trip.data["day"], trip.data["port"], trip.data["departs_at"]) == (
        "2021-03-02",
        "SYS",
        "10:00",
    )
    unknown = site.run("trip", "add", "--at", "11:00", "--vehicle", "Van 9")
    assert unknown.code == 1
    assert "Autobús 1, Van 1" in unknown.err
    past = site.run("trip", "add", "--date", "2021-02-28", "--at", "11:00", "--vehicle", "Van 1")
    assert past.code == 1
    assert "has passed" in past.err and "ya pasó" in past.err


# --- boarding, closing, the hand-over -------------------------------------------------------------


def test_board_by_scan_close_and_hand_over(site: Site) -> None:
    assert site.run("roster", "plan").code == 0
    jose, rosa = site.bands("REG-0001", "REG-0004")
    untold = site.run("board", site.trip, jose, "--mask", "own", user="ivan")
    assert untold.code == 1 and "instructions" in untold.err
    boarded = site.json("board", site.trip, jose, "--mask", "own", "--instructions", user="ivan")
    assert boarded.code == 0, boarded.err
    assert (boarded.data["seat"], boarded.data["boarded"], boarded.data["expected"]) == ("1A", 1, 3)
    stranger = site.run("board", site.trip, rosa, "--mask", "own", "--instructions", user="ivan")
    assert stranger.code == 1
    assert "STOP:" in stranger.err and "ALTO:" in stranger.err
    early = site.run("trip", "arrived", site.trip)
    assert early.code == 1 and "Close the trip" in early.err
    # José's household would leave split: refused until confirmed on purpose.
    split = site.run("trip", "close", site.trip)
    assert split.code == 1 and "Pérez2 did not board while their family did" in split.err
    closed = site.json("trip", "close", site.trip, "--confirm-split")
    assert closed.code == 0, closed.err
    assert sorted(p["registration_id"] for p in closed.data["no_shows"]) == [
        "REG-0002",
        "REG-0003",
    ]
    arrived = site.json("trip", "arrived", site.trip)
    assert arrived.code == 0, arrived.err
    assert arrived.data["delivered"] == 1


def test_the_manifest_leaving_the_site_is_audited(site: Site, tmp_path: Path) -> None:
    """Like any export: who wrote it, for which day, how many people."""
    assert site.run("roster", "plan").code == 0
    assert site.run("roster", "manifest", "--out", str(tmp_path / "manifiesto.csv")).code == 0
    session = site.open()
    try:
        entry = session.store.db.execute(
            "SELECT user, entity, entity_id, after FROM audit_log ORDER BY seq DESC LIMIT 1"
        ).fetchone()
    finally:
        session.close()
    assert entry[:3] == ("carmen", "export", "manifiesto.csv")
    assert json.loads(entry[3]) == {
        "kind": "cbp_manifest",
        "day": "2021-03-02",
        "port": "SYS",
        "people": 3,
    }
