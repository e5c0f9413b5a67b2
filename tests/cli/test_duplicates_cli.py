"""`staging-site duplicates`: list, show, dismiss and merge possible duplicates, as staff and
scripts use it (both languages, JSON, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli.main import run
from staging.intake.operations import check_in
from staging.people import queries
from staging.rules import StopSign
from staging.security.access import open_site
from tests.conftest import registration_row, write_registrations

ADMIN_PASSWORD = "correct horse battery"


@pytest.fixture
def site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Path:
    """REG-0001 and REG-0002: alike names, one birth date, different phones."""
    monkeypatch.setenv("STAGING_PASSWORD", ADMIN_PASSWORD)
    db = tmp_path / "site.db"
    assert run(["init", "--db", str(db), "--admin", "admin"]) == 0
    rows = [registration_row(1), registration_row(2, phone="+52 664 555 0202")]
    source = write_registrations(tmp_path / "lista.csv", rows)
    assert run(["import", str(source), "--db", str(db), "--user", "admin"]) == 0
    capsys.readouterr()
    return db


def command(site: Path, *argv: str) -> list[str]:
    return [*argv, "--db", str(site), "--user", "admin"]


def as_json(capsys: pytest.CaptureFixture[str], site: Path, *argv: str) -> tuple[int, Any]:
    code = run(command(site, *argv, "--json"))
    return code, json.loads(capsys.readouterr().out)


def the_pair(capsys: pytest.CaptureFixture[str], site: Path) -> dict[str, Any]:
    code, pairs = as_json(capsys, site, "duplicates", "list")
    assert code == 0 and len(pairs) == 1
    return pairs[0]


def test_list_and_show_name_both_registrations_and_mark_what_differs(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = the_pair(capsys, site)
    assert {pair["first"]["registration_id"], pair["second"]["registration_id"]} == {
        "REG-0001",
        "REG-0002",
    }
    assert run(command(site, "duplicates", "list")) == 0
    out = capsys.readouterr().out
    assert "posibles duplicados por revisar" in out and pair["id"] in out
    code, shown = as_json(capsys, site, "duplicates", "show", pair["id"])
    assert code == 0
    assert shown["differing"] == ["household_id", "paternal_surname", "a_number", "phone"]
    assert shown["needs_confirmation"] is False
    assert [p["registration_id"] for p in shown["people"]] == ["REG-0001", "REG-0002"]
    assert run(command(site, "duplicates", "show", pair["id"])) == 0
    out = capsys.readouterr().out
    assert "* phone (Phone / Teléfono)" in out
    assert "  sex (Sex / Sexo)" in out
    assert "Suggested to keep / Se sugiere conservar: REG-0001" in out


def test_merge_keeps_one_and_the_other_registration_finds_it(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = the_pair(capsys, site)
    assert (
        run(
            command(
                site, "duplicates", "merge", pair["id"], "--keep", "REG-0002", "--take", "a_number"
            )
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "REG-0001 → REG-0002" in out and "REG-0001 ahora encuentra a REG-0002" in out
    code, person = as_json(capsys, site, "person", "REG-0001")
    assert code == 0
    assert (person["registration_id"], person["a_number"]) == ("REG-0002", "200000001")
    code, pairs = as_json(capsys, site, "duplicates", "list")
    assert (code, pairs) == (0, [])
    assert run(command(site, "duplicates", "list")) == 0
    assert "No hay posibles duplicados por revisar" in capsys.readouterr().out


def test_a_merge_of_two_people_checked_in_needs_confirm(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = the_pair(capsys, site)
    session = open_site(site, "admin", ADMIN_PASSWORD)
    try:
        people = [queries.find_person(session.store, f"REG-000{n}")["id"] for n in (1, 2)]
        check_in(session.store, session.actor, people, frozenset(StopSign))
    finally:
        session.close()
    merge = ["duplicates", "merge", pair["id"], "--keep", "REG-0001", "--take", "phone"]
    assert run(command(site, *merge)) == 1
    err = capsys.readouterr().err
    assert "(add --confirm)" in err and "(añada --confirm)" in err and "REG-0002" in err
    code, merged = as_json(capsys, site, *merge, "--confirm")
    assert code == 0
    assert merged["taken"] == ["phone"] and merged["copied"] == {"check_in": 1}


def test_dismiss_once_and_refusals_exit_one_in_both_languages(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = the_pair(capsys, site)
    wrong = ["duplicates", "merge", pair["id"], "--keep", "REG-0001", "--take", "registration_id"]
    assert run(command(site, *wrong)) == 1
    assert "alias" in capsys.readouterr().err
    assert run(command(site, "duplicates", "dismiss", pair["id"])) == 0
    assert "No es la misma persona" in capsys.readouterr().out
    assert run(command(site, "duplicates", "dismiss", pair["id"])) == 1
    err = capsys.readouterr().err
    assert "different people by admin" in err and "personas distintas" in err
    assert run(command(site, "duplicates", "show", "no-such-pair")) == 1
    assert "No existe el posible duplicado" in capsys.readouterr().err
