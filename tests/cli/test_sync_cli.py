"""`hub init` and `sync` (hub, USB export, USB import) as an administrator runs them, against a
real PostgreSQL hub: JSON and bilingual output, refusals and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest import mock

import pytest

from cli.main import run
from staging.people.queries import find_person
from staging.registration.service import import_registrations
from staging.security.access import create_site, open_site
from staging.security.keyfile import KdfParams
from staging.sync.desk import hub_link, join_hub
from tests.conftest import registration_row, write_registrations

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSWORD = "a-good-password"
SITE = "tijuana"


def run_cli(argv: list[str]) -> int:
    with mock.patch.dict(os.environ, {"STAGING_PASSWORD": PASSWORD}):
        return run(argv)


@pytest.fixture
def desk_a(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    admin = create_site(path, "admin", PASSWORD, kdf=FAST)
    rows = [registration_row(1), registration_row(2)]
    import_registrations(admin.store, admin.actor, write_registrations(tmp_path / "l.csv", rows))
    admin.close()
    return path


@pytest.fixture
def desk_b(tmp_path: Path) -> Path:
    path = tmp_path / "b.db"
    create_site(path, "admin", PASSWORD, kdf=FAST).close()
    return path


def login(path: Path) -> list[str]:
    return ["--db", str(path), "--user", "admin"]


def join(desk: Path, source: Path, url: str) -> None:
    """B joins with A's keys (what an enrollment file will carry)."""
    a, b = open_site(source, "admin", PASSWORD), open_site(desk, "admin", PASSWORD)
    try:
        join_hub(b.store, b.actor, url, SITE, hub_link(a.store).keys)
    finally:
        a.close()
        b.close()


def has_person(path: Path, number: int) -> bool:
    session = open_site(path, "admin", PASSWORD)
    try:
        return find_person(session.store, f"REG-{number:04d}") is not None
    finally:
        session.close()


def test_hub_init_then_sync_carries_a_desks_people_to_another(
    desk_a: Path, desk_b: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["hub", "init", "--hub", url, "--site", SITE, *login(desk_a), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["site"] == SITE
    assert run_cli(["sync", *login(desk_a), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["sent"] > 0 and report["received"] == 0
    join(desk_b, desk_a, url)
    assert run_cli(["sync", *login(desk_b)]) == 0
    human = capsys.readouterr().out
    assert "received" in human and "recibidos" in human
    assert has_person(desk_b, 2)


def test_a_usb_bundle_is_exported_and_imported_once(
    desk_a: Path, desk_b: Path, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["hub", "init", "--hub", url, "--site", SITE, *login(desk_a)]) == 0
    join(desk_b, desk_a, url)
    capsys.readouterr()
    assert run_cli(["sync", "export", str(tmp_path / "usb"), *login(desk_a), "--json"]) == 0
    bundle = json.loads(capsys.readouterr().out)["bundle"]
    assert Path(bundle).parent == tmp_path / "usb"
    assert run_cli(["sync", "import", bundle, *login(desk_b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applied"] > 0
    assert run_cli(["sync", "import", bundle, *login(desk_b), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["applied"] == 0
    assert has_person(desk_b, 1)


def test_refusals_are_bilingual_with_their_exit_codes(
    desk_a: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["sync", *login(desk_a)]) == 1
    assert "not linked to a sync hub" in capsys.readouterr().err
    assert run_cli(["sync", "export", *login(desk_a)]) == 2
    assert "necesita" in capsys.readouterr().err
    damaged = tmp_path / "x.sdsync"
    damaged.write_bytes(b"not a bundle")
    assert run_cli(["sync", "import", str(damaged), *login(desk_a), "--json"]) == 1
    assert "error_es" in json.loads(capsys.readouterr().out)


def test_hub_desks_lists_the_site_s_desks_and_hub_revoke_revokes_one(
    desk_a: Path, desk_b: Path, url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["hub", "init", "--hub", url, "--site", SITE, *login(desk_a)]) == 0
    join(desk_b, desk_a, url)
    capsys.readouterr()
    assert run_cli(["hub", "desks", *login(desk_a), "--json"]) == 0
    desks = json.loads(capsys.readouterr().out)["desks"]
    assert [desk["this_desk"] for desk in desks] == [True, False]
    lost = desks[1]["device"]
    assert run_cli(["hub", "revoke", lost, *login(desk_a)]) == 0
    human = capsys.readouterr().out
    assert f"Desk {lost} revoked" in human and "revocado" in human
    assert run_cli(["hub", "desks", *login(desk_a)]) == 0
    assert f"{lost}  revoked / revocado" in capsys.readouterr().out
    assert run_cli(["sync", *login(desk_b), "--json"]) == 1
    assert "revoked" in json.loads(capsys.readouterr().out)["error_en"]
    assert run_cli(["hub", "revoke", "nobody", *login(desk_a)]) == 1
    assert "no conoce ningún equipo" in capsys.readouterr().err
