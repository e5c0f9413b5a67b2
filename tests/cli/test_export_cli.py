"""`export` and `decrypt-export` as staff and partners run them: passphrases, refusals, codes."""

from __future__ import annotations

import io
import json
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from cli.export_commands import DECRYPT_COMMAND, PASSPHRASE_VARIABLE
from cli.main import run
from staging.domain import Role
from staging.exports import MAGIC
from staging.registration.service import import_registrations
from staging.security.access import add_user, create_site
from staging.security.keyfile import KdfParams
from tests.conftest import registration_row, write_registrations

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
PASSPHRASE = "tres tristes tigres"
PASSWORDS = {"admin": "a-good-password", "ivan": "ivan-password"}


def run_cli(argv: list[str]) -> int:
    """The real `staging-site` entry point, logged in with the user's password from PASSWORDS."""
    env = {}
    if "--user" in argv:
        env["STAGING_PASSWORD"] = PASSWORDS[argv[argv.index("--user") + 1]]
    with mock.patch.dict(os.environ, env):
        return run(argv)


class Terminal(io.StringIO):
    """A standard input a person is typing at."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "site.db"
    admin = create_site(path, "admin", PASSWORDS["admin"], kdf=FAST)
    add_user(admin, "ivan", Role.INTAKE, PASSWORDS["ivan"], kdf=FAST)
    rows = [registration_row(1, given_names="Lucía"), registration_row(2)]
    import_registrations(admin.store, admin.actor, write_registrations(tmp_path / "l.csv", rows))
    admin.close()
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    yield


def test_export_then_decrypt_gives_the_plaintext_export(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    sealed, plain, opened = out / "people.csv", out / "plain.csv", out / "opened.csv"
    assert run_cli(["export", str(sealed), "--db", str(db), "--user", "admin", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "path": str(out / "people.csv.sdx"),
        "format": "csv",
        "rows": 2,
        "encrypted": True,
    }
    header = (out / "people.csv.sdx").read_bytes()[:21]
    assert header[:8] == MAGIC
    default = KdfParams()  # the same Argon2id cost as the users' key slots
    assert struct.unpack(">III", header[9:]) == (
        default.time_cost,
        default.memory_kib,
        default.parallelism,
    )
    assert run_cli(["export", str(plain), "--plaintext", "--db", str(db), "--user", "admin"]) == 0
    capsys.readouterr()
    assert run_cli([DECRYPT_COMMAND, str(out / "people.csv.sdx"), str(opened)]) == 0
    assert "Decrypted / Descifrado" in capsys.readouterr().out
    assert opened.read_bytes() == plain.read_bytes()
    assert "Lucía" in opened.read_text(encoding="utf-8-sig")


def test_the_format_follows_the_file_name_unless_given(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    login = ["--db", str(db), "--user", "admin", "--json"]
    assert run_cli(["export", str(out / "a.json"), *login]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "json"
    assert run_cli(["export", str(out / "b.json"), "--format", "csv", *login]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "csv"
    assert run_cli(["export", str(out / "c"), *login]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(out / "c.sdx")


@pytest.mark.usefixtures("no_terminal")
def test_no_passphrase_and_no_terminal_is_a_usage_error(db: Path, out: Path, capsys) -> None:
    assert run_cli(["export", str(out / "p.csv"), "--db", str(db), "--user", "admin"]) == 2
    assert PASSPHRASE_VARIABLE in capsys.readouterr().err
    (out / "x.csv.sdx").write_bytes(MAGIC)
    assert run_cli([DECRYPT_COMMAND, str(out / "x.csv.sdx"), str(out / "x.csv")]) == 2
    assert "Falta la frase de contraseña" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["x.csv.sdx"]


@pytest.mark.usefixtures("no_terminal")
def test_a_plaintext_export_asks_for_no_passphrase(db: Path, out: Path, capsys) -> None:
    argv = ["export", str(out / "p.csv"), "--plaintext", "--db", str(db), "--user", "admin"]
    assert run_cli(argv) == 0
    text = capsys.readouterr().out
    assert "UNENCRYPTED export of 2 people" in text
    assert "Exportación SIN CIFRAR de 2 personas" in text


def test_a_typed_passphrase_is_asked_twice(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    typed = iter([PASSPHRASE, PASSPHRASE, PASSPHRASE, "tres tristes tigras"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    login = ["--db", str(db), "--user", "admin"]
    assert run_cli(["export", str(out / "a.csv"), *login]) == 0
    assert "Encrypted export of 2 people" in capsys.readouterr().out
    assert run_cli(["export", str(out / "b.csv"), *login]) == 1
    err = capsys.readouterr().err
    assert "The two passphrases differ" in err and "no coinciden" in err
    assert sorted(p.name for p in out.iterdir()) == ["a.csv.sdx"]


def test_intake_may_not_export(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    for extra in ([], ["--plaintext"]):
        argv = ["export", str(out / "p.csv"), *extra, "--db", str(db), "--user", "ivan"]
        assert run_cli(argv) == 1
        err = capsys.readouterr().err
        assert "ivan (Intake) may not export data" in err
        assert "ivan (Recepcionista) no tiene permiso para exportar datos" in err
    assert list(out.iterdir()) == []


def test_decrypting_with_the_wrong_passphrase_writes_nothing(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    run_cli(["export", str(out / "p.csv"), "--db", str(db), "--user", "admin"])
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "tres tristes trigos")
    capsys.readouterr()
    assert run_cli([DECRYPT_COMMAND, str(out / "p.csv.sdx"), str(out / "p.csv"), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["error_en"].startswith("Wrong passphrase")
    assert "Frase de contraseña incorrecta" in captured.err
    assert not (out / "p.csv").exists()


def test_decrypting_never_overwrites(
    db: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv(PASSPHRASE_VARIABLE, PASSPHRASE)
    run_cli(["export", str(out / "p.csv"), "--db", str(db), "--user", "admin"])
    (out / "keep.csv").write_text("mine", encoding="utf-8")
    assert run_cli([DECRYPT_COMMAND, str(out / "p.csv.sdx"), str(out / "keep.csv")]) == 1
    assert "already exists" in capsys.readouterr().err
    assert (out / "keep.csv").read_text(encoding="utf-8") == "mine"
