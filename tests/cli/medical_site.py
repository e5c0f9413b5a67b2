"""A site for the medical commands: four users, two checked-in households, a kit and a place.

The `staging-site` commands open the site with the system clock; these tests give them a
frozen one (2021-03-01 10:00 in Tijuana) by handing `cli.main` an `open_site` bound to it, so
a specimen "collected at 09:40" is always twenty minutes old and a test can move ten days on.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from cli.main import run
from staging.clock import FrozenClock
from staging.domain import Role
from staging.intake.operations import check_in
from staging.people import queries
from staging.registration.service import import_registrations
from staging.rules import StopSign
from staging.screening.supplies import KNOWN_KITS, add_isolation_place, add_kit_lot, add_kit_type
from staging.security.access import add_user, create_site, open_site
from staging.security.keyfile import KdfParams
from tests.conftest import REFERENCE_MOMENT, registration_row, write_registrations

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORDS = {
    "admin": "a-good-password",
    "sofia": "sofia-password",  # screener
    "ivan": "ivan-password",  # intake
    "carmen": "carmen-password",  # coordinator
}
TODAY = date(2021, 3, 1)
# Site time on TODAY: the frozen clock stands at 10:00.
COLLECTED, READ = "2021-03-01 09:40", "2021-03-01 09:58"


@dataclass
class Output:
    code: int
    out: str
    err: str

    @property
    def data(self) -> Any:
        return json.loads(self.out)


@dataclass
class MedicalSite:
    """People: REG-0001 and REG-0002 (household H-1), REG-0003 (H-3), REG-0004 (H-4, not
    checked in); kit lots BX-1 (usable) and BX-OLD (expired yesterday); place Hotel Frontera."""

    db: Path
    clock: FrozenClock
    capsys: pytest.CaptureFixture[str]

    def run(self, *argv: str, user: str = "sofia") -> Output:
        """`staging-site ARGV --db … --user USER`, as typed, with the user's password."""
        self.capsys.readouterr()
        env = {"STAGING_PASSWORD": PASSWORDS[user]}
        with mock.patch.dict(os.environ, env):
            code = run([*argv, "--db", str(self.db), "--user", user])
        captured = self.capsys.readouterr()
        return Output(code, captured.out, captured.err)

    def json(self, *argv: str, user: str = "sofia") -> Output:
        return self.run(*argv, "--json", user=user)

    def screen(self, person: str, result: str, *extra: str) -> Output:
        """`screening record` of an antigen test on lot BX-1, collected at 09:40 and read at
        09:58, as a person reads it."""
        return self.run(
            "screening",
            "record",
            person,
            "--lot",
            "BX-1",
            "--collected",
            COLLECTED,
            "--read",
            READ,
            "--result",
            result,
            *extra,
        )

    def positive(self, person: str, *extra: str) -> Output:
        """A positive test (36.9 °C), isolated at Hotel Frontera; answered in JSON."""
        return self.screen(
            person,
            "positive",
            "--temperature",
            "36.9",
            "--place",
            "Hotel Frontera",
            *extra,
            "--json",
        )

    def negative(self, person: str, *extra: str) -> Output:
        """A negative test; answered in JSON."""
        return self.screen(person, "negative", *extra, "--json")


def build_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> MedicalSite:
    clock = FrozenClock(REFERENCE_MOMENT)
    path = tmp_path / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], clock=clock, kdf=FAST)
    add_user(admin, "sofia", Role.SCREENER, PASSWORDS["sofia"], kdf=FAST)
    add_user(admin, "ivan", Role.INTAKE, PASSWORDS["ivan"], kdf=FAST)
    add_user(admin, "carmen", Role.COORDINATOR, PASSWORDS["carmen"], kdf=FAST)
    rows = [
        registration_row(1, household_id="H-1", given_names="Lucía", sex="F"),
        registration_row(2, household_id="H-1", given_names="Mateo"),
        registration_row(3, household_id="H-3", given_names="Rosa", sex="F"),
        registration_row(4, household_id="H-4"),
    ]
    store, actor = admin.store, admin.actor
    import_registrations(store, actor, write_registrations(tmp_path / "list.csv", rows))
    arrived = [queries.find_person(store, f"REG-000{n}")["id"] for n in (1, 2, 3)]
    check_in(store, actor, arrived, confirmed=frozenset(StopSign))
    binax = add_kit_type(store, actor, KNOWN_KITS[0]).value
    add_kit_lot(store, actor, binax, "BX-1", date(2021, 6, 30))
    add_kit_lot(store, actor, binax, "BX-OLD", date(2021, 2, 28))
    add_isolation_place(store, actor, "Hotel Frontera", "Av. Revolución 1")
    admin.close()
    monkeypatch.setattr("cli.main.open_site", partial(open_site, clock=clock))
    return MedicalSite(path, clock, capsys)
