"""`staging-site backup` and `staging-site restore` as staff and scripts use them."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sqlcipher3

from cli.main import run
from staging.security.access import open_site
from staging.security.keyfile import keyfile_path
from tests.conftest import registration_row, write_registrations

ADMIN_PASSWORD = "correct horse battery"
INTAKE_PASSWORD = "intake password"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site with an intake user and two people; the admin's password in the environment."""
    monkeypatch.setenv("STAGING_PASSWORD", ADMIN_PASSWORD)
    path = tmp_path / "desk" / "site.db"
    path.parent.mkdir()
    assert run(["init", "--db", str(path), "--admin", "admin"]) == 0
    monkeypatch.setenv("STAGING_NEW_PASSWORD", INTAKE_PASSWORD)
    assert (
        run(["users", "add", "ivan", "--role", "intake", "--db", str(path), "--user", "admin"]) == 0
    )
    source = write_registrations(tmp_path / "l.csv", [registration_row(1), registration_row(2)])
    assert run(["import", str(source), "--db", str(path), "--user", "admin"]) == 0
    return path


def run_json(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, str]]:
    capsys.readouterr()
    code = run([*args, "--json"])
    return code, json.loads(capsys.readouterr().out)


def people_in(path: Path) -> int:
    session = open_site(path, "admin", ADMIN_PASSWORD)
    try:
        return session.store.db.execute("SELECT count(*) FROM person").fetchone()[0]
    finally:
        session.close()


def test_backup_goes_to_the_automatic_folder_by_default(db: Path, capsys) -> None:
    code, report = run_json(capsys, ["backup", "--db", str(db), "--user", "admin"])
    assert code == 0
    made = Path(report["backup"])
    assert made.parent == db.with_name("site.db.backups")
    assert made.name.startswith("staging-backup-") and made.exists()
    assert Path(report["keys"]) == keyfile_path(made) and keyfile_path(made).exists()


def test_backup_to_a_usb_stick_speaks_both_languages(db: Path, tmp_path: Path, capsys) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    capsys.readouterr()
    assert run(["backup", "--to", str(usb), "--db", str(db), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "Backup saved / Copia de seguridad guardada" in out
    assert "Guarde staging-backup-" in out
    assert len(list(usb.glob("staging-backup-*.db"))) == 1


def test_backup_refusals_exit_one_in_both_languages(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    capsys.readouterr()
    missing = tmp_path / "no-stick"
    assert run(["backup", "--to", str(missing), "--db", str(db), "--user", "admin"]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "no existe" in err
    assert not missing.exists()

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setenv("STAGING_PASSWORD", INTAKE_PASSWORD)
    assert run(["backup", "--to", str(usb), "--db", str(db), "--user", "ivan"]) == 1
    assert "no tiene permiso" in capsys.readouterr().err
    assert list(usb.iterdir()) == []


def test_restore_onto_a_new_laptop(db: Path, tmp_path: Path, capsys) -> None:
    _, report = run_json(capsys, ["backup", "--db", str(db), "--user", "admin"])
    fresh = tmp_path / "new-laptop" / "site.db"
    code, restored = run_json(
        capsys, ["restore", report["backup"], "--db", str(fresh), "--user", "admin"]
    )
    assert code == 0
    assert restored == {"restored": str(fresh), "backup": report["backup"], "replaced": None}
    assert people_in(fresh) == 2
    code, audit = run_json(capsys, ["audit", "verify", "--db", str(fresh), "--user", "admin"])
    assert code == 0 and audit["intact"]


def test_restore_keeps_what_it_replaces(db: Path, tmp_path: Path, capsys) -> None:
    _, report = run_json(capsys, ["backup", "--db", str(db), "--user", "admin"])
    later = write_registrations(tmp_path / "later.csv", [registration_row(3)])
    assert run(["import", str(later), "--db", str(db), "--user", "admin"]) == 0
    capsys.readouterr()
    assert run(["restore", report["backup"], "--db", str(db), "--user", "admin"]) == 0
    out = capsys.readouterr().out
    assert "La base anterior se guardó" in out
    replaced = next(db.parent.glob("site.db.replaced-*Z"))
    assert str(replaced) in out
    assert (people_in(db), people_in(replaced)) == (2, 3)


def test_restore_refusals_leave_the_site_alone(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    _, report = run_json(capsys, ["backup", "--db", str(db), "--user", "admin"])
    before = (db.read_bytes(), keyfile_path(db).read_bytes())

    monkeypatch.setenv("STAGING_PASSWORD", INTAKE_PASSWORD)
    assert run(["restore", report["backup"], "--db", str(db), "--user", "ivan"]) == 1
    err = capsys.readouterr().err
    assert "Only an active administrator" in err and "Solo un administrador" in err

    monkeypatch.setenv("STAGING_PASSWORD", "not the password")
    assert run(["restore", report["backup"], "--db", str(db), "--user", "admin"]) == 1
    assert "Usuario o contraseña incorrectos" in capsys.readouterr().err

    monkeypatch.delenv("STAGING_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert run(["restore", report["backup"], "--db", str(db), "--user", "admin"]) == 2
    assert "STAGING_PASSWORD" in capsys.readouterr().err

    assert (db.read_bytes(), keyfile_path(db).read_bytes()) == before
    assert not list(db.parent.glob("*.replaced-*"))


def test_restore_needs_a_user_and_a_file(db: Path, capsys) -> None:
    capsys.readouterr()
    with pytest.raises(SystemExit) as no_user:
        run(["restore", "backup.db", "--db", str(db)])
    assert no_user.value.code == 2
    assert "required: --user" in capsys.readouterr().err
    with pytest.raises(SystemExit) as no_file:
        run(["restore", "--db", str(db), "--user", "admin"])
    assert no_file.value.code == 2
    assert "required: FILE" in capsys.readouterr().err


def test_a_damaged_backup_gets_one_clear_message(
    db: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """SQLCipher's own page-by-page complaints are not for the person at the desk."""
    level = sqlcipher3.connect(":memory:").execute("PRAGMA cipher_log_level").fetchone()
    run(["backup", "--db", str(db), "--user", "admin"])
    backup = next(db.with_name("site.db.backups").glob("*.db"))
    data = bytearray(backup.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)
    backup.write_bytes(bytes(data))
    capfd.readouterr()
    assert run(["restore", str(backup), "--db", str(db), "--user", "admin"]) == 1
    err = capfd.readouterr().err
    assert "is damaged" in err and "está dañada" in err
    assert "hmac" not in err.lower()
    assert sqlcipher3.connect(":memory:").execute("PRAGMA cipher_log_level").fetchone() == level
