"""`staging-site courts`: the nearest courts to a ZIP code, with no login or from the site's own
directory, and an administrator loading an updated directory."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from cli.main import run

ADMIN_PASSWORD = "correct horse battery"
DATA = resources.files("staging.courts").joinpath("data")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STAGING_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "site.db"
    assert run(["init", "--db", str(path), "--admin", "admin", "--port", "ELP"]) == 0
    return path


def lists(folder: Path, extra_court: str = "") -> tuple[str, str]:
    """The shipped files, with one more line in the courts file."""
    courts = folder / "courts.csv"
    courts.write_text(DATA.joinpath("courts.csv").read_text(encoding="utf-8") + extra_court)
    offices = folder / "opla_offices.csv"
    offices.write_bytes(DATA.joinpath("opla_offices.csv").read_bytes())
    return str(courts), str(offices)


SOCORRO = "socorro,Socorro Immigration Court,1 Main Street,,El Paso,TX,79936,no,el-paso,,,\n"


def test_nearest_needs_no_login_and_lists_courts_in_order(capsys) -> None:
    assert run(["courts", "nearest", "79936", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert "El Paso Immigration Court — 10.4 mi / 16.7 km" in out
    assert "700 E. San Antonio Avenue, Suite 750, El Paso, TX 79901" in out
    assert "OPLA: Office of the Principal Legal Advisor, El Paso" in out
    assert out.index("El Paso Immigration Court") < out.index("Tucson Immigration Court")
    assert "SPC" not in out  # a detention court is not proposed for a released person


def test_nearest_as_json(capsys) -> None:
    assert run(["courts", "nearest", "78566-1234", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["directory"] == "shipped"
    first = report["courts"][0]
    assert (first["rank"], first["key"]) == (1, "harlingen")
    assert (first["miles"], first["km"]) == (18.1, 29.1)
    assert first["opla_office"]["key"] == "harlingen"
    assert "port-isabel" not in [court["key"] for court in report["courts"]]
    assert len(report["courts"]) == 5


def test_nearest_for_a_detained_person_includes_detention_courts(capsys) -> None:
    assert run(["courts", "nearest", "78566", "--detained", "--limit", "1", "--json"]) == 0
    [court] = json.loads(capsys.readouterr().out)["courts"]
    assert (court["key"], court["detained_only"]) == ("port-isabel", True)


@pytest.mark.parametrize("typed", ["7993", "ABCDE", "00000"])
def test_an_unknown_zip_exits_1_with_the_message_in_both_languages(typed: str, capsys) -> None:
    assert run(["courts", "nearest", typed]) == 1
    err = capsys.readouterr().err
    assert "ZIP" in err
    assert "código postal" in err


def test_the_sites_directory_needs_the_user_as_well_as_the_database(db: Path, capsys) -> None:
    assert run(["courts", "nearest", "79936", "--db", str(db)]) == 2
    assert "--db needs --user" in capsys.readouterr().err


def test_an_administrator_loads_a_directory_the_site_then_uses(
    db: Path, tmp_path: Path, capsys
) -> None:
    courts, offices = lists(tmp_path, SOCORRO)
    assert run(["courts", "load", courts, offices, "--db", str(db), "--user", "admin"]) == 0
    assert "74 courts, 69 OPLA offices" in capsys.readouterr().out
    site = ["courts", "nearest", "79936", "--limit", "1", "--json"]
    assert run([*site, "--db", str(db), "--user", "admin"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["directory"], report["courts"][0]["key"]) == ("site", "socorro")
    assert run(site) == 0  # without logging in: the shipped directory, which has no Socorro
    assert json.loads(capsys.readouterr().out)["courts"][0]["key"] == "el-paso"


def test_a_refused_directory_exits_1_naming_row_and_column(
    db: Path, tmp_path: Path, capsys
) -> None:
    courts, offices = lists(tmp_path, SOCORRO.replace("el-paso", "el-pazo"))
    assert run(["courts", "load", courts, offices, "--db", str(db), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "courts.csv, row 75, column opla_key: the OPLA office “el-pazo”" in err
    assert "courts.csv, fila 75, columna opla_key: la oficina OPLA “el-pazo”" in err
    assert run(["courts", "nearest", "79936", "--db", str(db), "--user", "admin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["courts"][0]["key"] == "el-paso"
