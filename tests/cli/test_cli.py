"""The `staging-site` command as staff and scripts use it: outputs, JSON and exit codes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cli.main import run
from staging.audit.integrity import data_differences
from staging.demo.partner_lists import PARTNER_SECOND_REGISTRATIONS
from staging.security.access import open_site
from staging.store.database import connect
from tests.conftest import registration_row, write_registrations

ADMIN_PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("STAGING_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "site.db"
    assert (
        run(
            [
                "init",
                "--db",
                str(path),
                "--admin",
                "admin",
                "--site-name",
                "Casa del Migrante",
                "--port",
                "ELP",
                "--timezone",
                "America/Ciudad_Juarez",
            ]
        )
        == 0
    )
    return path


def run_json(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, object]:
    code = run([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_import_reports_counts_as_json(db: Path, tmp_path: Path, capsys) -> None:
    rows = [registration_row(1), registration_row(2, date_of_birth="32/13/1990")]
    source = write_registrations(tmp_path / "list.csv", rows)
    capsys.readouterr()
    code, report = run_json(capsys, ["import", str(source), "--db", str(db), "--user", "admin"])
    assert code == 1
    for key in (
        "imported",
        "updated",
        "rejected",
        "households",
        "possible_duplicates",
        "rejects_file",
    ):
        assert key in report
    assert (report["imported"], report["rejected"]) == (1, 1)
    assert Path(report["rejects_file"]).exists()


def test_clean_import_exits_zero_and_speaks_both_languages(
    db: Path, tmp_path: Path, capsys
) -> None:
    source = write_registrations(tmp_path / "list.csv", [registration_row(1)])
    capsys.readouterr()
    assert run(["import", str(source), "--db", str(db), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "Imported / Importados:" in out


def test_unreadable_file_gets_a_clear_message(db: Path, tmp_path: Path, capsys) -> None:
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(os.urandom(2048))
    capsys.readouterr()
    assert run(["import", str(broken), "--db", str(db), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "lista.xlsx" in err
    assert "Traceback" not in err


def test_usage_errors_exit_two(db: Path) -> None:
    with pytest.raises(SystemExit) as usage:
        run(["import", "--db", str(db), "--user", "admin"])
    assert usage.value.code == 2
    with pytest.raises(SystemExit) as unknown:
        run(["fly", "--db", str(db), "--user", "admin"])
    assert unknown.value.code == 2


def test_person_and_search_and_queue(db: Path, tmp_path: Path, capsys) -> None:
    rows = [
        registration_row(1, given_names="María", paternal_surname="Ñúñez", household_id="F-1"),
        registration_row(
            2,
            given_names="Ángel",
            paternal_surname="Ñúñez",
            household_id="F-1",
            date_of_birth="2015-01-12",
        ),
        registration_row(3, case_status="removed_after_hearing"),
    ]
    source = write_registrations(tmp_path / "l.csv", rows)
    run(["import", str(source), "--db", str(db), "--user", "admin"])
    capsys.readouterr()

    code, hits = run_json(capsys, ["search", "nunez maria", "--db", str(db), "--user", "admin"])
    assert code == 0
    assert hits[0]["name"] == "María Ñúñez Gómez"

    code, person = run_json(capsys, ["person", "A200000001", "--db", str(db), "--user", "admin"])
    assert code == 0
    assert person["registration_id"] == "REG-0001"
    assert person["blockers"] == [
        "not_verified",
        "not_checked_in",
        "not_screened",
        "eoir33_not_done",
    ]
    assert {m["registration_id"] for m in person["household_members"]} == {"REG-0001", "REG-0002"}

    assert run(["person", "REG-0001", "--db", str(db), "--user", "admin"]) == 0
    text = capsys.readouterr().out
    assert "Still needed / Falta:" in text
    assert "Not verified by DHS yet / Aún no verificado por DHS" in text

    code, queue = run_json(capsys, ["queue", "--db", str(db), "--user", "admin"])
    assert code == 0
    assert [entry["household"] for entry in queue] == ["F-1"]
    assert queue[0]["vulnerable"] is False


def test_unknown_person_exits_one(db: Path, capsys) -> None:
    assert run(["person", "REG-9999", "--db", str(db), "--user", "admin"]) == 1
    assert "REG-9999" in capsys.readouterr().err


def test_audit_verify_catches_tampering(db: Path, tmp_path: Path, capsys) -> None:
    run(
        [
            "import",
            str(write_registrations(tmp_path / "l.csv", [registration_row(1)])),
            "--db",
            str(db),
            "--user",
            "admin",
        ]
    )
    capsys.readouterr()
    code, report = run_json(capsys, ["audit", "verify", "--db", str(db), "--user", "admin"])
    assert code == 0 and report["intact"]

    session = open_site(db, "admin", ADMIN_PASSWORD)
    outside_the_app = connect(db, session.key)  # someone holding the key, with an SQL shell
    session.close()
    outside_the_app.execute("UPDATE audit_log SET user = 'mallory' WHERE seq = 5")
    outside_the_app.conn.commit()
    outside_the_app.close()
    code, report = run_json(capsys, ["audit", "verify", "--db", str(db), "--user", "admin"])
    assert code == 1
    assert report["first_broken_seq"] == 5


def test_template_in_spanish_imports_cleanly(db: Path, tmp_path: Path, capsys) -> None:
    template = tmp_path / "plantilla.csv"
    assert run(["template", str(template), "--spanish"]) == 0
    header = template.read_text(encoding="utf-8-sig").splitlines()[0]
    assert "nombres" in header.lower()
    assert run(["import", str(template), "--db", str(db), "--user", "admin"]) == 0


def test_demo_builds_a_site_at_every_stage(tmp_path: Path, capsys) -> None:
    path = tmp_path / "demo.db"
    assert run(["demo", "--db", str(path), "--people", "300", "--seed", "5"]) == 0
    session = open_site(path, "intake", "intake-demo")
    db = session.store.db
    people = db.execute("SELECT count(*) FROM person").fetchone()[0]
    states = {r[0] for r in db.execute("SELECT DISTINCT state FROM verification_event")}
    arrived = db.execute("SELECT count(*) FROM check_in").fetchone()[0]
    differences = data_differences(db)
    session.close()
    assert differences == []
    # The 300 of the list, and a partner's second registrations of three of them (for review).
    assert people == 300 + PARTNER_SECOND_REGISTRATIONS
    assert {"submitted", "verified", "ineligible", "unresolved"} <= states
    assert arrived > 0
    capsys.readouterr()
    assert run(["demo", "--db", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_the_installed_command_runs(tmp_path: Path) -> None:
    command = shutil.which("staging-site", path=str(Path(sys.executable).parent))
    assert command is not None
    env = {**os.environ, "STAGING_PASSWORD": ADMIN_PASSWORD}
    database = str(tmp_path / "x.db")
    for args in (["init", "--admin", "admin"], ["search", "nadie", "--user", "admin"]):
        result = subprocess.run(
            [command, *args, "--db", database, "--json"],
            capture_output=True,
            text=True,
            check=False,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_no_password_and_no_terminal_is_a_usage_error(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv("STAGING_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["queue", "--db", str(db), "--user", "admin"]) == 2
    assert "STAGING_PASSWORD" in capsys.readouterr().err


def test_wrong_password_opens_nothing(db: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("STAGING_PASSWORD", "not the password")
    assert run(["queue", "--db", str(db), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "Wrong user name or password" in err
    assert "Usuario o contraseña incorrectos" in err


def test_audit_verify_catches_data_changed_outside_the_app(
    db: Path, tmp_path: Path, capsys
) -> None:
    rows = [registration_row(1), registration_row(2)]
    run(
        [
            "import",
            str(write_registrations(tmp_path / "l.csv", rows)),
            "--db",
            str(db),
            "--user",
            "admin",
        ]
    )
    capsys.readouterr()
    session = open_site(db, "admin", ADMIN_PASSWORD)
    outside_the_app = connect(db, session.key)
    session.close()
    outside_the_app.execute(
        "UPDATE person SET case_status = 'pending', a_number = '999999999' "
        "WHERE registration_id = 'REG-0002'"
    )
    outside_the_app.execute("PRAGMA foreign_keys = OFF")
    outside_the_app.execute("DELETE FROM household WHERE external_id = 'H-0001'")
    outside_the_app.conn.commit()
    outside_the_app.close()
    code, report = run_json(capsys, ["audit", "verify", "--db", str(db), "--user", "admin"])
    assert code == 1
    assert report["first_broken_seq"] is None
    described = "\n".join(report["data_differences"])
    assert "a_number is '999999999'" in described
    assert "household" in described and "deleted outside" in described


def test_import_prints_what_to_check_in_both_languages(db: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "list.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows = [registration_row(1), registration_row(2)]
    sheet.append(list(rows[0]))
    for row in rows:
        sheet.append(list(row.values()))
    sheet.row_dimensions[3].hidden = True
    workbook.save(source)
    capsys.readouterr()
    assert run(["import", str(source), "--db", str(db), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "Check / Revise: Row 3 is hidden in the workbook" in out
    assert "La fila 3 está oculta en el libro" in out
