"""`staging-site audit verify`: every finding printed in both languages, exit code 1 if any."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import run
from staging.security.access import open_site
from staging.store.database import connect
from tests.conftest import registration_row, write_registrations

PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    """A site with two people, one plaintext export, and a manual backup on a USB stick."""
    monkeypatch.setenv("STAGING_PASSWORD", PASSWORD)
    path = tmp_path / "site.db"
    usb = tmp_path / "usb"
    usb.mkdir()
    people = write_registrations(tmp_path / "l.csv", [registration_row(1), registration_row(2)])
    login = ["--db", str(path), "--user", "admin"]
    assert run(["init", "--db", str(path), "--admin", "admin"]) == 0
    assert run(["import", str(people), *login]) == 0
    assert run(["export", str(tmp_path / "out.csv"), "--plaintext", *login]) == 0
    assert run(["backup", "--to", str(usb), *login]) == 0
    capsys.readouterr()
    return path


def verify(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> tuple[int, str]:
    code = run(["audit", "verify", "--db", str(db), "--user", "admin", *extra])
    return code, capsys.readouterr().out


def test_an_untouched_site_verifies(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = verify(capsys, db, "--anchors", str(db.parent / "usb"))
    assert code == 0
    assert "Audit log intact" in out and "Registro de auditoría íntegro" in out
    assert "Anchors outside the database checked: 2" in out
    assert "Change log, search index and schema as the app left them" in out


def test_each_finding_is_printed_in_both_languages(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = open_site(db, "admin", PASSWORD)
    outside_the_app = connect(db, session.key)  # someone holding the data key, with an SQL shell
    session.close()
    outside_the_app.execute("PRAGMA foreign_keys = OFF")
    outside_the_app.execute(
        "DELETE FROM audit_log WHERE seq >= (SELECT seq FROM audit_log WHERE entity = 'export')"
    )
    outside_the_app.execute(
        "DELETE FROM person_search WHERE rowid = "
        "(SELECT rowid FROM person WHERE registration_id = 'REG-0001')"
    )
    outside_the_app.execute("CREATE TABLE stash (x TEXT)")
    outside_the_app.conn.commit()
    outside_the_app.close()

    code, out = verify(capsys, db, "--anchors", str(db.parent / "usb"))
    assert code == 1
    for label, english, spanish in [
        ("[change log / registro de cambios]", "has no audit entry", "no tiene entrada"),
        ("[search index / índice de búsqueda]", "REG-0001", "no aparece al buscar"),
        ("[schema / esquema]", "Unexpected table stash", "Objeto inesperado (tabla) stash"),
        ("[anchors / anclas]", "were deleted from the end", "se borraron entradas del final"),
    ]:
        assert label in out
        assert english in out and spanish in out

    code = run(["audit", "verify", "--db", str(db), "--user", "admin", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and not report["intact"]
    assert {f["check"] for f in report["findings"]} == {"change_log", "search", "schema", "anchors"}
